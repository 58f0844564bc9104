package objects

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSocketHandlers checks what each handler receives: text as a string, binary as an
// ArrayBuffer, a close with its code, reason and wasClean, and an error.
func TestSocketHandlers(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain)
	got := h.sockJSON(`
const ws = await connect(env.SOCK.getByName("h"));
const out = [await ask(ws, "hi"), await ask(ws, new Uint8Array([1, 2, 3]))];
const c = closed(ws);
ws.close(4001, "client done");
out.push(await c);
await settle();
return [out, sockLog];`)
	assert.Equal(t, `[["echo:hi","echo:binary:1,2,3",[4001,"client done",true]],`+
		`[["message","hi",1],["message","binary:1,2,3",1],["close",4001,"client done",true,3,1]]]`, got)
	assert.Empty(t, h.errors)
}

// TestSocketMessageTooLarge checks that a message over 32 MiB reaches webSocketError.
func TestSocketMessageTooLarge(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain)
	got := h.sockJSON(`
const ws = await connect(env.SOCK.getByName("big"));
const c = closed(ws);
ws.send("x".repeat(32 * 1024 * 1024 + 1));
const close = await c;
await settle();
return [close, sockLog, sockets(env.SOCK.getByName("big")).length];`)
	assert.Equal(t, `[[1009,"Message is too large: 33554433 > 33554432",true],`+
		`[["error","Message is too large: 33554433 > 33554432",3]],0]`, got)
}

// TestSocketCloseReply checks web_socket_auto_reply_to_close: from 2026-04-07 the runtime
// answers a close itself and webSocketClose sees the socket CLOSED; before, the handler
// answers, or the client hears nothing.
func TestSocketCloseReply(t *testing.T) {
	src := `
const s = env.SOCK.getByName("c");
const ws = await connect(s);
if (replies) await inObject(s, (instance) => { instance.replyToClose = true; });
const c = closed(ws);
ws.close(1000, "bye");
const heard = await Promise.race([c, settle(20).then(() => "nothing")]);
await settle();
return [heard, sockLog];`
	tests := []struct{ name, date, replies, want string }{
		{"auto reply", dateAutoReply, "false", `[[1000,"bye",true],[["close",1000,"bye",true,3,1]]]`},
		{"auto reply, handler closes too", dateAutoReply, "true",
			`[[1000,"bye",true],[["close",1000,"bye",true,3,1]]]`},
		{"manual reply", dateManualReply, "true", `[[1000,"reply",true],[["close",1000,"bye",true,2,1]]]`},
		{"manual reply forgotten", dateManualReply, "false", `["nothing",[["close",1000,"bye",true,2,1]]]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newSocketsHarness(t, tt.date, socketsMain)
			assert.Equal(t, tt.want, h.sockJSON("const replies = "+tt.replies+";"+src))
		})
	}
}

// TestGetWebSockets checks the lists of ctx.getWebSockets: all sockets newest first, those of
// a tag oldest first, without the sockets that closed, with one that is closing.
func TestGetWebSockets(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain)
	got := h.sockJSON(`
const s = env.SOCK.getByName("list");
const a = await connect(s, "?name=a&tag=red&tag=all");
const b = await connect(s, "?name=b&tag=blue&tag=all&tag=blue");
const c = await connect(s, "?name=c&tag=red&tag=all");
const names = (tag) => inObject(s, (i, ctx) =>
  ctx.getWebSockets(tag).map((ws) => ws.deserializeAttachment().name));
const out = [await names(), await names("red"), await names("all"), await names("none"), await ask(b, "tags")];
const gone = closed(b);
b.close(1000, "");
await gone;
await settle();
out.push(await names(), await names("blue"), await names("all"), sockLog.at(-1));
return out;`)
	assert.Equal(t, `[["c","b","a"],["a","c"],["a","b","c"],[],"[\"blue\",\"all\"]",`+
		`["c","a"],[],["a","c"],["close",1000,"",true,3,3]]`, got)
}

// TestAttachments checks that attachments are copies, may be set before accepting, are null
// when unset and keep what the structured clone keeps.
func TestAttachments(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain)
	got := h.sockJSON(`
const { 1: ws } = new WebSocketPair();
const before = ws.deserializeAttachment();
const value = { when: new Date(0), tags: new Set(["x"]), n: 1n };
ws.serializeAttachment(value);
value.n = 2n;
const a = ws.deserializeAttachment(), b = ws.deserializeAttachment();
await inObject(env.SOCK.getByName("att"), (i, ctx) => ctx.acceptWebSocket(ws));
return [before, a !== b, a.when instanceof Date, a.tags.has("x"), String(a.n), String(ws.deserializeAttachment().n)];`)
	assert.Equal(t, `[null,true,true,true,"1","1"]`, got)
}

// TestHibernationRoundTrip checks that an evicted object keeps its sockets: the next message
// constructs a new instance that finds them with their tags and attachments, while what
// code set on the socket objects is gone, as workerd hands new objects to a new instance.
func TestHibernationRoundTrip(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain)
	got := h.sockJSON(`
const s = env.SOCK.getByName("room");
const ann = await connect(s, "?name=ann&tag=u:ann");
const bob = await connect(s, "?name=bob&tag=u:bob");
const out = [await ask(ann, "instance"), await ask(ann, "expando"), await ask(ann, "expando")];
out.push(evict(s, false), constructed(), sockets(s).length);
out.push(await ask(bob, "instance"), await ask(bob, "sockets"), await ask(bob, "tags"), await ask(ann, "who"));
out.push(await ask(ann, "expando"), evict(s, false), evict(s, false));
return out;`)
	assert.Equal(t, `["1","none","set","evicted",1,2,"2","[\"bob\",\"ann\"]","[\"u:bob\"]",`+
		`"{\"name\":\"ann\"}","none","evicted","the Durable Object is not running"]`, got)
	assert.Empty(t, h.errors)
}

// TestSocketsClosed checks what closes an object's sockets without telling the object:
// an eviction that closes them, a reset, a deletion, and the engine's close functions.
func TestSocketsClosed(t *testing.T) {
	tests := []struct{ name, act, want string }{
		{"eviction closing sockets", `evict(s, true)`,
			`[[1001,"Durable Object evicted",true],1,[],[],"nothing"]`},
		{"abort", `await describe(() => inObject(s, (i, ctx) => ctx.abort()))`,
			`[[1001,"Durable Object reset",true],1,[],[],"nothing"]`},
		{"abortAll", `abortAll()`, `[[1001,"Durable Object reset",true],1,[],[],"nothing"]`},
		{"deletion", `deleteObj(s)`, `[[1001,"Durable Object deleted",true],1,[],[],"nothing"]`},
		{"closeAll", `closeAll(s, 4100, "frame ended")`, `[[4100,"frame ended",true],1,[],[],"nothing"]`},
		{"closeSocket", `closeSocket(sockets(s)[0], 4101, "one")`, `[[4101,"one",true],1,[],[],"nothing"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newSocketsHarness(t, dateAutoReply, socketsMain)
			got := h.sockJSON(describe + `
const s = env.SOCK.getByName("gone");
const ws = await connect(s, "?tag=t");
await ask(ws, "hi");
const c = closed(ws);
` + tt.act + `;
const heard = await c;
await settle();
const after = sockLog.filter((e) => e[0] !== "message");
const fresh = await describe(() => inObject(s, (i, ctx) => ctx.getWebSockets("t").length));
const late = await Promise.race([next(ws), settle(10).then(() => "nothing")]);
return [heard, ws.readyState === 3 ? 1 : 0, after, fresh[1] === 0 ? [] : fresh, late];`)
			assert.Equal(t, tt.want, got)
			assert.Empty(t, h.errors)
		})
	}
}

// TestAutoResponse checks that the runtime answers the auto-response request without waking
// the object, records when, keeps the pair across eviction, and answers in turn behind the
// messages sent before the request.
func TestAutoResponse(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain)
	h.fakeTime()
	got := h.sockJSON(`
const s = env.SOCK.getByName("auto");
const ws = await connect(s);
const before = await inObject(s, (i, ctx) => {
  const none = [ctx.getWebSocketAutoResponse(), ctx.getWebSocketAutoResponseTimestamp(ctx.getWebSockets()[0])];
  ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  const pair = ctx.getWebSocketAutoResponse();
  return [...none, pair instanceof WebSocketRequestResponsePair, pair.request, pair.response];
});
evict(s, false);
advance(5000);
const out = [before, await ask(ws, "ping"), constructed(), sockLog.length];
const seen = [];
ws.addEventListener("message", (e) => seen.push(e.data));
for (const m of ["a", "ping", "b", "ping"]) ws.send(m);
await settle(10);
out.push(seen.slice());
out.push(await inObject(s, (i, ctx) => [ctx.getWebSocketAutoResponseTimestamp(ctx.getWebSockets()[0]).getTime(),
  ctx.getWebSocketAutoResponse().request]));
await inObject(s, (i, ctx) => ctx.setWebSocketAutoResponse());
out.push(await ask(ws, "ping"), await inObject(s, (i, ctx) => ctx.getWebSocketAutoResponse()));
return out;`)
	assert.Equal(t, `[[null,null,true,"ping","pong"],"pong",1,0,["echo:a","pong","echo:b","pong"],`+
		`[1700000005000,"ping"],"echo:ping",null]`, got)
}

// TestEventTimeout checks ctx.setHibernatableWebSocketEventTimeout: the value kept, and an
// event that runs past it resets the object, which the running test hears about.
func TestEventTimeout(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain)
	h.fakeTime()
	got := h.sockJSON(`
const s = env.SOCK.getByName("slow");
const ws = await connect(s);
const values = await inObject(s, (i, ctx) => {
  const out = [ctx.getHibernatableWebSocketEventTimeout()];
  ctx.setHibernatableWebSocketEventTimeout(50);
  out.push(ctx.getHibernatableWebSocketEventTimeout());
  ctx.setHibernatableWebSocketEventTimeout(0);
  out.push(ctx.getHibernatableWebSocketEventTimeout());
  ctx.setHibernatableWebSocketEventTimeout(100);
  return out;
});
const c = closed(ws);
ws.send("slow");
await settle();
moveReal(100);
const heard = await c;
await settle();
return [values, heard, constructed()];`)
	assert.Equal(t, `[[null,50,null],[1001,"Durable Object reset",true],1]`, got)
	require.Len(t, h.errors, 1)
	assert.Equal(t, "webSocketMessage", h.errors[0].Origin)
	assert.Contains(t, h.errors[0].Error(), msgEventTimeout)
}

// TestSocketEventsAreGated checks that socket events wait, like calls, while a critical
// section holds the object.
func TestSocketEventsAreGated(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain)
	h.fakeTime()
	got := h.sockJSON(`
const s = env.SOCK.getByName("gate");
const ws = await connect(s);
const order = [];
ws.addEventListener("message", (e) => order.push(e.data));
const held = inObject(s, (i, ctx) => ctx.blockConcurrencyWhile(async () => {
  await new Promise((r) => setTimeout(r, 10));
  order.push("section done");
}));
await settle();
ws.send("m1");
await settle();
order.push("waited");
advance(10);
await held;
await settle();
return order;`)
	assert.Equal(t, `["waited","section done","echo:m1"]`, got)
}

// TestSocketHandlerFailures checks that what a handler throws fails the running test once,
// without resetting the object, and that a class without handlers lets events pass.
func TestSocketHandlerFailures(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain)
	got := h.sockJSON(`
const s = env.SOCK.getByName("fails");
const ws = await connect(s);
ws.send("throw");
const after = await ask(ws, "instance");
const bare = await connect(env.BARE.getByName("bare"));
bare.send("nobody listens");
const c = closed(bare);
bare.close(1000, "");
return [after, await c];`)
	assert.Equal(t, `["1",[1000,"",true]]`, got)
	require.Len(t, h.errors, 1)
	assert.Equal(t, "webSocketMessage", h.errors[0].Origin)
	assert.Contains(t, h.errors[0].Error(), "TypeError: handler threw")
}

// TestSocketWakesBrokenConstructor checks a wake-up whose constructor throws: the object
// resets, its sockets close, and the test hears the constructor's error once.
func TestSocketWakesBrokenConstructor(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain+`
let fail = false;
globalThis.breakConstructor = () => { fail = true; };
const Original = Sock;
Sock = class extends Original {
  constructor(ctx, env) {
    super(ctx, env);
    if (fail) throw new RangeError("cannot wake");
  }
};
__dotest.setMain({ Sock, Bare, default: worker });`)
	got := h.sockJSON(`
const s = env.SOCK.getByName("broken");
const ws = await connect(s);
evict(s, false);
breakConstructor();
const c = closed(ws);
ws.send("one");
ws.send("two");
const heard = await c;
await settle();
return heard;`)
	assert.Equal(t, `[1001,"Durable Object reset",true]`, got)
	require.Len(t, h.errors, 1)
	assert.Contains(t, h.errors[0].Error(), "RangeError: cannot wake")
}

// TestUpgradeThroughFetch checks the hand-over of a 101 response's socket through
// stub.fetch and through the worker's fetch, and the refusal of a socket to a request that
// did not ask for one.
func TestUpgradeThroughFetch(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain)
	got := h.sockJSON(describe + `
const { exports } = __dotest.require("cloudflare:workers");
const res = await exports.default.fetch("http://w/?room=via-worker", { headers: { Upgrade: "websocket" } });
const ws = res.webSocket;
ws.accept();
const out = [res.status, await ask(ws, "instance")];
out.push(await describe(() => env.SOCK.getByName("x").fetch("http://do/ws")));
out.push(await describe(async () => (await env.SOCK.getByName("x").fetch("http://do/plain")).text()));
return out;`)
	assert.Equal(t, `[101,"1",["err","TypeError","Worker tried to return a WebSocket in a response to a request `+
		`which did not contain the header \"Upgrade: websocket\".","remote"],["ok","plain"]]`, got)
}

// TestSocketLimit checks that one object accepts 32,768 sockets and refuses the next with
// workerd's text. All but the last accepted one are records made from Go, since making
// WebSocketPairs by the ten thousand takes seconds under the race detector.
func TestSocketLimit(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain)
	require.NoError(t, h.rt.VM.Set("fill", func(stub goja.Value, n int) {
		o, err := h.e.ObjectOf(stub)
		require.NoError(t, err)
		for range n {
			o.hibOf().add(&socket{ws: h.rt.VM.NewObject(), obj: o})
		}
	}))
	got := h.sockJSON(describe + `
const s = env.SOCK.getByName("full");
await inObject(s, () => {});
fill(s, 32767);
return await describe(() => inObject(s, (i, ctx) => {
  ctx.acceptWebSocket(new WebSocketPair()[1]);
  const count = ctx.getWebSockets().length;
  try {
    ctx.acceptWebSocket(new WebSocketPair()[1]);
  } catch (e) {
    return [count, e.name, e.message];
  }
}));`)
	assert.Equal(t, `["ok",[32768,"Error",`+
		`"only 32768 websockets can be accepted on a single Durable Object instance"]]`, got)
}
