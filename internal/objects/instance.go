package objects

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/storage"
)

// instance is one incarnation of an object: the JS object its class constructed, its ctx,
// and its handle on the object's storage. A reset or an eviction ends it; the next event
// starts another.
type instance struct {
	id   int64 // the number JS passes to the natives
	obj  *Object
	gen  uint64
	db   *storage.DB
	this *goja.Object
	ctx  *goja.Object
	cls  goja.Value // the class this was constructed from

	critical     int             // open critical sections: while > 0 no event is delivered
	sections     map[int64]int64 // open critical sections and their timeout timers
	constructing bool
	hasAlarm     bool
	broken       bool
	reason       goja.Value // the reset error, once broken
	dirty        bool       // wrote in this turn
	alarmDirty   bool       // changed the alarm since it was last scheduled

	inflight map[uint64]*event
}

// ErrNoClass is wrapped by the error of an object whose class the main module lacks.
var ErrNoClass = errors.New("the main module does not export the class")

// classOf finds the namespace's class in the main module.
func (e *Engine) classOf(ns *Namespace) (goja.Value, error) {
	where := "binding " + quoteList(ns.Bindings)
	if len(ns.Bindings) == 0 {
		where = "exports." + ns.ClassName
	}
	main := e.rt.Main()
	if main == nil {
		return nil, fmt.Errorf("Durable Object class %q (%s) cannot start: the worker has no main module: %w",
			ns.ClassName, where, ErrNoClass)
	}
	v := main.Get(ns.ClassName)
	if v == nil || goja.IsUndefined(v) {
		return nil, fmt.Errorf("Durable Object class %q (%s) is not exported by the main module %s: %w",
			ns.ClassName, where, e.mainFile(), ErrNoClass)
	}
	if _, ok := goja.AssertConstructor(v); !ok {
		return nil, fmt.Errorf("the main module %s exports %q (%s), but it is not a class: %w",
			e.mainFile(), ns.ClassName, where, ErrNoClass)
	}
	return v, nil
}

func (e *Engine) mainFile() string {
	if rel, err := filepath.Rel(e.proj.Root, e.proj.Main); err == nil && e.proj.Root != "" {
		return filepath.ToSlash(rel)
	}
	return e.proj.Main
}

func quoteList(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%q", n)
	}
	return out
}

// start constructs an instance of the object's class: new Class(ctx, env). A constructor
// that throws resets the object, which fails the event that triggered it and those queued.
// Only an interrupt is returned.
func (e *Engine) start(o *Object) error {
	cls, err := e.classOf(o.ns)
	if err == nil && o.db == nil {
		err = o.ns.openDB(o)
		// A persisted object may hold an alarm from an earlier run.
		e.syncAlarm(o)
	}
	if err != nil {
		e.failQueue(o, e.newError(storage.KindError, err.Error()))
		return nil
	}

	e.nextInst++
	inst := &instance{
		id: e.nextInst, obj: o, gen: o.gen, db: o.db, cls: cls,
		sections: map[int64]int64{}, inflight: map[uint64]*event{},
	}
	e.instances[inst.id] = inst
	o.inst = inst

	var name goja.Value = goja.Undefined()
	if o.name != "" {
		name = e.vm.ToValue(o.name)
	}
	id, err := e.lib.newID(goja.Undefined(), e.vm.ToValue(o.hex), name)
	if err != nil {
		return err
	}
	ctx, err := e.lib.newState(goja.Undefined(), e.vm.ToValue(inst.id), id, goja.Undefined())
	if err != nil {
		return err
	}
	inst.ctx = ctx.ToObject(e.vm)

	inst.constructing = true
	this, err := e.lib.construct(goja.Undefined(), cls, ctx, e.env)
	inst.constructing = false
	if err != nil {
		if isInterrupt(err) {
			return err
		}
		if o.inst == inst {
			e.reset(o, exceptionValue(e.vm, err))
		}
		return nil
	}
	if o.inst != inst {
		// A blockConcurrencyWhile of the constructor failed and reset the object.
		return nil
	}
	inst.this = this.ToObject(e.vm)
	_, inst.hasAlarm = goja.AssertFunction(inst.this.Get("alarm"))
	return nil
}

func isInterrupt(err error) bool {
	var intr *goja.InterruptedError
	return errors.As(err, &intr)
}

// reset ends the object's instance as workerd's broken states do: its uncommitted writes
// are rolled back, its storage handle stops working, the events it runs and those queued
// fail with the reason (flagged durableObjectReset), stubs bound to it keep failing, and
// the next event starts a new instance.
func (e *Engine) reset(o *Object, reason goja.Value) {
	errv := e.resetError(reason)
	if inst := o.inst; inst != nil {
		e.endInstance(inst, errv)
		e.failInflight(inst, errv)
	}
	if o.dead == nil {
		o.dead = map[uint64]goja.Value{}
	}
	o.dead[o.gen] = errv
	o.gen++
	e.failQueue(o, errv)
	e.syncAlarm(o)
	e.dropSockets(o, reasonReset)
}

// endInstance breaks an instance and detaches it from its object.
func (e *Engine) endInstance(inst *instance, reason goja.Value) {
	o := inst.obj
	inst.broken = true
	inst.reason = reason
	delete(e.instances, inst.id)
	for _, timer := range inst.sections {
		e.rt.Loop.ClearTimer(timer)
	}
	o.db = inst.db.Renew()
	if o.inst == inst {
		o.inst = nil
	}
}

func (e *Engine) resetError(reason goja.Value) goja.Value {
	v, err := e.lib.resetError(goja.Undefined(), reason)
	if err != nil {
		return exceptionValue(e.vm, err)
	}
	return v
}

// liveInstance returns the instance a native names, or throws the error of storage used
// after its object was reset or evicted.
func (e *Engine) liveInstance(v goja.Value) *instance {
	inst := e.instances[v.ToInteger()]
	if inst == nil {
		panic(e.newError(storage.KindError, storage.MsgNoLongerAccessible))
	}
	return inst
}

// touch records that an instance wrote in this turn, so that the turn commits it.
func (e *Engine) touch(inst *instance) {
	if !inst.dirty {
		inst.dirty = true
		e.dirty = append(e.dirty, inst)
	}
}

// commit commits an instance's turn; a failed commit resets the object.
func (e *Engine) commit(inst *instance) {
	inst.dirty = false
	if inst.broken {
		return
	}
	if inst.db.TurnOpen() {
		if err := inst.db.CommitTurn(); err != nil {
			e.reset(inst.obj, e.jsError(err))
			return
		}
	}
	if inst.alarmDirty && !inst.db.InTransaction() {
		inst.alarmDirty = false
		e.syncAlarm(inst.obj)
	}
}

// storageResult passes err on to JS, resetting the object first when the error broke its
// storage (a full database, an I/O error), as workerd does.
func (e *Engine) storageResult(inst *instance, err error) {
	if err == nil {
		return
	}
	var se *storage.Error
	if errors.As(err, &se) && se.Critical && !inst.broken {
		v := e.jsError(err)
		e.reset(inst.obj, v)
		panic(v)
	}
	e.throw(err)
}

// jsEnter is natives.enter(instance): a critical section (blockConcurrencyWhile,
// transaction) starts and holds the input gate. It returns the section's number.
func (e *Engine) jsEnter(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	if inst.critical >= maxCriticalDepth {
		panic(e.newError(storage.KindError, "blockConcurrencyWhile() calls are nested too deeply."))
	}
	inst.critical++
	e.nextSection++
	section := e.nextSection
	t := e.rt.Loop.SetTimer(jsrt.RealTimer, e.bcwTimeout, 0, func() error {
		if _, open := inst.sections[section]; open && !inst.broken {
			e.reset(inst.obj, e.newError(storage.KindError, msgBCWTimeout))
		}
		return nil
	})
	e.rt.Loop.Unref(t)
	inst.sections[section] = t.ID
	return e.vm.ToValue(section)
}

// maxCriticalDepth is how many critical sections may be open at once, as workerd allows
// blockConcurrencyWhile to nest.
const maxCriticalDepth = 64

const msgBCWTimeout = "A call to blockConcurrencyWhile() in a Durable Object waited for too long. " +
	"The call was canceled and the Durable Object was reset."

// jsLeave is natives.leave(instance, section, ok, error): a critical section ends. A failed
// blockConcurrencyWhile resets the object. It returns whether the instance lives on, so that
// the section's promise settles only then.
func (e *Engine) jsLeave(c goja.FunctionCall) goja.Value {
	inst := e.instances[c.Argument(0).ToInteger()]
	if inst == nil || inst.broken {
		return e.vm.ToValue(false)
	}
	section := c.Argument(1).ToInteger()
	if timer, ok := inst.sections[section]; ok {
		e.rt.Loop.ClearTimer(timer)
		delete(inst.sections, section)
	}
	inst.critical--
	if !c.Argument(2).ToBoolean() {
		e.reset(inst.obj, c.Argument(3))
		return e.vm.ToValue(false)
	}
	if inst.critical == 0 {
		e.schedule(inst.obj)
	}
	return e.vm.ToValue(true)
}

// jsAbort is natives.abort(instance, reason, retryAlarm): ctx.abort() resets the object at
// once and throws the reason, so the code after it does not run unless it catches it (the
// platform's abort cannot be caught; here the event fails whatever the code does next).
func (e *Engine) jsAbort(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	o := inst.obj
	if o.alarm.running && !c.Argument(2).ToBoolean() {
		o.alarm.noRetry = true
	}
	e.reset(o, c.Argument(1))
	panic(inst.reason)
}
