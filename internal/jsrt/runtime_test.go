package jsrt

import (
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// harness is a runtime whose console output and uncaught errors are recorded.
type harness struct {
	*Runtime
	out    []string
	errors []*Exception
}

func newHarness(t *testing.T, clock *Clock) *harness {
	t.Helper()
	h := &harness{}
	rt, err := New(Options{Clock: clock, Console: func(stream, text string) {
		h.out = append(h.out, stream+": "+text)
	}})
	require.NoError(t, err)
	h.Runtime = rt
	rt.SetErrorHandler(func(ex *Exception) { h.errors = append(h.errors, ex) })
	return h
}

// eval runs src as an async function body and waits for it.
func (h *harness) eval(t *testing.T, src string) (goja.Value, error) {
	t.Helper()
	prg, err := goja.Compile("test.js", "(async () => {\n"+src+"\n})()", false)
	require.NoError(t, err)
	v, err := h.Run(prg)
	require.NoError(t, err)
	return h.Await(v)
}

func TestTimersRunInOrder(t *testing.T) {
	h := newHarness(t, nil)
	v, err := h.eval(t, `
		const seen = [];
		await new Promise((done) => {
			setTimeout(() => seen.push("b"), 2);
			setTimeout(() => seen.push("a"), 0);
			const id = setTimeout(() => seen.push("never"), 1);
			clearTimeout(id);
			let n = 0;
			const iv = setInterval(() => { seen.push("i" + n); if (++n === 2) { clearInterval(iv); done(); } }, 3);
		});
		queueMicrotask(() => seen.push("micro"));
		await null;
		return seen.join(",");`)
	require.NoError(t, err)
	assert.Equal(t, "a,b,i0,i1,micro", v.String())
}

func TestFakeClockAdvancesTimersAndDate(t *testing.T) {
	clock := NewClock(func() time.Time { return time.Unix(1000, 0) })
	h := newHarness(t, clock)
	require.NoError(t, h.VM.Set("advance", func(ms int64) {
		require.NoError(t, h.Loop.Advance(time.Duration(ms)*time.Millisecond))
	}))
	clock.UseFake()

	v, err := h.eval(t, `
		const seen = [];
		setTimeout(() => seen.push("1h:" + Date.now()), 3600_000);
		setTimeout(() => seen.push("1s:" + Date.now()), 1000);
		advance(1000);
		seen.push("mid:" + Date.now());
		advance(3600_000);
		return seen.join(",");`)
	require.NoError(t, err)
	assert.Equal(t, "1s:1001000,mid:1001000,1h:4600000", v.String())
}

func TestRunAllStopsAnEndlessInterval(t *testing.T) {
	clock := NewClock(nil)
	h := newHarness(t, clock)
	clock.UseFake()
	_, err := h.eval(t, `setInterval(() => {}, 10);`)
	require.NoError(t, err)
	assert.ErrorIs(t, h.Loop.RunAll(false), ErrTimerLoop)
}

func TestErrorsThatEscapeAreReported(t *testing.T) {
	h := newHarness(t, nil)
	_, err := h.eval(t, `
		setTimeout(() => { throw new TypeError("from a timer"); }, 0);
		queueMicrotask(() => { throw "a string"; });
		Promise.reject(new RangeError("nobody listens"));
		const handled = Promise.reject(new Error("handled later"));
		handled.catch(() => {});
		await new Promise((r) => setTimeout(r, 1));`)
	require.NoError(t, err)

	var got []string
	for _, ex := range h.errors {
		got = append(got, ex.Origin+": "+ex.Error())
	}
	assert.ElementsMatch(t, []string{
		"queueMicrotask: a string",
		"unhandled rejection: RangeError: nobody listens",
		"timer: TypeError: from a timer",
	}, got)
}

func TestAwaitReportsRejectionAndNeverSettling(t *testing.T) {
	h := newHarness(t, nil)
	_, err := h.eval(t, `throw new SyntaxError("bad")`)
	var ex *Exception
	require.ErrorAs(t, err, &ex)
	assert.Equal(t, "SyntaxError", ex.Name)
	assert.Equal(t, "bad", ex.Message)
	assert.Contains(t, ex.Stack, "test.js:2")
	assert.Empty(t, h.errors, "an awaited rejection is not unhandled")

	_, err = h.eval(t, `await new Promise(() => {})`)
	assert.ErrorIs(t, err, ErrNeverSettles)
}

func TestGoWorkComesBackOnTheLoop(t *testing.T) {
	h := newHarness(t, nil)
	require.NoError(t, h.VM.Set("later", func(v string) goja.Value {
		p, resolve, _ := h.VM.NewPromise()
		h.Loop.Go(func() Task {
			upper := strings.ToUpper(v)
			return func() error { return resolve(upper) }
		})
		return h.VM.ToValue(p)
	}))
	v, err := h.eval(t, `return await later("go")`)
	require.NoError(t, err)
	assert.Equal(t, "GO", v.String())
}

func TestInterruptStopsAnInfiniteLoop(t *testing.T) {
	h := newHarness(t, nil)
	stop := time.AfterFunc(20*time.Millisecond, func() { h.Interrupt("test timed out") })
	defer stop.Stop()
	prg, err := goja.Compile("loop.js", "for (;;) {}", false)
	require.NoError(t, err)
	_, err = h.Run(prg)
	var intr *goja.InterruptedError
	assert.ErrorAs(t, err, &intr)
}

func TestConsoleFormatsLikeNode(t *testing.T) {
	tests := []struct{ src, want string }{
		{`console.log("a", 1, true, null, undefined)`, "stdout: a 1 true null undefined"},
		{`console.log({ a: 1, b: "x", c: [1, 2] })`, "stdout: { a: 1, b: 'x', c: [ 1, 2 ] }"},
		{`console.log("%s is %d", "x", 4.5, "extra")`, "stdout: x is 4.5 extra"},
		{`console.error(new Map([["k", 1]]), new Set([1]))`, "stderr: Map(1) { 'k' => 1 } Set(1) { 1 }"},
		{`class P { constructor() { this.x = 1 } }; console.warn(new P())`, "stderr: P { x: 1 }"},
		{`const o = {}; o.self = o; console.log(o)`, "stdout: { self: [Circular *1] }"},
		{`console.log({ a: { b: { c: { d: 1 } } } })`, "stdout: { a: { b: { c: [Object] } } }"},
		{`console.log(10n, Symbol("s"), () => 1, function named() {})`,
			"stdout: 10n Symbol(s) [Function (anonymous)] [Function: named]"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			h := newHarness(t, nil)
			_, err := h.eval(t, tt.src)
			require.NoError(t, err)
			require.Len(t, h.out, 1)
			assert.Equal(t, tt.want, h.out[0])
		})
	}
}

func TestRequireVirtualModules(t *testing.T) {
	h := newHarness(t, nil)
	built := 0
	h.DefineModule("vitest", func(rt *Runtime) (goja.Value, error) {
		built++
		return rt.VM.ToValue(map[string]any{"answer": 42}), nil
	})
	v, err := h.eval(t, `return __dotest.require("vitest").answer + __dotest.require("vitest").answer`)
	require.NoError(t, err)
	assert.EqualValues(t, 84, v.ToInteger())
	assert.Equal(t, 1, built)

	_, err = h.eval(t, `__dotest.require("cloudflare:email")`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `dotest does not provide the module "cloudflare:email"`)
}

func TestParseStack(t *testing.T) {
	stack := "Error: x\n\tat fail (/p/test/a.test.ts:11:8(14))\n\tat /p/test/a.test.ts:27:25(5)\n\tat native"
	assert.Equal(t, []StackFrame{
		{Function: "fail", File: "/p/test/a.test.ts", Line: 11, Column: 8},
		{File: "/p/test/a.test.ts", Line: 27, Column: 25},
	}, ParseStack(stack))
}

func TestPrelude(t *testing.T) {
	h := newHarness(t, nil)
	v, err := h.eval(t, `
		const { promise, resolve } = Promise.withResolvers();
		resolve(Object.groupBy([1, 2, 3], (n) => (n % 2 ? "odd" : "even")).odd.length);
		const s = new Set([1, 2]).union(new Set([3]));
		return [await promise, s.size, typeof Symbol.asyncIterator, "a\uD800".toWellFormed()].join(",");`)
	require.NoError(t, err)
	assert.Equal(t, "2,3,symbol,a\uFFFD", v.String())
}

// TestABusyRealIntervalDoesNotStarveTimers: a real-time interval whose callback takes longer
// than its period is always due; user timers must still get their turn.
func TestABusyRealIntervalDoesNotStarveTimers(t *testing.T) {
	h := newHarness(t, nil)
	ticks := 0
	var interval *Timer
	interval = h.Loop.SetTimer(RealTimer, 0, time.Millisecond, func() error {
		ticks++
		time.Sleep(2 * time.Millisecond) // a poll slower than its period, as under the race detector
		if ticks == 100 {
			h.Loop.ClearTimer(interval.ID) // so that a starved timer fails the test instead of hanging it
		}
		return nil
	})
	v, err := h.eval(t, `await new Promise((r) => setTimeout(r, 3)); return "fired";`)
	require.NoError(t, err)
	assert.Equal(t, "fired", v.String())
	assert.Less(t, ticks, 50, "the user timer waited behind the interval")
}
