package storage

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// values returns the a column of table t, in order.
func values(t *testing.T, db *DB) []int64 {
	t.Helper()
	var out []int64
	for _, r := range query(t, db, "SELECT a FROM t ORDER BY a") {
		out = append(out, r[0].(int64))
	}
	return out
}

func TestFramesNest(t *testing.T) {
	db := sqlDB(t)
	query(t, db, "CREATE TABLE t (a)")
	require.NoError(t, db.CommitTurn())

	n, err := db.PushFrame()
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	query(t, db, "INSERT INTO t VALUES (1)")
	require.NoError(t, db.CommitTurn())

	n, err = db.PushFrame()
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	query(t, db, "INSERT INTO t VALUES (2)")
	require.NoError(t, db.CommitTurn())
	depth, err := db.BeginTxn()
	require.NoError(t, err)
	query(t, db, "INSERT INTO t VALUES (3)")
	require.NoError(t, db.CommitTxn(depth))
	require.NoError(t, db.Put("k", []byte("v")))
	require.NoError(t, db.CommitTurn())
	query(t, db, "INSERT INTO t VALUES (4)") // left uncommitted
	assert.Equal(t, []int64{1, 2, 3, 4}, values(t, db))

	require.NoError(t, db.PopFrame())
	assert.Equal(t, 1, db.Frames())
	assert.False(t, db.TurnOpen())
	assert.Equal(t, []int64{1}, values(t, db))
	assert.Equal(t, []string{"t"}, schema(t, db), "_cf_KV was created inside the frame")

	require.NoError(t, db.PopFrame())
	assert.Empty(t, values(t, db))
	assert.ErrorIs(t, db.PopFrame(), ErrNoFrame)
}

func TestPushFrameCommitsTheTurn(t *testing.T) {
	db := sqlDB(t)
	query(t, db, "CREATE TABLE t (a); INSERT INTO t VALUES (1)")
	assert.True(t, db.TurnOpen())
	_, err := db.PushFrame()
	require.NoError(t, err)
	assert.False(t, db.TurnOpen())
	require.NoError(t, db.PopFrame())
	assert.Equal(t, []int64{1}, values(t, db), "the turn before the frame stays")
}

func TestPushFrameRefusedInTransaction(t *testing.T) {
	db := sqlDB(t)
	depth, err := db.BeginTxn()
	require.NoError(t, err)
	_, err = db.PushFrame()
	assert.ErrorIs(t, err, ErrTxnOpen)
	require.NoError(t, db.CommitTxn(depth))

	depth, err = db.BeginSyncTxn()
	require.NoError(t, err)
	_, err = db.PushFrame()
	assert.ErrorIs(t, err, ErrTxnOpen)
	require.NoError(t, db.CommitSyncTxn(depth))
}

func TestPopFrameEndsEverythingInside(t *testing.T) {
	db := sqlDB(t)
	query(t, db, "CREATE TABLE t (a); INSERT INTO t VALUES (1), (2)")
	require.NoError(t, db.CommitTurn())
	_, err := db.PushFrame()
	require.NoError(t, err)

	query(t, db, "INSERT INTO t VALUES (3)")
	_, err = db.BeginSyncTxn()
	require.NoError(t, err)
	c, err := db.Exec("SELECT a FROM t")
	require.NoError(t, err)
	require.NoError(t, db.Put("x", []byte("1")))
	it, err := db.ListIter(ListOptions{})
	require.NoError(t, err)

	require.NoError(t, db.PopFrame())
	assert.False(t, db.InTransaction())
	assert.False(t, db.TurnOpen())
	_, ok, err := c.Next()
	require.NoError(t, err)
	assert.False(t, ok, "cursor ended")
	_, _, ok, err = it.Next()
	require.NoError(t, err)
	assert.False(t, ok, "iterator ended")
	assert.Equal(t, []int64{1, 2}, values(t, db))

	// Ended cursors hand their statements back: the same SQL runs again.
	assert.Equal(t, [][]any{{int64(1)}, {int64(2)}}, query(t, db, "SELECT a FROM t"))
}

func TestTurn(t *testing.T) {
	db := sqlDB(t)
	query(t, db, "CREATE TABLE t (a)")
	require.NoError(t, db.CommitTurn())
	assert.False(t, db.TurnOpen())

	query(t, db, "SELECT * FROM t")
	_, _, err := db.Get("x")
	require.NoError(t, err)
	_, _, err = db.GetAlarm()
	require.NoError(t, err)
	assert.False(t, db.TurnOpen(), "reads do not open the turn")

	query(t, db, "INSERT INTO t VALUES (1)")
	assert.True(t, db.TurnOpen())
	require.NoError(t, db.RollbackTurn())
	assert.False(t, db.TurnOpen())
	assert.Empty(t, values(t, db))
	require.NoError(t, db.CommitTurn(), "nothing to commit")
}

func TestTransactions(t *testing.T) {
	db := sqlDB(t)
	query(t, db, "CREATE TABLE t (a)")

	// An open turn is committed when a transaction starts.
	query(t, db, "INSERT INTO t VALUES (1)")
	d0, err := db.BeginTxn()
	require.NoError(t, err)
	assert.Equal(t, 0, d0)
	assert.False(t, db.TurnOpen())
	assert.True(t, db.InTransaction())
	query(t, db, "INSERT INTO t VALUES (2)")
	assert.False(t, db.TurnOpen(), "writes inside a transaction belong to it")

	d1, err := db.BeginTxn()
	require.NoError(t, err)
	assert.Equal(t, 1, d1)
	query(t, db, "INSERT INTO t VALUES (3)")

	e := asError(t, db.RollbackTxn(d0))
	assert.Equal(t, "Cannot roll back an outer transaction while a nested transaction is still running.", e.Message)
	assert.ErrorIs(t, db.CommitTxn(d0), ErrNoTxn)
	require.NoError(t, db.CommitTxn(d1))
	assert.Equal(t, []int64{1, 2, 3}, values(t, db))
	require.NoError(t, db.RollbackTxn(d0))
	assert.Equal(t, []int64{1}, values(t, db))
	assert.False(t, db.InTransaction())
	assert.ErrorIs(t, db.CommitTxn(0), ErrNoTxn)
}

func TestSyncTransactions(t *testing.T) {
	db := sqlDB(t)
	query(t, db, "CREATE TABLE t (a)")
	require.NoError(t, db.CommitTurn())

	d0, err := db.BeginSyncTxn()
	require.NoError(t, err)
	assert.True(t, db.TurnOpen(), "transactionSync counts as a write")
	query(t, db, "INSERT INTO t VALUES (1)")
	d1, err := db.BeginSyncTxn()
	require.NoError(t, err)
	assert.Equal(t, []int{0, 1}, []int{d0, d1})
	query(t, db, "INSERT INTO t VALUES (2)")
	assert.ErrorIs(t, db.CommitSyncTxn(d0), ErrNoTxn)
	assert.ErrorIs(t, db.CommitTurn(), ErrTxnOpen, "a turn cannot end inside transactionSync")
	require.NoError(t, db.RollbackSyncTxn(d1))
	require.NoError(t, db.CommitSyncTxn(d0))
	assert.Equal(t, []int64{1}, values(t, db))

	// Still inside the turn: rolling it back undoes the committed sync transaction.
	require.NoError(t, db.RollbackTurn())
	assert.Empty(t, values(t, db))

	// A transaction() inside a transactionSync() nests without committing the turn.
	query(t, db, "INSERT INTO t VALUES (5)")
	s, err := db.BeginSyncTxn()
	require.NoError(t, err)
	a, err := db.BeginTxn()
	require.NoError(t, err)
	query(t, db, "INSERT INTO t VALUES (6)")
	require.NoError(t, db.CommitTxn(a))
	require.NoError(t, db.CommitSyncTxn(s))
	require.NoError(t, db.RollbackTurn())
	assert.Empty(t, values(t, db))
}

func TestDeferredForeignKeysAtCommit(t *testing.T) {
	const violated = MsgConstraintReset +
		"FOREIGN KEY constraint failed: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_FOREIGNKEY)"
	db := sqlDB(t)
	query(t, db, `CREATE TABLE p (id INTEGER PRIMARY KEY);
		CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id))`)
	require.NoError(t, db.CommitTurn())
	_, err := db.PushFrame()
	require.NoError(t, err)

	// Immediate by default.
	e := execErr(t, db, "INSERT INTO c VALUES (1, 9)")
	require.NotNil(t, e)
	assert.Equal(t, violated[len(MsgConstraintReset):], e.Message)

	// Deferred and fixed before the end of the turn.
	query(t, db, "PRAGMA defer_foreign_keys = ON")
	query(t, db, "INSERT INTO c VALUES (1, 9); INSERT INTO p VALUES (9)")
	require.NoError(t, db.CommitTurn())
	assert.Equal(t, [][]any{{int64(0)}}, query(t, db, "PRAGMA defer_foreign_keys"),
		"the pragma switches off at the end of the transaction, as at a COMMIT")

	// Deferred and left violated: the turn is rolled back, even inside a frame.
	query(t, db, "PRAGMA defer_foreign_keys = ON")
	query(t, db, "INSERT INTO c VALUES (2, 8)")
	e = asError(t, db.CommitTurn())
	assert.Equal(t, violated, e.Message)
	assert.Equal(t, 19, e.Code)
	assert.Equal(t, [][]any{{int64(1)}}, query(t, db, "SELECT count(*) FROM c"))

	// The outermost transaction() is checked the same way.
	d, err := db.BeginTxn()
	require.NoError(t, err)
	query(t, db, "PRAGMA defer_foreign_keys = ON")
	query(t, db, "INSERT INTO c VALUES (3, 7)")
	assert.Equal(t, violated, asError(t, db.CommitTxn(d)).Message)
	assert.False(t, db.InTransaction())
	assert.Equal(t, [][]any{{int64(1)}}, query(t, db, "SELECT count(*) FROM c"))
}

func TestPopFrameRestoresPragmas(t *testing.T) {
	db := sqlDB(t)
	query(t, db, "CREATE TABLE t (a CHECK (a > 0))")
	_, err := db.PushFrame()
	require.NoError(t, err)
	query(t, db, "PRAGMA ignore_check_constraints = ON; PRAGMA reverse_unordered_selects = yes")
	query(t, db, "INSERT INTO t VALUES (-1)")
	require.NoError(t, db.PopFrame())

	assert.Equal(t, [][]any{{int64(0)}}, query(t, db, "PRAGMA ignore_check_constraints"))
	assert.Equal(t, [][]any{{int64(0)}}, query(t, db, "PRAGMA reverse_unordered_selects"))
	assert.NotNil(t, execErr(t, db, "INSERT INTO t VALUES (-1)"))

	// A cached statement that sets a pragma is tracked on every run, not only when compiled.
	_, err = db.PushFrame()
	require.NoError(t, err)
	query(t, db, "PRAGMA ignore_check_constraints = ON")
	require.NoError(t, db.PopFrame())
	_, err = db.PushFrame()
	require.NoError(t, err)
	query(t, db, "PRAGMA ignore_check_constraints = ON")
	require.NoError(t, db.PopFrame())
	assert.Equal(t, [][]any{{int64(0)}}, query(t, db, "PRAGMA ignore_check_constraints"))
}

func TestCriticalError(t *testing.T) {
	db := openDB(t, Options{SQL: true, MaxBytes: 10 * pageSize})
	query(t, db, "CREATE TABLE s (id INTEGER PRIMARY KEY, v TEXT)")
	query(t, db, "INSERT INTO s VALUES (1, 'a')")
	require.NoError(t, db.CommitTurn())
	_, err := db.PushFrame()
	require.NoError(t, err)

	query(t, db, "INSERT INTO s VALUES (2, 'a')")
	depth, err := db.BeginSyncTxn()
	require.NoError(t, err)
	e := execErr(t, db, "INSERT INTO s VALUES (3, ?)", strings.Repeat("a", 100_000))
	require.NotNil(t, e)
	assert.Equal(t, "database or disk is full: SQLITE_FULL", e.Message)
	assert.True(t, e.Critical)

	// The handle keeps failing with the critical error, as workerd's does.
	assert.Equal(t, e.Message, execErr(t, db, "SELECT 1").Message)
	assert.Equal(t, msgCriticalCommit, asError(t, db.CommitSyncTxn(depth)).Message)
	assert.NoError(t, db.RollbackSyncTxn(depth))
	assert.Equal(t, e.Message, asError(t, db.CommitTurn()).Message)

	// The next instance sees the last committed state, and frames still pair.
	db = db.Renew()
	assert.Equal(t, [][]any{{int64(1)}}, query(t, db, "SELECT id FROM s"))
	assert.Equal(t, 1, db.Frames())
	require.NoError(t, db.PopFrame())
	assert.ErrorIs(t, db.PopFrame(), ErrNoFrame)
}

func TestBrokenHandle(t *testing.T) {
	db := sqlDB(t)
	query(t, db, "CREATE TABLE t (a); INSERT INTO t VALUES (1)")
	require.NoError(t, db.CommitTurn())
	_, err := db.PushFrame()
	require.NoError(t, err)
	query(t, db, "INSERT INTO t VALUES (2)")
	c, err := db.Exec("SELECT a FROM t")
	require.NoError(t, err)

	fresh := db.Renew()
	for name, call := range brokenCalls(db) {
		err := call()
		e := asError(t, err)
		assert.Equal(t, MsgNoLongerAccessible, e.Message, name)
	}
	_, _, err = c.Next()
	assert.Equal(t, MsgNoLongerAccessible, asError(t, err).Message)
	assert.NoError(t, db.RollbackSyncTxn(0), "nothing left to roll back")

	assert.Equal(t, []int64{1}, values(t, fresh), "uncommitted writes were rolled back")
	require.NoError(t, fresh.PopFrame(), "frames work on any handle")

	require.NoError(t, fresh.Close())
	require.NoError(t, fresh.Close())
	for name, call := range brokenCalls(fresh) {
		assert.Equal(t, MsgNoLongerAccessible, asError(t, call()).Message, name)
	}
	_, err = fresh.PushFrame()
	assert.Equal(t, MsgNoLongerAccessible, asError(t, err).Message)
	assert.Equal(t, MsgNoLongerAccessible, asError(t, fresh.PopFrame()).Message)
	assert.Equal(t, MsgNoLongerAccessible, asError(t, fresh.RollbackTurn()).Message)
}

func brokenCalls(db *DB) map[string]func() error {
	return map[string]func() error{
		"Get":         func() error { _, _, err := db.Get("a"); return err },
		"GetMany":     func() error { _, err := db.GetMany([]string{"a"}); return err },
		"Put":         func() error { return db.Put("a", nil) },
		"PutMany":     func() error { return db.PutMany([]Entry{{"a", nil}}) },
		"Delete":      func() error { _, err := db.Delete("a"); return err },
		"DeleteMany":  func() error { _, err := db.DeleteMany([]string{"a"}); return err },
		"DeleteAll":   db.DeleteAll,
		"List":        func() error { _, err := db.List(ListOptions{}); return err },
		"ListIter":    func() error { _, err := db.ListIter(ListOptions{}); return err },
		"GetAlarm":    func() error { _, _, err := db.GetAlarm(); return err },
		"SetAlarm":    func() error { return db.SetAlarm(1) },
		"DeleteAlarm": db.DeleteAlarm,
		"Exec":        func() error { _, err := db.Exec("SELECT 1"); return err },
		"Size":        func() error { _, err := db.DatabaseSize(); return err },
		"CommitTurn":  db.CommitTurn,
		"BeginTxn":    func() error { _, err := db.BeginTxn(); return err },
		"CommitTxn":   func() error { return db.CommitTxn(0) },
		"Rollback":    func() error { return db.RollbackTxn(0) },
		"BeginSync":   func() error { _, err := db.BeginSyncTxn(); return err },
		"CommitSync":  func() error { return db.CommitSyncTxn(0) },
	}
}

func TestErrorsAreTyped(t *testing.T) {
	db := sqlDB(t)
	_, err := db.Exec("SELECT * FROM nowhere")
	var e *Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, "Error", e.Kind.String())
	assert.Equal(t, "TypeError", KindTypeError.String())
	assert.Equal(t, "RangeError", KindRangeError.String())
	assert.Equal(t, e.Message, e.Error())
}
