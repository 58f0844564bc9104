package storage

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	sqlite3 "modernc.org/sqlite/lib"
)

// openDB opens a database that the test closes at its end.
func openDB(t testing.TB, opts Options) *DB {
	t.Helper()
	db, err := Open(opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// sqlDB opens an in-memory SQLite-backed database.
func sqlDB(t testing.TB) *DB { return openDB(t, Options{SQL: true}) }

// query runs q and returns all its rows.
func query(t testing.TB, db *DB, q string, args ...any) [][]any {
	t.Helper()
	c, err := db.Exec(q, args...)
	require.NoError(t, err, q)
	var out [][]any
	for {
		row, ok, err := c.Next()
		require.NoError(t, err, q)
		if !ok {
			return out
		}
		out = append(out, row)
	}
}

// execErr runs q and returns its error, which must be an *Error, or nil.
func execErr(t testing.TB, db *DB, q string, args ...any) *Error {
	t.Helper()
	c, err := db.Exec(q, args...)
	if err == nil {
		c.Close()
		return nil
	}
	var e *Error
	require.True(t, errors.As(err, &e), "%T %v", err, err)
	return e
}

// asError returns err as an *Error, failing the test if it is something else.
func asError(t testing.TB, err error) *Error {
	t.Helper()
	var e *Error
	require.True(t, errors.As(err, &e), "want *Error, got %T %v", err, err)
	return e
}

// schema returns the names in sqlite_schema, in order. It reads them as the engine does,
// so it works on KV-backed objects too.
func schema(t testing.TB, db *DB) []string {
	t.Helper()
	d := db.d
	p, _, rc := d.c.prepare("SELECT name FROM sqlite_schema ORDER BY name", false)
	require.Equal(t, int32(sqlite3.SQLITE_OK), rc)
	defer d.c.finalize(p)
	var names []string
	for rc = d.c.step(p); rc == sqlite3.SQLITE_ROW; rc = d.c.step(p) {
		names = append(names, d.c.columnText(p, 0))
	}
	require.Equal(t, int32(sqlite3.SQLITE_DONE), rc)
	return names
}

func ptr[T any](v T) *T { return &v }
