package storage

import (
	"container/list"

	sqlite3 "modernc.org/sqlite/lib"
)

// stmt is a prepared statement and what the engine knows about it.
type stmt struct {
	p        uintptr
	sql      string
	params   int
	readonly bool
	busy     bool // held by a live cursor or iterator
	cached   bool // owned by a cache, else finalized when its user is done

	// pragma is set when the statement sets one of the tracked boolean pragmas.
	pragma *pragmaWrite

	// cols caches the column names for the statement as compiled reprepares times.
	cols      []string
	colsEpoch int64

	elem *list.Element // position in the user cache's LRU list
}

// userCacheBytes bounds the SQL text the user statement cache holds, as workerd's does.
const userCacheBytes = 1 << 20

// stmtCache keeps the user's prepared statements by SQL text, least recently used first
// out once their text exceeds userCacheBytes.
type stmtCache struct {
	byText map[string]*stmt
	lru    list.List // of *stmt, most recent at the front
	bytes  int
}

func (sc *stmtCache) get(sql string) *stmt {
	st := sc.byText[sql]
	if st != nil {
		sc.lru.MoveToFront(st.elem)
	}
	return st
}

// put adds st and returns the statements evicted to make room.
func (sc *stmtCache) put(st *stmt) []*stmt {
	if sc.byText == nil {
		sc.byText = make(map[string]*stmt)
	}
	st.cached = true
	st.elem = sc.lru.PushFront(st)
	sc.byText[st.sql] = st
	sc.bytes += len(st.sql)

	var evicted []*stmt
	for sc.bytes > userCacheBytes && sc.lru.Len() > 1 {
		old := sc.lru.Back().Value.(*stmt)
		sc.remove(old)
		evicted = append(evicted, old)
	}
	return evicted
}

func (sc *stmtCache) remove(st *stmt) {
	sc.lru.Remove(st.elem)
	delete(sc.byText, st.sql)
	sc.bytes -= len(st.sql)
	st.cached, st.elem = false, nil
}

// internalStmt returns the trusted statement for sql, preparing it on first use. The
// engine's own statements are few and fixed, so they are never evicted.
func (d *database) internalStmt(sql string) (*stmt, error) {
	if st := d.internal[sql]; st != nil {
		return st, nil
	}
	p, _, rc := d.c.prepare(sql, true)
	if rc != sqlite3.SQLITE_OK {
		return nil, d.fail(rc)
	}
	st := &stmt{p: p, sql: sql, params: d.c.paramCount(p), readonly: d.c.readonly(p), cached: true}
	d.internal[sql] = st
	return st, nil
}

// bindAll binds args to st's parameters in order.
func (d *database) bindAll(st *stmt, args []any) error {
	for i, a := range args {
		if err := d.bindValue(st, i+1, a); err != nil {
			d.c.clearBindings(st.p)
			return err
		}
	}
	return nil
}

// bindValue binds one Go value: nil is NULL, float64 REAL, int64 and int INTEGER, string
// TEXT, []byte BLOB.
func (d *database) bindValue(st *stmt, i int, v any) error {
	var rc int32
	switch x := v.(type) {
	case nil:
		rc = d.c.bindNull(st.p, i)
	case float64:
		rc = d.c.bindDouble(st.p, i, x)
	case int64:
		rc = d.c.bindInt64(st.p, i, x)
	case int:
		rc = d.c.bindInt64(st.p, i, int64(x))
	case string:
		rc = d.c.bindText(st.p, i, x)
	case []byte:
		rc = d.c.bindBlob(st.p, i, x)
	default:
		return newError(KindTypeError, msgUnsupportedBinding, v)
	}
	if rc != sqlite3.SQLITE_OK {
		return d.fail(rc)
	}
	return nil
}

// run executes a trusted statement to completion.
func (d *database) run(sql string, args ...any) error {
	st, err := d.internalStmt(sql)
	if err != nil {
		return err
	}
	if err := d.bindAll(st, args); err != nil {
		return err
	}
	rc := d.c.step(st.p)
	for rc == sqlite3.SQLITE_ROW {
		rc = d.c.step(st.p)
	}
	if rc != sqlite3.SQLITE_DONE {
		err = d.fail(rc)
	}
	d.done(st)
	return err
}

// done makes an internal or cached statement ready for its next use.
func (d *database) done(st *stmt) {
	d.c.reset(st.p)
	if st.params > 0 {
		d.c.clearBindings(st.p)
	}
}

// queryRow runs a trusted statement and hands its first row, if any, to read.
func (d *database) queryRow(sql string, read func(p uintptr), args ...any) (bool, error) {
	st, err := d.internalStmt(sql)
	if err != nil {
		return false, err
	}
	if err := d.bindAll(st, args); err != nil {
		return false, err
	}
	defer d.done(st)

	switch rc := d.c.step(st.p); rc {
	case sqlite3.SQLITE_ROW:
		read(st.p)
		return true, nil
	case sqlite3.SQLITE_DONE:
		return false, nil
	default:
		return false, d.fail(rc)
	}
}

// execOnce prepares, runs and finalizes sql without caching it.
func (d *database) execOnce(sql string) error {
	p, _, rc := d.c.prepare(sql, false)
	if rc != sqlite3.SQLITE_OK {
		return d.fail(rc)
	}
	rc = d.c.step(p)
	for rc == sqlite3.SQLITE_ROW {
		rc = d.c.step(p)
	}
	var err error
	if rc != sqlite3.SQLITE_DONE {
		err = d.fail(rc)
	}
	d.c.finalize(p)
	return err
}

// columnNames returns st's result column names, recomputing them only after SQLite
// reprepared the statement for a schema change.
func (d *database) columnNames(st *stmt) []string {
	epoch := d.c.stmtStatus(st.p, sqlite3.SQLITE_STMTSTATUS_REPREPARE, false)
	if st.cols != nil && st.colsEpoch == epoch {
		return st.cols
	}
	n := d.c.columnCount(st.p)
	cols := make([]string, n)
	for i := range cols {
		cols[i] = d.c.columnName(st.p, i)
	}
	st.cols, st.colsEpoch = cols, epoch
	return cols
}
