package web

import "testing"

func TestMisc(t *testing.T) {
	runCases(t, []jsCase{
		{name: "navigator",
			src: `return [navigator.userAgent, navigator.hardwareConcurrency, navigator.language,
				navigator instanceof Navigator]`,
			want: `["Cloudflare-Workers",1,"en",true]`},
		{name: "performance follows Date", src: `
			advance(0);
			const a = performance.now();
			advance(250);
			return [performance.now() - a, performance.timeOrigin, performance.now() === Date.now()]`,
			want: `[250,0,true]`},
		{name: "scheduler.wait on the clock", src: `
			advance(0);
			let done = false;
			const p = scheduler.wait(100).then(() => { done = true; });
			advance(99);
			await null; await null;
			const before = done;
			advance(1);
			await p;
			return [before, done]`,
			want: `[false,true]`},
		{name: "scheduler.wait with an aborted signal",
			src:     `await scheduler.wait(10, { signal: AbortSignal.abort("no") })`,
			wantErr: "no"},
		{name: "globals are lazy but ordinary", src: `
			const before = Object.getOwnPropertyDescriptor(globalThis, "Response");
			const R = Response;
			const after = Object.getOwnPropertyDescriptor(globalThis, "Response");
			return [typeof before.get, after.value === R, after.writable, after.enumerable, self === globalThis]`,
			want: `["function",true,true,false,true]`},
		{name: "assigning a global before reading it", src: `
			globalThis.Headers = "mine"; return Headers`, want: "mine"},
		{name: "classes are not constructible where workerd refuses", src: `new Performance()`,
			wantErr: "TypeError: Illegal constructor"},
	})
}
