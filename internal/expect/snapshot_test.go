package expect

import "testing"

// snapshotPrelude gives the state a snapshot object that behaves like the
// runner's: it records requests and compares as vitest does (trimmed
// strings); file snapshots come from `stored`.
const snapshotPrelude = statePrelude + `
const requests = []
const stored = {}
function snapshotState(name) {
  const state = makeState(name || 'inline')
  let count = 0
  state.snapshot = {
    match(req) {
      requests.push({ kind: req.kind, received: req.received, hint: req.hint, inline: req.inline,
        hasError: req.error instanceof Error })
      const key = state.testName + (req.hint ? ' > ' + req.hint : '') + ' ' + (++count)
      const expected = req.kind === 'inline' ? req.inline : stored[key]
      const pass = expected !== undefined && expected.trim() === req.received.trim()
      return { pass, key, expected: expected && lib.snapshotUtils.removeExtraLineBreaks(expected),
        actual: lib.snapshotUtils.removeExtraLineBreaks(req.received) }
    },
  }
  return state
}
`

func TestSnapshots(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"inline match strips indentation", `
			const e = lib.createExpect(snapshotState())
			e({ a: 1 }).toMatchInlineSnapshot(` + "`" + `
				{
				  "a": 1,
				}
			` + "`" + `)
			return requests`,
			`[{"kind": "inline", "received": "\n{\n  \"a\": 1,\n}\n", ` +
				`"inline": "\n{\n  \"a\": 1,\n}\n", "hasError": true}]`},
		{"inline mismatch", `
			const e = lib.createExpect(snapshotState())
			e({ a: 1 }).toMatchInlineSnapshot(` + "`" + `
				{
				  "a": 2,
				}
			` + "`" + `)`,
			`{"error": {"name": "Error", "message": "Snapshot ` + "`inline 1`" + ` mismatched",
			  "actual": "{\n  \"a\": 1,\n}", "expected": "{\n  \"a\": 2,\n}",
			  "diff": "- Expected\n+ Received\n\n  {\n-   \"a\": 2,\n+   \"a\": 1,\n  }"}}`},
		{"inline one-line mismatch", `
			const e = lib.createExpect(snapshotState())
			e('x').toMatchInlineSnapshot('"y"')`,
			`{"error": {"name": "Error", "message": "Snapshot ` + "`inline 1`" + ` mismatched",
			  "actual": "\"x\"", "expected": "\"y\"", "diff": "Expected: \"\"y\"\"\nReceived: \"\"x\"\""}}`},
		{"new inline snapshot has no inline", `
			const e = lib.createExpect(snapshotState())
			try { e([1]).toMatchInlineSnapshot() } catch {}
			return requests[0].inline === undefined && requests[0].received`, `"\n[\n  1,\n]\n"`},
		{"thrown error inline", `
			const e = lib.createExpect(snapshotState())
			e(() => { throw new Error('boom') }).toThrowErrorMatchingInlineSnapshot('"boom"')`,
			`{"error": {"name": "Error", "message": "Snapshot ` + "`inline 1`" + ` mismatched",
			  "actual": "[Error: boom]", "expected": "\"boom\"",
			  "diff": "Expected: \"\"boom\"\"\nReceived: \"[Error: boom]\""}}`},
		{"thrown error inline match", `
			const e = lib.createExpect(snapshotState())
			e(() => { throw new TypeError('boom') }).toThrowErrorMatchingInlineSnapshot('[TypeError: boom]')
			return requests.length`, `1`},
		{"rejects with inline snapshot", `
			const e = lib.createExpect(snapshotState())
			await e(Promise.reject(new Error('no'))).rejects.toThrowErrorMatchingInlineSnapshot('[Error: no]')
			return requests[0].received`, `"[Error: no]"`},
		{"properties mismatch", `
			const e = lib.createExpect(snapshotState())
			e({ id: 1, b: 2 }).toMatchInlineSnapshot({ id: expect.any(String) }, '{}')`,
			`{"error": {"name": "Error", "message": "Snapshot properties mismatched",
			  "actual": "{\n  \"b\": 2,\n  \"id\": 1,\n}", "expected": "{\n  \"id\": Any<String>,\n}",
			  "diff": "- Expected\n+ Received\n\n  {\n-   \"id\": Any<String>,\n+   \"b\": 2,\n+   \"id\": 1,\n  }"}}`},
		{"properties merge into the snapshot", `
			const e = lib.createExpect(snapshotState())
			try { e({ id: 1, at: new Date(0) }).toMatchSnapshot({ at: expect.any(Date) }) } catch {}
			return requests[0].received`, `"\n{\n  \"at\": Any<Date>,\n  \"id\": 1,\n}\n"`},
		{"file snapshot with hint", `
			const s = snapshotState('suite > t')
			stored['suite > t > first 1'] = '\n"a"\n'
			const e = lib.createExpect(s)
			e('a').toMatchSnapshot('first')
			return requests`, `[{"kind": "file", "received": "\"a\"", "hint": "first", "hasError": true}]`},
		{"file snapshot mismatch with custom message", `
			const e = lib.createExpect(snapshotState('t'))
			e({ a: 1 }, 'msg').toMatchSnapshot()`,
			`{"error": {"name": "Error", "message": "msg: Snapshot ` + "`t 1`" + ` mismatched",
			  "actual": "{\n  \"a\": 1,\n}"}}`},
		{"not is refused", `
			const e = lib.createExpect(snapshotState())
			e({ a: 1 }).not.toMatchInlineSnapshot('{}')`,
			`{"error": {"name": "Error", "message": "toMatchInlineSnapshot cannot be used with \"not\""}}`},
		{"needs a function", `
			const e = lib.createExpect(snapshotState())
			e(1).toThrowErrorMatchingInlineSnapshot('{}')`,
			`{"error": {"name": "Error", "message": "expected must be a function, received number"}}`},
		{"function must throw", `
			const e = lib.createExpect(snapshotState())
			e(() => {}).toThrowErrorMatchingSnapshot()`,
			`{"error": {"name": "Error", "message": "snapshot function didn't throw"}}`},
		{"needs a test context", `
			lib.createExpect(makeState())(1).toMatchSnapshot()`,
			`{"error": {"name": "Error", "message": "'toMatchSnapshot' cannot be used without test context"}}`},
		{"backticks stay raw, files escape them", `
			const e = lib.createExpect(snapshotState())
			try { e('a` + "`" + `b${x}').toMatchSnapshot() } catch {}
			return [requests[0].received, lib.snapshotUtils.escapeBacktickString(requests[0].received)]`,
			`["\"a` + "`" + `b${x}\"", "\"a\\` + "`" + `b\\${x}\""]`},
		{"snapshot serializers", `
			const e = lib.createExpect(snapshotState())
			e.addSnapshotSerializer({ test: v => v && v.secret, serialize: () => 'Secret<redacted>' })
			e.addSnapshotSerializer({ test: v => v instanceof Date, print: (v, print) => 'Date ' + print(v.getTime()) })
			try { e({ s: { secret: 1 }, d: new Date(5) }).toMatchSnapshot() } catch {}
			return requests[0].received`, `"\n{\n  \"d\": Date 5,\n  \"s\": Secret<redacted>,\n}\n"`},
		{"mock functions in snapshots", `
			const e = lib.createExpect(snapshotState())
			const f = vi.fn().mockName('spy')
			f(1)
			try { e(f).toMatchSnapshot() } catch {}
			return requests[0].received`,
			`"\n[MockFunction spy] {\n  \"calls\": [\n    [\n      1,\n    ],\n  ],\n  \"results\": [\n` +
				`    {\n      \"type\": \"return\",\n      \"value\": undefined,\n    },\n  ],\n}\n"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameJSON(t, tt.name, evalCase(t, snapshotPrelude, tt.body), tt.want)
		})
	}
}

func TestInlineSnapshotText(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"strip: indented block", `return lib.snapshotUtils.stripSnapshotIndentation('\n    a\n      b\n  ')`,
			`"\na\n  b\n"`},
		{"strip: one line kept", `return lib.snapshotUtils.stripSnapshotIndentation('  "x"')`, `"  \"x\""`},
		{"strip: uneven indentation kept", `return lib.snapshotUtils.stripSnapshotIndentation('\n    a\n  b\n')`,
			`"\n    a\n  b\n"`},
		{"strip: text on first line kept", `return lib.snapshotUtils.stripSnapshotIndentation('x\n  a\n')`,
			`"x\n  a\n"`},
		{"prepare: one line", "return lib.snapshotUtils.prepareInlineSnapshot('\"a`b\"', '  ')",
			"\"`\\\"a\\\\`b\\\"`\""},
		{"prepare: multiline", `return lib.snapshotUtils.prepareInlineSnapshot('\n{\n  "a": 1,\n}\n', '    ')`,
			"\"`\\n      {\\n        \\\"a\\\": 1,\\n      }\\n    `\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameJSON(t, tt.name, evalCase(t, "", tt.body), tt.want)
		})
	}
}
