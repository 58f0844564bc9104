package expect

import (
	"encoding/json"
	"testing"

	"github.com/dop251/goja"
)

// evalCase runs body as an async function in a fresh runtime (with lib,
// expect and vi) and returns its result as JSON; a thrown error becomes
// {"error": {name, message, actual, expected, diff}}.
func evalCase(t *testing.T, prelude, body string) string {
	t.Helper()
	vm, _ := newRuntime(t)
	runJS(t, vm, prelude)
	src := `(async function () {` + body + `})().then(
		(v) => JSON.stringify(v === undefined ? null : v),
		(e) => JSON.stringify({ error: { name: e.name, message: e.message, actual: e.actual,
			expected: e.expected, diff: e.diff } }))`
	promise, ok := runJS(t, vm, src).Export().(*goja.Promise)
	if !ok || promise.State() != goja.PromiseStateFulfilled {
		t.Fatalf("case did not finish:\n%s", body)
	}
	return promise.Result().String()
}

func sameJSON(t *testing.T, name, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("%s: bad JSON %q: %v", name, got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: bad expected JSON %q: %v", name, want, err)
	}
	if !jsonEqual(g, w) {
		t.Errorf("%s:\n got: %s\nwant: %s", name, got, want)
	}
}

// statePrelude makes a test state the way the runner does.
const statePrelude = `
function makeState(name) {
  return { assertionCalls: 0, expectedAssertionsNumber: null, isExpectingAssertions: false,
    softErrors: [], testName: name || 'test' }
}
`

func TestTestState(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"assertions are counted per state", `
			const a = makeState(), b = makeState()
			const ea = lib.createExpect(a), eb = lib.createExpect(b)
			ea(1).toBe(1); ea(2).toBe(2); eb(3).toBe(3)
			return [a.assertionCalls, b.assertionCalls]`, `[2, 1]`},
		{"global expect uses setState", `
			const s = makeState()
			lib.setState(s)
			expect(1).toBe(1)
			lib.setState(null)
			return [s.assertionCalls, expect.getState() === s]`, `[1, false]`},
		{"expect.assertions met", `
			const s = makeState(), e = lib.createExpect(s)
			e.assertions(2); e(1).toBe(1); e(2).toBe(2)
			return lib.checkAssertions(s) === undefined`, `true`},
		{"expect.assertions unmet", `
			const s = makeState(), e = lib.createExpect(s)
			e.assertions(2); e(1).toBe(1)
			const err = lib.checkAssertions(s)
			return [err.name, err.message]`, `["Error", "expected number of assertions to be 2, but got 1"]`},
		{"expect.hasAssertions unmet", `
			const s = makeState(), e = lib.createExpect(s)
			e.hasAssertions()
			return lib.checkAssertions(s).message`, `"expected any number of assertion, but got none"`},
		{"expect.hasAssertions met", `
			const s = makeState(), e = lib.createExpect(s)
			e.hasAssertions(); e(1).toBeDefined()
			return lib.checkAssertions(s)`, `null`},
		{"expect.soft records and continues", `
			const s = makeState(), e = lib.createExpect(s)
			e.soft(1).toBe(2)
			e.soft('a').toEqual('b')
			e.soft(1).toBe(1)
			return s.softErrors.map(err => [err.name, err.message, err.actual, err.expected])`,
			`[["AssertionError", "expected 1 to be 2 // Object.is equality", "1", "2"],
			  ["AssertionError", "expected 'a' to deeply equal 'b'", "a", "b"]]`},
		{"expect.soft with resolves", `
			const s = makeState(), e = lib.createExpect(s)
			await e.soft(Promise.resolve(1)).resolves.toBe(2)
			await e.soft(Promise.reject(new Error('x'))).resolves.toBe(2)
			return s.softErrors.map(err => err.message)`,
			`["expected 1 to be 2 // Object.is equality", "promise rejected \"Error: x\" instead of resolving"]`},
		{"soft errors need a test", `
			lib.setState(null)
			expect.soft(1).toBe(2)`,
			`{"error": {"name": "Error", "message": "expect.soft() can only be used inside a test"}}`},
		{"custom matcher sees the state", `
			const s = makeState('suite > my test'), e = lib.createExpect(s)
			let seen
			e.extend({
				toSee() {
					seen = [this.currentTestName, this.assertionCalls, this.isNot]
					return { pass: true }
				},
			})
			e(1).toSee()
			return seen`, `["suite > my test", 1, null]`},
		{"a spy restores itself when disposed", `
			const obj = { m: () => 'real' }
			const spy = vi.spyOn(obj, 'm').mockReturnValue('fake')
			spy[Symbol.dispose || Symbol.for('Symbol.dispose')]()
			return obj.m()`, `"real"`},
		{"AssertionError is exported", `
			try { expect(1).toBe(2) } catch (e) {
				return [e instanceof lib.AssertionError, e instanceof Error, String(e)]
			}`, `[true, true, "AssertionError: expected 1 to be 2 // Object.is equality"]`},
		{"raw values stay reachable", `
			try { expect({ a: 1 }).toEqual({ a: 2 }) } catch (e) {
				return [e.actualValue, e.expectedValue, Object.keys(e).sort()]
			}`, `[{"a": 1}, {"a": 2}, ["actual", "diff", "expected", "operator", "showDiff"]]`},
		{"rejects keeps the call-site stack", `
			try { await expect(Promise.resolve(1)).rejects.toThrow() } catch (e) {
				return [e.message, e.stack.split('\n')[0]]
			}`,
			`["promise resolved \"1\" instead of rejecting", "Error: promise resolved \"1\" instead of rejecting"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameJSON(t, tt.name, evalCase(t, statePrelude, tt.body), tt.want)
		})
	}
}
