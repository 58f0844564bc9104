package isolation

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/objects"
	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/internal/vitest"
	"github.com/dotest-dev/dotest/internal/web"
)

// testMain is the worker the tests drive: a counter that keeps a copy of its count in
// memory, sets alarms, leaves work in waitUntil, fills a table and opens WebSockets.
const testMain = `
const { DurableObject } = __dotest.require("cloudflare:workers");
globalThis.log = [];
class Counter extends DurableObject {
  mem = 0;
  async add(n) {
    this.mem += n;
    const v = ((await this.ctx.storage.get("n")) ?? 0) + n;
    await this.ctx.storage.put("n", v);
    return v;
  }
  async count() { return (await this.ctx.storage.get("n")) ?? 0; }
  memory() { return this.mem; }
  async setAlarmIn(ms) { await this.ctx.storage.setAlarm(Date.now() + ms); }
  async deleteAlarm() { await this.ctx.storage.deleteAlarm(); }
  async alarmIn() { const t = await this.ctx.storage.getAlarm(); return t === null ? null : t - Date.now(); }
  async alarm() { log.push("alarm " + this.ctx.id.name); }
  fill(n) {
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS t (k INTEGER PRIMARY KEY, v TEXT)");
    for (let i = 0; i < n; i++) this.ctx.storage.sql.exec("INSERT INTO t (v) VALUES (?)", "row " + i);
  }
  change(n) {
    for (let i = 1; i <= n; i++) this.ctx.storage.sql.exec("UPDATE t SET v = 'changed' WHERE k = ?", i);
  }
  rows() { return this.ctx.storage.sql.exec("SELECT count(*) AS n FROM t").one().n; }
  later(ms) { this.ctx.waitUntil(new Promise((r) => setTimeout(r, ms))); }
  never() { this.ctx.waitUntil(new Promise(() => {})); }
  fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("close", (e) => log.push("server closed " + e.code));
    return new Response(null, { status: 101, webSocket: client });
  }
}
__dotest.setMain({ Counter });
`

// harness is a runtime with the web platform, the engine and a Stack.
type harness struct {
	t      *testing.T
	rt     *jsrt.Runtime
	e      *objects.Engine
	s      *Stack
	errors []*jsrt.Exception
}

func testProject() *project.Project {
	return &project.Project{
		Name:              "w",
		CompatibilityDate: "2026-04-01",
		DurableObjects:    []project.Binding{{Name: "COUNTER", ClassName: "Counter"}},
		Classes:           map[string]project.Class{"Counter": {Name: "Counter", SQLite: true}},
	}
}

func newHarness(t testing.TB, opts Options, objOpts objects.Options) *harness {
	rt, err := jsrt.New(jsrt.Options{})
	require.NoError(t, err)
	h := &harness{rt: rt}
	rt.SetErrorHandler(func(ex *jsrt.Exception) { h.errors = append(h.errors, ex) })
	require.NoError(t, web.Install(rt, web.Config{}))
	h.e, err = objects.Install(rt, testProject(), objOpts)
	require.NoError(t, err)
	if tt, ok := t.(interface{ Cleanup(func()) }); ok {
		tt.Cleanup(func() { _ = h.e.Close() })
	}
	h.s, err = New(rt, h.e, opts)
	require.NoError(t, err)
	prg, err := goja.Compile("main.js", testMain, false)
	require.NoError(t, err)
	_, err = rt.Run(prg)
	require.NoError(t, err)
	return h
}

// eval runs src as the body of an async function, with env in scope, and waits for it.
func (h *harness) eval(t testing.TB, src string) (goja.Value, error) {
	prg, err := goja.Compile("test.js", "(async () => {\nconst { env } = __dotest.require(\"cloudflare:workers\");\n"+
		src+"\n})()", false)
	require.NoError(t, err)
	v, err := h.rt.Run(prg)
	require.NoError(t, err)
	return h.rt.Await(v)
}

// json runs src and returns its result as JSON.
func (h *harness) json(t testing.TB, src string) string {
	v, err := h.eval(t, "return JSON.stringify(await (async () => {\n"+src+"\n})());")
	require.NoError(t, err)
	return v.String()
}

func (h *harness) enter(t testing.TB, kinds ...vitest.ScopeKind) {
	for _, k := range kinds {
		require.NoError(t, h.s.Enter(k))
	}
}

func (h *harness) leave(t testing.TB, kinds ...vitest.ScopeKind) {
	for _, k := range kinds {
		require.NoError(t, h.s.Leave(k))
	}
}

// fakeTime makes the clock virtual and gives JS advance(ms).
func (h *harness) fakeTime(t testing.TB) {
	h.rt.Clock.UseFake()
	require.NoError(t, h.rt.VM.Set("advance", func(ms int64) {
		require.NoError(t, h.rt.Loop.Advance(time.Duration(ms)*time.Millisecond))
	}))
}

func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
