package storage

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRestrictions(t *testing.T) {
	const denied = "not authorized: SQLITE_AUTH"
	tests := []struct {
		query string
		want  string // "" when allowed
	}{
		// Transactions belong to the JavaScript API.
		{"BEGIN TRANSACTION", MsgTransactionStatement},
		{"BEGIN IMMEDIATE", MsgTransactionStatement},
		{"COMMIT", MsgTransactionStatement},
		{"END", MsgTransactionStatement},
		{"ROLLBACK", MsgTransactionStatement},
		{"SAVEPOINT foo", MsgTransactionStatement},
		{"RELEASE foo", MsgTransactionStatement},
		{"ROLLBACK TO _dotest_frame_1", MsgTransactionStatement},

		// Internal names.
		{"SELECT * FROM _cf_KV", "access to _cf_KV.key is prohibited: SQLITE_AUTH"},
		{"SELECT count(*) FROM _cf_KV", denied},
		{"INSERT INTO _cf_KV VALUES ('a', x'00')", denied},
		{"DELETE FROM _cf_KV", denied},
		{"UPDATE _cf_KV SET value = NULL", denied},
		{"DROP TABLE _cf_KV", denied},
		{"CREATE TABLE _cf_mine (a)", denied},
		{"CREATE INDEX kv_idx ON _cf_KV (value)", denied},
		{"CREATE INDEX _cf_idx ON t (a)", denied},
		{"CREATE TRIGGER tr AFTER INSERT ON _cf_KV BEGIN SELECT 1; END", denied},
		{"CREATE VIEW _cf_view AS SELECT 1", denied},
		{"ALTER TABLE _cf_KV ADD COLUMN c", denied},
		{"ALTER TABLE t RENAME TO _cf_stolen", denied},
		{`ALTER TABLE t RENAME TO "_cf_stolen"`, denied},
		{"PRAGMA table_info(_cf_KV)", denied},
		{"PRAGMA quick_check(_cf_KV)", denied},
		{"PRAGMA index_list(_cf_KV)", denied},
		{"SELECT * FROM pragma_table_info('_cf_KV')", denied},
		{"SELECT name FROM sqlite_master", ""},
		{"SELECT name FROM sqlite_schema WHERE name = '_cf_KV'", ""},
		{"CREATE TABLE _CF_upper (a)", ""}, // workerd compares the prefix case-sensitively

		// Other databases, temporary objects, virtual tables.
		{"ATTACH 'other.db' AS other", denied},
		{"CREATE TEMP TABLE tmp (a)", denied},
		{"CREATE TEMPORARY VIEW tv AS SELECT 1", denied},
		{"CREATE TEMP TRIGGER tt AFTER INSERT ON t BEGIN SELECT 1; END", denied},
		{"CREATE VIRTUAL TABLE f USING fts5abcd(a)", denied},
		{"CREATE VIRTUAL TABLE g USING geopoly()", denied},
		{"CREATE VIRTUAL TABLE f USING FTS5(a)", ""},
		{"CREATE VIRTUAL TABLE r USING rtree_i32(id, x1, x2)", ""},
		{"SELECT * FROM dbstat", "access to dbstat.name is prohibited: SQLITE_AUTH"},

		// Pragmas.
		{"PRAGMA hard_heap_limit = 1024", denied},
		{"PRAGMA user_version", denied},
		{"PRAGMA journal_mode", denied},
		{"PRAGMA max_page_count = 65536", denied},
		{"PRAGMA data_version", ""},
		{"PRAGMA data_version = 5", denied},
		{"PRAGMA page_size", ""},
		{"PRAGMA page_size = 8192", denied},
		{"PRAGMA table_list", ""},
		{"PRAGMA table_info(t)", ""},
		{"PRAGMA table_xinfo(t)", ""},
		{"PRAGMA FOREIGN_KEYS", denied}, // pragma names compare as written, as in workerd
		{"PRAGMA foreign_keys", ""},
		{"PRAGMA foreign_key_check", ""},
		{"PRAGMA foreign_key_check(t)", ""},
		{"PRAGMA foreign_key_list(t)", ""},
		{"PRAGMA foreign_key_list", denied},
		{"PRAGMA index_list(t)", ""},
		{"PRAGMA quick_check", ""},
		{"PRAGMA quick_check(100)", ""},
		{"PRAGMA quick_check(t)", ""},
		{"PRAGMA optimize", ""},
		{"PRAGMA optimize(-1)", ""},
		{"PRAGMA optimize(0x7fffffff)", ""},
		{"PRAGMA optimize = 0x10002", ""},
		{"PRAGMA optimize(t)", denied},
		{"ANALYZE", ""},
		{"PRAGMA defer_foreign_keys = tRuE", ""},
		{"PRAGMA defer_foreign_keys = off", ""},
		{"PRAGMA defer_foreign_keys = 'yes'", ""},
		{`PRAGMA defer_foreign_keys = "0"`, ""},
		{"PRAGMA defer_foreign_keys = abcd", denied},
		{`PRAGMA defer_foreign_keys = "foo"`, denied},
		{"PRAGMA defer_foreign_keys = 'yes", `unrecognized token: "'yes" at offset 28: SQLITE_ERROR`},
		{"PRAGMA ignore_check_constraints = 1", ""},
		{"PRAGMA reverse_unordered_selects", ""},

		// Functions.
		{"SELECT abs(-1), iif(1, 2, 3), format('%d', 1), unhex('00'), octet_length('a')", ""},
		{"SELECT unixepoch(), timediff('2024-01-01', '2023-01-01'), current_timestamp", ""},
		{"SELECT string_agg(a, ','), row_number() OVER () FROM t", ""},
		{"SELECT json_group_array(value) FROM json_each('[1,2]')", ""},
		{"SELECT sqlite_version()", "not authorized to use function: sqlite_version at offset 7: SQLITE_ERROR"},
		{"SELECT unistr('a')", "not authorized to use function: unistr at offset 7: SQLITE_ERROR"},
		{"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3) SELECT x FROM c", ""},
	}

	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			db := sqlDB(t)
			query(t, db, "CREATE TABLE t (a)")
			require.NoError(t, db.Put("k", []byte("v")))

			err := execErr(t, db, tt.query)
			if tt.want == "" {
				assert.Nil(t, err)
				return
			}
			require.NotNil(t, err)
			assert.Equal(t, tt.want, err.Message)
			assert.Equal(t, KindError, err.Kind)
		})
	}
}

func TestRestrictionsAllowAlterTable(t *testing.T) {
	db := sqlDB(t)
	query(t, db, `CREATE TABLE before (meta TEXT);
		ALTER TABLE before RENAME TO after;
		ALTER TABLE after ADD COLUMN gone TEXT;
		ALTER TABLE after RENAME COLUMN meta TO metadata;
		ALTER TABLE after DROP COLUMN gone`)
	c := mustCursor(t, db, "SELECT * FROM after")
	assert.Equal(t, []string{"metadata"}, c.ColumnNames())
}

// The engine's own statements are trusted even while user statements are cached.
func TestTrustedAfterUserStatements(t *testing.T) {
	db := sqlDB(t)
	assert.NotNil(t, execErr(t, db, "SELECT value FROM _cf_KV WHERE key = ?", "k"))
	require.NoError(t, db.Put("k", []byte("v")))
	v, ok, err := db.Get("k")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, []byte("v"), v)
	assert.NotNil(t, execErr(t, db, "SELECT value FROM _cf_KV WHERE key = ?", "k"))
}
