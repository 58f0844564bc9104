package storage

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// authorizer decides, while SQLite compiles a statement, what user SQL may do. It follows
// workerd's policy: statements the engine prepares itself are trusted; user statements may
// not touch names starting with "_cf_", open transactions, attach databases, create temporary
// objects, use virtual table modules other than FTS5 and R*Tree, run pragmas outside an
// allow-list, or call functions outside an allow-list.
type authorizer struct {
	user bool // a user statement is being compiled

	// What the compilation of the current user statement ran into.
	txnDenied bool
	sawAlter  bool
	pragma    *pragmaWrite
}

// pragmaWrite records a user statement that sets one of the boolean pragmas, so that the
// value can be put back when a frame is popped.
type pragmaWrite struct {
	name string
	on   bool
}

func (a *authorizer) beginUser() {
	a.user, a.txnDenied, a.sawAlter, a.pragma = true, false, false, nil
}

// registry maps the id given to SQLite as the authorizer's argument to its authorizer, so
// that the callback, a plain function, can find the state of its connection.
var (
	registry   sync.Map // uintptr -> *authorizer
	registryID atomic.Uintptr
)

// install makes a the authorizer of c.
func (a *authorizer) install(c *conn) (uintptr, int32) {
	id := registryID.Add(1)
	registry.Store(id, a)
	rc := sqlite3.Xsqlite3_set_authorizer(c.tls, c.db, funcPointer(authorize), id)
	if rc != sqlite3.SQLITE_OK {
		registry.Delete(id)
	}
	return id, rc
}

// funcPointer converts a top-level Go function into the function pointer the transpiled C
// code calls, which is the address of the function's code pointer.
func funcPointer[T any](f T) uintptr {
	return *(*uintptr)(unsafe.Pointer(&struct{ f T }{f}))
}

// authorize is the C callback. Arguments SQLite passes as NULL arrive as 0.
func authorize(_ *libc.TLS, id uintptr, action int32, z1, z2, zDB, zTrigger uintptr) int32 {
	v, ok := registry.Load(id)
	if !ok {
		return sqlite3.SQLITE_DENY
	}
	args := authArgs{
		p1: libc.GoString(z1), p2: libc.GoString(z2), db: libc.GoString(zDB),
		has2: z2 != 0, hasDB: zDB != 0,
	}
	if v.(*authorizer).allow(action, args) {
		return sqlite3.SQLITE_OK
	}
	return sqlite3.SQLITE_DENY
}

type authArgs struct {
	p1, p2, db  string
	has2, hasDB bool
}

func (a *authorizer) allow(action int32, x authArgs) bool {
	// SQLite passes the database name first for these two; put it where the others have it.
	if action == sqlite3.SQLITE_ALTER_TABLE || action == sqlite3.SQLITE_DETACH {
		x.p1, x.p2, x.has2, x.db, x.hasDB = x.p2, x.db, x.hasDB, x.p1, true
	}
	if x.hasDB && x.db == "temp" {
		return a.user && allowTemp(action, x)
	}
	if x.hasDB && x.db != "main" {
		return false
	}
	if !a.user {
		return true
	}
	return a.allowUser(action, x)
}

func (a *authorizer) allowUser(action int32, x authArgs) bool {
	switch action {
	case sqlite3.SQLITE_SELECT, sqlite3.SQLITE_ANALYZE, sqlite3.SQLITE_RECURSIVE:
		return true
	case sqlite3.SQLITE_CREATE_TABLE, sqlite3.SQLITE_DELETE, sqlite3.SQLITE_DROP_TABLE,
		sqlite3.SQLITE_INSERT, sqlite3.SQLITE_CREATE_VIEW, sqlite3.SQLITE_DROP_VIEW,
		sqlite3.SQLITE_REINDEX:
		return allowedName(x.p1)
	case sqlite3.SQLITE_READ, sqlite3.SQLITE_UPDATE:
		return allowedName(x.p1) && !hiddenTables[x.p1]
	case sqlite3.SQLITE_ALTER_TABLE:
		a.sawAlter = true
		return allowedName(x.p1) && (!x.has2 || allowedName(x.p2))
	case sqlite3.SQLITE_CREATE_INDEX, sqlite3.SQLITE_DROP_INDEX,
		sqlite3.SQLITE_CREATE_TRIGGER, sqlite3.SQLITE_DROP_TRIGGER:
		return allowedName(x.p1) && allowedName(x.p2)
	case sqlite3.SQLITE_TRANSACTION, sqlite3.SQLITE_SAVEPOINT:
		a.txnDenied = true
		return false
	case sqlite3.SQLITE_PRAGMA:
		return a.allowPragma(x.p1, x.p2, x.has2)
	case sqlite3.SQLITE_FUNCTION:
		return allowedFunctions[x.p2]
	case sqlite3.SQLITE_CREATE_VTABLE, sqlite3.SQLITE_DROP_VTABLE:
		return allowedModules[strings.ToLower(x.p2)] && allowedName(x.p1)
	default:
		// ATTACH, DETACH, temporary objects, COPY and unknown actions.
		return false
	}
}

// allowTemp covers the temp schema, which user SQL may only read and update (SQLite's own
// ALTER TABLE machinery does so); creating temporary objects is refused.
func allowTemp(action int32, x authArgs) bool {
	switch action {
	case sqlite3.SQLITE_READ, sqlite3.SQLITE_UPDATE:
		return allowedName(x.p1)
	default:
		return false
	}
}

func allowedName(name string) bool { return !strings.HasPrefix(name, "_cf_") }

// hiddenTables are eponymous virtual tables compiled into modernc's SQLite but not into
// workerd's, so user SQL cannot read them.
var hiddenTables = map[string]bool{"dbstat": true, "sqlite_dbpage": true}

var allowedModules = map[string]bool{"fts5": true, "fts5vocab": true, "rtree": true, "rtree_i32": true}

// pragmaArg is the kind of argument an allowed pragma takes.
type pragmaArg uint8

const (
	pragmaNoArg pragmaArg = iota
	pragmaBool
	pragmaObject
	pragmaOptionalObject
	pragmaOptionalNumber
	pragmaOptionalNumberOrObject
)

// allowedPragmas is workerd's allow-list. Names compare case-sensitively, as SQLite hands
// the pragma name to the authorizer as written.
var allowedPragmas = map[string]pragmaArg{
	"data_version":              pragmaNoArg,
	"page_size":                 pragmaNoArg,
	"case_sensitive_like":       pragmaBool,
	"foreign_keys":              pragmaBool,
	"defer_foreign_keys":        pragmaBool,
	"ignore_check_constraints":  pragmaBool,
	"legacy_alter_table":        pragmaBool,
	"recursive_triggers":        pragmaBool,
	"reverse_unordered_selects": pragmaBool,
	"foreign_key_check":         pragmaOptionalObject,
	"foreign_key_list":          pragmaObject,
	"index_info":                pragmaObject,
	"index_list":                pragmaObject,
	"index_xinfo":               pragmaObject,
	"quick_check":               pragmaOptionalNumberOrObject,
	"optimize":                  pragmaOptionalNumber,
}

func (a *authorizer) allowPragma(name, arg string, hasArg bool) bool {
	switch name {
	case "table_list":
		return true
	case "table_info", "table_xinfo":
		return hasArg && allowedName(arg)
	}

	kind, ok := allowedPragmas[name]
	if !ok {
		return false
	}
	switch kind {
	case pragmaNoArg:
		return !hasArg
	case pragmaBool:
		return a.allowBoolPragma(name, arg, hasArg)
	case pragmaObject:
		return hasArg && allowedName(arg)
	case pragmaOptionalObject:
		return !hasArg || allowedName(arg)
	case pragmaOptionalNumber:
		_, err := strconv.ParseInt(arg, 0, 32)
		return !hasArg || err == nil
	default: // pragmaOptionalNumberOrObject
		_, err := strconv.ParseUint(arg, 0, 32)
		return !hasArg || err == nil || allowedName(arg)
	}
}

// allowBoolPragma accepts the spellings of a boolean workerd accepts: an optional pair of
// quotes around a value that starts, case-insensitively, with true, false, yes, no, on,
// off, 1 or 0.
func (a *authorizer) allowBoolPragma(name, arg string, hasArg bool) bool {
	if !hasArg {
		return true
	}
	v := arg
	if len(v) >= 2 && (v[0] == '\'' || v[0] == '"') && v[len(v)-1] == v[0] {
		v = v[1 : len(v)-1]
	}
	lower := strings.ToLower(v)
	for _, on := range []string{"true", "yes", "on", "1"} {
		if strings.HasPrefix(lower, on) {
			a.pragma = &pragmaWrite{name: name, on: true}
			return true
		}
	}
	for _, off := range []string{"false", "no", "off", "0"} {
		if strings.HasPrefix(lower, off) {
			a.pragma = &pragmaWrite{name: name, on: false}
			return true
		}
	}
	return false
}

// renameToReserved matches ALTER TABLE ... RENAME TO a reserved name. workerd's patched
// SQLite hands the new name to the authorizer; the stock one does not, so it is checked
// on the statement text.
var renameToReserved = regexp.MustCompile("(?is)\\bRENAME\\s+TO\\s+[\"'`\\[]?_cf_")

// allowedFunctions is workerd's allow-list of SQL functions.
var allowedFunctions = setOf(
	// core scalar functions
	"abs", "changes", "char", "coalesce", "concat", "concat_ws", "format", "glob", "hex",
	"ifnull", "iif", "instr", "last_insert_rowid", "length", "like", "likelihood", "likely",
	"load_extension", "lower", "ltrim", "max_scalar", "min_scalar", "nullif", "octet_length",
	"printf", "quote", "random", "randomblob", "replace", "round", "rtrim", "sign", "soundex",
	"substr", "substring", "total_changes", "trim", "typeof", "unhex", "unicode", "unlikely",
	"upper", "zeroblob",
	// date and time
	"date", "time", "datetime", "julianday", "unixepoch", "strftime", "timediff",
	"current_date", "current_time", "current_timestamp",
	// aggregates
	"avg", "count", "group_concat", "max", "min", "string_agg", "sum", "total",
	// window functions
	"row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
	"first_value", "last_value", "nth_value",
	// math
	"acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "ceil", "cos", "cosh",
	"degrees", "exp", "floor", "ln", "log", "log2", "mod", "pi", "pow", "radians", "sin",
	"sinh", "sqrt", "tan", "tanh", "trunc",
	// JSON
	"json", "jsonb", "json_array", "jsonb_array", "json_array_length", "json_extract",
	"jsonb_extract", "->", "->>", "json_insert", "jsonb_insert", "json_object", "jsonb_object",
	"json_patch", "jsonb_patch", "json_remove", "jsonb_remove", "json_replace",
	"jsonb_replace", "json_set", "jsonb_set", "json_type", "json_valid", "json_quote",
	"json_group_array", "jsonb_group_array", "json_group_object", "jsonb_group_object",
	"json_each", "json_tree",
	// FTS5 and R*Tree
	"match", "highlight", "bm25", "snippet", "rtreecheck",
	// used internally by ALTER TABLE
	"sqlite_rename_column", "sqlite_rename_table", "sqlite_rename_test", "sqlite_drop_column",
	"sqlite_rename_quotefix",
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
