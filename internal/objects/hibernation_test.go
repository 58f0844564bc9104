package objects

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// inSock runs body inside the object "x" of Sock as fn(instance, ctx) and describes what it
// returns or throws.
func inSock(body string) string {
	return `return await describe(() => inObject(env.SOCK.getByName("x"), (instance, ctx) => {` + body + `}));`
}

// TestHibernationErrors checks every refusal of the hibernation API with workerd's type
// and text.
func TestHibernationErrors(t *testing.T) {
	h := newSocketsHarness(t, dateAutoReply, socketsMain)
	param := func(method string, n int, typ string) string {
		return `["err","TypeError","Failed to execute '` + method + `' on 'DurableObjectState': parameter ` +
			string(rune('0'+n)) + ` is not of type '` + typ + `'."]`
	}
	tenTags := `["a","b","c","d","e","f","g","h","i","j"]`
	tooLong := func(tag string) string {
		return `["err","Error","\"` + tag + `\" is longer than the max tag length (256 characters)."]`
	}
	tests := []struct{ name, body, want string }{
		{"accept a non-socket", `ctx.acceptWebSocket({})`, param("acceptWebSocket", 1, "WebSocket")},
		{"accept without a socket", `ctx.acceptWebSocket()`, param("acceptWebSocket", 1, "WebSocket")},
		{"tags not an array", `ctx.acceptWebSocket(new WebSocketPair()[1], "t")`,
			param("acceptWebSocket", 2, "Array")},
		{"tags null", `ctx.acceptWebSocket(new WebSocketPair()[1], null)`, param("acceptWebSocket", 2, "Array")},
		{"accepted with accept()", `const ws = new WebSocketPair()[1]; ws.accept(); ctx.acceptWebSocket(ws)`,
			`["err","Error","` + msgAcceptedAlready + `"]`},
		{"accepted twice", `const ws = new WebSocketPair()[1]; ctx.acceptWebSocket(ws); ctx.acceptWebSocket(ws)`,
			`["err","Error","` + msgAcceptedAlready + `"]`},
		{"pair used in a Response", `const [c, s] = new WebSocketPair();
			new Response(null, { status: 101, webSocket: c }); s.accept();
			const [c2, s2] = new WebSocketPair(); c2.accept(); ctx.acceptWebSocket(s2)`,
			`["err","Error","Cannot call ` + "`acceptWebSocket()`" + ` on this WebSocket because its pair has ` +
				`already been accepted or used in a Response."]`},
		{"state is checked before tags", `const ws = new WebSocketPair()[1]; ws.accept();
			ctx.acceptWebSocket(ws, Array.from({ length: 11 }, (_, i) => "t" + i))`,
			`["err","Error","` + msgAcceptedAlready + `"]`},
		{"eleven tags", `ctx.acceptWebSocket(new WebSocketPair()[1], [...` + tenTags + `, "k"])`,
			`["err","Error","a Hibernatable WebSocket cannot have more than 10 tags"]`},
		{"ten tags and a repeat", `ctx.acceptWebSocket(new WebSocketPair()[1], [...` + tenTags + `, "a"])`,
			`["err","Error","a Hibernatable WebSocket cannot have more than 10 tags"]`},
		{"long tag", `ctx.acceptWebSocket(new WebSocketPair()[1], ["` + strings.Repeat("t", 257) + `"])`,
			tooLong(strings.Repeat("t", 257))},
		{"long tag in bytes", `ctx.acceptWebSocket(new WebSocketPair()[1], ["` + strings.Repeat("é", 129) + `"])`,
			tooLong(strings.Repeat("é", 129))},
		{"tags of a socket not accepted", `ctx.getTags(new WebSocketPair()[1])`,
			`["err","Error","you must call 'acceptWebSocket()' before attempting to access the tags of a ` +
				`WebSocket."]`},
		{"tags of a socket accepted with accept()", `const ws = new WebSocketPair()[1]; ws.accept(); ctx.getTags(ws)`,
			`["err","Error","only hibernatable websockets can have tags."]`},
		{"tags of a non-socket", `ctx.getTags("ws")`, param("getTags", 1, "WebSocket")},
		{"timestamp of a non-socket", `ctx.getWebSocketAutoResponseTimestamp(1)`,
			param("getWebSocketAutoResponseTimestamp", 1, "WebSocket")},
		{"auto-response not a pair", `ctx.setWebSocketAutoResponse({ request: "a", response: "b" })`,
			param("setWebSocketAutoResponse", 1, "WebSocketRequestResponsePair")},
		{"auto-response null", `ctx.setWebSocketAutoResponse(null)`,
			param("setWebSocketAutoResponse", 1, "WebSocketRequestResponsePair")},
		{"auto-response request too long",
			`ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("é".repeat(1025), "ok"))`,
			`["err","RangeError","Request cannot be larger than 2048 bytes. A request of size 2050 was provided."]`},
		{"auto-response response too long",
			`ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "x".repeat(2049)))`,
			`["err","RangeError","Response cannot be larger than 2048 bytes. A response of size 2049 was provided."]`},
		{"event timeout over 7 days", `ctx.setHibernatableWebSocketEventTimeout(604800001)`,
			`["err","Error","Event timeout should not exceed 604800000 ms."]`},
		{"event timeout negative", `ctx.setHibernatableWebSocketEventTimeout(-1)`,
			`["err","TypeError","The value cannot be converted because it is negative and this API expects a ` +
				`positive number."]`},
		{"event timeout NaN", `ctx.setHibernatableWebSocketEventTimeout("soon")`,
			`["err","TypeError","The value cannot be converted because it is not an integer."]`},
		{"event timeout over uint32", `ctx.setHibernatableWebSocketEventTimeout(2 ** 32)`,
			`["err","TypeError","Value out of range. Must be less than or equal to 4294967295."]`},
		// V8's bytes: a 2-byte header, the string's tag, a 2-byte length, its characters.
		{"attachment at the limit", `const ws = new WebSocketPair()[1]; ws.serializeAttachment("x".repeat(16379));
			return ws.deserializeAttachment().length`, `["ok",16379]`},
		{"attachment too large", `new WebSocketPair()[1].serializeAttachment("x".repeat(16380))`,
			`["err","Error","A WebSocket 'attachment' cannot be larger than 16384 bytes.` +
				`'attachment' was 16385 bytes."]`},
		{"attachment not cloneable", `new WebSocketPair()[1].serializeAttachment({ f() {} })`,
			`["err","DataCloneError","f() {} could not be cloned."]`},
		{"method of another this", `ctx.getWebSockets.call({})`, `["err","TypeError","Illegal invocation"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, h.with(t).json(describe+inSock(tt.body)))
		})
	}
}
