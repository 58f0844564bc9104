package web

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWebSocketPair(t *testing.T) {
	runCases(t, []jsCase{
		{name: "own enumerable keys and iteration", src: `
			const pair = new WebSocketPair();
			const [a, b] = pair;
			return [Object.keys(pair), a === pair[0], b === pair[1], a instanceof WebSocket,
				a instanceof EventTarget, a.readyState]`,
			want: `[["0","1"],true,true,true,true,1]`},
		{name: "echo round trip, never synchronous", src: `
			const [client, server] = Object.values(new WebSocketPair());
			server.accept();
			server.addEventListener("message", (e) => server.send("echo:" + e.data));
			client.accept();
			const seen = [];
			const got = new Promise((resolve) => { client.onmessage = (e) => { seen.push(e.data); resolve(); }; });
			client.send("hi");
			seen.push("sent");
			await got;
			return seen`,
			want: `["sent","echo:hi"]`},
		{name: "binary messages", src: `
			const [a, b] = new WebSocketPair();
			a.accept(); b.accept();
			b.binaryType = "arraybuffer";
			const got = new Promise((r) => b.addEventListener("message", (e) => r(e.data)));
			a.send(new Uint8Array([1, 2, 3]).subarray(1));
			const data = await got;
			return [data instanceof ArrayBuffer, Array.from(new Uint8Array(data))]`,
			want: `[true,[2,3]]`},
		{name: "binary as blob by default", src: `
			const [a, b] = new WebSocketPair();
			a.accept(); b.accept();
			const got = new Promise((r) => b.addEventListener("message", (e) => r(e.data)));
			a.send(new Uint8Array([7]));
			const data = await got;
			return [b.binaryType, data instanceof Blob, data.size]`,
			want: `["blob",true,1]`},
		{name: "messages wait for accept", src: `
			const [a, b] = new WebSocketPair();
			a.accept();
			a.send("early");
			await new Promise((r) => setTimeout(r, 0));
			const got = new Promise((r) => b.addEventListener("message", (e) => r(e.data)));
			b.accept();
			return await got`,
			want: "early"},
		{name: "send before accept", src: `new WebSocketPair()[0].send("x")`,
			wantErr: "TypeError: You must call one of accept() or state.acceptWebSocket() on this WebSocket " +
				"before sending messages."},
		{name: "close handshake", src: `
			const [a, b] = new WebSocketPair();
			a.accept(); b.accept();
			const closed = (ws) => new Promise((r) => ws.addEventListener("close", (e) => r([e.code, e.reason,
				e.wasClean, ws.readyState])));
			const pa = closed(a), pb = closed(b);
			a.close(4000, "bye");
			const during = a.readyState;
			return [during, await pb, await pa]`,
			want: `[2,[4000,"bye",true,3],[4000,"bye",true,3]]`},
		{name: "close without a code", src: `
			const [a, b] = new WebSocketPair(); a.accept(); b.accept();
			const p = new Promise((r) => b.addEventListener("close", (e) => r(e.code)));
			a.close(); return await p`,
			want: `1005`},
		{name: "send after close", src: `const [a] = new WebSocketPair(); a.accept(); a.close(); a.send("x")`,
			wantErr: "TypeError: Can't call WebSocket send() after close()."},
		{name: "invalid close code", src: `
			const [a] = new WebSocketPair(); a.accept();
			try { a.close(1005) } catch (e) { return [e.name, e.message, e instanceof DOMException] }`,
			want: `["InvalidAccessError","Invalid WebSocket close code: 1005.",true]`},
		{name: "reason without code", src: `const [a] = new WebSocketPair(); a.accept(); a.close(undefined, "x")`,
			wantErr: "InvalidAccessError: If you specify a WebSocket close reason, you must also specify a code."},
		{name: "reason too long", src: `const [a] = new WebSocketPair(); a.accept(); a.close(1000, "x".repeat(124))`,
			wantErr: "SyntaxError: WebSocket close reason must not be longer than 123 bytes when UTF-8 encoded."},
		{name: "message over 32 MiB", src: `
			const [a, b] = new WebSocketPair(); a.accept(); b.accept();
			const err = new Promise((r) => b.addEventListener("error", (e) => r(e.message)));
			const closed = new Promise((r) => a.addEventListener("close", (e) => r([e.code, e.reason])));
			a.send(new Uint8Array((32 << 20) + 1));
			return [await err, await closed, b.readyState]`,
			want: `["Message is too large: 33554433 > 33554432",[1009,"Message is too large: 33554433 > 33554432"],3]`},
		{name: "attachments", src: `
			const [a] = new WebSocketPair();
			const v = { n: 1 };
			a.serializeAttachment(v); v.n = 2;
			return [a.deserializeAttachment(), new WebSocketPair()[0].deserializeAttachment()]`,
			want: `[{"n":1},null]`},
		{name: "attachment too large", src: `new WebSocketPair()[0].serializeAttachment("x".repeat(20000))`,
			wantErr: "Error: A WebSocket 'attachment' cannot be larger than 16384 bytes.'attachment' was 20005 bytes."},
		{name: "request response pair", src: `
			const p = new WebSocketRequestResponsePair("ping", "pong"); return [p.request, p.response]`,
			want: `["ping","pong"]`},
	})
}

func TestWebSocketHandlerErrorIsReported(t *testing.T) {
	h := newHarness(t, Config{})
	_, err := h.eval(t, `
		const [a, b] = new WebSocketPair(); a.accept(); b.accept();
		b.onmessage = () => { throw new Error("handler") };
		a.send("x");
		await new Promise((r) => setTimeout(r, 0));`)
	require.NoError(t, err)
	require.Len(t, h.errors, 1)
	assert.Equal(t, "websocket", h.errors[0].Origin)
	assert.Equal(t, "Error: handler", h.errors[0].Error())
}

func TestWebSocketHibernation(t *testing.T) {
	runCases(t, []jsCase{
		{name: "an engine takes the server end over", src: `
			const [client, server] = Object.values(new WebSocketPair());
			const calls = [];
			let done;
			const finished = new Promise((r) => done = r);
			__dotest.web.webSocket.hibernate(server, {
				message(ws, data) { calls.push(["message", ws === server, data]); ws.send("re:" + data); },
				close(ws, code, reason, clean) { calls.push(["close", code, reason, clean]); done(); },
				error(ws, e) { calls.push(["error", e.message]); },
			});
			server.addEventListener("message", () => calls.push("event"));
			const res = await __dotest.web.dispatchFetch(() => new Response(null, { status: 101, webSocket: client }),
				null, new Request("https://do/", { headers: { upgrade: "websocket" } }));
			const ws = res.webSocket; ws.accept();
			const reply = new Promise((r) => ws.addEventListener("message", (e) => r(e.data)));
			ws.send("hello");
			const got = await reply;
			ws.close(1000, "bye");
			await finished;
			return [got, calls, __dotest.web.webSocket.isHibernatable(server)]`,
			want: `["re:hello",[["message",true,"hello"],["close",1000,"bye",true]],true]`},
		{name: "accept after hibernation", src: `
			const [c, s] = new WebSocketPair();
			__dotest.web.webSocket.hibernate(s, { message() {}, close() {}, error() {} });
			s.accept()`,
			wantErr: "TypeError: Can't accept() WebSocket after enabling hibernation."},
		{name: "hibernating an accepted socket", src: `
			const [c, s] = new WebSocketPair(); s.accept();
			__dotest.web.webSocket.hibernate(s, { message() {}, close() {}, error() {} })`,
			wantErr: "Error: Cannot call `acceptWebSocket()` if the WebSocket was already accepted via `accept()`"},
		{name: "hibernating when the pair is accepted", src: `
			const [c, s] = new WebSocketPair(); c.accept();
			__dotest.web.webSocket.hibernate(s, { message() {}, close() {}, error() {} })`,
			wantErr: "Error: Cannot call `acceptWebSocket()` on this WebSocket because its pair has already been " +
				"accepted or used in a Response."},
	})
}
