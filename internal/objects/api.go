package objects

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/storage"
)

// The engine API that the test helpers (cloudflare:test) and storage isolation build on.
// Every method is for the goroutine that owns the runtime. Methods returning a goja.Value
// promise settle it as the loop runs, like any JS promise.

// Namespaces returns the engine's namespaces: the bound classes in the order of their
// bindings, then the project's other classes by name.
func (e *Engine) Namespaces() []*Namespace { return slices.Clone(e.namespaces) }

// Namespace returns the namespace bound to the env binding name.
func (e *Engine) Namespace(binding string) (*Namespace, bool) {
	for _, ns := range e.namespaces {
		if slices.Contains(ns.Bindings, binding) {
			return ns, true
		}
	}
	return nil, false
}

// NamespaceOf returns the namespace of a DurableObjectNamespace value (env.NS,
// exports.Class); ErrUnknownNamespace otherwise.
func (e *Engine) NamespaceOf(v goja.Value) (*Namespace, error) {
	i, err := e.lib.namespaceIdx(goja.Undefined(), v)
	if err != nil {
		return nil, err
	}
	n := i.ToInteger()
	if n < 0 || n >= int64(len(e.namespaces)) {
		return nil, ErrUnknownNamespace
	}
	return e.namespaces[n], nil
}

// ObjectOf returns the object a Durable Object stub points to; ErrNotStub for any other
// value.
func (e *Engine) ObjectOf(stub goja.Value) (*Object, error) {
	info, err := e.lib.stubInfo(goja.Undefined(), stub)
	if err != nil {
		return nil, err
	}
	arr, ok := info.(*goja.Object)
	if !ok {
		return nil, ErrNotStub
	}
	o := e.namespaces[arr.Get("0").ToInteger()].object(arr.Get("1").String())
	if name := arr.Get("2"); name != nil && !goja.IsUndefined(name) && o.name == "" {
		o.name = name.String()
	}
	return o, nil
}

// IDValue returns a DurableObjectId for JS; name may be "".
func (e *Engine) IDValue(id ID, name string) goja.Value {
	var n goja.Value = goja.Undefined()
	if name != "" {
		n = e.vm.ToValue(name)
	}
	v, err := e.lib.newID(goja.Undefined(), e.vm.ToValue(id.String()), n)
	if err != nil {
		panic(err) // the embedded constructor does not throw with these arguments
	}
	return v
}

// RunInObject runs fn(instance, ctx) inside the object as one of its events, after the
// events queued before it and within its gates, starting an instance if none runs (and
// waiting for its constructor's blockConcurrencyWhile). The returned promise settles with
// fn's result or error as they are, not copied, once the turn's writes committed.
func (e *Engine) RunInObject(o *Object, fn goja.Value) goja.Value {
	ev := e.newEvent(kindRun)
	ev.path, ev.byRef = fn, true
	e.enqueue(o, ev)
	return ev.promiseValue(e.vm)
}

// RunAlarm runs the object's alarm now, as runDurableObjectAlarm does: inside the object it
// reads the alarm, resolves false when none is set, else deletes it, awaits alarm() called
// without an argument and resolves true. A failure rejects and is not retried.
func (e *Engine) RunAlarm(o *Object) goja.Value {
	return e.RunInObject(o, e.libObj.Get("runAlarm"))
}

// ListIDs returns the ids of the namespace's objects that have storage: those started by
// this engine, not deleted, and with PersistDir those found on disk, in byte order.
func (e *Engine) ListIDs(ns *Namespace) []ID {
	seen := map[ID]bool{}
	var ids []ID
	for _, o := range ns.objects {
		if o.db != nil {
			seen[o.id] = true
			ids = append(ids, o.id)
		}
	}
	for _, id := range ns.storedIDs() {
		if !seen[id] {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, compareIDs)
	return ids
}

// Objects returns every object that has storage open, by namespace and then id: the
// databases a frame is pushed on and popped from.
func (e *Engine) Objects() []*Object {
	var out []*Object
	for _, ns := range e.namespaces {
		start := len(out)
		for _, o := range ns.objects {
			if o.db != nil {
				out = append(out, o)
			}
		}
		slices.SortFunc(out[start:], func(a, b *Object) int { return compareIDs(a.id, b.id) })
	}
	return out
}

// OnObjectCreated registers f to run when an object's storage is opened, that is when it
// first starts: isolation uses it to know which frame created an object.
func (e *Engine) OnObjectCreated(f func(*Object)) { e.onCreated = append(e.onCreated, f) }

// Evict drops the object's instance and keeps its storage, as evictDurableObject does: the
// writes of the current turn are committed first, the old ctx.storage stops working, and the
// next event constructs a new instance. Stubs keep working, and hibernatable WebSockets stay
// open (see EvictWith). ErrNotRunning when no instance runs.
func (e *Engine) Evict(o *Object) error { return e.EvictWith(o, EvictOptions{}) }

// EvictAll evicts every running object, hibernating their WebSockets.
func (e *Engine) EvictAll() { e.EvictAllWith(EvictOptions{}) }

// AbortAll resets every running object as ctx.abort() would, keeping storage and alarms,
// as abortAllDurableObjects does.
func (e *Engine) AbortAll() {
	reason := e.newError(storage.KindError, "Application called abort() to reset Durable Object.")
	for _, o := range e.running() {
		e.reset(o, reason)
	}
}

func (e *Engine) running() []*Object {
	var out []*Object
	for _, o := range e.Objects() {
		if o.inst != nil {
			out = append(out, o)
		}
	}
	return out
}

// DeleteObject removes an object entirely: its instance is dropped (the events it runs or
// has queued fail), its alarm cancelled, its database closed and, when persisted, its file
// deleted. A stub of it used later starts a fresh object with empty storage.
func (e *Engine) DeleteObject(o *Object) error {
	if o.deleted {
		return nil
	}
	reason := e.resetError(e.newError(storage.KindError, "Durable Object was deleted with its storage."))
	if inst := o.inst; inst != nil {
		e.endInstance(inst, reason)
		e.failInflight(inst, reason)
	}
	o.deleted = true
	e.failQueue(o, reason)
	e.dropSockets(o, reasonDeleted)
	e.cancelAlarm(o)
	delete(o.ns.objects, o.hex)
	if o.db == nil {
		return nil
	}
	var errs []error
	errs = append(errs, o.db.Close())
	if dir := o.ns.dir(); dir != "" {
		for _, suffix := range []string{".sqlite", ".sqlite-wal", ".sqlite-shm"} {
			if err := os.Remove(filepath.Join(dir, o.hex+suffix)); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	o.db = nil
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("failed to delete %s: %w", o, err)
	}
	return nil
}

// RestoreAlarm schedules the object's alarm from what its storage holds now, forgetting
// retries: isolation calls it after popping a frame rolled the alarm back.
func (e *Engine) RestoreAlarm(o *Object) {
	o.alarm.retries = 0
	o.alarm.current = 0
	e.cancelAlarm(o)
	e.syncAlarm(o)
}

// Drain returns a promise that resolves once every promise passed to ctx.waitUntil (in
// objects, entrypoints or through cloudflare:workers) has settled, including those added
// while it waits. Rejections were reported to the running test already.
func (e *Engine) Drain() goja.Value {
	v, err := e.lib.drain(goja.Undefined())
	if err != nil {
		return e.rejected(exceptionValue(e.vm, err))
	}
	return v
}

// DefaultEntrypoint returns the stub of the main module's default export, what SELF and
// exports.default are: fetch goes to its fetch handler, other names are RPC to a
// WorkerEntrypoint. It is undefined when the main module has no default export.
func (e *Engine) DefaultEntrypoint() goja.Value {
	return e.module.Get("exports").ToObject(e.vm).Get("default")
}

// Close closes every database; uncommitted writes are discarded. The engine must not be
// used afterwards.
func (e *Engine) Close() error {
	var errs []error
	for _, o := range e.Objects() {
		e.cancelAlarm(o)
		errs = append(errs, o.db.Close())
	}
	return errors.Join(errs...)
}

func (e *Engine) rejected(v goja.Value) goja.Value {
	p, _, reject := e.vm.NewPromise()
	_ = reject(v)
	return e.vm.ToValue(p)
}
