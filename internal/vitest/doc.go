// Package vitest is vitest's test API and runner for one test file running in one dotest
// runtime: describe/it/test and their modifiers, hooks, test.extend fixtures, the test
// context, vi (mocks, fake timers, waitFor, stubs), chai's assert, file and inline snapshots,
// and the run itself, in vitest 4's order, with its texts.
//
// # How a file runs
//
// Install defines the "vitest" module in a fresh runtime (and the globals with
// Config.Globals) and points the runtime's uncaught errors at the runner. Run then runs the
// bundle, waits for globalThis.__dotest.loaded (registration may go on after top-level
// awaits), runs the describe callbacks, each after its parent's as vitest does, applies .only
// and -t, emits FileCollected, runs the tests emitting TestStart and TestEnd for each (skipped
// and todo tests included), saves the snapshots and returns the file's result.
//
// The test API is JavaScript (js/*.js, compiled once per process); Go provides what needs the
// host: the events, deadlines on real time, the watchdog, turns of the event loop, isolation
// scopes, the snapshot files and the clock. Everything runs on the runtime's goroutine except
// the watchdog's checks.
//
// # Time
//
// Test and hook timeouts run on real time whatever vi's fake timers do. A body that returns
// a promise gets a deadline: when it passes, the test fails with vitest's "Test timed out"
// text and the next one runs. A synchronous infinite loop cannot be stopped that way, so a
// watchdog interrupts the runtime when the same turn of the loop is still running a grace
// period (a tenth of the timeout, 5ms to 1s) after the deadline. An interrupted goja runtime
// cannot be trusted, so the test fails with the timeout text and every test left is reported
// NotRun, with a file error saying why. Loading and collecting the file is bounded by the
// hook timeout the same way.
//
// Each attempt of a test ends its turn before the afterEach hooks run, so that a promise the
// test rejected without a handler is reported while the test is still the one running.
// Errors that escape to the event loop (timers, queueMicrotask, unhandled rejections) fail the
// running test with their origin; outside any test they are errors of the file.
//
// # Where dotest differs from vitest
//
// These are known gaps, each with what would close it:
//   - .concurrent tests run one at a time: a runtime runs one test at a time.
//   - .only is allowed in CI, where vitest fails it unless --allowOnly is given; Config has no
//     AllowOnly to ask for vitest's behaviour.
//   - Errors that escape to the loop during a test fail that test; vitest reports them as
//     unhandled errors of the run.
//   - Fake timers live in the runtime's clock (jsrt): timers made before vi.useFakeTimers()
//     turn fake too, a timer's exception during vi.advanceTimersByTime() fails the running
//     test instead of being rethrown by the call, the loop limit is always 10000 timers,
//     toFake can only choose between timers and Date, shouldAdvanceTime is refused, and
//     runOnlyPendingTimersAsync runs the pending timers after one turn rather than one turn
//     between each.
//   - A synchronous computation that outlives its timeout is interrupted (see Time) where
//     vitest lets it finish and then fails the test.
//   - vi.mock and the other module-mocking APIs throw an error that suggests vi.spyOn:
//     modules are bundled before the file runs.
//   - aroundEach/aroundAll, test.override/test.scoped and tags (all new in vitest 4.1) are
//     not provided; annotations made with context.annotate are kept on the task but not
//     reported, as events have no field for them.
//   - Titles of .each print objects with the expect library's one-line printer, which
//     truncates at 40 characters where vitest's %o and %O do not truncate.
package vitest
