package objects

import (
	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/storage"
)

// The engine API around hibernatable WebSockets, for the test helpers (evictDurableObject
// and its webSockets option) and for isolation (closing the sockets a frame opened).

// EvictOptions configure EvictWith.
type EvictOptions struct {
	// CloseWebSockets closes the object's hibernatable WebSockets, as evictDurableObject
	// does with {webSockets: "close"}: the object forgets them, with its auto-response and
	// event timeout, and their clients get a close event (code 1001; workerd disconnects
	// them, which its clients see as 1006). Otherwise they hibernate: they stay open, and
	// the next message wakes the object, whose new instance finds them with getWebSockets().
	CloseWebSockets bool
}

// EvictWith drops the object's instance as Evict does, doing with its hibernatable WebSockets
// what opts says. ErrNotRunning when no instance runs; its sockets are left alone then.
func (e *Engine) EvictWith(o *Object, opts EvictOptions) error {
	inst := o.inst
	if inst == nil {
		return ErrNotRunning
	}
	e.commit(inst)
	if o.inst == inst {
		e.endInstance(inst, e.newError(storage.KindError, storage.MsgNoLongerAccessible))
	}
	if opts.CloseWebSockets {
		e.dropSockets(o, reasonEvicted)
	} else {
		e.hibernateSockets(o)
	}
	e.schedule(o)
	return nil
}

// EvictAllWith evicts every running object with opts. Objects that do not run are skipped,
// and so are their sockets, as evictAllDurableObjects skips idle objects.
func (e *Engine) EvictAllWith(opts EvictOptions) {
	for _, o := range e.running() {
		_ = e.EvictWith(o, opts)
	}
}

// WebSockets returns the hibernatable WebSockets the object accepted and has not seen close,
// newest first, as ctx.getWebSockets() lists them. They live while the object is evicted.
func (e *Engine) WebSockets(o *Object) []*goja.Object {
	if o.hib == nil {
		return nil
	}
	list := o.hib.sockets
	out := make([]*goja.Object, len(list))
	for i, s := range list {
		out[len(list)-1-i] = s.ws
	}
	return out
}

// CloseWebSocket closes ws as ws.close(code, reason) does. When ws is a hibernatable
// WebSocket of an object, the object forgets it first, so that neither the close nor what
// arrives at ws later (the client's answering close) reaches webSocketClose or wakes the
// object; isolation closes the sockets of a frame this way. What close throws (an invalid
// code, a socket never accepted) is returned as a *goja.Exception.
func (e *Engine) CloseWebSocket(ws goja.Value, code int, reason string) error {
	obj, ok := ws.(*goja.Object)
	if !ok {
		return nil
	}
	if s := e.sockets[obj]; s != nil {
		e.forget(s)
		e.discardSocketEvents(s.obj)
	}
	return e.callSocket(obj, "close", e.vm.ToValue(code), e.vm.ToValue(reason))
}

// CloseWebSockets closes every hibernatable WebSocket of the object with code and reason, as
// CloseWebSocket does each, and returns how many it closed. The object keeps its
// auto-response and event timeout, and its instance, if one runs.
func (e *Engine) CloseWebSockets(o *Object, code int, reason string) int {
	if o.hib == nil {
		return 0
	}
	list := append([]*socket(nil), o.hib.sockets...)
	for _, s := range list {
		e.forget(s)
	}
	e.discardSocketEvents(o)
	for _, s := range list {
		_ = e.callSocket(s.ws, "close", e.vm.ToValue(code), e.vm.ToValue(reason))
	}
	return len(list)
}
