package storage

import (
	"fmt"
	"strconv"

	sqlite3 "modernc.org/sqlite/lib"
)

// Options configures Open.
type Options struct {
	// Path is the database file; "" keeps the database in memory. A file is an ordinary
	// SQLite database in WAL mode that the sqlite3 shell can open. Commits use
	// synchronous=NORMAL: a committed turn survives the process dying, not a power loss.
	Path string

	// SQL marks a SQLite-backed class (new_sqlite_classes): the SQL API, the synchronous
	// KV API and transactionSync are allowed. False is a KV-backed class (new_classes),
	// which only has the asynchronous KV API and gets the production key and value limits.
	SQL bool

	// MaxBytes is the storage limit of the object; 0 means DefaultMaxBytes. Past it, writes
	// fail with "database or disk is full: SQLITE_FULL".
	MaxBytes int64

	// DeleteAllDeletesAlarm makes DeleteAll delete the alarm too, as compatibility dates
	// from 2026-02-24 do (flag delete_all_deletes_alarm); otherwise the alarm survives.
	DeleteAllDeletesAlarm bool
}

// Limits of the platform that the package enforces.
const (
	// DefaultMaxBytes is the production storage limit of a SQLite-backed object: 10 GB.
	DefaultMaxBytes = 10_000_000_000

	// MaxKeyBytes is the largest key of a KV-backed object.
	MaxKeyBytes = 2048

	// MaxValueBytes is the value size a KV-backed object advertises; MaxValueBytes+34
	// serialized bytes are accepted, for the serialization header.
	MaxValueBytes = 128 * 1024

	// MaxBatchKeys is the most keys one get, put or delete of a KV-backed object takes.
	MaxBatchKeys = 128

	// MaxEntryBytes bounds key plus value of a SQLite-backed object's KV entry: the
	// production limit of 2 MB, taken as decimal megabytes to stay on the safe side.
	MaxEntryBytes = 2_000_000

	enforcedMaxValueBytes = MaxValueBytes + 34
	pageSize              = 4096
)

// database is the state shared by every handle on one object's SQLite database.
type database struct {
	c      *conn
	auth   authorizer
	authID uintptr
	opts   Options
	closed bool

	stack  []savepoint
	frames int
	txns   int
	syncs  int
	turn   bool

	internal map[string]*stmt
	user     stmtCache
	owned    map[*stmt]struct{} // uncached statements held by live cursors

	// gen counts the events that end every live cursor and iterator: a popped frame,
	// deleteAll, a broken handle, a critical error, Close.
	gen  uint64
	iter *KVIterator

	kvTable   tri
	metaTable tri
	alarm     alarmCache
	pragmas   pragmaState
}

// tri is a cached answer that a rollback can make stale.
type tri uint8

const (
	triUnknown tri = iota
	triNo
	triYes
)

// DB is a handle on one object's storage. The object's instance uses it; when the
// instance is reset, MarkBroken (or Renew) ends the handle and every later call on it
// fails with "Durable Object storage is no longer accessible.", while the database lives
// on for the next instance. Frames work on any handle of the database.
type DB struct {
	d      *database
	broken *Error
}

// Open opens or creates an object's database.
func Open(opts Options) (*DB, error) {
	if opts.MaxBytes < 0 {
		return nil, fmt.Errorf("failed to open storage: negative MaxBytes %d", opts.MaxBytes)
	}
	if opts.MaxBytes == 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	path := opts.Path
	if path == "" {
		path = ":memory:"
	}

	c, err := openConn(path)
	if err != nil {
		return nil, fmt.Errorf("failed to open %s: %w", path, err)
	}
	d := &database{
		c: c, opts: opts, pragmas: defaultPragmas,
		internal: make(map[string]*stmt), owned: make(map[*stmt]struct{}),
	}
	if err := d.configure(); err != nil {
		d.close()
		return nil, fmt.Errorf("failed to configure %s: %w", path, err)
	}
	return &DB{d: d}, nil
}

// configure applies workerd's security settings and limits.
func (d *database) configure() error {
	if rc := d.c.dbConfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, 1); rc != sqlite3.SQLITE_OK {
		return d.fail(rc)
	}
	for _, l := range sqlLimits {
		d.c.limit(l.id, l.value)
	}

	pages := max(d.opts.MaxBytes/pageSize, 1)
	setup := []string{
		"PRAGMA page_size = " + strconv.Itoa(pageSize),
		"PRAGMA foreign_keys = ON",
		// modernc builds SQLite with recursive triggers on by default; workerd does not.
		"PRAGMA recursive_triggers = OFF",
		"PRAGMA max_page_count = " + strconv.FormatInt(pages, 10),
	}
	if d.opts.Path != "" {
		setup = append(setup, "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL")
	}
	for _, sql := range setup {
		if err := d.execOnce(sql); err != nil {
			return err
		}
	}

	id, rc := d.auth.install(d.c)
	if rc != sqlite3.SQLITE_OK {
		return d.fail(rc)
	}
	d.authID = id
	return nil
}

// sqlLimits are workerd's sqlite3_limit settings.
var sqlLimits = []struct{ id, value int32 }{
	{sqlite3.SQLITE_LIMIT_LENGTH, 4 << 20},
	{sqlite3.SQLITE_LIMIT_SQL_LENGTH, 100_000},
	{sqlite3.SQLITE_LIMIT_COLUMN, 100},
	{sqlite3.SQLITE_LIMIT_EXPR_DEPTH, 100},
	{sqlite3.SQLITE_LIMIT_COMPOUND_SELECT, 5},
	{sqlite3.SQLITE_LIMIT_VDBE_OP, 25_000},
	{sqlite3.SQLITE_LIMIT_FUNCTION_ARG, 127},
	{sqlite3.SQLITE_LIMIT_ATTACHED, 0},
	{sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 50},
	{sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100},
	{sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH, 10},
	{sqlite3.SQLITE_LIMIT_WORKER_THREADS, 0},
}

// Close closes the database. Writes not yet committed (an open turn, open transactions,
// everything inside open frames) are discarded. Every handle then fails with
// "Durable Object storage is no longer accessible.". Close is idempotent.
func (h *DB) Close() error {
	d := h.d
	if d.closed {
		return nil
	}
	d.close()
	return nil
}

func (d *database) close() {
	d.closed = true
	d.endReaders()
	for _, st := range d.internal {
		d.c.finalize(st.p)
	}
	for _, e := range d.user.byText {
		d.c.finalize(e.p)
	}
	d.internal, d.user = nil, stmtCache{}
	if d.authID != 0 {
		registry.Delete(d.authID)
	}
	d.c.close()
}

// MarkBroken ends the handle, as a reset of the object does: its uncommitted writes are
// rolled back and every later call fails with "Durable Object storage is no longer
// accessible." (or keeps failing with the critical error that broke it).
func (h *DB) MarkBroken() {
	if h.broken != nil {
		return
	}
	h.broken = errNoLongerAccessible()
	if d := h.d; !d.closed {
		d.endReaders()
		// A failure here is a critical error, which already rolled everything back.
		_ = d.rollbackUncommitted()
	}
}

// Renew ends the handle (see MarkBroken) and returns a fresh one on the same database,
// for the instance that replaces a reset one.
func (h *DB) Renew() *DB {
	h.MarkBroken()
	return &DB{d: h.d}
}

// SQL reports whether the object is SQLite-backed (Options.SQL).
func (h *DB) SQL() bool { return h.d.opts.SQL }

// check returns the error every call on an unusable handle gets.
func (h *DB) check() error {
	if h.broken != nil {
		return h.broken
	}
	if h.d.closed {
		return errNoLongerAccessible()
	}
	return nil
}

// result passes err through, breaking the handle when err is critical.
func (h *DB) result(err error) error {
	if e, ok := err.(*Error); ok && e.Critical && h.broken == nil {
		h.broken = e
	}
	return err
}

// fail turns a failed result code into an *Error. When SQLite answered the error by
// rolling back the whole transaction, every savepoint is gone, frames included: the error
// is marked critical, the frames are opened again (empty) so that PopFrame still pairs
// with PushFrame, and the state derived from the database is dropped.
func (d *database) fail(rc int32) *Error {
	err := d.c.sqlError(rc)
	if len(d.stack) == 0 || !d.c.autocommit() {
		return err
	}

	err.Critical = true
	d.endReaders()
	frames := d.stack[:0:0]
	for _, sp := range d.stack {
		if sp.kind == spFrame {
			frames = append(frames, sp)
		}
	}
	d.stack = nil
	d.recount()
	for _, sp := range frames {
		if d.execOnce("SAVEPOINT "+sp.name) != nil {
			break
		}
		d.stack = append(d.stack, sp)
	}
	d.recount()
	d.invalidate()
	return err
}

// invalidate forgets what a rollback may have changed.
func (d *database) invalidate() {
	d.kvTable, d.metaTable = triUnknown, triUnknown
	d.alarm = alarmCache{}
}

// endReaders ends every live cursor and iterator and makes their statements reusable.
func (d *database) endReaders() {
	d.gen++
	d.iter = nil
	for _, st := range d.internal {
		if st.busy {
			d.done(st)
			st.busy = false
		}
	}
	for _, st := range d.user.byText {
		if st.busy {
			d.done(st)
			st.busy = false
		}
	}
	for st := range d.owned {
		d.c.finalize(st.p)
	}
	clear(d.owned)
}

// DatabaseSize returns the bytes the database uses: its pages minus its free pages, times
// the page size. A database holding no table at all reports its header page, 4096 bytes, as
// a fresh object does on workerd (Cloudflare's sqlite-in-do example asserts it).
func (h *DB) DatabaseSize() (int64, error) {
	if err := h.check(); err != nil {
		return 0, err
	}
	var pages, size, objects int64
	_, err := h.d.queryRow("SELECT (SELECT * FROM pragma_page_count) - (SELECT * FROM pragma_freelist_count), "+
		"(SELECT * FROM pragma_page_size), (SELECT count(*) FROM sqlite_schema)", func(p uintptr) {
		pages, size, objects = h.d.c.columnInt64(p, 0), h.d.c.columnInt64(p, 1), h.d.c.columnInt64(p, 2)
	})
	if err != nil {
		return 0, h.result(err)
	}
	if objects == 0 {
		return size, nil
	}
	return pages * size, nil
}
