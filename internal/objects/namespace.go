package objects

import (
	"cmp"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/storage"
)

// Namespace is the namespace of one Durable Object class: every binding to the class shares
// it, as in workerd, and so does exports.<ClassName>.
type Namespace struct {
	e     *Engine
	index int
	jsObj *goja.Object // the DurableObjectNamespace that env's bindings hold

	// ClassName is the class exported by the main module.
	ClassName string
	// Bindings are the names of env that hold this namespace, in the order declared.
	Bindings []string
	// UniqueKey is "<worker name>-<ClassName>": ids derive from it, and persisted objects
	// live in a directory of that name.
	UniqueKey string
	// SQLite tells a SQLite-backed class (new_sqlite_classes) from a KV-backed one.
	SQLite bool

	ids     idFactory
	objects map[string]*Object // by hex id
}

// Object is one Durable Object: its id, its storage and, while it runs, its instance.
type Object struct {
	ns   *Namespace
	id   ID
	hex  string
	name string

	db   *storage.DB // the handle the next or current instance uses; nil until first started
	inst *instance
	gen  uint64                // the incarnation; each reset starts a new one
	dead map[uint64]goja.Value // the reset errors of earlier incarnations, for stubs bound to them

	queue   []*event
	pumping bool // a task that delivers the next event is queued

	alarm    alarmState
	bookmark uint64
	deleted  bool

	hib *hibernation // the hibernatable WebSockets, kept across instances; nil when none
}

// Namespace is the namespace the object belongs to.
func (o *Object) Namespace() *Namespace { return o.ns }

// ID is the object's id.
func (o *Object) ID() ID { return o.id }

// Name is the name the object was reached by (idFromName, getByName), "" when none.
func (o *Object) Name() string { return o.name }

// DB is the object's storage, nil until the object first started. Frames pushed or popped
// on it apply to every instance the object has.
func (o *Object) DB() *storage.DB { return o.db }

// Running reports whether the object has an instance now.
func (o *Object) Running() bool { return o.inst != nil }

// Instance is the object's instance, or nil when it is not running.
func (o *Object) Instance() *goja.Object {
	if o.inst == nil {
		return nil
	}
	return o.inst.this
}

// String names the object by class and id, for messages.
func (o *Object) String() string { return o.ns.ClassName + " " + o.hex }

// object returns the object with the given hex id, creating its record on first use.
func (ns *Namespace) object(hexID string) *Object {
	if o, ok := ns.objects[hexID]; ok {
		return o
	}
	var id ID
	_, _ = hex.Decode(id[:], []byte(hexID)) // ids reach Go only from the namespace's own factory
	o := &Object{ns: ns, id: id, hex: hexID, gen: 1}
	ns.objects[hexID] = o
	return o
}

// Object returns the object of an id, creating its record (not its instance) on first use.
func (ns *Namespace) Object(id ID) *Object { return ns.object(id.String()) }

// Lookup returns the object of an id if the engine knows it.
func (ns *Namespace) Lookup(id ID) (*Object, bool) {
	o, ok := ns.objects[id.String()]
	return o, ok
}

// IDFromName derives the id of a name, as idFromName does.
func (ns *Namespace) IDFromName(name string) ID { return ns.ids.fromName(name) }

// ParseID reads an id's text and checks that it belongs to the namespace, as idFromString
// does; the errors are ErrIDNotHex and ErrIDNotNamespace.
func (ns *Namespace) ParseID(s string) (ID, error) { return ns.ids.parse(s) }

// dir is where the namespace's objects persist, "" in memory.
func (ns *Namespace) dir() string {
	if ns.e.opts.PersistDir == "" {
		return ""
	}
	return filepath.Join(ns.e.opts.PersistDir, ns.UniqueKey)
}

// openDB opens the object's storage, as workerd does when the object first starts.
func (ns *Namespace) openDB(o *Object) error {
	opts := storage.Options{
		SQL:                   ns.SQLite,
		MaxBytes:              ns.e.opts.StorageLimit,
		DeleteAllDeletesAlarm: ns.e.deleteAllDeletesAlarm(),
	}
	if dir := ns.dir(); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("failed to create the storage directory of %s: %w", ns.ClassName, err)
		}
		opts.Path = filepath.Join(dir, o.hex+".sqlite")
	}
	db, err := storage.Open(opts)
	if err != nil {
		return fmt.Errorf("failed to open the storage of %s: %w", o, err)
	}
	o.db = db
	for _, f := range ns.e.onCreated {
		f(o)
	}
	return nil
}

// deleteAllDeletesAlarm is the compatibility switch of deleteAll(): from 2026-02-24 (flag
// delete_all_deletes_alarm) it deletes the alarm too, unless delete_all_preserves_alarm.
func (e *Engine) deleteAllDeletesAlarm() bool {
	if e.proj.HasFlag("delete_all_preserves_alarm") {
		return false
	}
	return e.proj.HasFlag("delete_all_deletes_alarm") || e.proj.CompatAtLeast("2026-02-24")
}

// storedIDs lists the ids of the objects persisted in the namespace's directory.
func (ns *Namespace) storedIDs() []ID {
	dir := ns.dir()
	if dir == "" {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var ids []ID
	for _, ent := range entries {
		name, ok := strings.CutSuffix(ent.Name(), ".sqlite")
		if !ok {
			continue
		}
		if id, err := ns.ids.parse(name); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

func compareIDs(a, b ID) int {
	return cmp.Compare(string(a[:]), string(b[:]))
}
