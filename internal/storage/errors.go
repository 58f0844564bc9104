package storage

import (
	"errors"
	"fmt"
)

// ErrKind names the JavaScript error class that an *Error is thrown as.
type ErrKind uint8

// The error classes storage errors map to.
const (
	KindError ErrKind = iota
	KindTypeError
	KindRangeError
)

// String returns the name of the JavaScript class: "Error", "TypeError" or "RangeError".
func (k ErrKind) String() string {
	switch k {
	case KindTypeError:
		return "TypeError"
	case KindRangeError:
		return "RangeError"
	default:
		return "Error"
	}
}

// Error is a storage error that JavaScript code observes. Message is the exact text the
// platform uses, which is why it is capitalised and punctuated unlike Go error strings.
type Error struct {
	Kind    ErrKind
	Message string

	// Code is SQLite's primary result code (SQLITE_CONSTRAINT is 19, ...) when the
	// error came from SQLite, else 0.
	Code int

	// Critical reports an error after which SQLite rolled back the whole transaction
	// (a full database, an I/O error, no memory). The handle that saw it is broken:
	// the engine must reset the object, as workerd does.
	Critical bool
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Messages shared with the JavaScript bindings, as workerd words them.
const (
	// MsgNoLongerAccessible is returned by every call on a closed or broken handle.
	MsgNoLongerAccessible = "Durable Object storage is no longer accessible."

	// MsgSQLNotEnabled is workerd's text for ctx.storage.sql on a KV-backed class.
	MsgSQLNotEnabled = "SQL is not enabled for this Durable Object class. To enable it, change " +
		"`new_classes` to `new_sqlite_classes` within the 'migrations' field in " +
		"your wrangler.jsonc or wrangler.toml file. If using workerd directly," +
		"set `enableSql = true` in your workerd config for the class. Note " +
		"that this change cannot be made after the class is " +
		"already deployed to production."

	// MsgSyncKVNotEnabled is workerd's text for ctx.storage.kv on a KV-backed class.
	MsgSyncKVNotEnabled = "The storage.kv (synchronous KV) API is only available for " +
		"SQLite-backed Durable Objects, but this object's namespace is not declared to use " +
		"SQLite. You can use the older, asyncronous interface via methods of `storage` itself " +
		"(e.g. `storage.get()`). Alternatively, to enable SQLite, change `new_classes` to " +
		"`new_sqlite_classes` within the 'migrations' field in your wrangler.jsonc or " +
		"wrangler.toml file. If using workerd directly, set `enableSql = true` in your workerd " +
		"config for the class. Note that this change cannot be made after the class is " +
		"already deployed to production."

	// MsgNotBackedBySQL is the text of transactionSync() on a KV-backed class.
	MsgNotBackedBySQL = "Durable Object is not backed by SQL."

	// MsgTransactionStatement answers BEGIN, COMMIT, ROLLBACK, SAVEPOINT and RELEASE in
	// user SQL.
	MsgTransactionStatement = "To execute a transaction, please use the state.storage.transaction() or " +
		"state.storage.transactionSync() APIs instead of the SQL BEGIN TRANSACTION or SAVEPOINT " +
		"statements. The JavaScript API is safer because it will automatically roll back on " +
		"exceptions, and because it interacts correctly with Durable Objects' automatic atomic " +
		"write coalescing."

	// MsgIteratorInvalidated is thrown when advancing a kv.list() iterator that a newer
	// list call replaced.
	MsgIteratorInvalidated = "kv.list() iterator was invalidated because a new call to kv.list() " +
		"was started. Only one kv.list() iterator can exist at a time."

	// MsgConstraintReset prefixes the error of a commit that found violated constraints.
	MsgConstraintReset = "Durable Object was reset and rolled back to its last known good state " +
		"because the application left the database in a state where constraints were violated: "

	msgCriticalCommit   = "Cannot commit transaction due to an earlier SQL critical error"
	msgDeleteAllInTxn   = "Cannot call deleteAll() within a transaction"
	msgNestedTxnRunning = "Cannot roll back an outer transaction while a nested transaction is still running."
	msgBothStarts       = "list() cannot be called with both start and startAfter values."
	msgLimitPositive    = "List limit must be positive."
	msgNoStatement      = "SQL code did not contain a statement."
	msgOnlyLastParams   = "When executing multiple SQL statements in a single call, " +
		"only the last statement can have parameters."
	msgWrongBindings      = "Wrong number of parameter bindings for SQL query."
	msgAlarmNotPositive   = "setAlarm() cannot be called with an alarm time <= 0"
	msgUnsupportedBinding = "Unsupported type for a SQL binding: %T."
)

// Sentinel errors for misuse of the engine API (never shown to JavaScript as such).
var (
	// ErrNoFrame is returned by PopFrame when no frame is open.
	ErrNoFrame = errors.New("no isolation frame is open")

	// ErrTxnOpen is returned by PushFrame while a transaction is open: a frame must sit
	// below every transaction, or committing one would release the frame.
	ErrTxnOpen = errors.New("a transaction is open")

	// ErrNoTxn is returned when committing or rolling back a transaction that is not the
	// innermost open one.
	ErrNoTxn = errors.New("no such transaction is open")
)

func newError(kind ErrKind, format string, args ...any) *Error {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return &Error{Kind: kind, Message: msg}
}

// errNoLongerAccessible builds a fresh value each time so callers may not mutate a shared one.
func errNoLongerAccessible() *Error {
	return &Error{Kind: KindError, Message: MsgNoLongerAccessible}
}
