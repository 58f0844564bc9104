package nodecompat

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// TestAssertMessages checks the messages workerd's AssertionError builds, which inspect
// values compactly on one line where Node 20 spreads them over several.
func TestAssertMessages(t *testing.T) {
	tests := []struct{ code, want string }{
		{`r("node:assert").deepStrictEqual({a: 1}, {a: 2})`,
			"Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { a: 1 }\n- { a: 2 }\n       ^"},
		{`r("node:assert").deepEqual([1, 2], [1, 3])`,
			"Expected values to be loosely deep-equal:\n\n[ 1, 2 ]\n\nshould loosely deep-equal\n\n[ 1, 3 ]"},
		{`r("node:assert").ok(false)`, "false == true"},
		{`r("node:assert")(0)`, "0 == true"},
		{`r("node:assert").ok()`, "No value argument passed to `assert.ok()`"},
		{`r("node:assert").equal(1, 2)`, "1 == 2"},
		{`r("node:assert").strictEqual({a: 1}, {a: 1})`,
			"Values have same structure but are not reference-equal:\n\n{ a: 1 }\n"},
		{`r("node:assert").notDeepStrictEqual({a: 1}, {a: 1})`,
			"Expected \"actual\" not to be strictly deep-equal to:\n\n{ a: 1 }"},
		{`r("node:assert").strictEqual(1, 2, "custom")`, "custom"},
		{`r("node:assert").deepStrictEqual(new Set([1]), new Set([2]))`,
			"Expected values to be strictly deep-equal:\n+ actual - expected\n\n" +
				"+ Set(1) { 1 }\n- Set(1) { 2 }\n           ^"},
	}
	rt := newRuntime(t, Options{})
	for _, tt := range tests {
		got := eval(t, rt, `(() => { try { `+tt.code+`; return "no error"; } catch (e) { `+
			`return [e.name, e.code, e instanceof r("node:assert").AssertionError, e.message].join("|"); } })()`)
		assert.Equal(t, "AssertionError|ERR_ASSERTION|true|"+tt.want, got, tt.code)
	}
}

func TestUnprovided(t *testing.T) {
	rt := newRuntime(t, Options{})
	for _, name := range Unprovided {
		_, err := rt.Require(name)
		if assert.Error(t, err, name) {
			assert.Contains(t, err.Error(), `dotest does not provide the module "`+name+`"`)
		}
	}
	got := eval(t, rt, `(() => { try { r("node:stream"); } catch (e) { return e.message; } })()`)
	assert.Contains(t, got, `dotest does not provide the module "node:stream"`)
}

func TestGlobals(t *testing.T) {
	rt := newRuntime(t, Options{})
	assert.Equal(t, "undefined,undefined", eval(t, rt, `[typeof Buffer, typeof process].join()`))
	assert.Equal(t, "true", eval(t, rt, `r("node:buffer").Buffer === Buffer`), "requiring node:buffer defines Buffer")

	rt = newRuntime(t, Options{Globals: true, Env: map[string]string{"NAME": "dotest", "JSON": `{"a":1}`}})
	assert.Equal(t, "function,object,function,function,true",
		eval(t, rt, `[typeof Buffer, typeof process, typeof setImmediate, typeof clearImmediate, `+
			`global === globalThis].join()`))
	assert.Equal(t, `dotest,{"a":1},true,true,v22.19.0,linux,22.19.0`, eval(t, rt,
		`[process.env.NAME, process.env.JSON, process === r("node:process"), Buffer === r("node:buffer").Buffer, `+
			`process.version, process.platform, process.versions.node].join()`))
	assert.Equal(t, "7,string", eval(t, rt, `process.env.N = 7; [process.env.N, typeof process.env.N].join()`))
	assert.Equal(t, "x", eval(t, rt, `globalThis.Buffer = "x"; Buffer`), "the global can be replaced")
}

func TestModuleShapes(t *testing.T) {
	rt := newRuntime(t, Options{})
	tests := []struct{ code, want string }{
		{`typeof r("node:events") + typeof r("node:events").once + ` +
			`(r("node:events").default === r("node:events"))`, "functionfunctiontrue"},
		{`typeof r("node:assert") + (r("node:assert/strict") === r("node:assert").strict)`, "functiontrue"},
		{`r("node:util/types") === r("node:util").types && r("node:sys") === r("node:util")`, "true"},
		{`r("node:path/posix") === r("node:path") && r("node:timers/promises") === r("node:timers").promises`, "true"},
		{`Object.keys(r("node:buffer")).includes("Blob") && "TextEncoder" in r("node:util")`, "true"},
		{`r("node:process").nextTick.length >= 1 && typeof r("node:string_decoder").StringDecoder`, "function"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, eval(t, rt, tt.code), tt.code)
	}
}

// TestAsyncLocalStorage checks that a store set with run survives await, then and timers.
func TestAsyncLocalStorage(t *testing.T) {
	rt := newRuntime(t, Options{Globals: true})
	got := eval(t, rt, `(async () => {
  const { AsyncLocalStorage, AsyncResource } = r("node:async_hooks");
  const als = new AsyncLocalStorage();
  const seen = [];
  const done = als.run("outer", async () => {
    seen.push("sync:" + als.getStore());
    await null;
    seen.push("await:" + als.getStore());
    await Promise.resolve().then(() => seen.push("then:" + als.getStore()));
    await new Promise((res) => setTimeout(() => { seen.push("timeout:" + als.getStore()); res(); }, 1));
    await new Promise((res) => setImmediate(() => { seen.push("immediate:" + als.getStore()); res(); }));
    await als.run("inner", async () => { await null; seen.push("inner:" + als.getStore()); });
    seen.push("after:" + als.getStore());
    const res = new AsyncResource("x");
    als.exit(() => seen.push("exit:" + als.getStore()));
    return res;
  });
  seen.push("outside:" + als.getStore());
  const res = await done;
  seen.push("resource:" + res.runInAsyncScope(() => als.getStore()));
  seen.push("bound:" + als.run("b", () => AsyncLocalStorage.bind(() => als.getStore()))());
  return seen.join(" ");
})()`)
	assert.Equal(t, "sync:outer outside:undefined await:outer then:outer timeout:outer immediate:outer "+
		"inner:inner after:outer exit:undefined resource:outer bound:b", got)
}

// TestAsyncContextHook checks the hook the runtime's timers would call.
func TestAsyncContextHook(t *testing.T) {
	rt := newRuntime(t, Options{})
	capture, enter := AsyncContext(rt)
	assert.Nil(t, capture, "no hook before node:async_hooks is used")
	assert.Nil(t, enter)

	eval(t, rt, `globalThis.als = new (r("node:async_hooks").AsyncLocalStorage)(); als.enterWith("kept")`)
	capture, enter = AsyncContext(rt)
	require.NotNil(t, capture)
	ctx := capture()
	eval(t, rt, `als.enterWith("other")`)
	restore := enter(ctx)
	assert.Equal(t, "kept", eval(t, rt, `als.getStore()`))
	restore()
	assert.Equal(t, "other", eval(t, rt, `als.getStore()`))
}

func TestHashMatchesGo(t *testing.T) {
	rt := newRuntime(t, Options{})
	data := bytes.Repeat([]byte("dotest"), 1000)
	sum := sha256.Sum256(data)
	require.NoError(t, rt.VM.Set("data", rt.VM.NewArrayBuffer(data)))
	got := eval(t, rt, `r("node:crypto").createHash("sha256").update(new Uint8Array(data)).digest("hex")`)
	assert.Equal(t, hex.EncodeToString(sum[:]), got)
}

func BenchmarkInstall(b *testing.B) {
	for _, globals := range []bool{false, true} {
		name := map[bool]string{false: "modules", true: "modules+globals"}[globals]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				rt, err := jsrt.New(jsrt.Options{})
				require.NoError(b, err)
				b.StartTimer()
				require.NoError(b, Install(rt, Options{Globals: globals}))
			}
		})
	}
}

// BenchmarkFirstRequire measures building node:buffer in a new runtime.
func BenchmarkFirstRequire(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		rt := newRuntime(b, Options{})
		b.StartTimer()
		_, err := rt.Require("node:buffer")
		require.NoError(b, err)
	}
}

func benchScript(b *testing.B, setup, body string) {
	rt := newRuntime(b, Options{Globals: true})
	_, err := rt.VM.RunString(setup)
	require.NoError(b, err)
	prg, err := goja.Compile("bench.js", body, true)
	require.NoError(b, err)
	for b.Loop() {
		if _, err := rt.VM.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}

var mib = strings.Repeat("dotest é€ ", 1<<20/16)

func BenchmarkBufferFromString1MiB(b *testing.B) {
	benchScript(b, "globalThis.s = "+quote(mib), `Buffer.from(s)`)
}

func BenchmarkBufferToString1MiB(b *testing.B) {
	benchScript(b, "globalThis.buf = Buffer.from("+quote(mib)+")", `buf.toString()`)
}

func BenchmarkBufferToBase64_1MiB(b *testing.B) {
	benchScript(b, "globalThis.buf = Buffer.alloc(1 << 20, 7)", `buf.toString("base64")`)
}

func BenchmarkSHA256_1MiB(b *testing.B) {
	benchScript(b, `globalThis.buf = Buffer.alloc(1 << 20, 7); globalThis.c = r("node:crypto")`,
		`c.createHash("sha256").update(buf).digest("hex")`)
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
