package web

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// BenchmarkInstall measures what Install adds to a fresh runtime: the lazy globals only.
func BenchmarkInstall(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		rt, err := jsrt.New(jsrt.Options{})
		require.NoError(b, err)
		b.StartTimer()
		require.NoError(b, Install(rt, Config{}))
	}
}

// BenchmarkInstallAndFetchModules adds the first touch of Request/Response, which builds the
// streams, body and HTTP modules, the cost a test file pays once when it uses them.
func BenchmarkInstallAndFetchModules(b *testing.B) {
	prg := goja.MustCompile("touch.js", "new Response('x'); new Request('https://x/')", false)
	for b.Loop() {
		b.StopTimer()
		rt, err := jsrt.New(jsrt.Options{})
		require.NoError(b, err)
		b.StartTimer()
		require.NoError(b, Install(rt, Config{}))
		_, err = rt.VM.RunProgram(prg)
		require.NoError(b, err)
	}
}

// benchLoop sets src up once (it must evaluate to a function returning a promise) and times
// one call and its settling per iteration.
func benchLoop(b *testing.B, src string) {
	h := newHarness(b, Config{})
	v, err := h.VM.RunString(src)
	require.NoError(b, err)
	fn, ok := goja.AssertFunction(v)
	require.True(b, ok)
	run := func() {
		p, err := fn(goja.Undefined())
		require.NoError(b, err)
		_, err = h.Await(p)
		require.NoError(b, err)
	}
	run()
	for b.Loop() {
		run()
	}
}

const mebibyte = `const body = new Uint8Array(1 << 20).fill(97);`

func BenchmarkResponseText1MiB(b *testing.B) {
	benchLoop(b, mebibyte+`(() => new Response(body).text())`)
}

func BenchmarkResponseArrayBuffer1MiB(b *testing.B) {
	benchLoop(b, mebibyte+`(() => new Response(body).arrayBuffer())`)
}

func BenchmarkResponseStreamText1MiB(b *testing.B) {
	benchLoop(b, mebibyte+`(() => new Response(new Response(body).body).text())`)
}

func BenchmarkSHA256_1MiB(b *testing.B) {
	benchLoop(b, mebibyte+`(() => crypto.subtle.digest("SHA-256", body))`)
}

func BenchmarkWebSocketEcho(b *testing.B) {
	benchLoop(b, `
		const [client, server] = Object.values(new WebSocketPair());
		server.accept();
		server.addEventListener("message", (e) => server.send(e.data));
		client.accept();
		let resolve;
		client.addEventListener("message", (e) => resolve(e.data));
		(() => new Promise((r) => { resolve = r; client.send("ping"); }))`)
}
