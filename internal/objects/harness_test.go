package objects

import (
	_ "embed"
	"encoding/json"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/project"
)

//go:embed testdata/web.js
var webStandIn string

//go:embed testdata/main.js
var testMain string

// harness is a runtime with the engine installed and a main module, whose uncaught errors
// are recorded.
type harness struct {
	t       *testing.T
	rt      *jsrt.Runtime
	e       *Engine
	errors  []*jsrt.Exception
	realNow *time.Time // what the clock reads as real time; tests move it
}

// testProject binds NS to the SQLite-backed class Obj, KV to the KV-backed class KVObj and
// PLAIN to Plain, which does not extend DurableObject.
func testProject() *project.Project {
	return &project.Project{
		Name:              "w",
		CompatibilityDate: "2026-04-01",
		Vars:              map[string]any{"GREETING": "hi", "CONF": map[string]any{"n": 1.0}},
		DurableObjects: []project.Binding{
			{Name: "NS", ClassName: "Obj"}, {Name: "KV", ClassName: "KVObj"}, {Name: "PLAIN", ClassName: "Plain"},
		},
		Classes: map[string]project.Class{
			"Obj": {Name: "Obj", SQLite: true}, "KVObj": {Name: "KVObj"}, "Plain": {Name: "Plain", SQLite: true},
		},
	}
}

// mainPrelude gives a main module the names of cloudflare:workers.
const mainPrelude = `const { DurableObject, WorkerEntrypoint, RpcTarget, RpcStub, env, exports, waitUntil, withEnv } =
	__dotest.require("cloudflare:workers");
`

func newHarness(t *testing.T, main string) *harness {
	return newHarnessWith(t, testProject(), Options{}, main)
}

func newHarnessWith(t *testing.T, proj *project.Project, opts Options, main string) *harness {
	t.Helper()
	now := time.Unix(1_700_000_000, 0)
	h := &harness{t: t, realNow: &now}
	clock := jsrt.NewClock(func() time.Time { return *h.realNow })
	rt, err := jsrt.New(jsrt.Options{Clock: clock})
	require.NoError(t, err)
	rt.SetErrorHandler(func(ex *jsrt.Exception) { h.errors = append(h.errors, ex) })
	h.rt = rt
	_, err = rt.VM.RunString(webStandIn)
	require.NoError(t, err)

	h.e, err = Install(rt, proj, opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = h.e.Close() })
	if main != "" {
		prg, err := goja.Compile("main.js", "(function () {\n"+mainPrelude+main+"\n})();", false)
		require.NoError(t, err)
		_, err = rt.Run(prg)
		require.NoError(t, err)
	}
	return h
}

// eval runs src as the body of an async function and waits for its result.
func (h *harness) eval(src string) (goja.Value, error) {
	h.t.Helper()
	prg, err := goja.Compile("test.js", "(async () => {\n"+mainPrelude+src+"\n})()", false)
	require.NoError(h.t, err)
	v, err := h.rt.Run(prg)
	require.NoError(h.t, err)
	return h.rt.Await(v)
}

// run is eval that must succeed, returning the result exported to Go.
func (h *harness) run(src string) any {
	h.t.Helper()
	v, err := h.eval(src)
	require.NoError(h.t, err)
	return v.Export()
}

// json is run with the result passed through JSON.stringify.
func (h *harness) json(src string) string {
	h.t.Helper()
	return h.run("return JSON.stringify(await (async () => {\n" + src + "\n})());").(string)
}

// with returns the harness reporting to t, for subtests.
func (h *harness) with(t *testing.T) *harness {
	c := *h
	c.t = t
	return &c
}

// fakeTime makes the clock virtual and gives JS advance(ms), which moves it and runs the
// timers and alarms that fall due, as vi.advanceTimersByTime does.
func (h *harness) fakeTime() {
	h.rt.Clock.UseFake()
	require.NoError(h.t, h.rt.VM.Set("advance", func(ms int64) {
		require.NoError(h.t, h.rt.Loop.Advance(time.Duration(ms)*time.Millisecond))
	}))
}

// jsQuote returns s as a JS string literal.
func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// movableRealTime gives JS moveReal(ms), which moves the clock's real time forward, for the
// engine's deadlines on real time.
func (h *harness) movableRealTime() {
	require.NoError(h.t, h.rt.VM.Set("moveReal", func(ms int64) {
		*h.realNow = h.realNow.Add(time.Duration(ms) * time.Millisecond)
	}))
}

// paramText is workerd's TypeError for a storage method's first argument of the wrong type.
func paramText(method, typ string) string {
	return "Failed to execute '" + method + "' on 'DurableObjectStorage': parameter 1 is not of type '" + typ + "'."
}
