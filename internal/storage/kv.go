package storage

import (
	"slices"
	"strings"

	sqlite3 "modernc.org/sqlite/lib"
)

// Entry is one key and its serialized value.
type Entry struct {
	Key   string
	Value []byte
}

const (
	sqlTableExists = "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?"
	sqlKVCreate    = "CREATE TABLE IF NOT EXISTS _cf_KV (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID"
	sqlKVGet       = "SELECT value FROM _cf_KV WHERE key = ?"
	sqlKVPut       = "INSERT INTO _cf_KV VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value"
	sqlKVDelete    = "DELETE FROM _cf_KV WHERE key = ?"
	multiPut       = "_cf_put_multiple_savepoint"

	msgTooBig = "string or blob too big: SQLITE_TOOBIG"
)

// Get returns the value stored under key.
func (h *DB) Get(key string) ([]byte, bool, error) {
	if err := h.check(); err != nil {
		return nil, false, err
	}
	if err := h.checkKey(key); err != nil {
		return nil, false, err
	}
	v, ok, err := h.d.get(key)
	return v, ok, h.result(err)
}

func (d *database) get(key string) ([]byte, bool, error) {
	if exists, err := d.hasTable(&d.kvTable, "_cf_KV"); !exists || err != nil {
		return nil, false, err
	}
	var value []byte
	ok, err := d.queryRow(sqlKVGet, func(p uintptr) { value = d.c.columnBlob(p, 0) }, key)
	return value, ok, err
}

// GetMany returns the entries of the keys that exist, in ascending UTF-8 byte order of
// their keys.
func (h *DB) GetMany(keys []string) ([]Entry, error) {
	if err := h.check(); err != nil {
		return nil, err
	}
	if err := h.checkCount(len(keys)); err != nil {
		return nil, err
	}

	sorted := slices.Clone(keys)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	var out []Entry
	for _, k := range sorted {
		v, ok, err := h.d.get(k)
		if err != nil {
			return nil, h.result(err)
		}
		if ok {
			out = append(out, Entry{Key: k, Value: v})
		}
	}
	return out, nil
}

// Put stores value under key.
func (h *DB) Put(key string, value []byte) error {
	if err := h.check(); err != nil {
		return err
	}
	if err := h.checkEntry(key, value); err != nil {
		return err
	}
	d := h.d
	if err := d.beginKVWrite(); err != nil {
		return h.result(err)
	}
	return h.result(d.run(sqlKVPut, key, value))
}

// PutMany stores every entry, atomically: either all are stored or none is. A key given
// twice gets the later value.
func (h *DB) PutMany(entries []Entry) error {
	if err := h.check(); err != nil {
		return err
	}
	if err := h.checkCount(len(entries)); err != nil {
		return err
	}
	for _, e := range entries {
		if err := h.checkEntry(e.Key, e.Value); err != nil {
			return err
		}
	}
	if len(entries) == 0 {
		return nil
	}
	return h.result(h.d.putMany(entries))
}

func (d *database) putMany(entries []Entry) error {
	if err := d.beginKVWrite(); err != nil {
		return err
	}
	if err := d.run("SAVEPOINT " + multiPut); err != nil {
		return err
	}
	for _, e := range entries {
		if err := d.run(sqlKVPut, e.Key, e.Value); err != nil {
			if !err.(*Error).Critical {
				_ = d.run("ROLLBACK TO " + multiPut)
				_ = d.run("RELEASE " + multiPut)
			}
			return err
		}
	}
	return d.run("RELEASE " + multiPut)
}

// Delete removes key and reports whether it existed.
func (h *DB) Delete(key string) (bool, error) {
	if err := h.check(); err != nil {
		return false, err
	}
	if err := h.checkKey(key); err != nil {
		return false, err
	}
	n, err := h.d.delete([]string{key})
	return n > 0, h.result(err)
}

// DeleteMany removes the keys and returns how many existed.
func (h *DB) DeleteMany(keys []string) (int, error) {
	if err := h.check(); err != nil {
		return 0, err
	}
	if err := h.checkCount(len(keys)); err != nil {
		return 0, err
	}
	for _, k := range keys {
		if err := h.checkKey(k); err != nil {
			return 0, err
		}
	}
	n, err := h.d.delete(keys)
	return n, h.result(err)
}

// delete is a write even when nothing exists, as in workerd: it creates _cf_KV.
func (d *database) delete(keys []string) (int, error) {
	if err := d.beginKVWrite(); err != nil {
		return 0, err
	}
	n := 0
	for _, k := range keys {
		if err := d.run(sqlKVDelete, k); err != nil {
			return n, err
		}
		n += int(d.c.changes())
	}
	return n, nil
}

// beginKVWrite opens the write scope and creates _cf_KV inside it if needed.
func (d *database) beginKVWrite() error {
	if err := d.ensureWriteScope(); err != nil {
		return err
	}
	if d.kvTable == triYes {
		return nil
	}
	if err := d.run(sqlKVCreate); err != nil {
		return err
	}
	d.kvTable = triYes
	return nil
}

// hasTable reports whether an internal table exists, caching the answer in t.
func (d *database) hasTable(t *tri, name string) (bool, error) {
	if *t == triUnknown {
		found, err := d.queryRow(sqlTableExists, func(uintptr) {}, name)
		if err != nil {
			return false, err
		}
		*t = triNo
		if found {
			*t = triYes
		}
	}
	return *t == triYes, nil
}

// checkKey applies the key limit of KV-backed objects.
func (h *DB) checkKey(key string) error {
	if !h.d.opts.SQL && len(key) > MaxKeyBytes {
		return newError(KindRangeError, "Keys cannot be larger than %d bytes. A key of size %d was provided.",
			MaxKeyBytes, len(key))
	}
	return nil
}

// checkEntry applies the key and value limits: those of KV-backed objects, or the
// combined size of a SQLite-backed object's entry.
func (h *DB) checkEntry(key string, value []byte) error {
	if h.d.opts.SQL {
		if len(key)+len(value) > MaxEntryBytes {
			return &Error{Kind: KindError, Code: sqlite3.SQLITE_TOOBIG, Message: msgTooBig}
		}
		return nil
	}
	if err := h.checkKey(key); err != nil {
		return err
	}
	if len(value) > enforcedMaxValueBytes {
		return newError(KindRangeError, "Values cannot be larger than %d bytes. A value of size %d was provided.",
			MaxValueBytes, len(value))
	}
	return nil
}

// checkCount applies the batch limit of KV-backed objects.
func (h *DB) checkCount(n int) error {
	if !h.d.opts.SQL && n > MaxBatchKeys {
		return newError(KindRangeError, "Maximum number of key value pairs is %d. %d pairs were provided.",
			MaxBatchKeys, n)
	}
	return nil
}

// DeleteAll deletes everything the object stores: on a SQLite-backed object every table,
// index, view and trigger as well as the KV data, atomically. The alarm survives unless
// Options.DeleteAllDeletesAlarm. Live cursors and iterators end. It fails inside a
// transaction.
func (h *DB) DeleteAll() error {
	if err := h.check(); err != nil {
		return err
	}
	d := h.d
	if d.txns > 0 || d.syncs > 0 {
		return newError(KindError, msgDeleteAllInTxn)
	}
	alarm, hasAlarm, err := d.getAlarm()
	if err != nil {
		return h.result(err)
	}

	d.endReaders()
	if err := d.ensureWriteScope(); err != nil {
		return h.result(err)
	}
	if err := d.dropEverything(); err != nil {
		return h.result(err)
	}
	d.kvTable, d.metaTable, d.alarm = triNo, triNo, alarmCache{loaded: true}
	if hasAlarm && !d.opts.DeleteAllDeletesAlarm {
		return h.result(d.setAlarm(alarm))
	}
	return nil
}

// dropEverything empties the schema inside the open savepoint, so that a rollback brings
// it all back. Foreign keys are deferred while tables go, so the order does not matter:
// dropping both sides of a reference leaves nothing violated.
func (d *database) dropEverything() error {
	if err := d.execOnce("PRAGMA defer_foreign_keys = ON"); err != nil {
		return err
	}
	steps := []string{
		"SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'view')",
		"SELECT type, name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'",
		"SELECT type, name FROM sqlite_schema WHERE type = 'table' AND name <> 'sqlite_sequence'",
	}
	for _, q := range steps {
		if err := d.dropListed(q); err != nil {
			return err
		}
	}
	if found, err := d.queryRow(sqlTableExists, func(uintptr) {}, "sqlite_sequence"); err != nil {
		return err
	} else if found {
		if err := d.execOnce("DELETE FROM sqlite_sequence"); err != nil {
			return err
		}
	}

	restore := "PRAGMA defer_foreign_keys = OFF"
	if d.pragmas.deferForeignKeys {
		restore = "PRAGMA defer_foreign_keys = ON"
	}
	return d.execOnce(restore)
}

// dropListed drops the objects a query lists as (type, name) rows.
func (d *database) dropListed(query string) error {
	type object struct{ kind, name string }
	var objects []object

	p, _, rc := d.c.prepare(query, false)
	if rc != sqlite3.SQLITE_OK {
		return d.fail(rc)
	}
	for rc = d.c.step(p); rc == sqlite3.SQLITE_ROW; rc = d.c.step(p) {
		objects = append(objects, object{d.c.columnText(p, 0), d.c.columnText(p, 1)})
	}
	if rc != sqlite3.SQLITE_DONE {
		err := d.fail(rc)
		d.c.finalize(p)
		return err
	}
	d.c.finalize(p)

	for _, o := range objects {
		if err := d.execOnce("DROP " + strings.ToUpper(o.kind) + " IF EXISTS " + quoteName(o.name)); err != nil {
			return err
		}
	}
	return nil
}

// quoteName quotes an SQL identifier.
func quoteName(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
