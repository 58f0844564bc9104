package objects

import (
	"context"
	"database/sql/driver"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/require"
	sqlite "modernc.org/sqlite"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// timeLoop runs the setup program, which defines a global async function fn(n) doing n
// rounds of the work measured, then times one call of fn(b.N).
func timeLoop(b *testing.B, rt *jsrt.Runtime, setup *goja.Program, fn string) {
	v, err := rt.Run(setup)
	require.NoError(b, err)
	_, err = rt.Await(v)
	require.NoError(b, err)
	run, _ := goja.AssertFunction(rt.VM.Get(fn))

	b.ReportAllocs()
	b.ResetTimer()
	p, err := run(goja.Undefined(), rt.VM.ToValue(b.N))
	require.NoError(b, err)
	_, err = rt.Await(p)
	require.NoError(b, err)
}

// benchObject runs body(n) in an object n times in one call and reports the cost of one.
func benchObject(b *testing.B, setup, body string) {
	h := newHarness(&testing.T{}, testMain+`Obj.prototype.run = KVObj.prototype.run;`)
	h.t = nil
	prg, err := goja.Compile("bench.js", `(async (n) => {
		const { env } = __dotest.require("cloudflare:workers");
		const s = env.NS.getByName("bench");
		await s.run(`+jsQuote(setup)+`);
		globalThis.benchRun = (n) => Promise.resolve(s.run("const n = " + n + ";\n" + `+jsQuote(body)+`));
	})()`, false)
	require.NoError(b, err)
	timeLoop(b, h.rt, prg, "benchRun")
}

// BenchmarkRPC is a round trip to a warm object: call, delivery, result after the turn.
func BenchmarkRPC(b *testing.B) {
	h := newHarness(&testing.T{}, testMain)
	prg, err := goja.Compile("bench.js", `(async () => {
		const { env } = __dotest.require("cloudflare:workers");
		const s = env.NS.getByName("bench");
		await s.ping();
		globalThis.benchRPC = async (n) => { for (let i = 0; i < n; i++) await s.ping(); };
	})()`, false)
	require.NoError(b, err)
	timeLoop(b, h.rt, prg, "benchRPC")
}

const (
	benchCreate = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, value REAL)"
	benchInsert = "INSERT INTO items (name, value) VALUES (?, ?)"
	benchSelect = "SELECT id, name, value FROM items WHERE id = ?"
	benchRows   = 1000
)

// BenchmarkSQL runs the same single-row statements from JS through ctx.storage.sql and
// from Go on modernc's driver directly, each in one transaction, side by side.
func BenchmarkSQL(b *testing.B) {
	fill := fmt.Sprintf("storage.sql.exec(%q); for (let i = 0; i < %d; i++) storage.sql.exec(%q, 'n' + i, i);",
		benchCreate, benchRows, benchInsert)
	b.Run("insert/js", func(b *testing.B) {
		benchObject(b, "storage.sql.exec("+jsQuote(benchCreate)+")",
			"for (let i = 0; i < n; i++) storage.sql.exec("+jsQuote(benchInsert)+", 'name', i);")
	})
	b.Run("insert/go", func(b *testing.B) {
		c := rawConn(b)
		rawExec(b, c, benchCreate)
		st := rawPrepare(b, c, benchInsert)
		rawExec(b, c, "BEGIN")
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			if _, err := st.(driver.StmtExecContext).ExecContext(context.Background(),
				[]driver.NamedValue{{Ordinal: 1, Value: "name"}, {Ordinal: 2, Value: float64(i)}}); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		rawExec(b, c, "COMMIT")
	})
	b.Run("select/js", func(b *testing.B) {
		benchObject(b, fill, fmt.Sprintf("for (let i = 0; i < n; i++) storage.sql.exec(%q, i %% %d + 1).one();",
			benchSelect, benchRows))
	})
	b.Run("select/go", func(b *testing.B) {
		c := rawConn(b)
		rawExec(b, c, benchCreate)
		ins := rawPrepare(b, c, benchInsert)
		for i := range benchRows {
			_, err := ins.(driver.StmtExecContext).ExecContext(context.Background(),
				[]driver.NamedValue{{Ordinal: 1, Value: "n" + strconv.Itoa(i)}, {Ordinal: 2, Value: float64(i)}})
			require.NoError(b, err)
		}
		st := rawPrepare(b, c, benchSelect)
		rawExec(b, c, "BEGIN")
		dest := make([]driver.Value, 3)
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			rows, err := st.(driver.StmtQueryContext).QueryContext(context.Background(),
				[]driver.NamedValue{{Ordinal: 1, Value: int64(i%benchRows + 1)}})
			if err != nil {
				b.Fatal(err)
			}
			if err := rows.Next(dest); err != nil {
				b.Fatal(err)
			}
			rows.Close()
		}
		b.StopTimer()
		rawExec(b, c, "COMMIT")
	})
}

func rawConn(b *testing.B) driver.Conn {
	c, err := (&sqlite.Driver{}).Open(":memory:")
	require.NoError(b, err)
	b.Cleanup(func() { c.Close() })
	return c
}

func rawExec(b *testing.B, c driver.Conn, q string) {
	_, err := c.(driver.ExecerContext).ExecContext(context.Background(), q, nil)
	require.NoError(b, err)
}

func rawPrepare(b *testing.B, c driver.Conn, q string) driver.Stmt {
	st, err := c.Prepare(q)
	require.NoError(b, err)
	b.Cleanup(func() { st.Close() })
	return st
}

// BenchmarkKVPutGet is a put and a get of the async KV API from JS, awaited as code does.
func BenchmarkKVPutGet(b *testing.B) {
	benchObject(b, "", `for (let i = 0; i < n; i++) {
		const k = "key-" + (i % 1000);
		await storage.put(k, i);
		await storage.get(k);
	}`)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
}

// BenchmarkIdleObjectMemory measures what an idle object costs: its instance, ctx and a small
// database (a table of 10 rows and a KV entry). Memory is the process's resident set, since
// SQLite allocates outside the Go heap.
func BenchmarkIdleObjectMemory(b *testing.B) {
	const objects = 500
	var perObject float64
	for range b.N {
		h := newHarness(&testing.T{}, testMain+`Obj.prototype.run = KVObj.prototype.run;`)
		prg, err := goja.Compile("bench.js", `(async () => {
			const { env } = __dotest.require("cloudflare:workers");
			globalThis.makeObjects = async (from, to) => {
				for (let i = from; i < to; i++) {
					await env.NS.getByName("o" + i).run(
						"storage.sql.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');" +
						"for (let j = 0; j < 10; j++) storage.sql.exec('INSERT INTO t (v) VALUES (?)', 'row ' + j);" +
						"await storage.put('k', {n: 1})");
				}
			};
		})()`, false)
		require.NoError(b, err)
		v, err := h.rt.Run(prg)
		require.NoError(b, err)
		_, err = h.rt.Await(v)
		require.NoError(b, err)
		makeObjects, _ := goja.AssertFunction(h.rt.VM.Get("makeObjects"))
		create := func(from, to int) {
			p, err := makeObjects(goja.Undefined(), h.rt.VM.ToValue(from), h.rt.VM.ToValue(to))
			require.NoError(b, err)
			_, err = h.rt.Await(p)
			require.NoError(b, err)
		}

		create(0, 20) // warm up: code paths, caches, the first pages
		before := residentBytes(b)
		create(20, 20+objects)
		after := residentBytes(b)
		perObject = float64(after-before) / objects
		require.NoError(b, h.e.Close())
	}
	b.ReportMetric(perObject/1024, "KB/object")
}

// residentBytes is the resident set size of the process after a garbage collection.
func residentBytes(b *testing.B) int64 {
	runtime.GC()
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		b.Skip("no /proc/self/statm to read memory from")
	}
	fields := strings.Fields(string(data))
	pages, err := strconv.ParseInt(fields[1], 10, 64)
	require.NoError(b, err)
	return pages * int64(os.Getpagesize())
}
