package objects

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dotest-dev/dotest/internal/storage"
)

// storageCases run as the body of an async function in an object, with storage, kv and sql
// in scope.
func runStorageCases(t *testing.T, binding string, tests []struct{ name, src, want string }) {
	h := newHarness(t, testMain+`
Obj.prototype.run = KVObj.prototype.run;`)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := h.with(t).json(describe + `return await describe(() => env.` + binding + `.getByName("s` +
				string(rune('A'+i)) + `").run(` + jsQuote("const sql = storage.sql, kv = storage.kv;\n"+tt.src) +
				`));`)
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Empty(t, h.errors)
}

func TestAsyncKV(t *testing.T) {
	runStorageCases(t, "NS", []struct{ name, src, want string }{
		{"round trip", `await storage.put("k", {a: [1, 2], d: new Date(0), m: new Map([[1, 2]])});
			const v = await storage.get("k");
			return [v.a, v.d instanceof Date, v.m.get(1)];`, `["ok",[[1,2],true,2]]`},
		{"fresh copies", `const o = {n: 1}; await storage.put("k", o); o.n = 2;
			const a = await storage.get("k"); a.n = 3;
			return (await storage.get("k")).n;`, `["ok",1]`},
		{"class instance kept as plain", `class P { constructor() { this.x = 1; } } await storage.put("k", new P());
			const v = await storage.get("k"); return [v.x, v.constructor === Object];`, `["ok",[1,true]]`},
		{"missing", `return [await storage.get("nope") === undefined];`, `["ok",[true]]`},
		{"number key", `await storage.put(123, "v"); return await storage.get("123");`, `["ok","v"]`},
		{"many", `await storage.put({b: 2, a: 1, u: undefined});
			const m = await storage.get(["b", "zz", "a"]);
			return [m instanceof Map, [...m]];`, `["ok",[true,[["a",1],["b",2]]]]`},
		{"delete", `await storage.put({a: 1, b: 2, c: 3});
			return [await storage.delete("a"), await storage.delete("a"), await storage.delete(["b", "c", "d"])];`,
			`["ok",[true,false,2]]`},
		{"list", `await storage.put({a: 1, b: 2, c: 3, ba: 4});
			const all = [...(await storage.list()).keys()];
			const pre = [...(await storage.list({prefix: "b"})).keys()];
			const rev = [...(await storage.list({reverse: true, limit: 2})).keys()];
			const range = [...(await storage.list({start: "b", end: "c"})).keys()];
			const after = [...(await storage.list({startAfter: "b"})).keys()];
			return [all, pre, rev, range, after];`,
			`["ok",[["a","b","ba","c"],["b","ba"],["c","ba"],["b","ba"],["ba","c"]]]`},
		{"deleteAll", `await storage.put("a", 1); sql.exec("CREATE TABLE t (x)"); await storage.deleteAll();
			return [[...(await storage.list())], sql.exec("SELECT count(*) AS n FROM sqlite_schema").one().n];`,
			`["ok",[[],0]]`},
		{"put undefined", `return await storage.put("k", undefined);`,
			`["err","TypeError","put() called with undefined value.","remote"]`},
		{"put entries and value", `return await storage.put({a: 1}, 5);`, `["err","TypeError",` +
			`"put() may only be called with a single key-value pair and optional options as ` +
			`put(key, value, options) ` +
			`or with multiple key-value pairs and optional options as put(entries, options)","remote"]`},
		{"put nothing", `return await storage.put();`, `["err","TypeError",` +
			jsQuote(paramText("put", "string or object")) + `,"remote"]`},
		{"get nothing", `return await storage.get();`, `["err","TypeError",` +
			jsQuote(paramText("get", "string or Array")) + `,"remote"]`},
		{"delete nothing throws at once",
			`let sync = true; try { storage.delete(); sync = false; } catch (e) { return [sync, e.name]; }`,
			`["ok",[true,"TypeError"]]`},
		{"function value", `return await storage.put("f", () => 1);`,
			`["err","DataCloneError","() => 1 could not be cloned.","remote"]`},
		{"list both starts", `return await storage.list({start: "a", startAfter: "b"});`,
			`["err","TypeError","list() cannot be called with both start and startAfter values.","remote"]`},
		{"list limit", `return await storage.list({limit: 0});`,
			`["err","TypeError","List limit must be positive.","remote"]`},
		{"rejects, never throws", `const p = storage.put("k", undefined); const ok = p instanceof Promise;
			await p.catch(() => {}); return ok;`, `["ok",true]`},
		{"sync", `return await storage.sync();`, `["ok",null]`},
		{"bookmarks", `return [await storage.getCurrentBookmark(), await storage.getCurrentBookmark()];`,
			`["ok",["00000000-00000000-00000000-00000000000000000000000000000000",` +
				`"00000000-00000001-00000000-00000000000000000000000000000000"]]`},
		{"no point in time recovery", `return await storage.getBookmarkForTime(Date.now());`, `["err","Error",` +
			`"This Durable Object's storage back-end does not implement point-in-time recovery.","remote"]`},
		{"tags", `return [Object.keys(storage), Object.prototype.toString.call(storage),
			Object.prototype.toString.call(ctx), Object.prototype.toString.call(sql)];`,
			`["ok",[["kv","sql"],"[object DurableObjectStorage]","[object DurableObjectState]",` +
				`"[object SqlStorage]"]]`},
	})
}

func TestSQL(t *testing.T) {
	runStorageCases(t, "NS", []struct{ name, src, want string }{
		{"bindings", `return sql.exec("SELECT ? AS a, typeof(?) AS b, ? AS c, typeof(?) AS d, ? AS e, ? AS f, ? AS g",
			true, false, 1, 1.5, null, undefined, {}).one();`,
			`["ok",{"a":"true","b":"text","c":1,"d":"real","e":null,"f":null,"g":"[object Object]"}]`},
		{"blob", `const r = sql.exec("SELECT ? AS a, typeof(?) AS b, x'0102' AS c", new Uint8Array([1, 2, 3]),
			new Uint8Array([1]).buffer).one();
			return [r.a instanceof ArrayBuffer, r.a.byteLength, r.b, [...new Uint8Array(r.c)]];`,
			`["ok",[true,3,"blob",[1,2]]]`},
		{"array and date", `return sql.exec("SELECT ? AS a, ? AS b", [1, 2], new Date(0)).one().a;`, `["ok","1,2"]`},
		{"bigint refused", `return sql.exec("SELECT ?", 10n);`,
			`["err","TypeError","Cannot convert a BigInt value to a number","remote"]`},
		{"symbol refused", `return sql.exec("SELECT ?", Symbol("q"));`,
			`["err","TypeError","Cannot convert a Symbol value to a string","remote"]`},
		{"integers are numbers",
			`return sql.exec("SELECT 9007199254740993 AS a").one().a;`,
			`["ok",9007199254740992]`},
		{"raw and duplicates",
			`return [sql.exec("SELECT 1 AS a, 2 AS a").raw().toArray(), sql.exec("SELECT 1 AS a, 2 AS a").toArray()];`,
			`["ok",[[[1,2]],[{"a":2}]]]`},
		{"columnNames", `const c = sql.exec("SELECT 1 AS a, 2 AS b"); const before = c.columnNames; c.toArray();
			return [before, c.columnNames, sql.exec("CREATE TABLE t (x)").columnNames];`,
			`["ok",[["a","b"],["a","b"],[]]]`},
		{"one of none", `return sql.exec("SELECT 1 WHERE 0").one();`,
			`["err","Error","Expected exactly one result from SQL query, but got no results.","remote"]`},
		{"one of many", `return sql.exec("SELECT 1 UNION ALL SELECT 2").one();`,
			`["err","Error","Expected exactly one result from SQL query, but got multiple results.","remote"]`},
		{"wrong bindings", `return sql.exec("SELECT ?");`,
			`["err","Error","Wrong number of parameter bindings for SQL query.","remote"]`},
		{"syntax error", `return sql.exec("SELEC 1");`,
			`["err","Error","near \"SELEC\": syntax error at offset 0: SQLITE_ERROR","remote"]`},
		{"iteration", `sql.exec("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)");
			const ins = sql.exec("INSERT INTO t VALUES (1, 'x'), (2, 'y')");
			const c = sql.exec("SELECT * FROM t");
			const first = c.next();
			const rest = [...c];
			return [ins.rowsWritten, first, rest, c.next(), c.rowsRead];`,
			`["ok",[2,{"done":false,"value":{"a":1,"b":"x"}},[{"a":2,"b":"y"}],{"done":true},2]]`},
		{"raw mixed with rows", `sql.exec("CREATE TABLE t (a)"); sql.exec("INSERT INTO t VALUES (1), (2), (3)");
			const c = sql.exec("SELECT a FROM t"); const r = c.raw();
			return [r.next(), c.next(), r.next(), r.next(), Object.prototype.toString.call(r),
				Object.prototype.toString.call(c)];`,
			`["ok",[{"done":false,"value":[1]},{"done":false,"value":{"a":2}},{"done":false,"value":[3]},` +
				`{"done":true},` +
				`"[object RawIterator]","[object Cursor]"]]`},
		{"applied without reading", `sql.exec("CREATE TABLE t (a)"); sql.exec("INSERT INTO t VALUES (1)");
			return sql.exec("SELECT count(*) AS n FROM t").one().n;`, `["ok",1]`},
		{"transaction statements", `return sql.exec("BEGIN");`,
			`["err","Error",` + jsQuote(storage.MsgTransactionStatement) + `,"remote"]`},
		{"databaseSize", `await storage.put("a", 1); return sql.databaseSize;`, `["ok",8192]`},
		{"sync kv", `kv.put("a", {x: 1}); await storage.put("b", 2);
			const it = kv.list();
			return [kv.get("a"), await storage.get("a"), kv.get("b"), kv.delete("a"), kv.delete("a"),
				kv.get("zz") ?? null,
				it.next(), [...it], Object.prototype.toString.call(it)];`,
			`["ok",[{"x":1},{"x":1},2,true,false,null,{"done":false,"value":["b",2]},[],"[object ListIterator]"]]`},
		{"sync kv one iterator",
			`kv.put("a", 1); kv.put("b", 2); const a = kv.list(); a.next(); const b = kv.list(); b.next();
			return a.next();`, `["err","Error",` + jsQuote(storage.MsgIteratorInvalidated) + `,"remote"]`},
		{"sync kv undefined",
			`kv.put("u", undefined); return [kv.get("u") === undefined, (await storage.list()).has("u")];`,
			`["ok",[true,true]]`},
	})
}

func TestKVBackedRestrictions(t *testing.T) {
	runStorageCases(t, "KV", []struct{ name, src, want string }{
		{"sql", `return sql.exec("SELECT 1");`, `["err","Error",` + jsQuote(storage.MsgSQLNotEnabled) + `,"remote"]`},
		{"databaseSize",
			`return sql.databaseSize;`,
			`["err","Error",` + jsQuote(storage.MsgSQLNotEnabled) + `,"remote"]`},
		{"sync kv", `return kv.get("a");`, `["err","Error",` + jsQuote(storage.MsgSyncKVNotEnabled) + `,"remote"]`},
		{"transactionSync", `return storage.transactionSync(() => 1);`,
			`["err","Error","Durable Object is not backed by SQL.","remote"]`},
		{"sql exists", `return [typeof sql, typeof kv];`, `["ok",["object","object"]]`},
		{"async kv works", `await storage.put("a", 1); return await storage.get("a");`, `["ok",1]`},
		{"key limit", `return await storage.put("x".repeat(3000), 1);`,
			`["err","RangeError","Keys cannot be larger than 2048 bytes. A key of size 3000 was provided.","remote"]`},
		{"batch limit",
			`return await storage.put(Object.fromEntries(Array.from({length: 129}, (_, i) => ["k" + i, i])));`,
			`["err","RangeError","Maximum number of key value pairs is 128. 129 pairs were provided.","remote"]`},
		{"transaction", `await storage.transaction(async (txn) => { await txn.put("t", 1); });
			return await storage.get("t");`, `["ok",1]`},
	})
}

func TestSetAlarmNeedsHandler(t *testing.T) {
	h := newHarness(t, testMain)
	got := h.json(describe + `return [
		await describe(() => env.KV.getByName("a").run("return await storage.setAlarm(Date.now() + 1000);")),
		await describe(() => env.KV.getByName("a").run("return await storage.setAlarm(0);")),
	];`)
	refused := `["err","TypeError",` + jsQuote(msgNoAlarmHandler) + `,"remote"]`
	assert.Equal(t, `[`+refused+`,`+refused+`]`, got)
}
