package kv

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dotest-dev/dotest/internal/storage"
)

// chunkBytes is the most bytes one row holds: SQLite refuses a value past 4 MiB, as
// workerd configures it, so a larger value is stored over several rows.
const chunkBytes = 1 << 20

// The tables of a namespace, in the SQLite database that backs it. A value's first chunk
// is in its entry; the others, when there are any, in kv_chunks.
var schema = []string{
	`CREATE TABLE IF NOT EXISTS kv_entries (key TEXT PRIMARY KEY, value BLOB NOT NULL, expiration INTEGER,
		metadata TEXT, chunks INTEGER NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS kv_chunks (key TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
		PRIMARY KEY (key, seq))`,
}

const (
	sqlGet = "SELECT value, expiration, metadata, chunks FROM kv_entries WHERE key = ?"
	sqlPut = `INSERT INTO kv_entries (key, value, expiration, metadata, chunks) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, expiration = excluded.expiration,
		metadata = excluded.metadata, chunks = excluded.chunks`
	sqlChunks       = "SELECT data FROM kv_chunks WHERE key = ? ORDER BY seq"
	sqlPutChunk     = "INSERT INTO kv_chunks (key, seq, data) VALUES (?, ?, ?)"
	sqlDelete       = "DELETE FROM kv_entries WHERE key = ?"
	sqlDeleteChunks = "DELETE FROM kv_chunks WHERE key = ?"
	// A key is listed until the millisecond it expires, as in Miniflare; ?4 is now in ms.
	sqlList = `SELECT key, expiration, metadata FROM kv_entries
		WHERE key > ?1 AND key >= ?2 AND (?3 IS NULL OR key < ?3)
		AND (expiration IS NULL OR expiration * 1000 >= ?4) ORDER BY key LIMIT ?5`
)

// Options configure Open.
type Options struct {
	// Path is the SQLite file of the namespace; "" keeps it in memory.
	Path string
	// Now is the clock that expirations are judged by; nil is the real time.
	Now func() time.Time
}

// Namespace is the storage of one Workers KV namespace: one SQLite database, so that
// isolation frames cover it as they cover a Durable Object's. It belongs to the goroutine
// that owns its runtime.
type Namespace struct {
	id  string
	db  *storage.DB
	now func() time.Time
}

// Entry is a stored key.
type Entry struct {
	Key   string
	Value []byte // nil in the keys of a list
	// Expiration is when the key expires, in seconds since the Unix epoch; 0 when it
	// does not.
	Expiration int64
	// Metadata is the JSON text of the key's metadata; "" when it has none.
	Metadata string
}

// PutOptions are the options of a put. Pointers distinguish an option left out from zero.
type PutOptions struct {
	// Expiration is when the key expires, in seconds since the Unix epoch.
	Expiration *int64
	// ExpirationTTL is how long the key lives, in seconds; it wins over Expiration.
	ExpirationTTL *int64
	// Metadata is the JSON text of the key's metadata; "" for none.
	Metadata string
}

// ListOptions select the keys of a list.
type ListOptions struct {
	Prefix string
	// Limit is the most keys returned; zero or less means MaxListKeys.
	Limit int
	// Cursor continues an earlier list that was not complete.
	Cursor string
}

// ListResult is one page of keys, in UTF-8 byte order.
type ListResult struct {
	Keys []Entry
	// Complete is true when no key follows; otherwise Cursor continues the list.
	Complete bool
	Cursor   string
}

// ErrBusy says that another runtime holds a persisted namespace's file: the test files
// that write one persisted namespace must run one at a time.
var ErrBusy = errors.New("another runtime is using the namespace's file; " +
	"run one test file at a time when KV is persisted")

// sqliteBusy is SQLite's result code for a database locked by another connection.
const sqliteBusy = 5

// Open opens (or creates) the namespace id.
func Open(id string, opts Options) (*Namespace, error) {
	db, err := storage.Open(storage.Options{Path: opts.Path, SQL: true})
	if err != nil {
		return nil, fmt.Errorf("failed to open KV namespace %q: %w", id, busy(err))
	}
	n := &Namespace{id: id, db: db, now: opts.Now}
	if n.now == nil {
		n.now = time.Now
	}
	err = n.write(func() error {
		for _, sql := range schema {
			if err := n.exec(sql); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("failed to open KV namespace %q: %w", id, err)
	}
	return n, nil
}

// busy marks a failure to lock a persisted namespace's file with ErrBusy, which says what
// to do about it.
func busy(err error) error {
	var se *storage.Error
	if errors.As(err, &se) && se.Code == sqliteBusy {
		return fmt.Errorf("%w (%w)", ErrBusy, err)
	}
	return err
}

// query runs one statement and returns its cursor.
func (n *Namespace) query(sql string, args ...any) (*storage.Cursor, error) {
	c, err := n.db.Exec(sql, args...)
	return c, busy(err)
}

// ID is the namespace's id.
func (n *Namespace) ID() string { return n.id }

func (n *Namespace) String() string { return fmt.Sprintf("KV namespace %q", n.id) }

// Get returns the entry of key, or nil when there is none or it expired. cacheTTL, when
// given, is checked and otherwise ignored: there is one location, and nothing to cache.
func (n *Namespace) Get(key string, cacheTTL *int64) (*Entry, error) {
	if err := checkKeyName(opGet, key); err != nil {
		return nil, err
	}
	if err := checkCacheTTL(opGet, cacheTTL); err != nil {
		return nil, err
	}
	return n.read(key)
}

// GetBulk returns the entries of keys, in their order, nil for each key that has none.
// typ is the type the values will be decoded as ("", "text" or "json"), which the KV
// service checks before anything else.
func (n *Namespace) GetBulk(keys []string, typ string, cacheTTL *int64) ([]*Entry, error) {
	if err := checkBulk(keys, typ, cacheTTL); err != nil {
		return nil, err
	}
	out := make([]*Entry, len(keys))
	total := 0
	for i, k := range keys {
		e, err := n.read(k)
		if err != nil {
			return nil, err
		}
		if e != nil {
			total += len(e.Value)
		}
		out[i] = e
	}
	if total > maxBulkBytes {
		return nil, httpError(opGetBulk, 413, "Total size of request exceeds the limit of %dMB", maxBulkBytes>>20)
	}
	return out, nil
}

// Put stores value under key.
func (n *Namespace) Put(key string, value []byte, opts PutOptions) error {
	if err := checkKeyName(opPut, key); err != nil {
		return err
	}
	exp, err := expiration(opts, n.nowMs()/1000)
	if err != nil {
		return err
	}
	if err := checkPut(opts, value); err != nil {
		return err
	}
	return n.write(func() error { return n.store(key, value, exp, opts.Metadata) })
}

// Delete removes key; a key that does not exist is no error.
func (n *Namespace) Delete(key string) error {
	if err := checkKeyName(opDelete, key); err != nil {
		return err
	}
	return n.write(func() error { return n.remove(key) })
}

// List returns the keys that start with the prefix, after the cursor, that have not
// expired.
func (n *Namespace) List(opts ListOptions) (*ListResult, error) {
	if err := checkList(opts); err != nil {
		return nil, err
	}
	limit := opts.Limit
	if limit <= 0 {
		limit = MaxListKeys
	}

	var upper any
	if u, ok := prefixEnd(opts.Prefix); ok {
		upper = u
	}
	// One key more than asked tells whether the list is complete.
	c, err := n.query(sqlList, decodeCursor(opts.Cursor), opts.Prefix, upper, n.nowMs(), int64(limit+1))
	if err != nil {
		return nil, err
	}
	defer c.Close()
	res := &ListResult{Keys: []Entry{}}
	for {
		row, ok, err := c.Next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		res.Keys = append(res.Keys, Entry{Key: row[0].(string), Expiration: intOr0(row[1]), Metadata: textOr(row[2])})
	}
	res.Complete = len(res.Keys) <= limit
	if !res.Complete {
		res.Keys = res.Keys[:limit]
		res.Cursor = base64.StdEncoding.EncodeToString([]byte(res.Keys[limit-1].Key))
	}
	return res, nil
}

// Clear deletes every key, as reset() does, and commits that.
func (n *Namespace) Clear() error {
	return n.write(func() error {
		if err := n.exec("DELETE FROM kv_chunks"); err != nil {
			return err
		}
		return n.exec("DELETE FROM kv_entries")
	})
}

// PushFrame opens an isolation frame: PopFrame undoes every write made after it.
func (n *Namespace) PushFrame() (int, error) { return n.db.PushFrame() }

// PopFrame closes the innermost frame and rolls the namespace back to where it found it.
func (n *Namespace) PopFrame() error { return n.db.PopFrame() }

// Close closes the database; writes inside open frames are discarded.
func (n *Namespace) Close() error { return n.db.Close() }

func (n *Namespace) nowMs() int64 { return n.now().UnixMilli() }

// read returns the live entry of key, deleting it when it has expired, as Miniflare does.
func (n *Namespace) read(key string) (*Entry, error) {
	c, err := n.query(sqlGet, key)
	if err != nil {
		return nil, err
	}
	row, ok, err := c.Next()
	c.Close()
	if err != nil || !ok {
		return nil, err
	}

	e := &Entry{Key: key, Value: blob(row[0]), Expiration: intOr0(row[1]), Metadata: textOr(row[2])}
	if e.Expiration != 0 && e.Expiration*1000 <= n.nowMs() {
		return nil, n.write(func() error { return n.remove(key) })
	}
	if chunks := intOr0(row[3]); chunks > 0 {
		if e.Value, err = n.readChunks(key, e.Value); err != nil {
			return nil, err
		}
	}
	return e, nil
}

func (n *Namespace) readChunks(key string, first []byte) ([]byte, error) {
	c, err := n.query(sqlChunks, key)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	value := first
	for {
		row, ok, err := c.Next()
		if err != nil || !ok {
			return value, err
		}
		value = append(value, blob(row[0])...)
	}
}

func (n *Namespace) store(key string, value []byte, exp int64, metadata string) error {
	if err := n.exec(sqlDeleteChunks, key); err != nil {
		return err
	}
	first, rest := value, []byte(nil)
	if len(value) > chunkBytes {
		first, rest = value[:chunkBytes], value[chunkBytes:]
	}
	var expArg, metaArg any
	if exp != 0 {
		expArg = exp
	}
	if metadata != "" {
		metaArg = metadata
	}
	chunks := int64((len(rest) + chunkBytes - 1) / chunkBytes)
	if err := n.exec(sqlPut, key, nonNil(first), expArg, metaArg, chunks); err != nil {
		return err
	}
	for seq := int64(1); len(rest) > 0; seq++ {
		part := rest[:min(len(rest), chunkBytes)]
		rest = rest[len(part):]
		if err := n.exec(sqlPutChunk, key, seq, part); err != nil {
			return err
		}
	}
	return nil
}

func (n *Namespace) remove(key string) error {
	if err := n.exec(sqlDeleteChunks, key); err != nil {
		return err
	}
	return n.exec(sqlDelete, key)
}

// write runs f as one turn of the database and commits it: KV writes are not part of any
// transaction of the caller's, but inside the isolation frames they nest in.
func (n *Namespace) write(f func() error) error {
	if err := f(); err != nil {
		// The failure is what the caller needs; a rollback that fails too broke the handle,
		// which the next call reports.
		_ = n.db.RollbackTurn()
		return err
	}
	return busy(n.db.CommitTurn())
}

func (n *Namespace) exec(sql string, args ...any) error {
	c, err := n.query(sql, args...)
	if err != nil {
		return err
	}
	c.Close()
	return nil
}

// prefixEnd returns the smallest string greater than every string that starts with
// prefix, in byte order; false when there is none (an empty prefix or one of 0xff bytes).
func prefixEnd(prefix string) (string, bool) {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1]), true
		}
	}
	return "", false
}

// decodeCursor returns the key a cursor continues after. Like Node's Buffer, it reads
// standard and URL-safe base64 and skips what is neither, so a malformed cursor starts
// somewhere rather than failing.
func decodeCursor(cursor string) string {
	var b strings.Builder
	for _, r := range cursor {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '+', r == '/':
			b.WriteRune(r)
		case r == '-':
			b.WriteByte('+')
		case r == '_':
			b.WriteByte('/')
		}
	}
	s := b.String()
	if len(s)%4 == 1 {
		s = s[:len(s)-1]
	}
	key, _ := base64.RawStdEncoding.DecodeString(s)
	return string(key)
}

func blob(v any) []byte {
	b, _ := v.([]byte)
	return b
}

// nonNil keeps an empty value a BLOB: a nil slice would bind as NULL.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

func intOr0(v any) int64 {
	i, _ := v.(int64)
	return i
}

func textOr(v any) string {
	s, _ := v.(string)
	return s
}
