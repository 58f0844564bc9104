package objects

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

const resetText = "Application called abort() to reset Durable Object."

func TestResets(t *testing.T) {
	h := newHarness(t, testMain+`
Obj.prototype.putThenAbort = function () { this.ctx.storage.put("z", 1); this.ctx.abort(); };
Obj.prototype.getZ = async function () { return (await this.ctx.storage.get("z")) ?? "none"; };
Obj.prototype.abortCaught = function () { try { this.ctx.abort("x"); } catch (e) { return "caught " + e.message; } };
Obj.prototype.useKept = async function () { return await globalThis.keptStorage.get("k"); };
Obj.prototype.useKeptSQL = function () { return globalThis.keptStorage.sql.exec("SELECT 1").toArray(); };
// abort() throws to stop the code that called it; these callers catch that.
const abortLater = (ctx) => queueMicrotask(() => { try { ctx.abort(); } catch {} });
Obj.prototype.returnThenAbort = function () { abortLater(this.ctx); return "returned"; };
Obj.prototype.writeReturnThenAbort = function () {
  this.ctx.storage.put("w", 1);
  abortLater(this.ctx);
  return "returned";
};`)
	tests := []struct{ name, src, want string }{
		{"constructor throws", `const out = [await describe(() => env.NS.getByName("ctor-fails").ping())];
			out.push(await describe(() => env.NS.getByName("ctor-fails").ping()));
			return out;`,
			`[["err","TypeError","constructor failed","durableObjectReset"],["ok",1]]`},
		{"abort", `const s1 = env.NS.getByName("a"), s2 = env.NS.getByName("a"), unused = env.NS.getByName("a");
			await s1.ping();
			const out = [await describe(() => s2.abort("why")), await describe(() => s1.ping())];
			out.push(await describe(() => unused.ping()), await describe(() => env.NS.getByName("a").ping()));
			return out;`,
			`[["err","Error","why","durableObjectReset"],["err","Error","why","durableObjectReset"],` +
				`["ok",1],["ok",2]]`},
		{"abort default reason", `return await describe(() => env.NS.getByName("b").abort());`,
			`["err","Error","` + resetText + `","durableObjectReset"]`},
		{"abort error reason", `return await describe(() => env.NS.getByName("c").abort(new TypeError("te")));`,
			`["err","Error","TypeError: te","durableObjectReset"]`},
		{"abort caught", `return await describe(() => env.NS.getByName("d").abortCaught());`,
			`["err","Error","x","durableObjectReset"]`},
		{"abort fails queued", `const s = env.NS.getByName("e"); await s.ping();
			const a = describe(() => s.abort()), b = describe(() => s.ping());
			return [await a, await b];`,
			`[["err","Error","` + resetText + `","durableObjectReset"],` +
				`["err","Error","` + resetText + `","durableObjectReset"]]`},
		{"abort discards writes", `const out = [await describe(() => env.NS.getByName("f").putThenAbort())];
			out.push(await describe(() => env.NS.getByName("f").getZ()));
			return out;`,
			`[["err","Error","` + resetText + `","durableObjectReset"],["ok","none"]]`},
		{"result released before a later abort",
			`return [await describe(() => env.NS.getByName("g").returnThenAbort()),
			await describe(() => env.NS.getByName("g").ping())];`,
			`[["ok","returned"],["ok",1]]`},
		{"result held by writes", `return await describe(() => env.NS.getByName("g2").writeReturnThenAbort());`,
			`["err","Error","` + resetText + `","durableObjectReset"]`},
		{"storage after reset",
			`const s = env.NS.getByName("h"); await s.keepStorage(); await describe(() => s.abort());
			const fresh = env.NS.getByName("h");
			return [await describe(() => fresh.useKept()), await describe(() => fresh.useKeptSQL())];`,
			`[["err","Error","Durable Object storage is no longer accessible.","remote"],` +
				`["err","Error","Durable Object storage is no longer accessible.","remote"]]`},
		{"blockConcurrencyWhile fails later", `const s = env.NS.getByName("i");
			return [await describe(() => s.bcwFails()), await describe(() => s.ping()),
				await describe(() => env.NS.getByName("i").ping())];`,
			`[["ok","after"],["err","TypeError","bcw fail","durableObjectReset"],["ok",1]]`},
		{"blockConcurrencyWhile awaited", `const s = env.NS.getByName("j"); await s.ping();
			const a = describe(() => s.bcwAwaitFails()), b = describe(() => s.ping());
			return [await a, await b];`,
			`[["err","Error","bcw fail","durableObjectReset"],["err","Error","bcw fail","durableObjectReset"]]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := h.with(t).json(describe + tt.src)
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Empty(t, h.errors)
}

func TestBlockConcurrencyWhileNesting(t *testing.T) {
	h := newHarness(t, testMain+`
Obj.prototype.nest = async function () {
  this.depth = 0;
  const rec = async () => {
    this.depth++;
    if (this.depth < 200) await this.ctx.blockConcurrencyWhile(rec);
  };
  await rec();
};
Obj.prototype.getDepth = function () { return this.depth; };`)
	got := h.json(describe + `return [await describe(() => env.NS.getByName("n").nest()),
		await describe(() => env.NS.getByName("n").getDepth())];`)
	assert.Equal(t, `[["err","Error","blockConcurrencyWhile() calls are nested too deeply.","durableObjectReset"],`+
		`["ok",null]]`, got)
}

func TestBlockConcurrencyWhileTimeout(t *testing.T) {
	h := newHarness(t, testMain+`
Obj.prototype.hang = async function () {
  await this.ctx.blockConcurrencyWhile(() => new Promise(() => {}));
};`)
	h.movableRealTime()
	got := h.json(describe + `
const s = env.NS.getByName("hang");
const hung = describe(() => s.hang());
await env.NS.getByName("other").ping();
moveReal(30_001);
await env.NS.getByName("other").ping();
return [await hung, await describe(() => env.NS.getByName("hang").ping())];`)
	assert.Equal(t, `[["err","Error","`+msgBCWTimeout+`","durableObjectReset"],["ok",1]]`, got)
}

func TestMissingClass(t *testing.T) {
	proj := testProject()
	proj.Root = "/p"
	proj.Main = "/p/src/index.ts"
	h := newHarnessWith(t, proj, Options{}, `__dotest.setMain({ Obj: 5 });`)
	got := h.json(describe + `return [await describe(() => env.KV.getByName("a").run("")),
		await describe(() => env.NS.getByName("a").ping())];`)
	assert.Equal(t, `[["err","Error","Durable Object class \"KVObj\" (binding \"KV\") is not exported by the main `+
		`module src/index.ts: the main module does not export the class"],`+
		`["err","Error","the main module src/index.ts `+
		`exports \"Obj\" (binding \"NS\"), but it is not a class: the main module does not export the class"]]`, got)
}
