package nodecompat

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// prelude gives snippets the helpers they share with the node script that computed their
// expected values, and small stand-ins for the web platform's URL (another package's)
// and AbortController, enough for what node:url and node:timers read of them.
const prelude = `globalThis.r = (n) => __dotest.require(n);
globalThis.t = (f) => {
  try {
    const v = f();
    return "ok " + String(v);
  } catch (e) {
    return JSON.stringify([e.name, e.code, e.message]);
  }
};
globalThis.URL = class URL {
  constructor(s) {
    const m = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(s);
    if (!m) throw new TypeError("Invalid URL");
    [this.protocol, this.hostname, this.pathname] = [m[1].toLowerCase(), m[2], (m[3] || "/").replace(/ /g, "%20")];
    [this.search, this.hash] = [m[4] || "", m[5] || ""];
  }
  get href() { return this.protocol + "//" + this.hostname + this.pathname + this.search + this.hash; }
};
globalThis.URLSearchParams = class URLSearchParams {
  constructor(init) {
    this.pairs = typeof init === "string" ?
      init.replace(/^\?/, "").split("&").filter(Boolean).map((p) => p.split("=").map(decodeURIComponent)) :
      Object.entries(init);
  }
  toString() {
    return this.pairs
      .map(([k, v]) => encodeURIComponent(k) + "=" + encodeURIComponent(v).replace(/%20/g, "+"))
      .join("&");
  }
  [Symbol.iterator]() { return this.pairs[Symbol.iterator](); }
};
globalThis.AbortController = class AbortController {
  constructor() {
    const listeners = [];
    this.signal = { aborted: false, reason: undefined,
      addEventListener: (type, fn) => listeners.push(fn),
      removeEventListener: (type, fn) => listeners.includes(fn) && listeners.splice(listeners.indexOf(fn), 1) };
    this.abort = (reason) => {
      Object.assign(this.signal, { aborted: true, reason: reason ?? new Error("This operation was aborted") });
      for (const fn of listeners.splice(0)) fn();
    };
  }
};`

// newRuntime returns a runtime with the Node modules installed.
func newRuntime(tb testing.TB, opts Options) *jsrt.Runtime {
	tb.Helper()
	rt, err := jsrt.New(jsrt.Options{})
	require.NoError(tb, err)
	require.NoError(tb, Install(rt, opts))
	_, err = rt.VM.RunString(prelude)
	require.NoError(tb, err)
	return rt
}

// eval runs code as one task, waits for it when it is a promise, and returns its value as a
// string, or what it threw as "THROWS name: message".
func eval(t *testing.T, rt *jsrt.Runtime, code string) string {
	t.Helper()
	prg, err := goja.Compile("test.js", code, true)
	require.NoError(t, err)
	v, err := rt.Run(prg)
	if err == nil {
		v, err = rt.Await(v)
	}
	if err != nil {
		ex, ok := err.(*jsrt.Exception)
		require.True(t, ok, "%v", err)
		return "THROWS " + ex.Name + ": " + ex.Message
	}
	return v.String()
}
