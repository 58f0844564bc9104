package services

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/objects"
	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/internal/web"
)

// testMain is a worker with a default handler, a WorkerEntrypoint and an object of
// handlers.
const testMain = `
const { WorkerEntrypoint } = __dotest.require("cloudflare:workers");
class Named extends WorkerEntrypoint {
  ping() { return "pong " + JSON.stringify(this.ctx.props); }
  fetch(req) { return new Response("named " + req.method + " " + req.url); }
}
__dotest.setMain({
  default: {
    fetch(req, env, ctx) {
      return new Response("default " + Object.keys(env).sort().join(",") + " " + typeof ctx.waitUntil);
    },
  },
  Named,
  handlers: { fetch() { return new Response("handlers"); } },
  answer: 42,
});
`

var testServices = []project.Service{
	{Binding: "SELF"},
	{Binding: "NAMED", Entrypoint: "Named"},
	{Binding: "WITH_PROPS", Entrypoint: "Named", Props: map[string]any{"z": 1.0, "a": []any{"x", true}}},
	{Binding: "MISSING", Entrypoint: "Nowhere"},
	{Binding: "HANDLERS", Entrypoint: "handlers"},
	{Binding: "NUMBER", Entrypoint: "answer"},
}

type harness struct{ rt *jsrt.Runtime }

func newHarness(t *testing.T, main string) *harness {
	rt, err := jsrt.New(jsrt.Options{})
	require.NoError(t, err)
	require.NoError(t, web.Install(rt, web.Config{}))
	proj := &project.Project{Name: "me", CompatibilityDate: "2026-04-01", Services: testServices}
	e, err := objects.Install(rt, proj, objects.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = e.Close() })
	require.NoError(t, Install(rt, e, proj))
	if main != "" {
		prg, err := goja.Compile("main.js", main, false)
		require.NoError(t, err)
		_, err = rt.Run(prg)
		require.NoError(t, err)
	}
	return &harness{rt: rt}
}

// result runs src as an async function body with env in scope and returns its JSON, or
// what it threw.
func (h *harness) result(t *testing.T, src string) string {
	prg, err := goja.Compile("test.js", `(async () => { const { env } = __dotest.require("cloudflare:workers");
return JSON.stringify(await (async () => {`+src+`})()); })()`, false)
	require.NoError(t, err)
	v, err := h.rt.Run(prg)
	require.NoError(t, err)
	v, err = h.rt.Await(v)
	if err != nil {
		return err.Error()
	}
	return v.String()
}

func TestServiceBindings(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"default fetch", `return await (await env.SELF.fetch("https://x/")).text();`,
			`"default HANDLERS,MISSING,NAMED,NUMBER,SELF,WITH_PROPS function"`},
		{"named fetch", `return await (await env.NAMED.fetch("https://x/p", { method: "POST" })).text();`,
			`"named POST https://x/p"`},
		{"rpc", `return await env.NAMED.ping();`, `"pong {}"`},
		{"props", `return await env.WITH_PROPS.ping();`, `"pong {\"a\":[\"x\",true],\"z\":1}"`},
		{"a fetcher", `return [typeof env.SELF, Object.prototype.toString.call(env.SELF), Object.keys(env.SELF),
			"fetch" in env.SELF, (await env.SELF) === env.SELF];`, `["object","[object Fetcher]",[],true,true]`},
		{"a property set on it wins", `env.SELF.fetch = async () => new Response("mocked");
			return await (await env.SELF.fetch("https://x/")).text();`, `"mocked"`},
		{"missing entrypoint", `return env.MISSING.fetch("https://x/");`,
			`Error: Worker "me"'s binding "MISSING" refers to service "me" with a named entrypoint "Nowhere", ` +
				`but "me" has no such named entrypoint.`},
		// workerd treats an exported object of handlers as an entrypoint too.
		{"object of handlers", `return await (await env.HANDLERS.fetch("https://x/")).text();`, `"handlers"`},
		{"not an entrypoint", `return env.NUMBER.fetch("https://x/");`,
			`TypeError: Worker "me"'s binding "NUMBER": an entrypoint is the default export, a WorkerEntrypoint ` +
				`class or an object of handlers, and "answer" is none of them.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, testMain)
			assert.Equal(t, tt.want, h.result(t, tt.src))
		})
	}
}

func TestServiceBindingsWithoutMain(t *testing.T) {
	h := newHarness(t, "")
	assert.Equal(t, `Error: Worker "me"'s binding "SELF" needs the worker's main module: set "main" in the `+
		`wrangler configuration.`, h.result(t, `return env.SELF.fetch("https://x/");`))
}

func TestServiceBindingsWithoutDefault(t *testing.T) {
	h := newHarness(t, `__dotest.setMain({});`)
	assert.Equal(t, `Error: Worker "me"'s binding "SELF" refers to service "me", but does not specify an `+
		`entrypoint, and the service does not have a default entrypoint.`,
		h.result(t, `return env.SELF.fetch("https://x/");`))
}
