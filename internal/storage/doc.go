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
package storage
