package storage

import (
	"errors"
	"fmt"
	"strconv"
	"unsafe"

	"modernc.org/libc"
	"modernc.org/libc/sys/types"
	// The driver package is imported for its init, which patches the transpiled library on
	// linux/arm64 (modernc issue 199); tests also use its database/sql driver.
	_ "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteTransient is SQLITE_TRANSIENT: SQLite copies bound text and blobs before the bind
// call returns, so the C buffer they came from can be reused at once.
const sqliteTransient = ^uintptr(0)

// bigBuffer is the size above which a C buffer is freed after use instead of being kept
// for the next call, so that one large value does not stay allocated for the object's life.
const bigBuffer = 64 << 10

// conn is one SQLite connection driven through the C API of the transpiled library, and
// the C memory its calls need. It is the only place that converts between Go and C memory.
type conn struct {
	tls   *libc.TLS
	db    uintptr
	slots uintptr // four pointer-sized out-parameters
	sql   cbuf    // the text being prepared
	bind  cbuf    // text and blobs being bound (copied by SQLite at once)
}

// cbuf is a reusable C buffer.
type cbuf struct {
	p uintptr
	n int
}

// cptr turns an address in C memory into a pointer. The double indirection keeps the
// conversion explicit for vet: C memory is outside the Go heap and never moves.
func cptr(p uintptr) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&p))
}

// cview returns the n bytes at p as a slice without copying.
func cview(p uintptr, n int) []byte {
	if p == 0 || n <= 0 {
		return nil
	}
	return unsafe.Slice((*byte)(cptr(p)), n)
}

func (c *conn) slot(i int) *uintptr {
	return (*uintptr)(cptr(c.slots + uintptr(i)*unsafe.Sizeof(uintptr(0))))
}

// openConn opens path (":memory:" for a private in-memory database).
func openConn(path string) (*conn, error) {
	c := &conn{tls: libc.NewTLS()}
	c.slots = libc.Xmalloc(c.tls, types.Size_t(4*unsafe.Sizeof(uintptr(0))))
	if c.slots == 0 {
		c.tls.Close()
		return nil, fmt.Errorf("failed to allocate: %w", errNoMemory)
	}

	name, err := libc.CString(path)
	if err != nil {
		c.free()
		return nil, fmt.Errorf("failed to allocate: %w", err)
	}
	defer libc.Xfree(c.tls, name)

	flags := int32(sqlite3.SQLITE_OPEN_READWRITE | sqlite3.SQLITE_OPEN_CREATE | sqlite3.SQLITE_OPEN_NOMUTEX)
	*c.slot(0) = 0
	rc := sqlite3.Xsqlite3_open_v2(c.tls, name, c.slots, flags, 0)
	c.db = *c.slot(0)
	if rc != sqlite3.SQLITE_OK {
		err := c.sqlError(rc)
		c.close()
		return nil, err
	}
	return c, nil
}

var errNoMemory = errors.New("out of C memory")

// close closes the connection; statements must have been finalized.
func (c *conn) close() {
	if c.db != 0 {
		sqlite3.Xsqlite3_close_v2(c.tls, c.db)
		c.db = 0
	}
	c.free()
}

func (c *conn) free() {
	for _, b := range []*cbuf{&c.sql, &c.bind} {
		if b.p != 0 {
			libc.Xfree(c.tls, b.p)
			*b = cbuf{}
		}
	}
	if c.slots != 0 {
		libc.Xfree(c.tls, c.slots)
		c.slots = 0
	}
	if c.tls != nil {
		c.tls.Close()
		c.tls = nil
	}
}

// fill copies s into b, growing it as needed, and returns its C address.
func (c *conn) fill(b *cbuf, s string) (uintptr, error) {
	need := len(s) + 1
	if b.n < need {
		n := max(need, 256)
		p := libc.Xrealloc(c.tls, b.p, types.Size_t(n))
		if p == 0 {
			return 0, errNoMemory
		}
		b.p, b.n = p, n
	}
	copy(cview(b.p, len(s)), s)
	*(*byte)(cptr(b.p + uintptr(len(s)))) = 0
	return b.p, nil
}

// shrink frees b if a large value made it grow.
func (c *conn) shrink(b *cbuf) {
	if b.n > bigBuffer {
		libc.Xfree(c.tls, b.p)
		*b = cbuf{}
	}
}

// prepare compiles the first statement of sql. It returns the statement (0 when sql holds
// only whitespace or comments) and the byte offset where the rest of sql begins.
func (c *conn) prepare(sql string, persistent bool) (uintptr, int, int32) {
	p, err := c.fill(&c.sql, sql)
	if err != nil {
		return 0, len(sql), sqlite3.SQLITE_NOMEM
	}
	defer c.shrink(&c.sql)

	var flags uint32
	if persistent {
		flags = sqlite3.SQLITE_PREPARE_PERSISTENT
	}
	*c.slot(0), *c.slot(1) = 0, 0
	tailOut := c.slots + unsafe.Sizeof(uintptr(0))
	rc := sqlite3.Xsqlite3_prepare_v3(c.tls, c.db, p, int32(len(sql)), flags, c.slots, tailOut)
	stmt, tail := *c.slot(0), *c.slot(1)
	if rc != sqlite3.SQLITE_OK {
		return 0, len(sql), rc
	}

	rest := len(sql)
	if tail != 0 {
		rest = int(tail - p)
	}
	return stmt, rest, rc
}

func (c *conn) step(stmt uintptr) int32 { return sqlite3.Xsqlite3_step(c.tls, stmt) }

func (c *conn) reset(stmt uintptr) { sqlite3.Xsqlite3_reset(c.tls, stmt) }

func (c *conn) finalize(stmt uintptr) { sqlite3.Xsqlite3_finalize(c.tls, stmt) }

func (c *conn) clearBindings(stmt uintptr) { sqlite3.Xsqlite3_clear_bindings(c.tls, stmt) }

func (c *conn) paramCount(stmt uintptr) int {
	return int(sqlite3.Xsqlite3_bind_parameter_count(c.tls, stmt))
}

func (c *conn) readonly(stmt uintptr) bool { return sqlite3.Xsqlite3_stmt_readonly(c.tls, stmt) != 0 }

func (c *conn) statementSQL(stmt uintptr) string {
	return libc.GoString(sqlite3.Xsqlite3_sql(c.tls, stmt))
}

// bindText binds s to parameter i (1-based).
func (c *conn) bindText(stmt uintptr, i int, s string) int32 {
	p, err := c.fill(&c.bind, s)
	if err != nil {
		return sqlite3.SQLITE_NOMEM
	}
	defer c.shrink(&c.bind)
	return sqlite3.Xsqlite3_bind_text(c.tls, stmt, int32(i), p, int32(len(s)), sqliteTransient)
}

// bindBlob binds b to parameter i; an empty slice is an empty blob, not NULL.
func (c *conn) bindBlob(stmt uintptr, i int, b []byte) int32 {
	p, err := c.fill(&c.bind, unsafe.String(unsafe.SliceData(b), len(b)))
	if err != nil {
		return sqlite3.SQLITE_NOMEM
	}
	defer c.shrink(&c.bind)
	return sqlite3.Xsqlite3_bind_blob(c.tls, stmt, int32(i), p, int32(len(b)), sqliteTransient)
}

func (c *conn) bindInt64(stmt uintptr, i int, v int64) int32 {
	return sqlite3.Xsqlite3_bind_int64(c.tls, stmt, int32(i), v)
}

func (c *conn) bindDouble(stmt uintptr, i int, v float64) int32 {
	return sqlite3.Xsqlite3_bind_double(c.tls, stmt, int32(i), v)
}

func (c *conn) bindNull(stmt uintptr, i int) int32 {
	return sqlite3.Xsqlite3_bind_null(c.tls, stmt, int32(i))
}

func (c *conn) columnCount(stmt uintptr) int {
	return int(sqlite3.Xsqlite3_column_count(c.tls, stmt))
}

func (c *conn) columnName(stmt uintptr, i int) string {
	return libc.GoString(sqlite3.Xsqlite3_column_name(c.tls, stmt, int32(i)))
}

// column returns the value of column i of the current row: int64, float64, string,
// []byte (never nil, copied) or nil for NULL.
func (c *conn) column(stmt uintptr, i int) any {
	col := int32(i)
	switch sqlite3.Xsqlite3_column_type(c.tls, stmt, col) {
	case sqlite3.SQLITE_INTEGER:
		return sqlite3.Xsqlite3_column_int64(c.tls, stmt, col)
	case sqlite3.SQLITE_FLOAT:
		return sqlite3.Xsqlite3_column_double(c.tls, stmt, col)
	case sqlite3.SQLITE_TEXT:
		p := sqlite3.Xsqlite3_column_text(c.tls, stmt, col)
		return string(cview(p, int(sqlite3.Xsqlite3_column_bytes(c.tls, stmt, col))))
	case sqlite3.SQLITE_BLOB:
		return c.columnBlob(stmt, i)
	default:
		return nil
	}
}

// columnBlob returns a copy of column i as bytes (never nil).
func (c *conn) columnBlob(stmt uintptr, i int) []byte {
	p := sqlite3.Xsqlite3_column_blob(c.tls, stmt, int32(i))
	n := int(sqlite3.Xsqlite3_column_bytes(c.tls, stmt, int32(i)))
	b := make([]byte, n)
	copy(b, cview(p, n))
	return b
}

func (c *conn) columnText(stmt uintptr, i int) string {
	p := sqlite3.Xsqlite3_column_text(c.tls, stmt, int32(i))
	return string(cview(p, int(sqlite3.Xsqlite3_column_bytes(c.tls, stmt, int32(i)))))
}

func (c *conn) columnInt64(stmt uintptr, i int) int64 {
	return sqlite3.Xsqlite3_column_int64(c.tls, stmt, int32(i))
}

func (c *conn) columnIsNull(stmt uintptr, i int) bool {
	return sqlite3.Xsqlite3_column_type(c.tls, stmt, int32(i)) == sqlite3.SQLITE_NULL
}

// stmtStatus reads (and optionally resets) one of the statement's counters.
func (c *conn) stmtStatus(stmt uintptr, op int32, reset bool) int64 {
	var r int32
	if reset {
		r = 1
	}
	return int64(sqlite3.Xsqlite3_stmt_status(c.tls, stmt, op, r))
}

func (c *conn) totalChanges() int64 { return sqlite3.Xsqlite3_total_changes64(c.tls, c.db) }

func (c *conn) changes() int64 { return sqlite3.Xsqlite3_changes64(c.tls, c.db) }

// autocommit reports whether no transaction is open on the connection.
func (c *conn) autocommit() bool { return sqlite3.Xsqlite3_get_autocommit(c.tls, c.db) != 0 }

func (c *conn) limit(id, value int32) { sqlite3.Xsqlite3_limit(c.tls, c.db, id, value) }

// dbConfig sets an integer-valued sqlite3_db_config option.
func (c *conn) dbConfig(op int32, value int32) int32 {
	const vaSlot = 8 // libc.VaList uses 8 bytes per argument on every target
	va := libc.Xmalloc(c.tls, types.Size_t(2*vaSlot))
	if va == 0 {
		return sqlite3.SQLITE_NOMEM
	}
	defer libc.Xfree(c.tls, va)
	return sqlite3.Xsqlite3_db_config(c.tls, c.db, op, libc.VaList(va, value, uintptr(0)))
}

// deferredViolations reports whether foreign key constraints are unresolved in the open
// transaction (SQLITE_DBSTATUS_DEFERRED_FKS).
func (c *conn) deferredViolations() bool {
	*c.slot(0), *c.slot(1) = 0, 0
	cur := c.slots
	high := c.slots + unsafe.Sizeof(uintptr(0))
	sqlite3.Xsqlite3_db_status(c.tls, c.db, sqlite3.SQLITE_DBSTATUS_DEFERRED_FKS, cur, high, 0)
	return *(*int32)(cptr(cur)) != 0
}

// memoryUsed returns the heap memory SQLite reports for the connection: page cache,
// schema and prepared statements.
func (c *conn) memoryUsed() int64 {
	var total int64
	for _, op := range []int32{
		sqlite3.SQLITE_DBSTATUS_CACHE_USED, sqlite3.SQLITE_DBSTATUS_SCHEMA_USED, sqlite3.SQLITE_DBSTATUS_STMT_USED,
	} {
		*c.slot(0), *c.slot(1) = 0, 0
		sqlite3.Xsqlite3_db_status(c.tls, c.db, op, c.slots, c.slots+unsafe.Sizeof(uintptr(0)), 0)
		total += int64(*(*int32)(cptr(c.slots)))
	}
	return total
}

// errorMessage formats the connection's last error as workerd does: SQLite's message,
// " at offset N" when SQLite knows where, the primary code's name, and the extended code's
// name when it says more.
func (c *conn) errorMessage(rc int32) string {
	primary := rc & 0xff
	msg := libc.GoString(sqlite3.Xsqlite3_errmsg(c.tls, c.db))
	if msg == "" {
		msg = libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, primary))
	}
	if off := sqlite3.Xsqlite3_error_offset(c.tls, c.db); off >= 0 {
		msg += " at offset " + strconv.Itoa(int(off))
	}
	msg += ": " + codeName(primary)
	if ext := sqlite3.Xsqlite3_extended_errcode(c.tls, c.db); ext != primary {
		if name, ok := extendedCodeNames[ext]; ok {
			msg += " (extended: " + name + ")"
		}
	}
	return msg
}

// sqlError turns a failed result code into an *Error with workerd's text.
func (c *conn) sqlError(rc int32) *Error {
	if c.db == 0 {
		msg := libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc&0xff))
		return &Error{Kind: KindError, Message: msg + ": " + codeName(rc&0xff), Code: int(rc & 0xff)}
	}
	return &Error{Kind: KindError, Message: c.errorMessage(rc), Code: int(rc & 0xff)}
}

func codeName(primary int32) string {
	if name, ok := primaryCodeNames[primary]; ok {
		return name
	}
	return "SQLITE_UNKNOWN_ERROR_CODE(" + strconv.Itoa(int(primary)) + ")"
}
