// Package storage is the per-object storage of the Durable Object engine: one SQLite
// database per object, reached through the transpiled SQLite of modernc.org/sqlite/lib.
//
// It serves the three storage APIs a Durable Object sees, all over the same database:
// the asynchronous KV API and the synchronous ctx.storage.kv (both on the hidden table
// _cf_KV), and ctx.storage.sql (Exec and Cursor). It also keeps the alarm row in
// _cf_METADATA, enforces the platform's limits and restrictions with workerd's error texts,
// and nests every kind of transaction as a savepoint:
//
//	frames      _dotest_frame_N          PushFrame / PopFrame (test isolation)
//	turn        _cf_turn                 opened by the first write, CommitTurn / RollbackTurn
//	transaction _cf_savepoint_<depth>    BeginTxn / CommitTxn / RollbackTxn
//	sync        _cf_sync_savepoint_<d>   BeginSyncTxn / CommitSyncTxn / RollbackSyncTxn
//
// Nothing ever issues BEGIN or COMMIT, so a frame pushed before a test undoes everything
// the test did when it is popped, and user SQL can never end a frame: the authorizer
// refuses transaction statements. When no frame is open and the database is a file,
// releasing the outermost savepoint is SQLite's commit, so a committed turn is on disk.
//
// Values are opaque bytes: the caller serializes them. Errors meant for JavaScript are
// *Error values whose Kind names the class to throw and whose Message is the platform's
// text; errors about misuse of the engine API are the ErrXxx sentinels, wrapped.
//
// Concurrency: a DB and everything obtained from it belong to one goroutine at a time,
// as the SQLite connection under it is opened without a mutex. Different databases may be
// used from different goroutines at once.
//
// # Known differences from workerd
//
// These come from stock SQLite as modernc builds it, or from frames being transactions:
//
//   - DELETE ... LIMIT and UPDATE ... LIMIT are syntax errors: modernc's SQLite is built
//     without SQLITE_ENABLE_UPDATE_DELETE_LIMIT. ANALYZE also fills sqlite_stat4 (STAT4
//     is on). Both go away only with a different build of the library.
//   - PRAGMA foreign_keys = OFF does nothing while a frame or transaction is open, as
//     SQLite ignores it inside a transaction; workerd runs it outside one.
//   - After a critical error (an I/O error, or SQLITE_FULL or NOMEM in a statement that
//     has no statement journal, such as a one-row INSERT) SQLite rolls back its whole
//     transaction. Under frames that is everything written since the
//     outermost frame was pushed, not only the current turn; the frames are reopened
//     empty so that PopFrame still pairs with PushFrame.
//   - DeleteAll drops every schema object inside the current savepoint instead of
//     replacing the file (so a frame can undo it). sqlite_sequence cannot be dropped: it
//     stays, emptied, and its page counts in DatabaseSize. DatabaseSize reports 0 for a
//     database with no schema object at all, which also covers a table created and
//     dropped again, where workerd reports one page.
//   - Cursor.RowsRead and RowsWritten are approximations (see Cursor): the exact counts
//     need workerd's patched SQLite.
//   - ALTER TABLE ... RENAME TO _cf_... is refused by matching the statement text, as
//     stock SQLite does not give the new name to the authorizer.
//   - The 2 MB limit on key plus value of SQLite-backed objects has no known production
//     text; SQLite's "string or blob too big: SQLITE_TOOBIG" is used. setAlarm() past the
//     year 2262 (nanoseconds overflow) gets a text of this package's own.
package storage
