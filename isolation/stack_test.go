package isolation

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/objects"
	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/internal/vitest"
)

const (
	file  = vitest.ScopeFile
	suite = vitest.ScopeSuite
	test  = vitest.ScopeTest
)

// count reads the counter named name through a fresh stub.
func count(name string) string {
	return `await env.COUNTER.getByName(` + jsQuote(name) + `).count()`
}

func TestFramesUndoEachScope(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	h.enter(t, file)
	h.json(t, `await env.COUNTER.getByName("a").add(1);`)
	h.enter(t, suite)
	h.json(t, `await env.COUNTER.getByName("a").add(10);`) // beforeAll

	var seen []string
	for range 2 {
		h.enter(t, test)
		h.json(t, `await env.COUNTER.getByName("a").add(100);`) // beforeEach
		seen = append(seen, h.json(t, `return [await env.COUNTER.getByName("a").add(1000), `+count("a")+`];`))
		h.leave(t, test)
	}
	assert.Equal(t, []string{"[1111,1111]", "[1111,1111]"}, seen)
	assert.Equal(t, "11", h.json(t, "return "+count("a")))

	h.leave(t, suite)
	assert.Equal(t, "1", h.json(t, "return "+count("a")))
	h.leave(t, file)
	assert.Empty(t, h.e.Objects(), "objects created in the file are gone")
	assert.Empty(t, h.errors)
}

func TestObjectsCreatedInAFrameAreDeleted(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	h.enter(t, file)
	h.json(t, `await env.COUNTER.getByName("kept").add(1);`)
	ns, _ := h.e.Namespace("COUNTER")

	h.enter(t, test)
	h.json(t, `globalThis.stub = env.COUNTER.getByName("new"); await stub.add(5);`)
	assert.Len(t, h.e.ListIDs(ns), 2)
	h.leave(t, test)

	ids := h.e.ListIDs(ns)
	require.Len(t, ids, 1)
	assert.Equal(t, ns.IDFromName("kept"), ids[0])
	h.enter(t, test)
	assert.Equal(t, `[0,1]`, h.json(t, `return [await stub.count(), await stub.add(1)];`), "the stub still works")
	h.leave(t, test, file)
}

func TestInstancesDoNotOutliveAFrame(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	h.enter(t, file)
	h.json(t, `globalThis.stub = env.COUNTER.getByName("m"); await stub.add(2);`)
	var got []string
	for range 2 {
		h.enter(t, test)
		got = append(got, h.json(t, `const before = await stub.memory(); await stub.add(3);
return [before, await stub.memory()];`))
		h.leave(t, test)
	}
	assert.Equal(t, []string{"[0,3]", "[0,3]"}, got, "each test starts from a fresh instance")
	h.leave(t, file)
}

func TestAlarmsFollowFrames(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	h.fakeTime(t)
	h.enter(t, file)
	h.json(t, `await env.COUNTER.getByName("kept").setAlarmIn(1000);`)

	h.enter(t, test)
	got := h.json(t, `
const kept = env.COUNTER.getByName("kept"), made = env.COUNTER.getByName("made"), old = env.COUNTER.getByName("old");
await kept.setAlarmIn(10);
await made.setAlarmIn(20);
return [await kept.alarmIn(), await made.alarmIn()];`)
	assert.Equal(t, "[10,20]", got)
	h.leave(t, test)

	got = h.json(t, `advance(50); await env.COUNTER.getByName("probe").count();
return [log, await env.COUNTER.getByName("kept").alarmIn()];`)
	assert.Equal(t, `[[],950]`, got, "the alarms the test set are cancelled, the one before it restored")

	h.enter(t, test)
	h.json(t, `await env.COUNTER.getByName("kept").deleteAlarm();`)
	h.leave(t, test)
	got = h.json(t, `advance(950); await env.COUNTER.getByName("probe").count(); return log;`)
	assert.Equal(t, `["alarm kept"]`, got, "an alarm the test deleted comes back and fires")
	h.leave(t, file)
	assert.Empty(t, h.errors)
}

func TestPendingWaitUntilFailsTheTest(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	h.fakeTime(t)
	h.enter(t, file, suite, test)
	h.json(t, `await env.COUNTER.getByName("w").later(1000);`)
	settled := h.s.WaitUntil("test/work.test.ts:12:7")
	err := h.s.Leave(test)
	require.ErrorIs(t, err, ErrPendingWork)
	assert.Equal(t, "work handed to waitUntil() was still pending when the test ended: the promise passed to "+
		"ctx.waitUntil() at test/work.test.ts:12:7. Isolation cannot wait for it: await it before the test ends "+
		"(waitOnExecutionContext(ctx), or vi.waitUntil() for work the worker started)", err.Error())
	settled()

	h.enter(t, test)
	assert.NoError(t, h.s.Leave(test), "work left by an earlier test is not this one's")
	assert.NoError(t, h.s.Leave(suite), "nor the suite's: its test reported it")

	h.json(t, `advance(1000);`)
	h.enter(t, test)
	h.json(t, `await env.COUNTER.getByName("w").later(5);`)
	err = h.s.Leave(test)
	require.ErrorIs(t, err, ErrPendingWork)
	assert.Contains(t, err.Error(), "the work came from ctx.waitUntil() in the worker or a Durable Object.")
	h.json(t, `advance(5);`)
	assert.NoError(t, h.s.Leave(file))
}

func TestLeavingTheFileDrainsWaitUntil(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateFile}, objects.Options{})
	h.enter(t, file, test)
	h.json(t, `await env.COUNTER.getByName("w").later(1);`)
	h.leave(t, test)
	assert.NoError(t, h.s.Leave(file), "real time runs out the timer")

	h.enter(t, file)
	h.json(t, `await env.COUNTER.getByName("w").never();`)
	err := h.s.Leave(file)
	require.ErrorIs(t, err, ErrPendingWork)
	assert.Contains(t, err.Error(), "when the test file ended")
}

func TestWebSocketsCloseWithTheirFrame(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	h.enter(t, file, test)
	h.json(t, `
const res = await env.COUNTER.getByName("ws").fetch("http://x/", { headers: { Upgrade: "websocket" } });
globalThis.client = res.webSocket;
client.accept();
client.addEventListener("close", (e) => log.push("client closed " + e.code + " " + e.reason));`)
	h.leave(t, test)
	got := h.json(t, `for (let i = 0; i < 2; i++) await new Promise((r) => setTimeout(r, 0)); return log;`)
	// The client hears the frame close its end first; the server's close event follows when the
	// client's answering close arrives, as on workerd.
	assert.Equal(t, `["client closed 1001 the isolation scope that opened this WebSocket ended",`+
		`"server closed 1001"]`, got)
	assert.Equal(t, "function", h.json(t, `return typeof WebSocketPair;`)[1:9])
	assert.Equal(t, `[true,"WebSocketPair"]`,
		h.json(t, `const p = new WebSocketPair(); return [p[0] instanceof WebSocket, WebSocketPair.name];`))
	h.leave(t, file)
}

func TestFileModeSharesStorageBetweenTests(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateFile}, objects.Options{})
	h.enter(t, file, suite)
	var got []string
	for range 2 {
		h.enter(t, test)
		got = append(got, h.json(t, `return await env.COUNTER.getByName("shared").add(1);`))
		h.leave(t, test)
	}
	h.leave(t, suite)
	assert.Equal(t, []string{"1", "2"}, got)
	assert.Equal(t, 1, h.s.Depth())
	h.leave(t, file)
	assert.Empty(t, h.e.Objects())
}

func TestKeepFileWrites(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, Options{Mode: project.IsolateTest, KeepFileWrites: true}, objects.Options{PersistDir: dir})
	h.enter(t, file)
	h.json(t, `await env.COUNTER.getByName("kept").add(1);`)
	h.enter(t, test)
	h.json(t, `await env.COUNTER.getByName("kept").add(1); await env.COUNTER.getByName("dropped").add(1);`)
	h.leave(t, test, file)
	require.NoError(t, h.e.Close())

	h2 := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{PersistDir: dir})
	ns, _ := h2.e.Namespace("COUNTER")
	assert.Equal(t, []objects.ID{ns.IDFromName("kept")}, h2.e.ListIDs(ns))
	assert.Equal(t, "1", h2.json(t, "return "+count("kept")))
}

func TestResetWithinAFrame(t *testing.T) {
	const readOld = `const s = env.COUNTER.getByName("old"); return [await s.count(), await s.alarmIn()];`
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	h.fakeTime(t)
	h.enter(t, file)
	h.json(t, `await env.COUNTER.getByName("old").add(7); await env.COUNTER.getByName("old").setAlarmIn(100);`)
	ns, _ := h.e.Namespace("COUNTER")
	old, _ := ns.Lookup(ns.IDFromName("old"))

	h.enter(t, test)
	h.json(t, `await env.COUNTER.getByName("new").add(1);`)
	require.NoError(t, h.s.Reset())
	assert.False(t, h.s.Listed(old))
	assert.Equal(t, `[0,null]`, h.json(t, readOld))
	assert.True(t, h.s.Listed(old), "an object that runs again is listed")
	assert.Len(t, h.e.ListIDs(ns), 1, "the object the test created is deleted outright")
	h.leave(t, test)

	assert.Equal(t, `[7,100]`, h.json(t, readOld))
	h.leave(t, file)
}

func TestResetWithoutFrames(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateFile, KeepFileWrites: true}, objects.Options{})
	h.enter(t, file)
	h.json(t, `await env.COUNTER.getByName("a").add(1);`)
	require.NoError(t, h.s.Reset())
	assert.Empty(t, h.e.Objects())
	assert.Equal(t, "0", h.json(t, "return "+count("a")))
	h.leave(t, file)
}

func TestScopeErrors(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	assert.ErrorIs(t, h.s.Leave(file), ErrNotNested)
	h.enter(t, file, suite)
	assert.ErrorIs(t, h.s.Leave(test), ErrNotNested)

	h.json(t, `await env.COUNTER.getByName("t").add(1);`)
	ns, _ := h.e.Namespace("COUNTER")
	o, _ := ns.Lookup(ns.IDFromName("t"))
	h.e.EvictAll()
	depth, err := o.DB().BeginTxn()
	require.NoError(t, err)
	err = h.s.Enter(test)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "failed to push a frame on Durable Object Counter")
	assert.Equal(t, 2, h.s.Depth())
	require.NoError(t, o.DB().RollbackTxn(depth))
	h.leave(t, suite, file)
}

func TestLeavingAnAbandonedFile(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	h.enter(t, file, suite, test)
	h.json(t, `await env.COUNTER.getByName("a").add(1);`)
	assert.NoError(t, h.s.Leave(file), "a runner that gave up leaves only the file")
	assert.Equal(t, 0, h.s.Depth())
}

// TestEveryPairIsTracked: reading the platform's lazy WebSocketPair replaces the global, so
// the tracking class must survive that for the pairs made after the first.
func TestEveryPairIsTracked(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	h.enter(t, file)
	for range 2 {
		h.enter(t, test)
		h.json(t, `
const [a, b] = Object.values(new WebSocketPair());
a.accept();
b.accept();
a.addEventListener("close", (e) => log.push("closed " + e.code));`)
		h.leave(t, test)
	}
	got := h.json(t, `await new Promise((r) => setTimeout(r, 0)); return log;`)
	assert.Equal(t, `["closed 1001","closed 1001"]`, got)
	h.leave(t, file)
}
