package objects

import (
	"slices"

	"github.com/dop251/goja"
)

// eventKind is what an event asks of its receiver. The values are shared with the JS side
// (lib.kinds).
type eventKind int

const (
	kindCall  eventKind = 1 // an RPC method call
	kindGet   eventKind = 2 // an RPC property read
	kindFetch eventKind = 3 // stub.fetch()
	kindAlarm eventKind = 4 // alarm()
	kindRun   eventKind = 5 // a callback of the test helpers, run inside the object

	kindSocketMessage eventKind = 6 // webSocketMessage() of a hibernatable socket
	kindSocketClose   eventKind = 7 // webSocketClose()
	kindSocketError   eventKind = 8 // webSocketError()
	kindSocketAuto    eventKind = 9 // an auto-response waiting behind the events before it; no instance runs it

	kindScheduled eventKind = 10 // Fetcher.scheduled() on an entrypoint
)

// fromSocket reports whether an event is one of a hibernatable socket.
func (k eventKind) fromSocket() bool { return k >= kindSocketMessage && k <= kindSocketAuto }

func (e *Engine) kindsObject() *goja.Object {
	obj := e.vm.NewObject()
	for name, k := range map[string]eventKind{
		"call": kindCall, "get": kindGet, "fetch": kindFetch, "alarm": kindAlarm, "run": kindRun,
		"wsMessage": kindSocketMessage, "wsClose": kindSocketClose, "wsError": kindSocketError,
		"scheduled": kindScheduled,
	} {
		_ = obj.Set(name, int(k))
	}
	return obj
}

// event is one call, read, fetch, alarm or helper callback for a receiver, and where its
// outcome goes: the promise its caller holds, or a Go callback.
type event struct {
	id   uint64
	kind eventKind
	path goja.Value // the property path, or the callback of kindRun
	args goja.Value // the cloned arguments, the Request of a fetch, alarm()'s argument

	// byRef passes the outcome as it is: a fetch's Response, a helper's result and error.
	byRef bool

	promise *goja.Promise
	resolve func(any) error
	reject  func(any) error
	done    func(ok bool, v goja.Value) // instead of the promise
	sock    *socketEvent                // the socket of a socket's event

	inst     *instance // the instance it was delivered to
	settled  bool
	ok       bool
	value    goja.Value
	held     bool // the outcome waits for the instance's writes of this turn to commit
	delivery bool // the outcome is queued for delivery
}

// newEvent registers an event whose outcome settles a new promise.
func (e *Engine) newEvent(kind eventKind) *event {
	p, resolve, reject := e.vm.NewPromise()
	ev := &event{kind: kind, promise: p, resolve: resolve, reject: reject}
	e.register(ev)
	return ev
}

func (e *Engine) register(ev *event) {
	e.nextEvent++
	ev.id = e.nextEvent
	e.events[ev.id] = ev
}

func (ev *event) promiseValue(vm *goja.Runtime) goja.Value { return vm.ToValue(ev.promise) }

// enqueue adds an event to the object's queue and makes sure a task will deliver it.
func (e *Engine) enqueue(o *Object, ev *event) {
	o.queue = append(o.queue, ev)
	e.schedule(o)
}

// schedule queues a task that delivers the object's next event, unless one is queued or the
// object's input gate is held by a critical section.
func (e *Engine) schedule(o *Object) {
	if o.pumping || len(o.queue) == 0 || o.deleted || (o.inst != nil && o.inst.critical > 0) {
		return
	}
	o.pumping = true
	e.rt.Loop.Enqueue(func() error {
		o.pumping = false
		return e.pump(o)
	})
}

// pump delivers the object's next event, starting an instance first when none runs. Each
// event is a task of its own, so the microtasks it queues (storage awaits) finish in its turn
// before another event of the object starts.
func (e *Engine) pump(o *Object) error {
	if len(o.queue) == 0 || o.deleted {
		return nil
	}
	if o.queue[0].kind == kindSocketAuto {
		ev := o.queue[0]
		o.queue[0] = nil
		o.queue = o.queue[1:]
		e.sendAutoResponse(ev.sock.s)
		e.schedule(o)
		return nil
	}
	if o.inst == nil {
		if err := e.start(o); err != nil {
			return err
		}
		if o.inst == nil {
			// The constructor failed: the object was reset and its queue failed.
			e.schedule(o)
			return nil
		}
	}
	if o.inst.critical > 0 {
		return nil
	}

	ev := o.queue[0]
	o.queue[0] = nil
	o.queue = o.queue[1:]
	err := e.deliver(o.inst, ev)
	e.schedule(o)
	return err
}

// deliver hands an event to an instance.
func (e *Engine) deliver(inst *instance, ev *event) error {
	ev.inst = inst
	inst.inflight[ev.id] = ev
	if ev.kind == kindAlarm {
		e.alarmStarted(inst, ev)
	}
	if ev.sock != nil {
		return e.deliverSocket(inst, ev)
	}
	_, err := e.lib.deliver(goja.Undefined(), e.vm.ToValue(int(ev.kind)), inst.this, inst.ctx, inst.cls,
		ev.path, ev.args, e.vm.ToValue(ev.id))
	return err
}

// jsSettle is natives.settle(event, ok, value): the receiver's answer.
func (e *Engine) jsSettle(c goja.FunctionCall) goja.Value {
	ev := e.events[uint64(c.Argument(0).ToInteger())]
	if ev != nil {
		e.settle(ev, c.Argument(1).ToBoolean(), c.Argument(2))
	}
	return goja.Undefined()
}

// settle records an event's outcome. Values are cloned now, as the platform serializes a
// result when it is ready; errors become the caller's copy flagged remote. The outcome is
// delivered after the turn, and held until the receiver's writes commit.
func (e *Engine) settle(ev *event, ok bool, v goja.Value) {
	if ev.settled {
		return
	}
	ev.settled = true
	delete(e.events, ev.id)
	inst := ev.inst
	if inst != nil {
		delete(inst.inflight, ev.id)
	}

	if !ev.byRef {
		if ok {
			cloned, err := e.cloneResult(v)
			if err != nil {
				ok, v = false, e.jsError(err)
			} else {
				v = cloned
			}
		}
		if !ok {
			v = e.remote(v)
		}
	} else if !ok && ev.kind != kindRun && !ev.kind.fromSocket() {
		v = e.remote(v)
	}

	ev.ok, ev.value = ok, v
	ev.held = inst != nil && !inst.broken && (inst.db.TurnOpen() || inst.db.InTransaction())
	if ev.sock != nil && ok && !ev.held {
		// A socket's event that succeeded has no caller waiting: it ends here.
		ev.done(ok, v)
		return
	}
	ev.delivery = true
	e.outbox = append(e.outbox, ev)
}

// fail settles an event with an error that needs no copy (a reset error, a refusal).
func (e *Engine) fail(ev *event, v goja.Value) {
	if ev.settled {
		return
	}
	ev.settled = true
	delete(e.events, ev.id)
	if ev.inst != nil {
		delete(ev.inst.inflight, ev.id)
	}
	ev.ok, ev.value = false, v
	ev.delivery = true
	e.outbox = append(e.outbox, ev)
}

func (e *Engine) remote(v goja.Value) goja.Value {
	out, err := e.lib.remoteError(goja.Undefined(), v)
	if err != nil {
		return exceptionValue(e.vm, err)
	}
	return out
}

// afterTurn ends a turn: it commits the writes of every instance that wrote, resetting an
// object whose commit fails, reschedules alarms that changed, then queues the delivery of
// every outcome settled in the turn, each as a task of its own. An outcome held by writes
// that did not commit becomes the reset error.
func (e *Engine) afterTurn() {
	for len(e.dirty) > 0 {
		dirty := e.dirty
		e.dirty = nil
		for _, inst := range dirty {
			e.commit(inst)
		}
	}
	if len(e.outbox) == 0 {
		return
	}
	out := e.outbox
	e.outbox = nil
	for _, ev := range out {
		if ev.held && ev.inst.broken {
			ev.ok, ev.value = false, ev.inst.reason
		}
		e.rt.Loop.Enqueue(func() error { return e.complete(ev) })
	}
}

// complete hands an outcome to its caller.
func (e *Engine) complete(ev *event) error {
	if ev.done != nil {
		ev.done(ev.ok, ev.value)
		return nil
	}
	var err error
	if ev.ok {
		err = ev.resolve(ev.value)
	} else {
		// A call nobody awaits (fire and forget) must not fail the test by its rejection;
		// what the caller chains on it still reports as usual.
		if _, qerr := e.lib.quiet(goja.Undefined(), ev.promiseValue(e.vm)); qerr != nil {
			return qerr
		}
		err = ev.reject(ev.value)
	}
	return err
}

// failQueue fails every queued event of the object with v.
func (e *Engine) failQueue(o *Object, v goja.Value) {
	queued := o.queue
	o.queue = nil
	for _, ev := range queued {
		e.fail(ev, v)
	}
}

// failInflight fails the events an instance is running with v, in the order they arrived.
func (e *Engine) failInflight(inst *instance, v goja.Value) {
	evs := make([]*event, 0, len(inst.inflight))
	for _, ev := range inst.inflight {
		evs = append(evs, ev)
	}
	slices.SortFunc(evs, func(a, b *event) int { return int(a.id) - int(b.id) })
	for _, ev := range evs {
		e.fail(ev, v)
	}
}
