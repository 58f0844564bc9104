package objects

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/require"
)

// benchEcho measures the round trip of a small message through a hibernatable socket of an
// object that echoes it: from the client's send to its message event. With evict, the
// object is evicted before each message, so each round trip wakes a new instance.
func benchEcho(b *testing.B, evict bool) {
	h := newSocketsHarness(b, dateAutoReply, socketsMain+`
Bare.prototype.webSocketMessage = function (ws, message) { ws.send(message); };`)
	require.NoError(b, h.rt.VM.Set("evictEach", evict))
	prg, err := goja.Compile("bench.js", `(async () => {
		const { env } = __dotest.require("cloudflare:workers");
		const s = env.BARE.getByName("echo");
		const res = await s.fetch("http://do/", { headers: { Upgrade: "websocket" } });
		const ws = res.webSocket;
		ws.accept();
		let resolve;
		ws.addEventListener("message", () => resolve());
		const roundTrip = () => new Promise((r) => { resolve = r; ws.send("hello"); });
		await roundTrip();
		globalThis.benchEcho = async (n) => {
			for (let i = 0; i < n; i++) {
				if (evictEach) evict(s, false);
				await roundTrip();
			}
		};
	})()`, false)
	require.NoError(b, err)
	timeLoop(b, h.rt, prg, "benchEcho")
}

// BenchmarkSocketEcho is the echo round trip through a running object.
func BenchmarkSocketEcho(b *testing.B) { benchEcho(b, false) }

// BenchmarkSocketEchoWaking is the echo round trip through an object evicted before each
// message: the message wakes it, its constructor runs, then webSocketMessage.
func BenchmarkSocketEchoWaking(b *testing.B) { benchEcho(b, true) }
