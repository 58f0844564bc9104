// Package cloudflaretest tests a Cloudflare Workers project with Durable Objects from Go, on
// the same engine, runtime and storage isolation that `dotest run` uses.
//
// It does two things:
//
//   - Run runs the project's JS test files (test/*.test.ts) and reports every JS test as a Go
//     subtest, so a single `go test ./...` covers them, with -run, -v, -json, -count and
//     -failfast working as for Go tests.
//   - New starts the project's worker inside a Go test, with storage isolated to that test,
//     and lets the test drive it: call Durable Object methods (Stub.Call), send requests
//     (Stub.Fetch, Worker.Handler with net/http/httptest), read and write an object's storage
//     (Worker.RunInDurableObject), run alarms (Worker.RunAlarm) and move a virtual clock
//     (Worker.Advance).
//
// A minimal test:
//
//	func TestCounter(t *testing.T) {
//		w := cloudflaretest.New(t, "..")
//		counter := w.Namespace("COUNTER").GetByName("a")
//
//		n, err := counter.Call(t.Context(), "increment", 2)
//		require.NoError(t, err)
//		assert.Equal(t, 2.0, n)
//	}
//
// # Goroutines
//
// A worker's runtime belongs to a goroutine of its own, which runs its event loop for the
// worker's whole life: timers, alarms and I/O progress between calls from Go, as they do in
// workerd between requests. JavaScript values never leave that goroutine. Every method of
// Worker, Namespace, Stub, Object and KV may be called from any goroutine, at the same time:
// the call is handed to the runtime's goroutine as a task and waits for its outcome, so calls
// from parallel subtests or from the goroutines of an httptest.Server interleave as concurrent
// requests do. The callback of RunInDurableObject runs on the goroutine that called it, so it
// may use t.Fatal and testify's require.
//
// A call that has not settled when its context ends returns ctx.Err(); the work goes on in
// the runtime and its outcome is dropped. A call whose context has no deadline is bounded by
// the project's testTimeout (WithTimeout changes it), so a promise that never settles fails the
// call instead of hanging the test.
//
// # Isolation
//
// New pushes a storage frame (package isolation) and pops it when its test ends: whatever the
// test wrote, the objects it created, the alarms it set are gone, and the runtime is thrown
// away. Worker.Sub gives a subtest a frame of its own on the same runtime: the subtest starts
// from what its parent wrote and leaves nothing behind. Frames nest, so subtests with frames
// of their own run one at a time; parallel subtests either share their parent's frame or each
// start their own worker with New, which costs a few milliseconds once the project's bundle is
// cached (the workers of a test binary share one bundle cache per project).
//
// # Values between Go and JavaScript
//
// Arguments of Stub.Call (and values given to KV.Put and SQL) become fresh JS values, which the
// call then structured-clones as RPC does in workerd; results are cloned by the engine, then
// read into Go. From Go to JavaScript:
//
//	nil, nil pointer, nil slice or map   null
//	bool, string                        boolean, string
//	integers, floats                    number; integers beyond ±2^53 are refused (pass a *big.Int)
//	*big.Int, big.Int                   BigInt
//	[]byte                              ArrayBuffer (a copy)
//	time.Time                           Date (to the millisecond)
//	slices, arrays                      Array
//	map[string]T                        plain object; other key types are refused
//	structs, json.Marshaler types       what encoding/json makes of them, so JSON tags apply
//	json.RawMessage                     the parsed JSON
//	chan, func, complex                 refused with ErrValue
//
// From JavaScript to Go:
//
//	undefined, null                     nil
//	boolean, string                     bool, string
//	number                              float64, always, as encoding/json gives an any
//	BigInt                              *big.Int
//	Date                                time.Time in UTC
//	ArrayBuffer, typed array, DataView  []byte of the bytes it views
//	Array, Set                          []any
//	plain object, class instance        map[string]any of its own enumerable properties
//	Map with string keys                map[string]any; other keys are refused
//	RegExp                              its source text, "/a+/g"
//	Error (returned, not thrown)        *JSError
//	functions, RPC stubs, Response      refused with ErrValue, saying what to do instead
//
// Decode (and Stub.CallInto) turns a result into a typed Go value, through encoding/json when
// the types differ. A thrown exception comes back as a *JSError, with the JS name, message and
// source-mapped stack.
//
// # Subtest names of Run
//
// Run names subtests <file>/<describe>.../<title>, the file relative to the directory that
// holds every test file of the project. Go rewrites each part as it does every subtest name:
// spaces become underscores, so
//
//	describe("counter", () => { it("adds one", ...) })   // in test/counter.test.ts
//
// is TestWorker/counter.test.ts/counter/adds_one, selected with
// `go test -run 'TestWorker/counter.test.ts/counter/adds_one'`.
package cloudflaretest
