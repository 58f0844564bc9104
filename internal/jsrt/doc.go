// Package jsrt is the JavaScript runtime that every test file runs in: one goja runtime, the
// event loop that drives it, the clock that timers read, and the small web platform core
// (timers, queueMicrotask, console, the syntax prelude) that all other packages build on.
//
// # Goroutines
//
// A Runtime belongs to the goroutine that calls its Run or Await methods; goja values never
// leave it. Every method is for that goroutine only, except the ones documented as safe from
// any goroutine: Loop.Submit, Loop.Go's work function, Runtime.Interrupt. Go work that runs
// elsewhere (a network fetch, a file read) hands its result back with Loop.Submit, and the
// function it submits runs on the owning goroutine between two turns.
//
// # Turns
//
// The loop runs one task at a time: a timer callback, a submitted function, an event of a
// Durable Object. After each task goja has drained its microtask queue; then the loop runs its
// after-turn hooks (the object engine commits the turn's writes there) and reports promises
// that were rejected with no handler. An exception that escapes a task is never dropped: it
// goes to the runtime's error handler, which the test runner points at the running test.
//
// # Time
//
// Timers read the runtime's Clock, which is real by default and virtual after UseFakeTime.
// Virtual time moves only when the test advances it, so a test can move an hour in a
// microsecond. Timers that the harness itself needs (test timeouts) always use real time.
package jsrt
