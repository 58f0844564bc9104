package kv

import (
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/objects"
	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/internal/web"
)

// harness is a runtime set up as the pool sets up a test file's: the web platform, the
// Durable Object engine (which builds env) and the KV bindings on its env.
type harness struct {
	rt *jsrt.Runtime
	e  *objects.Engine
	b  *Bindings
}

// testNamespaces bind KV and CACHE to one namespace, OTHER to another.
var testNamespaces = []project.KVNamespace{{Binding: "KV", ID: "main"}, {Binding: "CACHE", ID: "main"},
	{Binding: "OTHER", ID: "other"}}

func newHarness(t testing.TB, opts InstallOptions) *harness {
	rt, err := jsrt.New(jsrt.Options{})
	require.NoError(t, err)
	require.NoError(t, web.Install(rt, web.Config{}))
	proj := &project.Project{Name: "w", CompatibilityDate: "2026-04-01", Vars: map[string]any{"VAR": "v"},
		KVNamespaces: testNamespaces}
	e, err := objects.Install(rt, proj, objects.Options{})
	require.NoError(t, err)
	b, err := Install(rt, e.Env(), proj.KVNamespaces, opts)
	require.NoError(t, err)
	if tt, ok := t.(interface{ Cleanup(func()) }); ok {
		tt.Cleanup(func() {
			_ = b.Close()
			_ = e.Close()
		})
	}
	return &harness{rt: rt, e: e, b: b}
}

// eval runs src as the body of an async function with env in scope, and waits for it.
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
	t.Helper()
	v, err := h.eval(t, "return JSON.stringify(await (async () => {\n"+src+"\n})());")
	require.NoError(t, err)
	return v.String()
}

// fail runs src and returns what it threw, as "Name: message".
func (h *harness) fail(t testing.TB, src string) string {
	t.Helper()
	_, err := h.eval(t, src)
	require.Error(t, err)
	return err.Error()
}

// fakeTime makes the clock virtual at a round second and gives JS advance(ms).
func (h *harness) fakeTime(t testing.TB) {
	h.rt.Clock.UseFake()
	h.rt.Clock.Set(time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC))
	require.NoError(t, h.rt.VM.Set("advance", func(ms int64) {
		require.NoError(t, h.rt.Loop.Advance(time.Duration(ms)*time.Millisecond))
	}))
}
