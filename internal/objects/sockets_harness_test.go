package objects

import (
	_ "embed"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/clone"
	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/internal/web"
)

//go:embed testdata/sockets.js
var socketsMain string

// socketsPrelude gives the tests of hibernation the client's side of a socket:
// connect(stub, query) opens one through stub.fetch, ask(ws, text) sends and waits for the
// answer, closed(ws) waits for the close event, settle(n) lets the tasks queued run, n times
// over (tick() is one task, after those queued).
const socketsPrelude = `
const connect = async (stub, query = "") => {
  const res = await stub.fetch("http://do/ws" + query, { headers: { Upgrade: "websocket" } });
  const ws = res.webSocket;
  ws.accept();
  return ws;
};
const next = (ws) => new Promise((resolve) => ws.addEventListener("message", (e) => resolve(e.data), { once: true }));
const ask = async (ws, text) => {
  const answer = next(ws);
  ws.send(text);
  return await answer;
};
const closed = (ws) => new Promise((resolve) =>
  ws.addEventListener("close", (e) => resolve([e.code, e.reason, e.wasClean]), { once: true }));
const settle = async (n = 5) => {
  for (let i = 0; i < n; i++) await tick();
};
`

// socketsProject binds SOCK to Sock and BARE to Bare, SQLite-backed, at the compatibility
// date given.
func socketsProject(date string) *project.Project {
	return &project.Project{
		Name:              "w",
		CompatibilityDate: date,
		DurableObjects:    []project.Binding{{Name: "SOCK", ClassName: "Sock"}, {Name: "BARE", ClassName: "Bare"}},
		Classes: map[string]project.Class{
			"Sock": {Name: "Sock", SQLite: true}, "Bare": {Name: "Bare", SQLite: true},
		},
	}
}

// newSocketsHarness is a harness with the real web platform and structuredClone, as the pool
// installs them, running main. JS gets the engine API: inObject(stub, fn), evict(stub,
// close), sockets(stub), closeSocket(ws, code, reason), closeAll(stub, code, reason),
// abortAll(), deleteObj(stub), tick() and moveReal(ms).
func newSocketsHarness(t testing.TB, date, main string) *harness {
	now := time.Unix(1_700_000_000, 0)
	h := &harness{realNow: &now}
	if tt, ok := t.(*testing.T); ok {
		h.t = tt
	}
	rt, err := jsrt.New(jsrt.Options{Clock: jsrt.NewClock(func() time.Time { return *h.realNow })})
	require.NoError(t, err)
	rt.SetErrorHandler(func(ex *jsrt.Exception) { h.errors = append(h.errors, ex) })
	h.rt = rt
	proj := socketsProject(date)
	require.NoError(t, web.Install(rt, web.Config{CompatibilityDate: proj.CompatibilityDate}))
	require.NoError(t, clone.Install(rt.VM))
	h.e, err = Install(rt, proj, Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = h.e.Close() })
	h.socketNatives(t)

	prg, err := goja.Compile("main.js", "(function () {\n"+mainPrelude+main+"\n})();", false)
	require.NoError(t, err)
	_, err = rt.Run(prg)
	require.NoError(t, err)
	return h
}

func (h *harness) socketNatives(t testing.TB) {
	object := func(stub goja.Value) *Object {
		o, err := h.e.ObjectOf(stub)
		require.NoError(t, err)
		return o
	}
	natives := map[string]any{
		"inObject": func(stub, fn goja.Value) goja.Value { return h.e.RunInObject(object(stub), fn) },
		"evict": func(stub goja.Value, closing bool) string {
			if err := h.e.EvictWith(object(stub), EvictOptions{CloseWebSockets: closing}); err != nil {
				return err.Error()
			}
			return "evicted"
		},
		"sockets": func(stub goja.Value) []*goja.Object { return h.e.WebSockets(object(stub)) },
		"closeSocket": func(ws goja.Value, code int, reason string) error {
			return h.e.CloseWebSocket(ws, code, reason)
		},
		"closeAll": func(stub goja.Value, code int, reason string) int {
			return h.e.CloseWebSockets(object(stub), code, reason)
		},
		"abortAll":  func() { h.e.AbortAll() },
		"deleteObj": func(stub goja.Value) { require.NoError(t, h.e.DeleteObject(object(stub))) },
		"tick": func() goja.Value {
			p, resolve, _ := h.rt.VM.NewPromise()
			h.rt.Loop.Enqueue(func() error { return resolve(nil) })
			return h.rt.VM.ToValue(p)
		},
		"moveReal": func(ms int64) {
			*h.realNow = h.realNow.Add(time.Duration(ms) * time.Millisecond)
		},
	}
	for name, fn := range natives {
		require.NoError(t, h.rt.VM.Set(name, fn))
	}
}

// sockJSON runs src (after the prelude) and returns its result as JSON.
func (h *harness) sockJSON(src string) string {
	h.t.Helper()
	return h.json(socketsPrelude + src)
}

// sockEval runs src after the prelude and returns the result or the error.
func (h *harness) sockEval(src string) (goja.Value, error) {
	h.t.Helper()
	return h.eval(socketsPrelude + src)
}

// Dates on either side of web_socket_auto_reply_to_close (2026-04-07).
const (
	dateAutoReply   = "2026-04-07"
	dateManualReply = "2026-04-06"
)
