package web

import "testing"

func TestEvents(t *testing.T) {
	runCases(t, []jsCase{
		{name: "dom exception fields", src: `
			const e = new DOMException("bad", "InvalidCharacterError");
			return [e.name, e.message, e.code, e instanceof Error, String(e), DOMException.ABORT_ERR]`,
			want: `["InvalidCharacterError","bad",5,true,"InvalidCharacterError: bad",20]`},
		{name: "listeners run in order after the on property", src: `
			const t = new EventTarget();
			const seen = [];
			t.onping = () => seen.push("prop");
			t.addEventListener("ping", () => seen.push("a"));
			t.addEventListener("ping", { handleEvent: (e) => seen.push("b:" + e.type) }, { once: true });
			t.dispatchEvent(new Event("ping"));
			t.dispatchEvent(new Event("ping"));
			return seen`,
			want: `["prop","a","b:ping","prop","a"]`},
		{name: "capture is refused", src: `new EventTarget().addEventListener("x", () => {}, true)`,
			wantErr: "TypeError: addEventListener(): useCapture must be false."},
		{name: "capture option is refused", src: `new EventTarget().addEventListener("x", () => {}, {capture: true})`,
			wantErr: "TypeError: addEventListener(): options.capture must be false."},
		{name: "a throwing listener ends the dispatch", src: `
			const t = new EventTarget();
			t.addEventListener("x", () => { throw new Error("boom") });
			t.dispatchEvent(new Event("x"))`,
			wantErr: "Error: boom"},
		{name: "stopImmediatePropagation", src: `
			const t = new EventTarget(); const seen = [];
			t.addEventListener("x", (e) => { seen.push(1); e.stopImmediatePropagation() });
			t.addEventListener("x", () => seen.push(2));
			t.dispatchEvent(new Event("x"));
			return seen`, want: `[1]`},
		{name: "custom event detail", src: `return new CustomEvent("x", {detail: {a: 1}}).detail.a`, want: `1`},
		{name: "abort controller", src: `
			const c = new AbortController(); const seen = [];
			c.signal.onabort = (e) => seen.push("on:" + e.type);
			c.signal.addEventListener("abort", () => seen.push("listener"));
			c.abort();
			c.abort("again");
			return [...seen, c.signal.aborted, c.signal.reason.name, c.signal.reason.message]`,
			want: `["on:abort","listener",true,"AbortError","The operation was aborted"]`},
		{name: "abort with a reason and throwIfAborted", src: `
			const c = new AbortController(); c.abort("why"); c.signal.throwIfAborted()`,
			wantErr: "why"},
		{name: "AbortSignal.abort", src: `return AbortSignal.abort().reason.code`, want: `20`},
		{name: "AbortSignal.any", src: `
			const a = new AbortController(), b = new AbortController();
			const s = AbortSignal.any([a.signal, b.signal]);
			b.abort("b");
			return [s.aborted, s.reason, AbortSignal.any([AbortSignal.abort("x")]).reason]`,
			want: `[true,"b","x"]`},
		{name: "AbortSignal.timeout fires on the clock", src: `
			advance(0);
			const s = AbortSignal.timeout(10);
			advance(9);
			const before = s.aborted;
			advance(1);
			return [before, s.aborted, s.reason.name, s.reason.message]`,
			want: `[false,true,"TimeoutError","The operation was aborted due to timeout"]`},
		{name: "AbortSignal has no constructor", src: `new AbortSignal()`, wantErr: "TypeError: Illegal constructor"},
		{name: "listener with an aborted signal", src: `
			const t = new EventTarget(); const c = new AbortController(); let n = 0;
			t.addEventListener("x", () => n++, {signal: c.signal});
			t.dispatchEvent(new Event("x")); c.abort(); t.dispatchEvent(new Event("x"));
			return n`, want: `1`},
	})
}
