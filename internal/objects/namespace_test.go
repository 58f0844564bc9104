package objects

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNamespaceAPI(t *testing.T) {
	h := newHarness(t, testMain)
	alice := newIDFactory("w-Obj").fromName("alice").String()
	tests := []struct{ name, call, want string }{
		{"idFromName", `String(env.NS.idFromName("alice"))`, `["ok","` + alice + `"]`},
		{"id name", `env.NS.idFromName("alice").name`, `["ok","alice"]`},
		{"id own keys",
			`[Object.keys(env.NS.idFromName("a")), Object.prototype.toString.call(env.NS.idFromName("a"))]`,
			`["ok",[["jurisdiction","name"],"[object DurableObjectId]"]]`},
		{"number name", `env.NS.idFromName(123).equals(env.NS.idFromName("123"))`, `["ok",true]`},
		{"no name", `env.NS.idFromName()`, `["err","TypeError",` +
			`"Failed to execute 'idFromName' on 'DurableObjectNamespace': parameter 1 is not of type 'string'."]`},
		{"idFromString", `[String(env.NS.idFromString("` + alice + `")), env.NS.idFromString("` + alice + `").name]`,
			`["ok",["` + alice + `",null]]`},
		{"idFromString not hex", `env.NS.idFromString("zz")`,
			`["err","TypeError","Invalid Durable Object ID: must be 64 hex digits"]`},
		{"idFromString other namespace", `env.NS.idFromString(String(env.KV.idFromName("a")))`,
			`["err","TypeError","Durable Object ID is not valid for this namespace."]`},
		{"newUniqueId", `[String(env.NS.newUniqueId()).length, env.NS.newUniqueId().name, ` +
			`env.NS.newUniqueId().equals(env.NS.newUniqueId())]`, `["ok",[64,null,false]]`},
		{"unique round trip",
			`(() => { const u = env.NS.newUniqueId(); return env.NS.idFromString(String(u)).equals(u); })()`,
			`["ok",true]`},
		{"jurisdiction id", `env.NS.newUniqueId({jurisdiction: "eu"})`,
			`["err","Error","Jurisdiction restrictions are not implemented in workerd."]`},
		{"jurisdiction", `env.NS.jurisdiction("eu")`,
			`["err","Error","Jurisdiction restrictions are not implemented in workerd."]`},
		{"no jurisdiction", `env.NS.jurisdiction(undefined) === env.NS`, `["ok",true]`},
		{"equals non-id", `env.NS.idFromName("a").equals("a")`, `["err","TypeError",` +
			`"Failed to execute 'equals' on 'DurableObjectId': parameter 1 is not of type 'DurableObjectId'."]`},
		{"equals other namespace", `env.NS.idFromName("a").equals(env.KV.idFromName("a"))`, `["ok",false]`},
		{"get non-id", `env.NS.get("abc")`, `["err","TypeError",` +
			`"Failed to execute 'get' on 'DurableObjectNamespace': parameter 1 is not of type 'DurableObjectId'."]`},
		{"routingMode", `env.NS.get(env.NS.idFromName("a"), {routingMode: "x"})`,
			`["err","RangeError","unknown routingMode: x"]`},
		{"getByName routingMode", `env.NS.getByName("a", {routingMode: "zz"})`,
			`["err","RangeError","unknown routingMode: zz"]`},
		{"locationHint ignored",
			`env.NS.get(env.NS.idFromName("a"), {locationHint: "weur", routingMode: "primary-only"}).ping()`,
			`["ok",1]`},
		{"stub members",
			`(() => { const s = env.NS.getByName("b"); return [Object.keys(s), s.name, String(s.id) === ` +
				`String(env.NS.idFromName("b")), String(s), typeof s.then, typeof s[Symbol.dispose], ` +
				`typeof s.dup]; })()`,
			`["ok",[["name","id"],"b",true,"[object DurableObject]","undefined","undefined","function"]]`},
		{"stub by id has no name",
			`env.NS.get(env.NS.idFromString(String(env.NS.idFromName("c")))).name`,
			`["ok",null]`},
		{"name reaches ctx.id later", `env.NS.get(env.NS.idFromName("d")).idInfo()`,
			`["ok",["` + newIDFactory("w-Obj").fromName("d").String() + `","d"]]`},
		{"unique object has no name",
			`(async () => (await env.NS.get(env.NS.newUniqueId()).idInfo())[1])()`,
			`["ok",null]`},
		{"id of another namespace", `env.NS.get(env.KV.idFromName("k")).ping()`, `["ok",1]`},
		{"env vars", `[env.GREETING, env.CONF.n, Object.keys(env)]`,
			`["ok",["hi",1,["CONF","GREETING","NS","KV","PLAIN"]]]`},
		{"module env",
			`[env === __dotest.require("cloudflare:workers").env, env.NS === env.NS]`,
			`["ok",[true,true]]`},
		{"exports namespace", `[typeof exports.Obj.idFromName, exports.Obj === env.NS, ` +
			`String(exports.Obj.idFromName("a")) === String(env.NS.idFromName("a"))]`,
			`["ok",["function",false,true]]`},
		{"exports unknown", `exports.Nope`, `["ok",null]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := h.with(t).json(describe + `return await describe(async () => ` + tt.call + `);`)
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Empty(t, h.errors)
}

func TestStubsOfFunctionsAndTargets(t *testing.T) {
	h := newHarness(t, testMain)
	got := h.json(describe + `
const s = env.NS.getByName("x");
const tg = await s.target();
const d = tg.dup();
tg[Symbol.dispose]();
const f = await s.fn();
const out = [typeof tg, String(tg), typeof f, await describe(() => tg.inc()), await describe(() => d.inc())];
f[Symbol.dispose]();
out.push(await describe(() => f(1)));
const local = new RpcStub((x) => x + 100);
out.push(typeof local, await local(1));
const p = s.ping();
out.push(typeof p, p instanceof Promise, typeof p.then, typeof p[Symbol.dispose]);
return out;`)
	assert.Equal(t, `["function","[object JsRpcStub]","function",`+
		`["err","Error","RPC stub used after being disposed."],["ok",11],`+
		`["err","Error","RPC stub used after being disposed."],"function",101,"object",false,"function",`+
		`"function"]`, got)
}

func TestFetch(t *testing.T) {
	h := newHarness(t, testMain)
	tests := []struct{ name, call, want string }{
		{"init", `(await s.fetch("http://h/p?q", {method: "POST", headers: {"x-a": "1"}, cf: {foo: 1}})).json()`,
			`["ok",{"url":"http://h/p?q","method":"POST","cf":{"foo":1},"h":"1"}]`},
		{"request", `(await s.fetch(new Request("http://h/r", {headers: {"x-a": "2"}}))).json()`,
			`["ok",{"url":"http://h/r","method":"GET","cf":null,"h":"2"}]`},
		{"relative url", `s.fetch("/rel")`, `["err","TypeError","Invalid URL: /rel"]`},
		{"handler throws", `s.fetch("http://h/throw")`, `["err","RangeError","fetch threw","remote"]`},
		{"no handler", `env.KV.getByName("k").fetch("http://h/")`,
			`["err","Error","Handler does not export a fetch() function.","remote"]`},
		{"not a Response",
			`env.NS.getByName("bad-fetch").fetch("http://h/bad")`,
			`["err","TypeError","Incorrect type for Promise: the Promise did not resolve to 'Response'.","remote"]`},
		{"default export", `(await exports.default.fetch("http://w/", {cf: {a: 1}})).text()`,
			`["ok","worker GET object {\"a\":1}"]`},
		{"default export throws", `exports.default.fetch("http://w/throw")`,
			`["err","TypeError","worker threw","remote"]`},
		{"default export RPC", `exports.default.foo()`,
			`["err","TypeError","The RPC receiver does not implement the method \"foo\".","remote"]`},
		{"entrypoint RPC", `exports.Named.add(1, 2)`, `["ok",3]`},
		{"entrypoint property", `exports.Named.p`, `["ok",3]`},
		{"entrypoint reserved", `exports.Named.alarm()`,
			`["err","TypeError","'alarm' is a reserved method and cannot be called over RPC.","remote"]`},
		{"named handlers", `(await exports.handlers.fetch("http://w/")).text()`, `["ok","handlers GET"]`},
		{"named handlers RPC", `exports.handlers.fetch2()`,
			`["err","TypeError","The RPC receiver does not implement the method \"fetch2\".","remote"]`},
		{"named value", `typeof exports.version`, `["ok","undefined"]`},
		{"entrypoint props", `(await exports.Named({props: {a: 1}}).fetch("http://w/")).text()`,
			`["ok","named {\"a\":1}"]`},
		{"entrypoint tag", `[typeof exports.default, Object.prototype.toString.call(exports.default)]`,
			`["ok",["function","[object LoopbackServiceStub]"]]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := h.with(t).json(describe + `const s = env.NS.getByName("x"); return await describe(async () => ` +
				tt.call + `);`)
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Empty(t, h.errors)
}
