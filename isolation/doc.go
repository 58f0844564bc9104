// Package isolation undoes what each test does to Durable Objects: a stack of frames over
// every object's storage, pushed when a file, a describe block or a test starts and popped
// when it ends, so that each test starts from what its suites' hooks wrote and leaves
// nothing behind.
//
// # Frames
//
// A frame is a SQLite savepoint held open on the database of every object that exists when
// it is pushed, so pushing and popping cost microseconds where the classic Workers pool
// copied every .sqlite file. Popping a frame:
//
//   - fails the scope when work handed to waitUntil is still pending, naming what it can;
//   - closes the WebSockets opened while the frame was on top;
//   - evicts every running instance, so in-memory state never outlives the frame; stubs stay
//     usable and the next call starts a fresh instance from storage;
//   - deletes the objects first created while the frame was on top, so that
//     listDurableObjectIds no longer sees them;
//   - rolls every other object's database back to where the frame found it and reschedules
//     its alarm from what storage holds then, which cancels the alarms the frame set and
//     brings back those it deleted or ran.
//
// Frames cover the stores added with AddStore, such as Workers KV namespaces, the same way:
// a savepoint on each, rolled back when the frame is popped, and Reset clears them.
//
// Instances are evicted when a frame is pushed too, as the classic pool aborted them, so a
// test never inherits the memory of an instance that a hook or an earlier test built.
//
// Which scopes get a frame follows project.Isolation: IsolateTest pushes one for the file,
// each describe block and each attempt of a test (its beforeEach, body, afterEach,
// onTestFinished and onTestFailed hooks included, so afterEach sees what the test wrote);
// IsolateFile pushes only the file's frame, as the current Workers pool gives each file
// fresh storage shared by its tests.
//
// # Where it differs from the classic pool
//
//   - The runner enters and leaves scopes synchronously (vitest.Scopes), and goja runs promise
//     jobs only when the outermost call returns, so a frame cannot wait for waitUntil work the
//     way the classic pool awaited it: a test that ends with work still pending fails, with
//     the places its ExecutionContext work came from when cloudflare:test's
//     createExecutionContext recorded them. Only the file's frame, left from Go after the last
//     test, waits (up to DrainTimeout) for what is left. Closing that gap needs a runner that
//     awaits an asynchronous Leave.
//   - WebSockets are closed with code 1001 on both ends; their close events reach listeners
//     after the frame is gone, while the next scope runs.
//   - Timers that an instance set (setTimeout) outlive its eviction, as the engine does not
//     know which object a timer belongs to: one that fires in a later test runs against an
//     instance whose storage no longer works, and its error fails that test.
//   - Work pending when a frame was pushed cannot be told from work the scope added, so a
//     scope that starts with work pending is not failed for it.
package isolation
