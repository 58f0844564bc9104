package expect

import "testing"

// pollPrelude gives the state virtual timers and a pump that fires them in
// time order until a promise settles.
const pollPrelude = statePrelude + `
let now = 0
let timers = []
const clock = {
  setTimeout(fn, ms) { const t = { at: now + ms, fn }; timers.push(t); return t },
  clearTimeout(t) { timers = timers.filter(x => x !== t) },
}
async function settle(promise) {
  let done = false
  let outcome
  promise.then(v => { done = true; outcome = { value: v } }, e => { done = true; outcome = { error: e } })
  for (let i = 0; i < 1000 && !done; i++) {
    for (let j = 0; j < 10; j++) await null
    if (done || timers.length === 0) continue
    timers.sort((a, b) => a.at - b.at)
    const next = timers.shift()
    now = next.at
    next.fn()
  }
  if (outcome && outcome.error) throw outcome.error
  return outcome && outcome.value
}
`

func TestPoll(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"passes once the value is right", `
			const s = makeState(); s.timers = clock
			const e = lib.createExpect(s)
			let calls = 0
			await settle(e.poll(() => ++calls, { interval: 10, timeout: 100 }).toBe(3))
			return [calls, now]`, `[3, 20]`},
		{"async function", `
			const s = makeState(); s.timers = clock
			const e = lib.createExpect(s)
			let calls = 0
			await settle(e.poll(async () => ++calls > 1 ? 'ok' : 'no').toBe('ok'))
			return calls`, `2`},
		{"times out with the last error", `
			const s = makeState(); s.timers = clock
			const e = lib.createExpect(s)
			let calls = 0
			try {
				await settle(e.poll(() => ++calls, { interval: 10, timeout: 50 }).toBe(100))
			} catch (err) {
				return [err.message, err.cause.message, calls, timers.length]
			}`,
			`["expected 6 to be 100 // Object.is equality", "Matcher did not succeed in time.", 6, 0]`},
		{"custom message", `
			const s = makeState(); s.timers = clock
			const e = lib.createExpect(s)
			try {
				await settle(e.poll(() => 1, { interval: 10, timeout: 10, message: 'waiting' }).toBe(2))
			} catch (err) {
				return err.message
			}`, `"waiting: expected 1 to be 2 // Object.is equality"`},
		{"runs only when awaited", `
			const s = makeState(); s.timers = clock
			const e = lib.createExpect(s)
			let calls = 0
			e.poll(() => ++calls).toBe(1)
			await null
			return calls`, `0`},
		{"toThrow is refused", `
			const s = makeState(); s.timers = clock
			lib.createExpect(s).poll(() => 1).toThrow()`,
			`{"error": {"name": "SyntaxError", "message": "expect.poll() is not supported in combination with ` +
				`.toThrow(). Use vi.waitFor() if your assertion condition is unstable."}}`},
		{"resolves is refused", `
			const s = makeState(); s.timers = clock
			lib.createExpect(s).poll(() => 1).resolves`,
			`{"error": {"name": "SyntaxError", "message": "expect.poll() is not supported in combination with ` +
				`.resolves"}}`},
		{"needs timers", `
			lib.createExpect(makeState()).poll(() => 1)`,
			`{"error": {"name": "Error", "message": "expect.poll() needs setTimeout and clearTimeout"}}`},
		{"forgotten resolves are handed to the runner", `
			const s = makeState(); s.promises = []
			const e = lib.createExpect(s)
			e(Promise.resolve(1)).resolves.toBe(1)
			return s.promises.length`, `1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameJSON(t, tt.name, evalCase(t, pollPrelude, tt.body), tt.want)
		})
	}
}
