package objects

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/storage"
)

// TestConcurrentIncrements is the classic input gate test: each increment reads, then
// writes; the reads and writes of different calls never interleave.
func TestConcurrentIncrements(t *testing.T) {
	for _, binding := range []string{"NS", "KV"} {
		t.Run(binding, func(t *testing.T) {
			h := newHarness(t, testMain+`
KVObj.prototype.inc = Obj.prototype.inc;
Obj.prototype.count = KVObj.prototype.count = function () { return this.ctx.storage.get("count"); };`)
			got := h.json(`
const s = env.` + binding + `.getByName("counter");
const results = await Promise.all(Array.from({ length: 100 }, () => s.inc()));
return [results.length, new Set(results).size, Math.max(...results), await s.count()];`)
			assert.Equal(t, `[100,100,100,100]`, got)
		})
	}
}

func TestBlockConcurrencyWhileHoldsEvents(t *testing.T) {
	h := newHarness(t, testMain)
	h.fakeTime()
	got := h.json(`
const s = env.NS.getByName("g");
const slow = s.bcwSlow(10);
const queued = s.logAndPing();
await env.NS.getByName("other").ping(); // lets the loop deliver what it can
advance(10);
return [await slow, await queued];`)
	assert.Equal(t, `["slow done",["start","end","ping"]]`, got)
}

func TestConstructorBlockConcurrencyWhile(t *testing.T) {
	h := newHarness(t, testMain)
	h.fakeTime()
	got := h.json(`
const s = env.NS.getByName("ctor-blocks");
const first = s.loadedValue();
await env.NS.getByName("other").ping();
advance(10);
return await first;`)
	assert.Equal(t, `"fresh+slept"`, got)
}

func TestTimersAreNotGated(t *testing.T) {
	h := newHarness(t, testMain)
	h.fakeTime()
	got := h.json(`
const s = env.NS.getByName("t");
const sleeping = s.sleepThenPing(10);
const other = await s.ping(); // runs while the first call waits on its timer
advance(10);
return [other, await sleeping];`)
	assert.Equal(t, `[1,2]`, got)
}

// TestOutputGate checks that an outcome settled in a turn whose writes fail to commit never
// reaches the caller: it gets the reset error instead.
func TestOutputGate(t *testing.T) {
	h := newHarness(t, testMain+`
Obj.prototype.badCommit = function () {
  const sql = this.ctx.storage.sql;
  sql.exec("CREATE TABLE IF NOT EXISTS p (id INTEGER PRIMARY KEY)");
  sql.exec("CREATE TABLE IF NOT EXISTS c (id INTEGER PRIMARY KEY, " +
    "p INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)");
  sql.exec("INSERT INTO c VALUES (1, 99)");
  return "looks fine";
};
Obj.prototype.tables = function () {
  return this.ctx.storage.sql.exec("SELECT name FROM sqlite_schema WHERE name IN ('p', 'c')").toArray().length;
};`)
	got := h.json(describe + `
const s = env.NS.getByName("fk");
const out = [await describe(() => s.badCommit())];
out.push(await describe(() => s.ping()));
out.push(await describe(() => env.NS.getByName("fk").tables()));
return out;`)
	reset := `["err","Error",` + jsQuote(storage.MsgConstraintReset+"FOREIGN KEY constraint failed: "+
		"SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_FOREIGNKEY)") + `,"durableObjectReset"]`
	assert.Equal(t, `[`+reset+`,`+reset+`,["ok",0]]`, got)
}

// TestOutcomeAfterTheTurn checks that a result reaches its caller in a later task than the
// one that settled it, after the writes committed.
func TestOutcomeAfterTheTurn(t *testing.T) {
	h := newHarness(t, testMain)
	var turnOpenAtDelivery []bool
	require.NoError(t, h.rt.VM.Set("turnOpen", func() {
		o, ok := h.e.namespaces[0].Lookup(h.e.namespaces[0].IDFromName("o"))
		require.True(t, ok)
		turnOpenAtDelivery = append(turnOpenAtDelivery, o.DB().TurnOpen())
	}))
	got := h.json(`
const s = env.NS.getByName("o");
let settledEarly = false;
const p = s.inc().then((v) => { turnOpen(); return v; });
await null;
await null;
return [await p, settledEarly];`)
	assert.Equal(t, `[1,false]`, got)
	assert.Equal(t, []bool{false}, turnOpenAtDelivery)
}

func TestTransactions(t *testing.T) {
	h := newHarness(t, testMain+`
Obj.prototype.txn = async function (src) {
  return await new Function("storage", "return (async () => { " + src + " })()")(this.ctx.storage);
};`)
	h.fakeTime()
	tests := []struct{ name, src, want string }{
		{"commit", `await storage.transaction(async (txn) => {
				await txn.put("a", 1);
				storage.put("b", 2);
				return 5;
			});
			return [await storage.get("a"), await storage.get("b")];`, `["ok",[1,2]]`},
		{"result", `return await storage.transaction(async () => 42);`, `["ok",42]`},
		{"throw rolls back", `await storage.put("keep", 1);
			const r = await storage.transaction(async (txn) => {
				await txn.put("a", 1);
				storage.put("keep", 2);
				throw new TypeError("no");
			}).catch((e) => e.name + ": " + e.message);
			return [r, await storage.get("a") ?? null, await storage.get("keep")];`,
			`["ok",["TypeError: no",null,1]]`},
		{"rollback()", `await storage.transaction(async (txn) => {
				await txn.put("a", 1);
				txn.rollback();
				txn.rollback();
			});
			return await storage.get("a") ?? null;`, `["ok",null]`},
		{"use after rollback", `return await storage.transaction(async (txn) => {
				txn.rollback();
				return txn.get("a");
			});`,
			`["err","Error","Cannot get() on rolled back transaction","remote"]`},
		{"put after rollback", `return await storage.transaction(async (txn) => {
				txn.rollback();
				return txn.put("a", 1);
			});`,
			`["err","Error","Cannot put() on rolled back transaction","remote"]`},
		{"use after commit", `let kept;
			await storage.transaction(async (txn) => { kept = txn; });
			return await kept.get("a");`,
			"[\"err\",\"Error\",\"Cannot call get() on transaction that has already committed: did you move `txn` " +
				"outside of the closure?\",\"remote\"]"},
		{"txn deleteAll", `return await storage.transaction((txn) => txn.deleteAll());`,
			`["err","Error","Cannot call deleteAll() within a transaction","remote"]`},
		{"deleteAll inside", `return await storage.transaction(() => storage.deleteAll());`,
			`["err","Error","Cannot call deleteAll() within a transaction","remote"]`},
		{"nested", `await storage.transaction(async () => {
				await storage.put("outer", 1);
				await storage.transaction(async () => {
					await storage.put("inner", 1);
					throw new Error("x");
				}).catch(() => {});
			});
			return [await storage.get("outer"), await storage.get("inner") ?? null];`, `["ok",[1,null]]`},
		{"across a timer", `const p = storage.transaction(async () => {
				await storage.put("t", 1);
				await new Promise((r) => setTimeout(r, 5));
				await storage.put("t", 2);
			});
			for (let i = 0; i < 10; i++) await null; // the closure starts and sets its timer
			advance(5);
			await p;
			return await storage.get("t");`, `["ok",2]`},
		{"not a function", `return await storage.transaction(5);`,
			`["err","TypeError",` + jsQuote(paramText("transaction", "function")) + `,"remote"]`},
		{"sync", `const r = storage.transactionSync(() => { storage.kv.put("s", 1); return 5; });
			let e;
			try {
				storage.transactionSync(() => { storage.kv.put("s2", 1); throw new TypeError("tsx"); });
			} catch (x) {
				e = x.message;
			}
			return [r, e, storage.kv.get("s"), storage.kv.get("s2") ?? null];`, `["ok",[5,"tsx",1,null]]`},
		{"sync not a function", `return storage.transactionSync(5);`,
			`["err","TypeError",` + jsQuote(paramText("transactionSync", "function")) + `,"remote"]`},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := jsQuote(fmt.Sprintf("txn%d", i))
			got := h.with(t).json(describe + `return await describe(() => env.NS.getByName(` + name + `).txn(` +
				jsQuote(tt.src) + `));`)
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Empty(t, h.errors)
}

// TestTransactionHoldsEvents checks that other events wait while a transaction awaits a
// timer.
func TestTransactionHoldsEvents(t *testing.T) {
	h := newHarness(t, testMain+`
Obj.prototype.slowTxn = async function () {
  this.log = [];
  await this.ctx.storage.transaction(async () => {
    this.log.push("start");
    await new Promise((r) => setTimeout(r, 5));
    this.log.push("end");
  });
  return "txn done";
};`)
	h.fakeTime()
	got := h.json(`
const s = env.NS.getByName("h");
const slow = s.slowTxn();
const queued = s.logAndPing();
await env.NS.getByName("other").ping();
advance(5);
return [await slow, await queued];`)
	assert.Equal(t, `["txn done",["start","end","ping"]]`, got)
}
