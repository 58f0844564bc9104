package storage

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKV(t *testing.T) {
	for _, opts := range []Options{{SQL: true}, {}} {
		t.Run(fmt.Sprintf("sql=%v", opts.SQL), func(t *testing.T) {
			db := openDB(t, opts)

			_, ok, err := db.Get("a")
			require.NoError(t, err)
			assert.False(t, ok)

			require.NoError(t, db.Put("a", []byte("1")))
			require.NoError(t, db.Put("a", []byte("2")), "upsert")
			require.NoError(t, db.PutMany([]Entry{{"c", []byte("3")}, {"b", []byte{}}, {"c", []byte("4")}}))

			v, ok, err := db.Get("a")
			require.NoError(t, err)
			assert.True(t, ok)
			assert.Equal(t, []byte("2"), v)

			got, err := db.GetMany([]string{"c", "missing", "a", "b", "a"})
			require.NoError(t, err)
			assert.Equal(t, []Entry{{"a", []byte("2")}, {"b", []byte{}}, {"c", []byte("4")}}, got)

			existed, err := db.Delete("a")
			require.NoError(t, err)
			assert.True(t, existed)
			existed, err = db.Delete("a")
			require.NoError(t, err)
			assert.False(t, existed)

			n, err := db.DeleteMany([]string{"b", "c", "c", "zzz"})
			require.NoError(t, err)
			assert.Equal(t, 2, n)
		})
	}
}

func TestKVOrderIsUTF8Bytes(t *testing.T) {
	db := sqlDB(t)
	// In UTF-16, U+1F600 (surrogates D83D DE00) sorts before U+FF5E; in UTF-8 (F0 vs EF)
	// it sorts after. Storage follows UTF-8 byte order.
	keys := []string{"\U0001F600", "\uFF5E", "a", "B", ""}
	for _, k := range keys {
		require.NoError(t, db.Put(k, []byte(k)))
	}
	got, err := db.GetMany(keys)
	require.NoError(t, err)
	var order []string
	for _, e := range got {
		order = append(order, e.Key)
	}
	assert.Equal(t, []string{"", "B", "a", "\uFF5E", "\U0001F600"}, order)
}

func TestKVTableCreatedLazily(t *testing.T) {
	db := sqlDB(t)
	_, _, err := db.Get("a")
	require.NoError(t, err)
	assert.Empty(t, schema(t, db), "reads create nothing")
	assert.False(t, db.TurnOpen())

	require.NoError(t, db.Put("a", []byte("1")))
	assert.True(t, db.TurnOpen())
	assert.Equal(t, []string{"_cf_KV"}, schema(t, db))

	// Created inside the turn, so rolling the turn back un-creates it.
	require.NoError(t, db.RollbackTurn())
	assert.Empty(t, schema(t, db))
	_, ok, err := db.Get("a")
	require.NoError(t, err)
	assert.False(t, ok)

	// Delete is a write, as in workerd: it creates the table.
	_, err = db.Delete("a")
	require.NoError(t, err)
	assert.Equal(t, []string{"_cf_KV"}, schema(t, db))
}

func TestKVLimits(t *testing.T) {
	longKey := strings.Repeat("k", MaxKeyBytes+1)
	keys129 := make([]string, MaxBatchKeys+1)
	entries129 := make([]Entry, MaxBatchKeys+1)
	for i := range keys129 {
		keys129[i] = fmt.Sprint(i)
		entries129[i] = Entry{Key: keys129[i], Value: []byte{1}}
	}
	keyMsg := "Keys cannot be larger than 2048 bytes. A key of size 2049 was provided."
	valueMsg := "Values cannot be larger than 131072 bytes. A value of size 131107 was provided."
	countMsg := "Maximum number of key value pairs is 128. 129 pairs were provided."
	tooBig := "string or blob too big: SQLITE_TOOBIG"

	type call = func(db *DB) error
	get := func(k string) call { return func(db *DB) error { _, _, err := db.Get(k); return err } }
	put := func(k string, n int) call { return func(db *DB) error { return db.Put(k, make([]byte, n)) } }
	del := func(k string) call { return func(db *DB) error { _, err := db.Delete(k); return err } }
	getMany := func(k []string) call { return func(db *DB) error { _, err := db.GetMany(k); return err } }
	putMany := func(e []Entry) call { return func(db *DB) error { return db.PutMany(e) } }
	delMany := func(k []string) call { return func(db *DB) error { _, err := db.DeleteMany(k); return err } }
	list := func(o ListOptions) call { return func(db *DB) error { _, err := db.List(o); return err } }
	bigValue := make([]byte, enforcedMaxValueBytes+1)
	bigEntry := make([]byte, MaxEntryBytes-1)

	tests := []struct {
		name string
		sql  bool
		call call
		kind ErrKind
		want string // "" when accepted
	}{
		{"kv get long key", false, get(longKey), KindRangeError, keyMsg},
		{"kv put long key", false, put(longKey, 0), KindRangeError, keyMsg},
		{"kv put max key", false, put(longKey[1:], 0), 0, ""},
		{"kv delete long key", false, del(longKey), KindRangeError, keyMsg},
		{"kv delete many long key", false, delMany([]string{"a", longKey}), KindRangeError, keyMsg},
		{"kv put big value", false, put("k", enforcedMaxValueBytes+1), KindRangeError, valueMsg},
		{"kv put value with header slack", false, put("k", enforcedMaxValueBytes), 0, ""},
		{"kv put many big value", false, putMany([]Entry{{"a", nil}, {"k", bigValue}}), KindRangeError, valueMsg},
		{"kv get many count", false, getMany(keys129), KindRangeError, countMsg},
		{"kv get many 128", false, getMany(keys129[1:]), 0, ""},
		{"kv put many count", false, putMany(entries129), KindRangeError, countMsg},
		{"kv delete many count", false, delMany(keys129), KindRangeError, countMsg},
		{"kv list ignores key size", false, list(ListOptions{Start: &longKey}), 0, ""},

		{"sql long key", true, put(longKey, 0), 0, ""},
		{"sql batch of 129", true, putMany(entries129), 0, ""},
		{"sql entry at limit", true, put("k", MaxEntryBytes-1), 0, ""},
		{"sql entry over limit", true, put("kk", MaxEntryBytes-1), KindError, tooBig},
		{"sql put many over limit", true, putMany([]Entry{{"a", nil}, {"kk", bigEntry}}), KindError, tooBig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openDB(t, Options{SQL: tt.sql})
			err := tt.call(db)
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			e := asError(t, err)
			assert.Equal(t, tt.want, e.Message)
			assert.Equal(t, tt.kind, e.Kind)
			assert.Empty(t, schema(t, db), "a refused call writes nothing")
		})
	}
}

func TestPutManyIsAtomic(t *testing.T) {
	db := openDB(t, Options{SQL: true, MaxBytes: 16 * pageSize})
	require.NoError(t, db.Put("keep", []byte("1")))
	require.NoError(t, db.CommitTurn())

	entries := []Entry{{"keep", []byte("2")}}
	for i := range 40 {
		entries = append(entries, Entry{Key: fmt.Sprint(i), Value: make([]byte, 3000)})
	}
	err := db.PutMany(entries)
	assert.Equal(t, "database or disk is full: SQLITE_FULL", asError(t, err).Message)

	db = db.Renew()
	v, _, err := db.Get("keep")
	require.NoError(t, err)
	assert.Equal(t, []byte("1"), v)
	got, err := db.List(ListOptions{})
	require.NoError(t, err)
	assert.Len(t, got, 1)
}

func TestDeleteAll(t *testing.T) {
	for _, deletesAlarm := range []bool{false, true} {
		t.Run(fmt.Sprintf("deletesAlarm=%v", deletesAlarm), func(t *testing.T) {
			db := openDB(t, Options{SQL: true, DeleteAllDeletesAlarm: deletesAlarm})
			query(t, db, `CREATE TABLE p (id INTEGER PRIMARY KEY);
				CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id));
				INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1);
				CREATE INDEX c_pid ON c (pid);
				CREATE VIEW v AS SELECT * FROM c;
				CREATE TRIGGER tr AFTER INSERT ON p BEGIN INSERT INTO c VALUES (NULL, new.id); END;
				CREATE VIRTUAL TABLE f USING fts5(a); INSERT INTO f VALUES ('hello');
				CREATE VIRTUAL TABLE r USING rtree(id, x1, x2);
				ANALYZE`)
			require.NoError(t, db.Put("k", []byte("v")))
			require.NoError(t, db.SetAlarm(1234))
			require.NoError(t, db.CommitTurn())
			open, err := db.Exec("SELECT * FROM c")
			require.NoError(t, err)

			require.NoError(t, db.DeleteAll())
			require.NoError(t, db.CommitTurn())

			_, ok, err := open.Next()
			require.NoError(t, err)
			assert.False(t, ok, "live cursors end")
			ms, set, err := db.GetAlarm()
			require.NoError(t, err)
			if deletesAlarm {
				assert.False(t, set)
				assert.Empty(t, schema(t, db))
			} else {
				assert.Equal(t, int64(1234), ms)
				assert.Equal(t, []string{"_cf_METADATA"}, schema(t, db))
			}
			_, ok, err = db.Get("k")
			require.NoError(t, err)
			assert.False(t, ok)
			query(t, db, "CREATE TABLE p (id)") // the name is free again
		})
	}
}

func TestDeleteAllUndoneByRollback(t *testing.T) {
	db := sqlDB(t)
	query(t, db, "CREATE TABLE t (a); INSERT INTO t VALUES (1)")
	require.NoError(t, db.Put("k", []byte("v")))
	require.NoError(t, db.CommitTurn())

	require.NoError(t, db.DeleteAll())
	assert.Empty(t, schema(t, db))
	require.NoError(t, db.RollbackTurn())
	assert.Equal(t, []string{"_cf_KV", "t"}, schema(t, db))
	assert.Equal(t, [][]any{{int64(1)}}, query(t, db, "SELECT a FROM t"))
}

func TestDeleteAllInTransaction(t *testing.T) {
	db := sqlDB(t)
	depth, err := db.BeginTxn()
	require.NoError(t, err)
	assert.Equal(t, msgDeleteAllInTxn, asError(t, db.DeleteAll()).Message)
	require.NoError(t, db.RollbackTxn(depth))

	depth, err = db.BeginSyncTxn()
	require.NoError(t, err)
	assert.Equal(t, msgDeleteAllInTxn, asError(t, db.DeleteAll()).Message)
	require.NoError(t, db.CommitSyncTxn(depth))
	require.NoError(t, db.DeleteAll(), "a turn is not a transaction")
}
