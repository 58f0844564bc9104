package objects

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/project"
)

// alarmHarness has fake time and Obj.prototype.run, and JS helpers: at(name, src) runs src
// in object name, tick() lets the loop deliver what is due.
func alarmHarness(t *testing.T) *harness {
	h := newHarness(t, testMain+`Obj.prototype.run = KVObj.prototype.run;`)
	h.fakeTime()
	_, err := h.rt.VM.RunString(`
const { env } = __dotest.require("cloudflare:workers");
globalThis.at = (name, src) => env.NS.getByName(name).run(src);
globalThis.tick = async () => { for (let i = 0; i < 3; i++) await env.NS.getByName("ticker").ping(); };
globalThis.alarms = (name) => at(name, "return (await storage.get('alarms')) ?? []");`)
	require.NoError(t, err)
	return h
}

const alarmPrelude = `
const t0 = Date.now();
`

func TestAlarmFiresUnderFakeTime(t *testing.T) {
	h := alarmHarness(t)
	got := h.json(alarmPrelude + `
await at("a", "await storage.setAlarm(Date.now() + 1000)");
const scheduled = await at("a", "return await storage.getAlarm()");
advance(999);
await tick();
const before = await alarms("a");
advance(1);
await tick();
return [scheduled - t0, before, (await alarms("a")).map(([r, retry, s, now]) => [r, retry, s - t0, now - t0]),
	await at("a", "return await storage.getAlarm()")];`)
	assert.Equal(t, `[1000,[],[[0,false,1000,1000]],null]`, got)
	assert.Empty(t, h.errors)
}

func TestAlarmRearmsAndPastTimes(t *testing.T) {
	h := alarmHarness(t)
	got := h.json(alarmPrelude + `
await at("b", "await storage.put('rearm', 500); await storage.setAlarm(Date.now() - 5000)");
await tick(); // a past time runs at once
const first = await alarms("b");
const next = await at("b", "return await storage.getAlarm()");
advance(500);
await tick();
return [first.length, first[0][2] - t0, next - t0, (await alarms("b")).length,
	await at("b", "return await storage.getAlarm()")];`)
	assert.Equal(t, `[1,0,500,2,null]`, got)
	assert.Empty(t, h.errors)
}

func TestAlarmRetries(t *testing.T) {
	h := alarmHarness(t)
	got := h.json(alarmPrelude + `
await at("c", "await storage.put('failAlarm', 2); await storage.setAlarm(Date.now() + 10)");
advance(10);
await tick();
advance(1999);
await tick();
const afterOne = (await alarms("c")).length;
advance(1);
await tick();
advance(4000);
await tick();
return [afterOne, (await alarms("c")).map(([r, retry, s, now]) => [r, retry, s - t0, now - t0]),
	await at("c", "return await storage.getAlarm()")];`)
	assert.Equal(t, `[1,[[0,false,10,10],[1,true,10,2010],[2,true,10,6010]],null]`, got)
	assert.Empty(t, h.errors)
}

func TestAlarmAbandonedAfterSixRetries(t *testing.T) {
	h := alarmHarness(t)
	got := h.json(alarmPrelude + `
await at("d", "await storage.put('failAlarm', 100); await storage.setAlarm(Date.now() + 10)");
advance(10);
await tick();
for (const s of [2, 4, 8, 16, 32, 64]) {
  advance(s * 1000);
  await tick();
}
advance(1_000_000);
await tick();
return [(await alarms("d")).map(([r]) => r), await at("d", "return await storage.getAlarm()")];`)
	assert.Equal(t, `[[0,1,2,3,4,5,6],null]`, got)
	require.Len(t, h.errors, 1)
	assert.Equal(t, "alarm", h.errors[0].Origin)
	assert.True(t, strings.HasPrefix(h.errors[0].Message, "the alarm of Durable Object Obj "), h.errors[0].Message)
	assert.True(t, strings.HasSuffix(h.errors[0].Message,
		"failed 7 times and was abandoned after 6 retries: Error: alarm failed"), h.errors[0].Message)
}

func TestRunAlarm(t *testing.T) {
	h := alarmHarness(t)
	require.NoError(t, h.rt.VM.Set("runAlarm", func(name string) any {
		ns, _ := h.e.Namespace("NS")
		return h.e.RunAlarm(ns.Object(ns.IDFromName(name)))
	}))
	got := h.json(alarmPrelude + `
const none = await runAlarm("e");
await at("e", "await storage.setAlarm(Date.now() + 60_000)");
const ran = await runAlarm("e");
const again = await runAlarm("e");
advance(60_000);
await tick();
return [none, ran, again, await alarms("e"), await at("e", "return await storage.getAlarm()")];`)
	assert.Equal(t, `[false,true,false,["manual"],null]`, got)
	assert.Empty(t, h.errors)
}

func TestAlarmWakesEvictedObjectByName(t *testing.T) {
	h := alarmHarness(t)
	require.NoError(t, h.rt.VM.Set("evict", func(name string) {
		ns, _ := h.e.Namespace("NS")
		require.NoError(t, h.e.Evict(ns.Object(ns.IDFromName(name))))
	}))
	got := h.json(alarmPrelude + `
await at("f", "this.count = 0; await storage.setAlarm(Date.now() + 100)");
evict("f");
advance(100);
await tick();
return [(await alarms("f")).length, (await env.NS.getByName("f").idInfo())[1]];`)
	assert.Equal(t, `[1,"f"]`, got)
}

func TestDeleteAllDeletesAlarm(t *testing.T) {
	h := alarmHarness(t)
	got := h.json(alarmPrelude + `
await at("g", "await storage.setAlarm(Date.now() + 100); await storage.deleteAll()");
advance(100);
await tick();
return [await alarms("g"), await at("g", "return await storage.getAlarm()")];`)
	assert.Equal(t, `[[],null]`, got)
}

func TestSetAlarmInConstructorWithoutHandler(t *testing.T) {
	proj := &project.Project{
		Name: "w", CompatibilityDate: "2026-04-01",
		DurableObjects: []project.Binding{{Name: "NA", ClassName: "NoAlarm"}},
		Classes:        map[string]project.Class{"NoAlarm": {Name: "NoAlarm", SQLite: true}},
	}
	h := newHarnessWith(t, proj, Options{}, `
class NoAlarm extends DurableObject {
  constructor(ctx, env) { super(ctx, env); ctx.storage.setAlarm(Date.now() + 1000); }
  get() { return this.ctx.storage.getAlarm(); }
}
__dotest.setMain({ NoAlarm });`)
	got := h.json(`return (await env.NA.getByName("x").get()) - Date.now();`)
	assert.Equal(t, `1000`, got)
}
