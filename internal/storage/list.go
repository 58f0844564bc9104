package storage

import (
	"strings"

	sqlite3 "modernc.org/sqlite/lib"
)

// ListOptions are the options of list() and kv.list(). A nil pointer is an option that
// was not given.
type ListOptions struct {
	Start      *string
	StartAfter *string
	End        *string
	Prefix     *string
	Reverse    bool
	Limit      *int
}

// keyRange is a compiled list(): the keys k with start <= k < end (no end: unbounded).
type keyRange struct {
	start   string
	end     *string
	limit   int // 0: none
	reverse bool
}

// compile turns the options into a key range as workerd does; ok is false when the range
// is empty.
func (o ListOptions) compile() (r keyRange, ok bool, err error) {
	if o.Start != nil && o.StartAfter != nil {
		return r, false, newError(KindTypeError, msgBothStarts)
	}
	if o.Start != nil {
		r.start = *o.Start
	}
	if o.StartAfter != nil {
		r.start = *o.StartAfter + "\x00"
	}
	if o.End != nil {
		end := *o.End
		r.end = &end
	}
	r.reverse = o.Reverse
	if o.Limit != nil {
		if *o.Limit <= 0 {
			return r, false, newError(KindTypeError, msgLimitPositive)
		}
		r.limit = *o.Limit
	}

	if o.Prefix != nil && *o.Prefix != "" {
		if !r.clampToPrefix(*o.Prefix) {
			return r, false, nil
		}
	}
	if r.end != nil && *r.end <= r.start {
		return r, false, nil
	}
	return r, true, nil
}

// clampToPrefix narrows the range to keys starting with prefix; false means no key can
// match.
func (r *keyRange) clampToPrefix(prefix string) bool {
	switch {
	case r.start < prefix:
		r.start = prefix
	case strings.HasPrefix(r.start, prefix):
	default:
		return false
	}

	// The first key after every key with the prefix: drop trailing 0xFF bytes and
	// increment the last byte. A prefix of only 0xFF bytes has no such key.
	after := strings.TrimRight(prefix, "\xff")
	if after == "" {
		return true
	}
	after = after[:len(after)-1] + string([]byte{after[len(after)-1] + 1})

	switch {
	case r.end == nil:
		r.end = &after
	case *r.end <= prefix:
		return false
	case strings.HasPrefix(*r.end, prefix):
	default:
		r.end = &after
	}
	return true
}

// sql returns the statement that lists the range and its arguments.
func (r keyRange) sql() (string, []any) {
	var b strings.Builder
	args := []any{r.start}
	b.WriteString("SELECT key, value FROM _cf_KV WHERE key >= ?")
	if r.end != nil {
		b.WriteString(" AND key < ?")
		args = append(args, *r.end)
	}
	b.WriteString(" ORDER BY key")
	if r.reverse {
		b.WriteString(" DESC")
	}
	if r.limit > 0 {
		b.WriteString(" LIMIT ?")
		args = append(args, int64(r.limit))
	}
	return b.String(), args
}

// List returns the entries in the range the options describe, in ascending UTF-8 byte
// order of their keys (descending with Reverse; Limit then keeps the highest keys). Like
// workerd it ends the live kv.list() iterator, if any.
func (h *DB) List(opts ListOptions) ([]Entry, error) {
	it, err := h.listIter(opts)
	if err != nil || it == nil {
		return nil, err
	}
	var out []Entry
	for {
		k, v, ok, err := it.Next()
		if err != nil {
			return nil, err
		}
		if !ok {
			return out, nil
		}
		out = append(out, Entry{Key: k, Value: v})
	}
}

// ListIter starts the synchronous kv.list() of a SQLite-backed object: an iterator that
// reads one entry at a time, so it sees writes made while it runs. Only one iterator is
// live per database; starting another list ends the previous one, whose Next then fails
// with workerd's "kv.list() iterator was invalidated ..." error.
func (h *DB) ListIter(opts ListOptions) (*KVIterator, error) {
	if !h.d.opts.SQL {
		return nil, newError(KindError, MsgSyncKVNotEnabled)
	}
	it, err := h.listIter(opts)
	if err != nil {
		return nil, err
	}
	if it == nil {
		it = &KVIterator{h: h, done: true}
	}
	return it, nil
}

// listIter starts a list, or returns nil when the range or the table is empty.
func (h *DB) listIter(opts ListOptions) (*KVIterator, error) {
	if err := h.check(); err != nil {
		return nil, err
	}
	r, ok, err := opts.compile()
	if err != nil || !ok {
		return nil, err
	}
	d := h.d
	if exists, err := d.hasTable(&d.kvTable, "_cf_KV"); err != nil || !exists {
		return nil, h.result(err)
	}

	if d.iter != nil {
		d.iter.cancel()
	}
	query, args := r.sql()
	st, err := d.internalStmt(query)
	if err != nil {
		return nil, h.result(err)
	}
	if err := d.bindAll(st, args); err != nil {
		return nil, h.result(err)
	}
	st.busy = true
	it := &KVIterator{h: h, st: st, gen: d.gen}
	d.iter = it
	return it, nil
}

// KVIterator is a running kv.list().
type KVIterator struct {
	h        *DB
	st       *stmt
	gen      uint64
	done     bool
	canceled bool
}

// Next returns the next entry; ok is false at the end.
func (it *KVIterator) Next() (key string, value []byte, ok bool, err error) {
	if err := it.h.check(); err != nil {
		return "", nil, false, err
	}
	if it.canceled {
		return "", nil, false, newError(KindError, MsgIteratorInvalidated)
	}
	d := it.h.d
	if it.done || it.gen != d.gen {
		it.done = true
		return "", nil, false, nil
	}

	switch rc := d.c.step(it.st.p); rc {
	case sqlite3.SQLITE_ROW:
		return d.c.columnText(it.st.p, 0), d.c.columnBlob(it.st.p, 1), true, nil
	case sqlite3.SQLITE_DONE:
		it.finish()
		return "", nil, false, nil
	default:
		err := d.fail(rc)
		it.finish()
		return "", nil, false, it.h.result(err)
	}
}

// Close ends the iterator early, releasing its statement.
func (it *KVIterator) Close() {
	if !it.done && !it.canceled {
		it.finish()
	}
}

func (it *KVIterator) finish() {
	it.done = true
	d := it.h.d
	if it.st == nil || it.gen != d.gen {
		return
	}
	d.done(it.st)
	it.st.busy = false
	if d.iter == it {
		d.iter = nil
	}
}

// cancel ends the iterator because a newer list started.
func (it *KVIterator) cancel() {
	it.finish()
	it.canceled = true
}
