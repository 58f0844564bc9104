package objects

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWorkersModule(t *testing.T) {
	h := newHarness(t, testMain)
	tests := []struct{ name, call, want string }{
		{"names", `Object.keys(__dotest.require("cloudflare:workers")).sort()`,
			`["ok",["DurableObject","RpcPromise","RpcProperty","RpcStub","RpcTarget","ServiceStub",` +
				`"WorkerEntrypoint",` +
				`"WorkflowEntrypoint","env","exports","waitUntil","withEnv","withEnvAndExports","withExports"]]`},
		{"base class",
			`(() => { const o = new DurableObject("c", "e"); return [o.ctx, o.env]; })()`,
			`["ok",["c","e"]]`},
		{"entrypoint base", `(() => { const o = new WorkerEntrypoint("c", "e"); return [o.ctx, o.env]; })()`,
			`["ok",["c","e"]]`},
		{"withEnv", `[withEnv({ X: 1 }, () => env.X), env.X, env.GREETING]`, `["ok",[1,null,"hi"]]`},
		{"withEnv async",
			`(async () => { const r = await withEnv({ X: 2 }, async () => { await null; return env.X; }); ` +
				`return [r, env.GREETING]; })()`, `["ok",[2,"hi"]]`},
		{"withEnv throws",
			`(() => { try { withEnv({}, () => { throw new Error("x"); }); } catch {} return env.GREETING; })()`,
			`["ok","hi"]`},
		{"withExports", `(() => { const { withExports } = __dotest.require("cloudflare:workers"); ` +
			`return [withExports({ A: 1 }, () => exports.A), exports.A, typeof exports.Obj]; })()`,
			`["ok",[1,null,"object"]]`},
		{"RpcPromise not constructible", `new (__dotest.require("cloudflare:workers").RpcPromise)()`,
			`["err","TypeError","Illegal constructor"]`},
		{"RpcStub of object",
			`(async () => { const s = new RpcStub({ a() { return 7; } }); return [typeof s, await s.a()]; })()`,
			`["ok",["function",7]]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := h.with(t).json(describe + `return await describe(async () => ` + tt.call + `);`)
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Empty(t, h.errors)
}

func TestStateMembers(t *testing.T) {
	h := newHarness(t, testMain+`Obj.prototype.members = function () {
  const c = this.ctx;
  return [Object.keys(c), typeof c.waitUntil, typeof c.blockConcurrencyWhile, typeof c.abort, c.props,
    c.exports === __dotest.require("cloudflare:workers").exports, this.env.GREETING];
};
Obj.prototype.bcwNotFunction = function () { return this.ctx.blockConcurrencyWhile(5); };`)
	got := h.json(describe + `const s = env.NS.getByName("m");
return [await s.members(), await describe(() => s.bcwNotFunction())];`)
	assert.Equal(t, `[[["id","storage","props","exports"],"function","function","function",null,true,"hi"],`+
		`["err","TypeError","Failed to execute 'blockConcurrencyWhile' on 'DurableObjectState': `+
		`parameter 1 is not of type 'function'.","remote"]]`, got)
}
