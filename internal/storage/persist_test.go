package storage

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readFile opens path with database/sql, as a person with sqlite3 would, and returns the
// rows of q.
func readFile(t *testing.T, path, q string) [][]any {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	defer db.Close()
	rows, err := db.Query(q)
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)

	var out [][]any
	for rows.Next() {
		row := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range row {
			ptrs[i] = &row[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		out = append(out, row)
	}
	require.NoError(t, rows.Err())
	return out
}

func TestPersistence(t *testing.T) {
	path := filepath.Join(t.TempDir(), "object.sqlite")
	db, err := Open(Options{Path: path, SQL: true})
	require.NoError(t, err)

	require.NoError(t, db.Put("k", []byte("v1")))
	query(t, db, "CREATE TABLE t (a); INSERT INTO t VALUES (1)")
	require.NoError(t, db.SetAlarm(5000))
	require.NoError(t, db.CommitTurn())

	// Committed with no frame open: another connection sees it while the object is open.
	assert.Equal(t, [][]any{{"k", []byte("v1")}}, readFile(t, path, "SELECT key, value FROM _cf_KV"))

	// A frame keeps what happens inside it away from the file.
	_, err = db.PushFrame()
	require.NoError(t, err)
	require.NoError(t, db.Put("k", []byte("v2")))
	require.NoError(t, db.CommitTurn())
	assert.Equal(t, [][]any{{[]byte("v1")}}, readFile(t, path, "SELECT value FROM _cf_KV"))
	require.NoError(t, db.PopFrame())

	// An uncommitted turn is lost at Close.
	require.NoError(t, db.Put("k", []byte("v3")))
	require.NoError(t, db.Close())

	assert.Equal(t, [][]any{{int64(5_000_000_000)}},
		readFile(t, path, "SELECT value FROM _cf_METADATA WHERE key = 1"), "nanoseconds")
	assert.Equal(t, [][]any{{"_cf_KV"}, {"_cf_METADATA"}, {"t"}},
		readFile(t, path, "SELECT name FROM sqlite_schema ORDER BY name"))

	db, err = Open(Options{Path: path, SQL: true})
	require.NoError(t, err)
	defer db.Close()
	v, _, err := db.Get("k")
	require.NoError(t, err)
	assert.Equal(t, []byte("v1"), v)
	ms, _, err := db.GetAlarm()
	require.NoError(t, err)
	assert.Equal(t, int64(5000), ms)
	assert.Equal(t, []int64{1}, values(t, db))
}

func TestOpenErrors(t *testing.T) {
	_, err := Open(Options{Path: filepath.Join(t.TempDir(), "missing", "dir", "x.sqlite")})
	assert.ErrorContains(t, err, "unable to open database file")
	_, err = Open(Options{MaxBytes: -1})
	assert.Error(t, err)
}
