package objects

import (
	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/clone"
	"github.com/dotest-dev/dotest/internal/storage"
)

// cloneRPC copies a value across an RPC boundary: the structured clone in RPC mode, where
// functions, RpcTargets and stubs become stubs (lib.rpcReplace) and instances of other
// classes are refused.
func (e *Engine) cloneRPC(v goja.Value) (goja.Value, error) {
	if _, isObj := v.(*goja.Object); !isObj {
		return v, nil
	}
	return clone.Clone(e.vm, v, clone.Options{Mode: clone.RPC, Replace: e.replaceForRPC})
}

// cloneResult copies what a receiver returned to its caller. An object result gets a
// Symbol.dispose method that disposes the stubs within it, as workerd adds one to every
// result that is not itself a stub.
func (e *Engine) cloneResult(v goja.Value) (goja.Value, error) {
	if _, isObj := v.(*goja.Object); !isObj {
		return v, nil
	}
	var stubs []goja.Value
	replace := func(obj *goja.Object) (goja.Value, bool, error) {
		r, ok, err := e.replaceForRPC(obj)
		if ok {
			stubs = append(stubs, r)
		}
		return r, ok, err
	}
	out, err := clone.Clone(e.vm, v, clone.Options{Mode: clone.RPC, Replace: replace})
	if err != nil {
		return nil, err
	}
	if _, err := e.lib.disposable(goja.Undefined(), out, e.vm.NewArray(stubsAsAny(stubs)...)); err != nil {
		return nil, err
	}
	return out, nil
}

func stubsAsAny(vs []goja.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

func (e *Engine) replaceForRPC(obj *goja.Object) (goja.Value, bool, error) {
	r, err := e.lib.rpcReplace(goja.Undefined(), obj)
	if err != nil {
		return nil, false, err
	}
	if r == nil || goja.IsUndefined(r) {
		return nil, false, nil
	}
	return r, true, nil
}

// prepareArgs prepares the arguments of an event: a fetch passes its Request as it is, other
// kinds clone theirs. A refusal fails the event at once.
func (e *Engine) prepareArgs(ev *event, args goja.Value) bool {
	if ev.kind == kindFetch {
		ev.args, ev.byRef = args, true
		return true
	}
	// A scheduled event's outcome is the ScheduledResult the engine made.
	ev.byRef = ev.kind == kindScheduled
	if args == e.noArgs {
		ev.args = args
		return true
	}
	cloned, err := e.cloneRPC(args)
	if err != nil {
		e.fail(ev, e.jsError(err))
		return false
	}
	ev.args = cloned
	return true
}

// jsBind is natives.bind(namespace, hex, name): a stub binds to the object's current
// incarnation on its first call, and remembers the name it was reached by.
func (e *Engine) jsBind(c goja.FunctionCall) goja.Value {
	o := e.nsArg(c.Argument(0)).object(c.Argument(1).String())
	if name := c.Argument(2); !goja.IsUndefined(name) && o.name == "" {
		o.name = name.String()
	}
	return e.vm.ToValue(o.gen)
}

// jsSend is natives.send(namespace, hex, incarnation, kind, path, args): a call, read or
// fetch for a Durable Object. A stub bound to an incarnation that was reset gets its reset
// error, as a broken stub does in workerd.
func (e *Engine) jsSend(c goja.FunctionCall) goja.Value {
	o := e.nsArg(c.Argument(0)).object(c.Argument(1).String())
	gen := uint64(c.Argument(2).ToInteger())
	ev := e.newEvent(eventKind(c.Argument(3).ToInteger()))
	ev.path = c.Argument(4)
	if dead, ok := o.dead[gen]; ok && gen != o.gen {
		e.fail(ev, dead)
		return ev.promiseValue(e.vm)
	}
	if e.prepareArgs(ev, c.Argument(5)) {
		e.enqueue(o, ev)
	}
	return ev.promiseValue(e.vm)
}

// jsSendLocal is natives.sendLocal(kind, target, path, args): a call through the stub of a
// function or RpcTarget. It runs as a task of its own; nothing gates it.
func (e *Engine) jsSendLocal(c goja.FunctionCall) goja.Value {
	ev := e.newEvent(eventKind(c.Argument(0).ToInteger()))
	target, path := c.Argument(1), c.Argument(2)
	ev.path = path
	if !e.prepareArgs(ev, c.Argument(3)) {
		return ev.promiseValue(e.vm)
	}
	e.rt.Loop.Enqueue(func() error {
		_, err := e.lib.deliverLocal(goja.Undefined(), e.vm.ToValue(int(ev.kind)), target, path, ev.args,
			e.vm.ToValue(ev.id))
		return err
	})
	return ev.promiseValue(e.vm)
}

// jsSendEntry is natives.sendEntry(kind, export, props, path, args): a fetch or call to an
// entrypoint of the main module (exports.default, SELF, exports.Named).
func (e *Engine) jsSendEntry(c goja.FunctionCall) goja.Value {
	ev := e.newEvent(eventKind(c.Argument(0).ToInteger()))
	name, props, path := c.Argument(1).String(), c.Argument(2), c.Argument(3)
	ev.path = path
	if !e.prepareArgs(ev, c.Argument(4)) {
		return ev.promiseValue(e.vm)
	}
	e.rt.Loop.Enqueue(func() error {
		main := e.rt.Main()
		if main == nil {
			e.fail(ev, e.newError(storage.KindError, "exports."+name+
				" needs the worker's main module: set \"main\" in the wrangler configuration"))
			return nil
		}
		_, err := e.lib.deliverEntry(goja.Undefined(), e.vm.ToValue(int(ev.kind)), main.Get(name), props, path,
			ev.args, e.vm.ToValue(ev.id))
		return err
	})
	return ev.promiseValue(e.vm)
}
