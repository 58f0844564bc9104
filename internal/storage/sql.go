package storage

import (
	"strings"

	sqlite3 "modernc.org/sqlite/lib"
)

// Exec runs query at once, as ctx.storage.sql.exec() does, and returns a cursor on its
// last statement. The first step happens here, so a write is applied even if the cursor
// is never read; every statement but the last runs to its first row and is discarded.
//
// args bind to the last statement's positional parameters, in order. The caller maps
// JavaScript values first: a number is a float64 (REAL, as in workerd), a string a string
// (TEXT), an ArrayBuffer or view a []byte (BLOB), null and undefined nil (NULL); booleans,
// bigints and other objects become their String() text. int64 and int bind as INTEGER
// for Go callers.
//
// Errors carry workerd's texts: SQLite's message, " at offset N" when SQLite knows where,
// ": SQLITE_<CODE>", and " (extended: SQLITE_<CODE>_<DETAIL>)" when that says more.
func (h *DB) Exec(query string, args ...any) (*Cursor, error) {
	if !h.d.opts.SQL {
		return nil, newError(KindError, MsgSQLNotEnabled)
	}
	if err := h.check(); err != nil {
		return nil, err
	}
	d := h.d
	st, err := d.prepareUser(query)
	if err != nil {
		return nil, h.result(err)
	}
	if len(args) != st.params {
		d.release(st)
		return nil, newError(KindError, msgWrongBindings)
	}
	if err := d.bindAll(st, args); err != nil {
		d.release(st)
		return nil, h.result(err)
	}
	if !st.readonly {
		if err := d.ensureWriteScope(); err != nil {
			d.release(st)
			return nil, h.result(err)
		}
	}

	c := &Cursor{h: h, st: st, gen: d.gen}
	d.c.stmtStatus(st.p, sqlite3.SQLITE_STMTSTATUS_FULLSCAN_STEP, true)
	if err := c.advance(); err != nil {
		return nil, err
	}
	if st.pragma != nil {
		if err := d.applied(st.pragma); err != nil {
			c.Close()
			return nil, h.result(err)
		}
	}
	return c, nil
}

// prepareUser compiles query under the user policy. Every statement but the last runs
// now; the last is returned busy, from the cache when query is a single statement.
func (d *database) prepareUser(query string) (*stmt, error) {
	if st := d.user.get(query); st != nil && !st.busy {
		st.busy = true
		return st, nil
	}
	cacheable := d.user.byText[query] == nil

	rest := query
	for {
		p, tail, pragma, err := d.prepareOne(rest)
		if err != nil {
			return nil, err
		}
		more := strings.TrimLeft(rest[tail:], " \t\n\r\v\f")
		if more == "" {
			st := &stmt{
				p: p, sql: query, params: d.c.paramCount(p), readonly: d.c.readonly(p),
				pragma: pragma, busy: true,
			}
			if cacheable && rest == query {
				for _, old := range d.user.put(st) {
					d.evict(old)
				}
			} else {
				d.owned[st] = struct{}{}
			}
			return st, nil
		}
		if err := d.runIntermediate(p, pragma); err != nil {
			return nil, err
		}
		rest = more
	}
}

// prepareOne compiles the first statement of sql under the user policy.
func (d *database) prepareOne(sql string) (uintptr, int, *pragmaWrite, error) {
	d.auth.beginUser()
	p, tail, rc := d.c.prepare(sql, true)
	d.auth.user = false

	if rc != sqlite3.SQLITE_OK {
		if d.auth.txnDenied {
			return 0, 0, nil, newError(KindError, MsgTransactionStatement)
		}
		return 0, 0, nil, d.fail(rc)
	}
	if p == 0 {
		return 0, 0, nil, newError(KindError, msgNoStatement)
	}
	if d.auth.sawAlter && renameToReserved.MatchString(d.c.statementSQL(p)) {
		d.c.finalize(p)
		return 0, 0, nil, &Error{Kind: KindError, Code: sqlite3.SQLITE_AUTH, Message: "not authorized: SQLITE_AUTH"}
	}
	return p, tail, d.auth.pragma, nil
}

// runIntermediate runs a statement that is not the last of its query.
func (d *database) runIntermediate(p uintptr, pragma *pragmaWrite) error {
	defer d.c.finalize(p)
	if d.c.paramCount(p) > 0 {
		return newError(KindError, msgOnlyLastParams)
	}
	if !d.c.readonly(p) {
		if err := d.ensureWriteScope(); err != nil {
			return err
		}
	}

	d.auth.user = true
	rc := d.c.step(p)
	d.auth.user = false
	if rc != sqlite3.SQLITE_ROW && rc != sqlite3.SQLITE_DONE {
		return d.fail(rc)
	}
	if pragma != nil {
		return d.applied(pragma)
	}
	return nil
}

// release gives back a statement a cursor is done with.
func (d *database) release(st *stmt) {
	if st.cached {
		d.done(st)
		st.busy = false
		return
	}
	delete(d.owned, st)
	d.c.finalize(st.p)
}

// evict finalizes a statement dropped from the user cache, or leaves that to its cursor.
func (d *database) evict(st *stmt) {
	if st.busy {
		d.owned[st] = struct{}{}
		return
	}
	d.c.finalize(st.p)
}

// Cursor is the result of Exec. Values come as int64 (INTEGER), float64 (REAL), string
// (TEXT), []byte (BLOB) or nil (NULL); the binding converts INTEGER to a number as workerd
// does. The cursor reads one row ahead, like workerd's.
//
// Counters: workerd counts rows with a patched SQLite that stock SQLite cannot reproduce.
// RowsWritten here is the number of rows inserted, updated or deleted by the statement,
// triggers included (from sqlite3_total_changes), without index or schema rows. RowsRead
// is the largest of the rows stepped over by full table scans, the rows returned so far
// and the rows written; index seeks of statements that return nothing count as nothing.
type Cursor struct {
	h    *DB
	st   *stmt
	gen  uint64
	cols []string

	row      bool // a row is ready in st
	done     bool
	returned int64
	written  int64
	scanned  int64
}

// advance steps to the next row, ending the cursor at the end or on an error.
func (c *Cursor) advance() error {
	d := c.h.d
	before := d.c.totalChanges()
	d.auth.user = true
	rc := d.c.step(c.st.p)
	d.auth.user = false
	c.written += d.c.totalChanges() - before
	if c.cols == nil {
		c.cols = d.columnNames(c.st)
	}

	switch rc {
	case sqlite3.SQLITE_ROW:
		c.row = true
		c.returned++
		return nil
	case sqlite3.SQLITE_DONE:
		c.finish()
		return nil
	default:
		err := d.fail(rc)
		c.finish()
		return c.h.result(err)
	}
}

// Next returns the next row; ok is false once the rows are exhausted. A cursor also ends
// when its frame is popped, on DeleteAll, or when its handle breaks.
func (c *Cursor) Next() (row []any, ok bool, err error) {
	if err := c.h.check(); err != nil {
		return nil, false, err
	}
	d := c.h.d
	if !c.row || c.gen != d.gen {
		c.row = false
		return nil, false, nil
	}

	row = make([]any, len(c.cols))
	for i := range row {
		row[i] = d.c.column(c.st.p, i)
	}
	if err := c.advance(); err != nil {
		return nil, false, err
	}
	return row, true, nil
}

// ColumnNames returns the names of the result columns, [] for a statement without
// results; duplicates are kept. The slice is shared: do not modify it.
func (c *Cursor) ColumnNames() []string { return c.cols }

// RowsRead returns the approximate number of rows read so far (see Cursor).
func (c *Cursor) RowsRead() int64 {
	scanned := c.scanned
	if !c.done && c.gen == c.h.d.gen {
		scanned = c.h.d.c.stmtStatus(c.st.p, sqlite3.SQLITE_STMTSTATUS_FULLSCAN_STEP, false)
	}
	return max(scanned, c.returned, c.written)
}

// RowsWritten returns the number of rows written so far (see Cursor).
func (c *Cursor) RowsWritten() int64 { return c.written }

// Close ends the cursor early and gives its statement back. A cursor read to its end or
// ended by an error needs no Close, but a cursor dropped while rows remain holds its
// statement until its frame is popped or the database closes.
func (c *Cursor) Close() { c.finish() }

func (c *Cursor) finish() {
	c.row = false
	if c.done {
		return
	}
	c.done = true
	d := c.h.d
	if c.gen != d.gen || d.closed {
		return
	}
	c.scanned = d.c.stmtStatus(c.st.p, sqlite3.SQLITE_STMTSTATUS_FULLSCAN_STEP, false)
	d.release(c.st)
}
