package web

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testServer answers the fetch tests on 127.0.0.1.
func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Method", r.Method)
		w.Header().Set("X-Got", r.Header.Get("X-Custom"))
		w.Header().Set("X-UA", r.Header.Get("User-Agent"))
		w.Header().Add("Set-Cookie", "a=1")
		w.Header().Add("Set-Cookie", "b=2")
		w.WriteHeader(201)
		fmt.Fprintf(w, "%s %s", r.Method, body)
	})
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		flusher := w.(http.Flusher)
		for i := 0; i < 3; i++ {
			fmt.Fprintf(w, "chunk%d;", i)
			flusher.Flush()
		}
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/echo", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetchNetwork(t *testing.T) {
	srv := testServer(t)
	cases := []jsCase{
		{name: "request and response headers", src: `
			const res = await fetch(SERVER + "/echo", { method: "POST", body: "payload",
				headers: { "X-Custom": "v" } });
			return [res.status, res.statusText, res.ok, res.headers.get("x-method"), res.headers.get("x-got"),
				res.headers.get("x-ua"), res.headers.getSetCookie(), await res.text(), res.url, res.redirected]`,
			want: `[201,"Created",true,"POST","v","",["a=1","b=2"],"POST payload","SERVER/echo",false]`},
		{name: "response headers are immutable", src: `
			const res = await fetch(SERVER + "/echo"); res.headers.set("x", "y")`,
			wantErr: "TypeError: Can't modify immutable headers."},
		{name: "streaming body", src: `
			const res = await fetch(SERVER + "/stream");
			const dec = new TextDecoder(); let text = "";
			for await (const chunk of res.body) text += dec.decode(chunk, { stream: true });
			return text`,
			want: "chunk0;chunk1;chunk2;"},
		{name: "redirect follow", src: `
			const res = await fetch(SERVER + "/redirect", { method: "POST", body: "x" });
			return [res.status, res.redirected, res.url, await res.text()]`,
			want: `[201,true,"SERVER/echo","GET "]`},
		{name: "redirect manual", src: `
			const res = await fetch(SERVER + "/redirect", { redirect: "manual" });
			return [res.status, res.headers.get("location")]`,
			want: `[302,"/echo"]`},
		{name: "too many redirects", src: `await fetch(SERVER + "/loop")`, wantErr: "TypeError: Too many redirects."},
		{name: "abort before the response", src: `
			const c = new AbortController();
			const p = fetch(SERVER + "/hang-before", { signal: c.signal });
			c.abort();
			await p`,
			wantErr: "AbortError: The operation was aborted"},
		{name: "abort while reading the body", src: `
			const c = new AbortController();
			const res = await fetch(SERVER + "/hang", { signal: c.signal });
			const reader = res.body.getReader();
			const pending = reader.read();
			c.abort(new Error("stop"));
			await pending`,
			wantErr: "Error: stop"},
		{name: "invalid URL", src: `await fetch("not a url")`, wantErr: "TypeError: Invalid URL: not a url"},
		{name: "unsupported scheme", src: `await fetch("ftp://example.com/")`,
			wantErr: "TypeError: Fetch API cannot load: ftp://example.com/"},
		{name: "connection refused", src: `await fetch(CLOSED)`, wantErr: "Error: Network connection lost."},
	}
	closed := closedAddress(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			require.NoError(t, h.VM.Set("SERVER", srv.URL))
			require.NoError(t, h.VM.Set("CLOSED", closed))
			got, err := h.eval(t, tc.src)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, tc.wantErr, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, strings.ReplaceAll(got, srv.URL, "SERVER"))
		})
	}
}

// closedAddress is a loopback URL on which nothing listens.
func closedAddress(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return "http://" + addr + "/"
}

func TestFetchDNSFailure(t *testing.T) {
	h := newHarness(t, Config{Outbound: &http.Transport{DialContext: func(ctx context.Context, network,
		addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: addr,
			IsNotFound: true}}
	}}})
	_, err := h.eval(t, `await fetch("http://nowhere.invalid/")`)
	require.Error(t, err)
	assert.Regexp(t, `^Error: internal error; reference = [0-9a-z]{24}$`, err.Error())
}

func TestFetchHandlers(t *testing.T) {
	runCases(t, []jsCase{
		{name: "a handler answers", src: `
			const seen = [];
			__dotest.web.addFetchHandler(async (req) => {
				seen.push(req.method + " " + req.url + " " + await req.text());
				return new Response("mocked", { headers: { "x": "1" } });
			});
			const res = await fetch("https://api.example.com/a", { method: "PUT", body: "b" });
			return [seen, await res.text(), res.headers.get("x"), res.url]`,
			want: `[["PUT https://api.example.com/a b"],"mocked","1","https://api.example.com/a"]`},
		{name: "handlers chain newest first", src: `
			__dotest.web.addFetchHandler(() => new Response("old"));
			__dotest.web.addFetchHandler((req, next) => req.url.endsWith("/new") ? new Response("new") : next());
			return [await (await fetch("https://x/new")).text(), await (await fetch("https://x/other")).text()]`,
			want: `["new","old"]`},
		{name: "removing a handler", src: `
			__dotest.web.addFetchHandler(() => new Response("base"));
			const remove = __dotest.web.addFetchHandler(() => new Response("top"));
			remove();
			return await (await fetch("https://x/")).text()`,
			want: "base"},
		{name: "a handler returning something else", src: `
			__dotest.web.addFetchHandler(() => "nope"); await fetch("https://x/")`,
			wantErr: "TypeError: Incorrect type for Promise: the Promise did not resolve to 'Response'."},
		{name: "redirects from a handler are followed", src: `
			__dotest.web.addFetchHandler((req) => req.url === "https://x/a"
				? new Response(null, { status: 301, headers: { location: "/b" } })
				: new Response(req.url));
			const res = await fetch("https://x/a");
			return [await res.text(), res.redirected]`,
			want: `["https://x/b",true]`},
		{name: "a websocket upgrade through a handler", src: `
			__dotest.web.addFetchHandler((req) => {
				const [client, server] = Object.values(new WebSocketPair());
				server.accept();
				server.addEventListener("message", (e) => server.send("pong:" + e.data));
				return new Response(null, { status: 101, webSocket: client });
			});
			const res = await fetch("https://x/ws", { headers: { Upgrade: "websocket" } });
			const ws = res.webSocket;
			ws.accept();
			const got = new Promise((r) => ws.addEventListener("message", (e) => r(e.data)));
			ws.send("ping");
			return [res.status, await got]`,
			want: `[101,"pong:ping"]`},
		{name: "a websocket without an upgrade request", src: `
			__dotest.web.addFetchHandler(() => new Response(null, { status: 101, webSocket: new WebSocketPair()[0] }));
			await fetch("https://x/")`,
			wantErr: `TypeError: Worker tried to return a WebSocket in a response to a request which did not ` +
				`contain the header "Upgrade: websocket".`},
		{name: "fetch is a plain writable method", src: `
			const d = Object.getOwnPropertyDescriptor(globalThis, "fetch");
			globalThis.fetch = async () => new Response("spy");
			return [typeof d.value, d.writable, d.value.name, await (await fetch("x")).text()]`,
			want: `["function",true,"fetch","spy"]`},
	})
}

func TestDispatch(t *testing.T) {
	runCases(t, []jsCase{
		{name: "dispatchFetch delivers a fresh request", src: `
			const req = new Request("https://do/path", { method: "POST", body: "hello", cf: { a: 1 } });
			let got;
			const res = await __dotest.web.dispatchFetch(async function (r, env) {
				got = [r === req, r.method, r.url, await r.text(), r.cf.a, env, this.name];
				return new Response("ok", { status: 202 });
			}, { name: "obj" }, req, "ENV");
			return [got, req.bodyUsed, res.status, await res.text()]`,
			want: `[[false,"POST","https://do/path","hello",1,"ENV","obj"],true,202,"ok"]`},
		{name: "a delivered request has immutable headers", src: `
			await __dotest.web.dispatchFetch((r) => { r.headers.set("x", "y"); }, null, new Request("https://do/"))`,
			wantErr: "TypeError: Can't modify immutable headers."},
		{name: "dispatchFetch refuses a non-Response", src: `
			await __dotest.web.dispatchFetch(() => ({}), null, new Request("https://do/"))`,
			wantErr: "TypeError: Incorrect type for Promise: the Promise did not resolve to 'Response'."},
		{name: "accepted socket in a response", src: `
			await __dotest.web.dispatchFetch(() => {
				const [c, s] = new WebSocketPair(); c.accept();
				return new Response(null, { status: 101, webSocket: c });
			}, null, new Request("https://do/", { headers: { upgrade: "websocket" } }))`,
			wantErr: "TypeError: Can't return WebSocket in a Response after calling accept()."},
		{name: "released socket cannot be accepted", src: `
			let client;
			const res = await __dotest.web.dispatchFetch(() => {
				const [c, s] = new WebSocketPair(); client = c; s.accept();
				return new Response(null, { status: 101, webSocket: c });
			}, null, new Request("https://do/", { headers: { upgrade: "websocket" } }));
			client.accept()`,
			wantErr: "TypeError: Can't accept() WebSocket that was already used in a response."},
	})
}
