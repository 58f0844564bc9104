package objects

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apiHarness gives JS the engine API through small natives keyed by object name in NS.
func apiHarness(t *testing.T, opts Options) *harness {
	h := newHarnessWith(t, testProject(), opts, testMain+`Obj.prototype.run = KVObj.prototype.run;`)
	ns, _ := h.e.Namespace("NS")
	obj := func(name string) *Object { return ns.Object(ns.IDFromName(name)) }
	natives := map[string]any{
		"runIn": func(stub, fn goja.Value) goja.Value {
			o, err := h.e.ObjectOf(stub)
			require.NoError(t, err)
			return h.e.RunInObject(o, fn)
		},
		"listIDs": func() []string {
			var out []string
			for _, id := range h.e.ListIDs(ns) {
				out = append(out, id.String())
			}
			return out
		},
		"evict": func(name string) string {
			if err := h.e.Evict(obj(name)); err != nil {
				return err.Error()
			}
			return "evicted"
		},
		"abortAll":  func() { h.e.AbortAll() },
		"deleteObj": func(name string) { require.NoError(t, h.e.DeleteObject(obj(name))) },
		"drain":     func() goja.Value { return h.e.Drain() },
		"idOf":      func(name string) string { return ns.IDFromName(name).String() },
		"self":      func() goja.Value { return h.e.DefaultEntrypoint() },
	}
	for name, fn := range natives {
		require.NoError(t, h.rt.VM.Set(name, fn))
	}
	return h
}

func TestRunInObject(t *testing.T) {
	h := apiHarness(t, Options{})
	h.fakeTime()
	got := h.json(describe + `
const s = env.NS.getByName("ctor-blocks");
const { DurableObject } = __dotest.require("cloudflare:workers");
const p = runIn(s, (instance, ctx) => [instance instanceof DurableObject, instance.loaded, typeof ctx.storage.sql.exec,
	ctx.id.name, instance]);
await env.NS.getByName("other").ping();
advance(10);
const [isDO, loaded, execType, name, instance] = await p;
const err = new RangeError("mine");
let same;
try { await runIn(s, () => { throw err; }); } catch (e) { same = e === err; }
return [isDO, loaded, execType, name, typeof instance.ping, same, instance.n,
	await runIn(s, async (instance) => { instance.n = 41; return instance.ping(); })];`)
	assert.Equal(t, `[true,"fresh+slept","function","ctor-blocks","function",true,0,42]`, got)
	assert.Empty(t, h.errors)
}

func TestObjectOfRefusesOtherValues(t *testing.T) {
	h := apiHarness(t, Options{})
	for _, src := range []string{`({})`, `5`, `env.NS`, `exports.default`} {
		v, err := h.rt.VM.RunString(`(() => {
			const { env, exports } = __dotest.require("cloudflare:workers");
			return ` + src + `;
		})()`)
		require.NoError(t, err)
		_, err = h.e.ObjectOf(v)
		assert.ErrorIs(t, err, ErrNotStub, src)
	}
	v, err := h.rt.VM.RunString(`__dotest.require("cloudflare:workers").env.KV`)
	require.NoError(t, err)
	ns, err := h.e.NamespaceOf(v)
	require.NoError(t, err)
	assert.Equal(t, "KVObj", ns.ClassName)
	_, err = h.e.NamespaceOf(h.rt.VM.ToValue(5))
	assert.ErrorIs(t, err, ErrUnknownNamespace)
}

func TestListEvictDelete(t *testing.T) {
	h := apiHarness(t, Options{})
	got := h.json(describe + `
const out = [listIDs()];
const a = env.NS.getByName("a");
await a.ping(); await a.ping();
await a.run("await storage.put('k', 1)");
env.NS.getByName("unused");
out.push(listIDs().length === 1 && listIDs()[0] === idOf("a"));
out.push(evict("a"), evict("never-started"));
out.push(await a.ping(), await a.run("return await storage.get('k')"));
deleteObj("a");
out.push(listIDs(), await a.ping(), await a.run("return (await storage.get('k')) ?? 'gone'"));
return out;`)
	assert.Equal(t, `[[],true,"evicted","the Durable Object is not running",1,1,[],1,"gone"]`, got)
}

func TestAbortAll(t *testing.T) {
	h := apiHarness(t, Options{})
	got := h.json(describe + `
const a = env.NS.getByName("a"), b = env.NS.getByName("b");
await a.ping(); await b.run("await storage.put('k', 1)");
abortAll();
return [await describe(() => a.ping()), await describe(() => env.NS.getByName("a").ping()),
	await describe(() => env.NS.getByName("b").run("return await storage.get('k')"))];`)
	assert.Equal(t, `[["err","Error","`+resetText+`","durableObjectReset"],["ok",1],["ok",1]]`, got)
}

func TestFramesOnObjects(t *testing.T) {
	h := apiHarness(t, Options{})
	h.fakeTime()
	var created []string
	h.e.OnObjectCreated(func(o *Object) { created = append(created, o.Name()) })
	require.NoError(t, h.rt.VM.Set("push", func() {
		for _, o := range h.e.Objects() {
			_, err := o.DB().PushFrame()
			require.NoError(t, err)
		}
	}))
	require.NoError(t, h.rt.VM.Set("pop", func() {
		for _, o := range h.e.Objects() {
			require.NoError(t, o.DB().PopFrame())
			h.e.RestoreAlarm(o)
		}
	}))
	got := h.json(`
const a = env.NS.getByName("a");
await a.run("await storage.put('k', 'before'); await storage.setAlarm(Date.now() + 1000)");
push();
await a.run("await storage.put('k', 'inside'); await storage.setAlarm(Date.now() + 10)");
const inside = await a.run("return [await storage.get('k'), await storage.getAlarm() - Date.now()]");
pop();
advance(10);
await env.NS.getByName("t").ping();
return [inside, await a.run("return [await storage.get('k'), await storage.getAlarm() - Date.now(), " +
	"(await storage.get('alarms')) ?? []]")];`)
	assert.Equal(t, `[["inside",10],["before",990,[]]]`, got)
	assert.Equal(t, []string{"a", "t"}, created)
}

func TestDrainWaitUntil(t *testing.T) {
	h := apiHarness(t, Options{})
	h.fakeTime()
	got := h.json(`
const { waitUntil } = __dotest.require("cloudflare:workers");
const log = [];
waitUntil(new Promise((r) => setTimeout(() => { log.push("timer"); r(); }, 5)));
await env.NS.getByName("w").run("ctx.waitUntil(Promise.reject(new Error('lost')))");
const drained = drain().then(() => log.push("drained"));
advance(5);
await drained;
return log;`)
	assert.Equal(t, `["timer","drained"]`, got)
	require.Len(t, h.errors, 1)
	assert.Equal(t, "waitUntil", h.errors[0].Origin)
	assert.Equal(t, "Error: lost", h.errors[0].Error())
}

func TestDefaultEntrypoint(t *testing.T) {
	h := apiHarness(t, Options{})
	got := h.json(`const SELF = self();
		return [typeof SELF, SELF === exports.default, await (await SELF.fetch("http://x/")).text()];`)
	assert.Equal(t, `["function",true,"worker GET object null"]`, got)
}

func TestPersistence(t *testing.T) {
	dir := t.TempDir()
	h := apiHarness(t, Options{PersistDir: dir})
	h.run(`await env.NS.getByName("p").run("await storage.put('k', 'kept'); storage.sql.exec('CREATE TABLE t (x)')");`)
	path := filepath.Join(dir, "w-Obj", newIDFactory("w-Obj").fromName("p").String()+".sqlite")
	_, err := os.Stat(path)
	require.NoError(t, err)
	require.NoError(t, h.e.Close())

	h2 := apiHarness(t, Options{PersistDir: dir})
	got := h2.json(`return [listIDs().length, await env.NS.getByName("p").run("return await storage.get('k')")];`)
	assert.Equal(t, `[1,"kept"]`, got)
}

func TestPersistedAlarm(t *testing.T) {
	dir := t.TempDir()
	h := apiHarness(t, Options{PersistDir: dir})
	h.run(`await env.NS.getByName("p").run("await storage.setAlarm(Date.now() + 100)");`)
	require.NoError(t, h.e.Close())

	h2 := apiHarness(t, Options{PersistDir: dir})
	h2.fakeTime()
	got := h2.json(`const s = env.NS.getByName("p");
		await s.ping(); // starting the object schedules the alarm it stored
		advance(100);
		await env.NS.getByName("other").ping();
		return await s.run("return (await storage.get('alarms')).length");`)
	assert.Equal(t, `1`, got)
}

func TestStorageLimit(t *testing.T) {
	h := apiHarness(t, Options{StorageLimit: 64 * 1024})
	got := h.json(describe + `
const s = env.NS.getByName("full");
const out = [await describe(() => s.run("storage.sql.exec('CREATE TABLE t (x)'); " +
	"for (let i = 0; i < 100; i++) storage.sql.exec('INSERT INTO t VALUES (?)', 'x'.repeat(4000));"))];
out.push(await describe(() => s.ping()));
out.push(await describe(() => env.NS.getByName("full")
	.run("return storage.sql.exec('SELECT count(*) AS n FROM t').one().n")));
return out;`)
	assert.Equal(t, `[["err","Error","database or disk is full: SQLITE_FULL","durableObjectReset"],`+
		`["err","Error","database or disk is full: SQLITE_FULL","durableObjectReset"],`+
		`["err","Error","no such table: t: SQLITE_ERROR","remote"]]`, got)
}
