package objects

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strconv"
	"strings"
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
		// The test runner wraps Durable Object classes and words what their prototypes lack.
		{"missing method", `s.nope()`, `["err","TypeError","The RPC receiver does not implement \"nope\".","remote"]`},
		{"missing property", `s.nope`, `["err","TypeError","The RPC receiver does not implement \"nope\".","remote"]`},
		{"own property", `s.own`, `["err","TypeError",` + jsonString(instanceOnlyText("own")) + `,"remote"]`},
		{"own function", `s.ownFn()`, `["err","TypeError",` + jsonString(instanceOnlyText("ownFn")) + `,"remote"]`},
		{"static", `s.stat()`, `["err","TypeError","The RPC receiver does not implement \"stat\".","remote"]`},
		{"own property shadowing a method", `s.shadowed()`,
			`["err","TypeError","The RPC receiver does not implement the method \"shadowed\".","remote"]`},
		{"ctx", `s.ctx`, `["err","TypeError","The RPC receiver does not implement the method \"ctx\".","remote"]`},
		{"env", `s.env`, `["err","TypeError","The RPC receiver does not implement the method \"env\".","remote"]`},
		{"getter of undefined", `s.undef`, `["ok",null]`},
		{"path through a getter", `s.conf.a.b()`, `["ok",1]`},
		{"path to a value", `s.conf.n`, `["ok",2]`},
		{"path to a missing name", `s.conf.nope`,
			`["err","TypeError","The RPC receiver does not implement the method \"nope\".","remote"]`},
		{"path through a primitive", `s.conf.n.x`,
			`["err","TypeError","The RPC receiver does not implement the method \"n\".","remote"]`},
		{"path to a value called", `s.conf.n()`, `["err","TypeError","\"conf.n\" is not a function.","remote"]`},
		{"path to a reserved name", `s.conf.dup()`,
			`["err","TypeError","'dup' is a reserved method and cannot be called over RPC.","remote"]`},
		{"private field", `s.secret()`, `["ok","private"]`},
		{"constructor returns a Proxy", `env.NS.getByName("proxied").secret()`, `["ok","private"]`},
		{"Proxy with a missing name", `env.NS.getByName("proxied").nope()`,
			`["err","TypeError","The RPC receiver does not implement \"nope\".","remote"]`},
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

// instanceOnlyText is the test runner's text for a member that only instances have.
func instanceOnlyText(name string) string {
	return "The RPC receiver's prototype does not implement \"" + name + "\", but the receiver instance does.\n" +
		"Only properties and methods defined on the prototype can be accessed over RPC.\n" +
		"Ensure properties are declared like `get " + name + "() { ... }` instead of `" + name + " = ...`,\n" +
		"and methods are declared like `" + name + "() { ... }` instead of `" + name + " = () => { ... }`."
}

func TestEntrypointRPC(t *testing.T) {
	h := newHarness(t, testMain)
	tests := []struct{ name, call, want string }{
		{"method", `exports.Named.add(1, 2)`, `["ok",3]`},
		{"method of the superclass", `exports.Named.sup()`, `["ok","super"]`},
		{"missing method", `exports.Named.nope()`,
			`["err","TypeError","The RPC receiver does not implement \"nope\".","remote"]`},
		{"missing property", `exports.Named.nope`,
			`["err","TypeError","The RPC receiver does not implement \"nope\".","remote"]`},
		{"instance field", `exports.Named.instanceProp`,
			`["err","TypeError",` + jsonString(instanceOnlyText("instanceProp")) + `,"remote"]`},
		{"instance arrow function", `exports.Named.instanceFn()`,
			`["err","TypeError",` + jsonString(instanceOnlyText("instanceFn")) + `,"remote"]`},
		// The runner's wrapper reads an entrypoint's members from its class.
		{"own property shadowing a method", `exports.Named.shadowed()`, `["ok","prototype"]`},
		{"ctx", `exports.Named.ctx`,
			`["err","TypeError","The RPC receiver does not implement the method \"ctx\".","remote"]`},
		{"reserved", `exports.Named.connect()`,
			`["err","TypeError","'connect' is a reserved method and cannot be called over RPC.","remote"]`},
		{"pipelined through targets", `exports.Named.counter(5).clone().inc()`, `["ok",6]`},
		{"calls from an entrypoint keep their order", `exports.Named.record("order", 50)`,
			`["ok",[` + sequence(50) + `]]`},
		{"scheduled without the flag is RPC", `exports.Named.scheduled()`,
			`["err","TypeError","The RPC receiver does not implement \"scheduled\".","remote"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := h.with(t).json(describe + `return await describe(async () => ` + tt.call + `);`)
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Empty(t, h.errors)
}

// sequence is "0,1,...,n-1".
func sequence(n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return strings.Join(out, ",")
}

func TestCallOrder(t *testing.T) {
	h := newHarness(t, testMain)
	tests := []struct{ name, src string }{
		{"cold object", `const s = env.NS.getByName("cold");
const calls = []; for (let i = 0; i < 100; i++) calls.push(s.record(i));
await Promise.all(calls); return s.getLog();`},
		{"warm object", `const s = env.NS.getByName("warm"); await s.getLog();
const calls = []; for (let i = 0; i < 100; i++) calls.push(s.record(i));
await Promise.all(calls); return s.getLog();`},
		{"unawaited", `const s = env.NS.getByName("unawaited");
for (let i = 0; i < 100; i++) s.record(i); return s.getLog();`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, "["+sequence(100)+"]", h.with(t).json(tt.src))
		})
	}
}

func TestTargetRPC(t *testing.T) {
	h := newHarness(t, testMain)
	tests := []struct{ name, call, want string }{
		{"getter", `(await s.target()).val`, `["ok",10]`},
		// workerd's own texts: RpcTargets are not wrapped by the test runner.
		{"own property", `(await s.target()).v`,
			`["err","TypeError","The RPC receiver does not implement the method \"v\".","remote"]`},
		{"missing method", `(await s.target()).nope()`,
			`["err","TypeError","The RPC receiver does not implement the method \"nope\".","remote"]`},
		// workerd takes a value equal to Object.prototype's, undefined included, for a missing one.
		{"getter of undefined", `(await s.target()).nothing`,
			`["err","TypeError","The RPC receiver does not implement the method \"nothing\".","remote"]`},
		{"called itself", `(await s.target())()`, `["err","TypeError","\"(this)\" is not a function.","remote"]`},
		{"pipelined clone", `s.target().clone().inc()`, `["ok",11]`},
		{"plain object", `(async () => { const p = new RpcStub({ a: 1, f(x) { return x + 1; } });
return [await p.a, await p.f(1)]; })()`, `["ok",[1,2]]`},
		{"plain object inherited", `new RpcStub({}).hasOwn`,
			`["err","TypeError","The RPC receiver does not implement the method \"hasOwn\".","remote"]`},
		{"function", `new RpcStub((x) => x * 3)(2)`, `["ok",6]`},
		{"target", `new RpcStub(new (class extends RpcTarget { m() { return "m"; } })()).m()`, `["ok","m"]`},
		{"stub of a stub", `(async () => new RpcStub(await s.target()).inc())()`, `["ok",11]`},
		{"refused", `new RpcStub(new (class Foo {})())`, `["err","TypeError",` +
			`"RpcStubs can only wrap plain objects, functions, and RpcTarget derivatives."]`},
		{"refused primitive", `new RpcStub(5)`, `["err","TypeError",` +
			`"RpcStubs can only wrap plain objects, functions, and RpcTarget derivatives."]`},
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

func TestResultsAreDisposable(t *testing.T) {
	h := newHarness(t, testMain)
	tests := []struct{ name, src, want string }{
		{"object", `const r = await s.conf;
return [typeof r[Symbol.dispose], Object.keys(r), Object.getOwnPropertySymbols(r).length, typeof r.a.b];`,
			`["function",["a","n"],1,"function"]`},
		{"array", `const r = await s.echo(1, 2); return [typeof r[Symbol.dispose], r.length, Object.keys(r)];`,
			`["function",2,["0","1"]]`},
		{"not enumerable", `const r = await s.echo(1);
return Object.getOwnPropertyDescriptor(r, Symbol.dispose).enumerable;`, `false`},
		{"primitive", `return typeof (await s.ping());`, `"number"`},
		{"stub keeps its own", `const tg = await s.target(); tg[Symbol.dispose]();
return await describe(() => tg.inc());`, `["err","Error","RPC stub used after being disposed."]`},
		{"disposes the stubs within", `const r = await s.withTarget(); const kept = r.t.dup(); r[Symbol.dispose]();
return [await describe(() => r.t.inc()), await describe(() => r.list[0].inc()), await describe(() => kept.inc())];`,
			`[["err","Error","RPC stub used after being disposed."],` +
				`["err","Error","RPC stub used after being disposed."],["ok",2]]`},
		{"from an entrypoint", `const r = await exports.Named.record("disposable", 2);
return [typeof r[Symbol.dispose], r];`, `["function",[0,1]]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := h.with(t).json(describe + `const s = env.NS.getByName("x");` + tt.src)
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Empty(t, h.errors)
}

// jsonString is s as JSON.stringify writes it.
func jsonString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// scheduledMain is a main module whose default export and named entrypoint record the
// scheduled events they get.
const scheduledMain = `
const seen = [];
globalThis.seen = seen;
class Cron extends WorkerEntrypoint {
  async scheduled(controller) {
    seen.push([Object.prototype.toString.call(controller), controller.scheduledTime, controller.cron,
      Object.keys(controller), arguments.length]);
    if (controller.cron === "throw") throw new Error("cron failed");
    if (controller.cron === "no retry") controller.noRetry();
    if (controller.cron === "wait") {
      this.ctx.waitUntil(new Promise((r) => (globalThis.release = r)).then(() => seen.push("waited")));
    }
    if (controller.cron === "wait fails") this.ctx.waitUntil(Promise.reject(new Error("later")));
  }
}
class NoCron extends WorkerEntrypoint {}
const handlers = {
  scheduled(controller, env, ctx) {
    seen.push([controller.cron, typeof env.NS, typeof ctx.waitUntil]);
  },
};
__dotest.setMain({ default: DEFAULT, NoCron });
`

func TestScheduled(t *testing.T) {
	proj := testProject()
	proj.CompatibilityFlags = []string{"service_binding_extra_handlers"}
	tests := []struct{ name, call, want string }{
		{"controller", `exports.default.scheduled({ cron: "* * * * 30", scheduledTime: new Date(1000) })`,
			`[{"outcome":"ok","noRetry":false},[["[object ScheduledController]",1000,"* * * * 30",[],1]]]`},
		{"time as a number", `exports.default.scheduled({ scheduledTime: 5 })`,
			`[{"outcome":"ok","noRetry":false},[["[object ScheduledController]",5,"",[],1]]]`},
		{"defaults", `exports.default.scheduled()`,
			`[{"outcome":"ok","noRetry":false},[["[object ScheduledController]",1700000000000,"",[],1]]]`},
		{"noRetry", `exports.default.scheduled({ cron: "no retry", scheduledTime: 1 })`,
			`[{"outcome":"ok","noRetry":true},[["[object ScheduledController]",1,"no retry",[],1]]]`},
		{"handler throws", `exports.default.scheduled({ cron: "throw", scheduledTime: 1 })`,
			`[{"outcome":"exception","noRetry":false},[["[object ScheduledController]",1,"throw",[],1]]]`},
		{"waits for waitUntil", `(async () => {
  let done = false;
  const p = exports.default.scheduled({ cron: "wait", scheduledTime: 1 }).then((r) => { done = true; return r; });
  await exports.NoCron.nope().catch(() => {});
  seen.push(done ? "done early" : "pending");
  globalThis.release();
  return p;
})()`, `[{"outcome":"ok","noRetry":false},[["[object ScheduledController]",1,"wait",[],1],"pending","waited"]]`},
		{"waitUntil rejects", `exports.default.scheduled({ cron: "wait fails", scheduledTime: 1 })`,
			`[{"outcome":"exception","noRetry":false},[["[object ScheduledController]",1,"wait fails",[],1]]]`},
		{"no handler", `exports.NoCron.scheduled()`, `[{"outcome":"exception","noRetry":false},[]]`},
		{"bad options", `exports.default.scheduled(5).catch((e) => e.message)`,
			`["Failed to execute 'scheduled' on 'Fetcher': parameter 1 is not of type 'ScheduledOptions'.",[]]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarnessWith(t, proj, Options{}, strings.Replace(scheduledMain, "DEFAULT", "Cron", 1))
			got := h.json(`const r = await ` + tt.call + `; return [r, globalThis.seen];`)
			assert.Equal(t, tt.want, got)
			assert.Empty(t, h.errors, "a scheduled event's failure is its outcome, not the test's")
		})
	}
}

func TestScheduledObjectHandlers(t *testing.T) {
	proj := testProject()
	proj.CompatibilityFlags = []string{"service_binding_extra_handlers"}
	h := newHarnessWith(t, proj, Options{}, strings.Replace(scheduledMain, "DEFAULT", "handlers", 1))
	got := h.json(`const r = await exports.default.scheduled({ cron: "c" }); return [r, globalThis.seen];`)
	assert.Equal(t, `[{"outcome":"ok","noRetry":false},[["c","object","function"]]]`, got)
}

func TestScheduledFailureIsLogged(t *testing.T) {
	proj := testProject()
	proj.CompatibilityFlags = []string{"service_binding_extra_handlers"}
	var log bytes.Buffer
	opts := Options{Logger: slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))}
	h := newHarnessWith(t, proj, opts, strings.Replace(scheduledMain, "DEFAULT", "Cron", 1))
	got := h.json(`return (await exports.default.scheduled({ cron: "throw" })).outcome;`)
	assert.Equal(t, `"exception"`, got)
	assert.Equal(t, `level=WARN msg="a scheduled() handler failed" error="Error: cron failed"`+"\n", log.String())
}
