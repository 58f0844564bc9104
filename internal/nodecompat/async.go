package nodecompat

import (
	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// asyncTracker carries AsyncLocalStorage's context across promise jobs: goja asks it for the
// context when a reaction is scheduled (Grab) and hands it back when the reaction runs. The
// context is one JS value, the frame of async_hooks.js, which maps each store to its value.
type asyncTracker struct {
	current goja.Value
	saved   []goja.Value
}

// Grab implements goja.AsyncContextTracker.
func (a *asyncTracker) Grab() any { return a.current }

// Resumed implements goja.AsyncContextTracker.
func (a *asyncTracker) Resumed(ctx any) {
	a.saved = append(a.saved, a.current)
	a.current, _ = ctx.(goja.Value)
}

// Exited implements goja.AsyncContextTracker.
func (a *asyncTracker) Exited() {
	if n := len(a.saved); n > 0 {
		a.current = a.saved[n-1]
		a.saved = a.saved[:n-1]
	}
}

// asyncHooks starts tracking (the first time node:async_hooks loads) and gives the script the
// functions that read and set the current frame.
func (c *compat) asyncHooks() *goja.Object {
	vm := c.rt.VM
	if c.async == nil {
		c.async = &asyncTracker{}
		vm.SetAsyncContextTracker(c.async)
		_ = c.rt.Host().SetSymbol(compatKey, vm.ToValue(c))
	}
	a := c.async
	obj := vm.NewObject()
	_ = obj.Set("get", func() goja.Value {
		if a.current == nil {
			return goja.Undefined()
		}
		return a.current
	})
	_ = obj.Set("set", func(v goja.Value) { a.current = v })
	return obj
}

// compatKey is the symbol under which the host object keeps a runtime's compat state once
// AsyncLocalStorage is in use.
var compatKey = goja.NewSymbol("dotest.nodecompat")

// AsyncContext is the hook the runtime's timers need so that an AsyncLocalStorage context
// set when a timer is scheduled is the one its callback sees: capture at setTimeout time,
// enter around the callback. It returns nil functions while node:async_hooks is unused.
//
// Until jsrt's timers call it, node:async_hooks wraps the global setTimeout, setInterval and
// setImmediate itself when it loads, which covers timers set through those globals.
func AsyncContext(rt *jsrt.Runtime) (capture func() any, enter func(ctx any) (restore func())) {
	v := rt.Host().GetSymbol(compatKey)
	if v == nil {
		return nil, nil
	}
	c, _ := v.Export().(*compat)
	if c == nil || c.async == nil {
		return nil, nil
	}
	a := c.async
	capture = func() any { return a.current }
	enter = func(ctx any) func() {
		prev := a.current
		a.current, _ = ctx.(goja.Value)
		return func() { a.current = prev }
	}
	return capture, enter
}
