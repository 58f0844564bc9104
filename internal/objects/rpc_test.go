package objects

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// describe is JS that turns a call's outcome into comparable text.
const describe = `
const describe = async (f) => {
  try {
    const v = await f();
    return ["ok", v];
  } catch (e) {
    const flags = ["remote", "durableObjectReset"].filter((k) => e?.[k] === true);
    return ["err", e?.name, e?.message, ...flags];
  }
};
`

func TestRPCOutcomes(t *testing.T) {
	h := newHarness(t, testMain)
	tests := []struct{ name, call, want string }{
		{"method", `s.ping()`, `["ok",1]`},
		{"args cloned", `s.echo(1, "a", [2], {b: 3}, null, new Date(0))`,
			`["ok",[1,"a",[2],{"b":3},null,"1970-01-01T00:00:00.000Z"]]`},
		{"property", `s.prop`, `["ok",42]`},
		{"getter call", `s.prop()`, `["err","TypeError","\"prop\" is not a function.","remote"]`},
		{"missing method", `s.nope()`,
			`["err","TypeError","The RPC receiver does not implement the method \"nope\".","remote"]`},
		{"missing property", `s.nope`,
			`["err","TypeError","The RPC receiver does not implement the method \"nope\".","remote"]`},
		{"own property", `s.own`,
			`["err","TypeError","The RPC receiver does not implement the method \"own\".","remote"]`},
		{"own function", `s.ownFn()`,
			`["err","TypeError","The RPC receiver does not implement the method \"ownFn\".","remote"]`},
		{"static", `s.stat()`,
			`["err","TypeError","The RPC receiver does not implement the method \"stat\".","remote"]`},
		{"reserved alarm", `s.alarm()`,
			`["err","TypeError","'alarm' is a reserved method and cannot be called over RPC.","remote"]`},
		{"reserved webSocketMessage", `s.webSocketMessage()`,
			`["err","TypeError","'webSocketMessage' is a reserved method and cannot be called over RPC.","remote"]`},
		{"reserved connect", `s.connect()`,
			`["err","TypeError","'connect' is a reserved method and cannot be called over RPC.","remote"]`},
		{"custom error", `s.boom()`, `["err","Error","MyErr: bad thing","remote"]`},
		{"range error", `s.range()`, `["err","RangeError","r","remote"]`},
		{"thrown string", `s.throwStr()`, `["err","Error","str","remote"]`},
		{"thrown object", `s.throwObj()`, `["err","Error","#<Object>","remote"]`},
		{"class instance result", `s.thing()`, `["err","DataCloneError",` +
			`"Could not serialize object of type \"Thing\". This type does not support serialization.","remote"]`},
		{"class instance argument", `s.echo(new (class Foo {})())`, `["err","DataCloneError",` +
			`"Could not serialize object of type \"Foo\". This type does not support serialization."]`},
		{"function result", `(await s.fn())(4)`, `["ok",8]`},
		{"function argument", `s.callBack((x) => x + 1)`, `["ok",22]`},
		{"target",
			`(async () => { const tg = await s.target(); return [await tg.val, await tg.inc(), await tg.inc()]; })()`,
			`["ok",[10,11,12]]`},
		{"pipelined call", `s.target().inc()`, `["ok",11]`},
		{"pipelined property", `s.target().val`, `["ok",10]`},
		{"pipelined nested", `s.nested().a.b()`, `["ok",1]`},
		{"pipelined value", `s.nested().list`, `["ok",[1,2]]`},
		{"pipelined error", `s.boom().foo()`, `["err","Error","MyErr: bad thing","remote"]`},
		{"name", `s.idInfo()`, `["ok",["` + newIDFactory("w-Obj").fromName("x").String() + `","x"]]`},
		{"no RPC without DurableObject", `env.PLAIN.getByName("p").hi()`, `["err","TypeError",` +
			"\"The receiving Durable Object does not support RPC, because its class was not declared with " +
			"`extends DurableObject`. In order to enable RPC, make sure your class extends the special class " +
			"`DurableObject`, which can be imported from the module \\\"cloudflare:workers\\\".\",\"remote\"]"},
		{"fetch without DurableObject", `(async () => (await env.PLAIN.getByName("p").fetch("http://x/")).text())()`,
			`["ok","plain"]`},
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
