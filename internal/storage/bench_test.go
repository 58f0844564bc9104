package storage

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	sqlite "modernc.org/sqlite"
)

// turnSize is how many operations the benchmarks put in one turn before committing it.
const turnSize = 100

func BenchmarkKVPutGet(b *testing.B) {
	db := sqlDB(b)
	value := make([]byte, 32)
	keys := make([]string, 1000)
	for i := range keys {
		keys[i] = fmt.Sprintf("key-%04d", i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		k := keys[i%len(keys)]
		if err := db.Put(k, value); err != nil {
			b.Fatal(err)
		}
		if _, _, err := db.Get(k); err != nil {
			b.Fatal(err)
		}
		if i%turnSize == turnSize-1 {
			if err := db.CommitTurn(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
}

// rawConn opens an in-memory database with the modernc driver, without database/sql.
func rawConn(b *testing.B) driver.Conn {
	b.Helper()
	c, err := (&sqlite.Driver{}).Open(":memory:")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	return c
}

func rawExec(b *testing.B, c driver.Conn, q string) {
	b.Helper()
	if _, err := c.(driver.ExecerContext).ExecContext(context.Background(), q, nil); err != nil {
		b.Fatal(err)
	}
}

func rawPrepare(b *testing.B, c driver.Conn, q string) driver.Stmt {
	b.Helper()
	st, err := c.Prepare(q)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

const (
	benchCreate = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, value REAL)"
	benchInsert = "INSERT INTO items (name, value) VALUES (?, ?)"
	benchSelect = "SELECT id, name, value FROM items WHERE id = ?"
)

func BenchmarkSQLInsert(b *testing.B) {
	b.Run("storage", func(b *testing.B) {
		db := sqlDB(b)
		query(b, db, benchCreate)
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			c, err := db.Exec(benchInsert, "name", float64(i))
			if err != nil {
				b.Fatal(err)
			}
			c.Close()
			if i%turnSize == turnSize-1 {
				if err := db.CommitTurn(); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("driver", func(b *testing.B) {
		c := rawConn(b)
		rawExec(b, c, benchCreate)
		st := rawPrepare(b, c, benchInsert).(driver.StmtExecContext)
		args := []driver.NamedValue{{Ordinal: 1, Value: "name"}, {Ordinal: 2}}
		ctx := context.Background()
		rawExec(b, c, "BEGIN")
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			args[1].Value = float64(i)
			if _, err := st.ExecContext(ctx, args); err != nil {
				b.Fatal(err)
			}
			if i%turnSize == turnSize-1 {
				rawExec(b, c, "COMMIT")
				rawExec(b, c, "BEGIN")
			}
		}
		b.StopTimer()
		rawExec(b, c, "COMMIT")
	})
}

func BenchmarkSQLSelect(b *testing.B) {
	const rows = 1000
	b.Run("storage", func(b *testing.B) {
		db := sqlDB(b)
		query(b, db, benchCreate)
		for i := range rows {
			query(b, db, benchInsert, "name", float64(i))
		}
		if err := db.CommitTurn(); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			c, err := db.Exec(benchSelect, float64(i%rows+1))
			if err != nil {
				b.Fatal(err)
			}
			if _, ok, err := c.Next(); err != nil || !ok {
				b.Fatal(ok, err)
			}
			c.Close()
		}
	})
	b.Run("driver", func(b *testing.B) {
		c := rawConn(b)
		rawExec(b, c, benchCreate)
		ins := rawPrepare(b, c, benchInsert).(driver.StmtExecContext)
		ctx := context.Background()
		for i := range rows {
			args := []driver.NamedValue{{Ordinal: 1, Value: "name"}, {Ordinal: 2, Value: float64(i)}}
			if _, err := ins.ExecContext(ctx, args); err != nil {
				b.Fatal(err)
			}
		}
		st := rawPrepare(b, c, benchSelect).(driver.StmtQueryContext)
		args := []driver.NamedValue{{Ordinal: 1}}
		dest := make([]driver.Value, 3)
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			args[0].Value = float64(i%rows + 1)
			r, err := st.QueryContext(ctx, args)
			if err != nil {
				b.Fatal(err)
			}
			if err := r.Next(dest); err != nil {
				b.Fatal(err)
			}
			r.Close()
		}
	})
}

// BenchmarkFrame measures the isolation of one test: push a frame, change rows, commit
// the turn, pop the frame.
func BenchmarkFrame(b *testing.B) {
	b.Run("empty", func(b *testing.B) {
		db := sqlDB(b)
		query(b, db, benchCreate)
		benchFrames(b, db, nil)
	})
	b.Run("10-rows-written", func(b *testing.B) {
		db := sqlDB(b)
		query(b, db, benchCreate)
		benchFrames(b, db, func(i int) {
			for j := range 10 {
				query(b, db, benchInsert, "name", float64(i*10+j))
			}
		})
	})
	b.Run("10-of-10000-rows-changed", func(b *testing.B) {
		db := sqlDB(b)
		fillItems(b, db, 10_000)
		benchFrames(b, db, func(i int) {
			for j := range 10 {
				query(b, db, "UPDATE items SET value = value + 1 WHERE id = ?", float64((i*10+j)%10_000+1))
			}
		})
	})
}

func benchFrames(b *testing.B, db *DB, body func(i int)) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := db.PushFrame(); err != nil {
			b.Fatal(err)
		}
		if body != nil {
			body(i)
		}
		if err := db.CommitTurn(); err != nil {
			b.Fatal(err)
		}
		if err := db.PopFrame(); err != nil {
			b.Fatal(err)
		}
	}
}

func fillItems(b *testing.B, db *DB, n int) {
	b.Helper()
	query(b, db, benchCreate)
	for i := range n {
		query(b, db, benchInsert, fmt.Sprintf("item %d", i), float64(i))
	}
	if err := db.CommitTurn(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkFileCopy measures the classic runner's isolation for comparison: copy the
// database file, open the copy, run one query, close it.
func BenchmarkFileCopy(b *testing.B) {
	for _, rows := range []int{10, 10_000} {
		b.Run(fmt.Sprintf("%d-rows", rows), func(b *testing.B) {
			dir := b.TempDir()
			template := filepath.Join(dir, "template.sqlite")
			db, err := Open(Options{Path: template, SQL: true})
			if err != nil {
				b.Fatal(err)
			}
			fillItems(b, db, rows)
			if err := db.Close(); err != nil {
				b.Fatal(err)
			}

			copyPath := filepath.Join(dir, "copy.sqlite")
			b.ResetTimer()
			for range b.N {
				copyFile(b, template, copyPath)
				c, err := (&sqlite.Driver{}).Open(copyPath)
				if err != nil {
					b.Fatal(err)
				}
				rawExec(b, c, "UPDATE items SET value = value + 1 WHERE id = 1")
				c.Close()
			}
		})
	}
}

func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkIdleMemory reports what an idle small object costs: a table with a row and a
// KV entry, its statements prepared. go-bytes is the Go heap; sqlite-bytes is what SQLite
// reports for the connection (page cache, schema, statements). SQLite's lookaside buffers
// and the C thread state are not in either figure.
func BenchmarkIdleMemory(b *testing.B) {
	const perOp = 100
	var goBytes, sqliteBytes float64
	for range b.N {
		before := goHeap()
		dbs := make([]*DB, perOp)
		for i := range dbs {
			dbs[i] = idleDB(b)
		}
		goBytes += float64(goHeap()-before) / perOp
		for _, db := range dbs {
			sqliteBytes += float64(db.d.c.memoryUsed()) / perOp
			_ = db.Close()
		}
	}
	b.ReportMetric(goBytes/float64(b.N), "go-bytes/db")
	b.ReportMetric(sqliteBytes/float64(b.N), "sqlite-bytes/db")
}

func idleDB(b *testing.B) *DB {
	db, err := Open(Options{SQL: true})
	if err != nil {
		b.Fatal(err)
	}
	query(b, db, "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)")
	query(b, db, "INSERT INTO t (b) VALUES (?)", "row")
	if err := db.Put("key", []byte("value")); err != nil {
		b.Fatal(err)
	}
	if err := db.CommitTurn(); err != nil {
		b.Fatal(err)
	}
	return db
}

func goHeap() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}
