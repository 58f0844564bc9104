package storage

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExecErrors(t *testing.T) {
	columns := make([]string, 101)
	for i := range columns {
		columns[i] = fmt.Sprintf("%d AS c%d", i, i)
	}
	tests := []struct {
		name  string
		query string
		args  []any
		kind  ErrKind
		want  string
	}{
		{"no table", "SELECT * FROM x", nil, KindError, "no such table: x: SQLITE_ERROR"},
		{"syntax", "SELECT * bunk;", nil, KindError, `near "bunk": syntax error at offset 9: SQLITE_ERROR`},
		{"syntax end", "SELECT ;", nil, KindError, `near ";": syntax error at offset 7: SQLITE_ERROR`},
		{"syntax minus", "SELECT -;", nil, KindError, `near ";": syntax error at offset 8: SQLITE_ERROR`},
		{"empty", "", nil, KindError, msgNoStatement},
		{"semicolon", ";", nil, KindError, msgNoStatement},
		{"comment only", "-- nothing", nil, KindError, msgNoStatement},
		{"trailing comment", "SELECT 123; SELECT 456; -- trailing comment", nil, KindError, msgNoStatement},
		{"missing binding", "SELECT ?", nil, KindError, msgWrongBindings},
		{"extra binding", "SELECT 1", []any{1.0}, KindError, msgWrongBindings},
		{"two of three", "SELECT ?, ?, ?", []any{1.0, 2.0}, KindError, msgWrongBindings},
		{"params not last", "SELECT ?; SELECT 1", []any{1.0}, KindError, msgOnlyLastParams},
		{"mismatch", "INSERT INTO t (rowid, b) VALUES ('yeah', 'nah')", nil, KindError,
			"datatype mismatch: SQLITE_MISMATCH"},
		{"check", "INSERT INTO t (b) VALUES ('z')", nil, KindError,
			"CHECK constraint failed: b <> 'z': SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_CHECK)"},
		{"primary key", "INSERT INTO t (a, b) VALUES (1, 'x'), (1, 'y')", nil, KindError,
			"UNIQUE constraint failed: t.a: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_PRIMARYKEY)"},
		{"not null", "INSERT INTO n VALUES (NULL)", nil, KindError,
			"NOT NULL constraint failed: n.v: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_NOTNULL)"},
		{"compound limit", "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL " +
			"SELECT 5 UNION ALL SELECT 6", nil, KindError, "too many terms in compound SELECT: SQLITE_ERROR"},
		{"variable number", "SELECT ?101", nil, KindError,
			"variable number must be between ?1 and ?100 at offset 7: SQLITE_ERROR"},
		{"sql length", "SELECT " + strings.Repeat("1+", 50_000) + "1", nil, KindError,
			"statement too long at offset 7: SQLITE_TOOBIG"},
		{"columns", "SELECT " + strings.Join(columns, ", "), nil, KindError,
			"too many columns in result set: SQLITE_ERROR"},
		{"like pattern", "SELECT 'a' LIKE '" + strings.Repeat("a", 51) + "'", nil, KindError,
			"LIKE or GLOB pattern too complex: SQLITE_ERROR"},
		{"blob too big", "INSERT INTO t (b) VALUES (?)", []any{make([]byte, 4<<20+1)}, KindError,
			"string or blob too big: SQLITE_TOOBIG"},
		{"binding type", "SELECT ?", []any{true}, KindTypeError, "Unsupported type for a SQL binding: bool."},
	}

	db := sqlDB(t)
	query(t, db, "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT CHECK (b <> 'z'))")
	query(t, db, "CREATE TABLE n (v NOT NULL)")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := execErr(t, db, tt.query, tt.args...)
			require.NotNil(t, err)
			assert.Equal(t, tt.want, err.Message)
			assert.Equal(t, tt.kind, err.Kind)
		})
	}
}

func TestExecRunsAtOnce(t *testing.T) {
	db := sqlDB(t)
	c, err := db.Exec("CREATE TABLE t (a); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2) RETURNING a")
	require.NoError(t, err)
	assert.Equal(t, []string{"a"}, c.ColumnNames())

	// Only the first row of the last statement was read, yet both inserts are applied.
	assert.Equal(t, [][]any{{int64(1)}, {int64(2)}}, query(t, db, "SELECT a FROM t ORDER BY a"))
	c.Close()

	// An intermediate statement stops after its first row, as in workerd.
	query(t, db, "INSERT INTO t VALUES (3) RETURNING a; SELECT 1")
	assert.Len(t, query(t, db, "SELECT a FROM t"), 3)

	c, err = db.Exec("UPDATE t SET a = a WHERE a = 99")
	require.NoError(t, err)
	assert.Equal(t, []string{}, c.ColumnNames())
}

func TestExecValues(t *testing.T) {
	db := sqlDB(t)
	query(t, db, "CREATE TABLE v (i INTEGER, r REAL, s TEXT, b BLOB, n NUMERIC)")
	query(t, db, "INSERT INTO v VALUES (?, ?, ?, ?, ?)", 1.0, 2.5, 1.0, []byte{}, nil)
	query(t, db, "INSERT INTO v VALUES (?, ?, ?, ?, ?)", int64(7), 3, "text", []byte{1, 2}, 4.0)

	got := query(t, db, "SELECT i, r, s, b, n, typeof(i), typeof(s), typeof(b) FROM v ORDER BY rowid")
	assert.Equal(t, [][]any{
		// A number binds as REAL: affinity makes it an INTEGER in an INTEGER column and the
		// text '1.0' in a TEXT column; an empty slice is an empty blob, not NULL.
		{int64(1), 2.5, "1.0", []byte{}, nil, "integer", "text", "blob"},
		{int64(7), 3.0, "text", []byte{1, 2}, int64(4), "integer", "text", "blob"},
	}, got)

	c, err := db.Exec("SELECT 1 AS a, 2 AS a, 'x' AS b")
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "a", "b"}, c.ColumnNames())
}

func TestCursorLifetime(t *testing.T) {
	db := sqlDB(t)
	query(t, db, "CREATE TABLE t (a); INSERT INTO t VALUES (1), (2), (3)")

	// The same SQL twice at once: the second cursor gets its own statement.
	c1, err := db.Exec("SELECT a FROM t")
	require.NoError(t, err)
	c2, err := db.Exec("SELECT a FROM t")
	require.NoError(t, err)
	for _, want := range []int64{1, 2, 3} {
		r2, ok, err := c2.Next()
		require.NoError(t, err)
		require.True(t, ok)
		assert.Equal(t, want, r2[0])
	}
	r1, ok, err := c1.Next()
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, int64(1), r1[0])

	// A cursor sees writes made while it is open (no snapshot isolation).
	query(t, db, "INSERT INTO t VALUES (4)")
	var rest []any
	for {
		r, ok, err := c1.Next()
		require.NoError(t, err)
		if !ok {
			break
		}
		rest = append(rest, r[0])
	}
	assert.Equal(t, []any{int64(2), int64(3), int64(4)}, rest)
	_, ok, err = c1.Next()
	assert.NoError(t, err)
	assert.False(t, ok)

	// Column names follow schema changes of a cached statement.
	assert.Equal(t, []string{"a"}, mustCursor(t, db, "SELECT * FROM t").ColumnNames())
	query(t, db, "ALTER TABLE t ADD COLUMN b")
	assert.Equal(t, []string{"a", "b"}, mustCursor(t, db, "SELECT * FROM t").ColumnNames())
}

func mustCursor(t *testing.T, db *DB, q string) *Cursor {
	t.Helper()
	c, err := db.Exec(q)
	require.NoError(t, err)
	t.Cleanup(c.Close)
	return c
}

func TestCursorCounters(t *testing.T) {
	db := sqlDB(t)
	query(t, db, "CREATE TABLE t (a INTEGER PRIMARY KEY, b)")

	c, err := db.Exec("INSERT INTO t (b) VALUES (1), (2), (3)")
	require.NoError(t, err)
	assert.Equal(t, int64(3), c.RowsWritten())
	assert.Equal(t, int64(3), c.RowsRead())

	c, err = db.Exec("SELECT * FROM t")
	require.NoError(t, err)
	assert.Equal(t, int64(1), c.RowsRead(), "one row read ahead")
	query(t, db, "SELECT 1") // another statement does not disturb the counters
	for {
		_, ok, err := c.Next()
		require.NoError(t, err)
		if !ok {
			break
		}
	}
	assert.Equal(t, int64(3), c.RowsRead())
	assert.Equal(t, int64(0), c.RowsWritten())

	c, err = db.Exec("UPDATE t SET b = b + 1")
	require.NoError(t, err)
	assert.Equal(t, int64(3), c.RowsWritten())
	assert.Equal(t, int64(3), c.RowsRead())
}

func TestDatabaseSize(t *testing.T) {
	db := sqlDB(t)
	size := func() int64 {
		n, err := db.DatabaseSize()
		require.NoError(t, err)
		return n
	}
	assert.Equal(t, int64(4096), size(), "the header page of a fresh database")
	require.NoError(t, db.Put("k", []byte("v")))
	assert.Equal(t, int64(8192), size(), "only _cf_KV")
	query(t, db, "CREATE TABLE one_more_page (v TEXT)")
	assert.Equal(t, int64(8192+4096), size())
	query(t, db, "DROP TABLE one_more_page")
	assert.Equal(t, int64(8192), size())
}

func TestSQLNotEnabled(t *testing.T) {
	db := openDB(t, Options{})
	_, err := db.Exec("SELECT 1")
	assert.Equal(t, MsgSQLNotEnabled, asError(t, err).Message)
	_, err = db.ListIter(ListOptions{})
	assert.Equal(t, MsgSyncKVNotEnabled, asError(t, err).Message)
	_, err = db.BeginSyncTxn()
	assert.Equal(t, MsgNotBackedBySQL, asError(t, err).Message)
	assert.False(t, db.SQL())
}

func TestExtensions(t *testing.T) {
	db := sqlDB(t)
	query(t, db, `CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT);
		CREATE VIRTUAL TABLE docs_fts USING FtS5(id, body, tokenize = porter);
		CREATE VIRTUAL TABLE docs_vocab USING fTs5VoCaB(docs_fts, row);
		CREATE VIRTUAL TABLE boxes USING rtree(id, x1, x2);
		INSERT INTO docs_fts VALUES (1, 'the contents of one'), (2, 'the content of two');
		INSERT INTO boxes VALUES (1, 0, 10)`)

	assert.Len(t, query(t, db, "SELECT id FROM docs_fts WHERE docs_fts MATCH 'content' ORDER BY rank"), 2)
	assert.Equal(t, [][]any{{"...content of <b>two</b>"}},
		query(t, db, "SELECT snippet(docs_fts, 1, '<b>', '</b>', '...', 3) FROM docs_fts WHERE docs_fts MATCH 'two'"))
	assert.Equal(t, [][]any{{int64(1)}}, query(t, db, "SELECT id FROM boxes WHERE x1 <= 5 AND x2 >= 5"))
	assert.Equal(t, [][]any{{2.0, 8.0}}, query(t, db, "SELECT sqrt(4), pow(2, 3)"))
	assert.Equal(t, [][]any{{"[4,5]", int64(2)}},
		query(t, db, `SELECT '{"a":2,"c":[4,5]}' -> '$.c', '{"a":2}' ->> '$.a'`))
	assert.Equal(t, [][]any{{"abc"}}, query(t, db, `SELECT "abc"`), "double-quoted strings as in workerd")
}

func TestUserStatementCacheEviction(t *testing.T) {
	db := sqlDB(t)
	padded := func(i int) string {
		return fmt.Sprintf("SELECT %d /* %s */", i, strings.Repeat("x", 90_000))
	}

	// The first statement stays busy while later ones push it out of the cache.
	busy, err := db.Exec(padded(0) + " UNION ALL SELECT 100")
	require.NoError(t, err)
	for i := 1; i <= 15; i++ {
		assert.Equal(t, [][]any{{int64(i)}}, query(t, db, padded(i)))
	}
	assert.LessOrEqual(t, db.d.user.bytes, userCacheBytes)
	assert.NotContains(t, db.d.user.byText, padded(0)+" UNION ALL SELECT 100")

	var got []any
	for {
		row, ok, err := busy.Next()
		require.NoError(t, err)
		if !ok {
			break
		}
		got = append(got, row[0])
	}
	assert.Equal(t, []any{int64(0), int64(100)}, got)
	assert.Empty(t, db.d.owned, "the evicted statement was finalized by its cursor")
}
