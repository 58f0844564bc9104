package objects

import (
	"time"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/storage"
)

// The events of hibernatable sockets. The web platform calls the handlers of this file, each
// in a task of its own, for what arrives at an accepted socket; each becomes an event in the
// object's queue, behind the calls queued before it and held by its critical sections like
// them, starting an instance when none runs. A message equal to the auto-response request
// is answered without one. What a handler throws, or the reset that ends its event, goes to
// the running test, as there is no caller to get it.

const (
	// msgEventTimeout is what workerd disconnects an object with when a WebSocket event runs
	// past ctx.setHibernatableWebSocketEventTimeout.
	msgEventTimeout = "Actor exceeded event execution time and was disconnected."

	// socketGoneCode is the close code a client gets when the engine drops its socket: workerd
	// disconnects it (1006); the web platform can only close it, and 1001 says going away.
	socketGoneCode = 1001
	reasonReset    = "Durable Object reset"
	reasonEvicted  = "Durable Object evicted"
	reasonDeleted  = "Durable Object deleted"
)

// socketEvent is what an event of a socket carries besides the event itself.
type socketEvent struct {
	s     *socket
	timer int64 // the event timeout's timer while the event runs
}

// newSocketHandlers builds the handlers object given to webSocket.hibernate.
func (e *Engine) newSocketHandlers() *goja.Object {
	obj := e.vm.NewObject()
	_ = obj.Set("message", e.jsSocketMessage)
	_ = obj.Set("close", e.jsSocketClose)
	_ = obj.Set("error", e.jsSocketError)
	return obj
}

// accepted returns the socket a handler is called for, or nil once the engine dropped it.
func (e *Engine) accepted(v goja.Value) *socket {
	ws, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	s := e.sockets[ws]
	if s == nil || s.gone {
		return nil
	}
	return s
}

// jsSocketMessage is handlers.message(ws, data).
func (e *Engine) jsSocketMessage(c goja.FunctionCall) goja.Value {
	s := e.accepted(c.Argument(0))
	if s == nil {
		return goja.Undefined()
	}
	data := c.Argument(1)
	if h := s.obj.hib; h.autoSet && isString(data) && data.String() == h.autoRequest {
		e.autoRespond(s)
		return goja.Undefined()
	}
	e.queueSocketEvent(s, kindSocketMessage, data)
	return goja.Undefined()
}

func isString(v goja.Value) bool {
	_, ok := v.Export().(string)
	return ok
}

// jsSocketClose is handlers.close(ws, code, reason, wasClean).
func (e *Engine) jsSocketClose(c goja.FunctionCall) goja.Value {
	if s := e.accepted(c.Argument(0)); s != nil {
		e.queueSocketEvent(s, kindSocketClose, e.vm.NewArray(c.Argument(1), c.Argument(2), c.Argument(3)))
	}
	return goja.Undefined()
}

// jsSocketError is handlers.error(ws, error).
func (e *Engine) jsSocketError(c goja.FunctionCall) goja.Value {
	if s := e.accepted(c.Argument(0)); s != nil {
		e.queueSocketEvent(s, kindSocketError, c.Argument(1))
	}
	return goja.Undefined()
}

func (e *Engine) queueSocketEvent(s *socket, kind eventKind, data goja.Value) {
	se := &socketEvent{s: s}
	ev := &event{kind: kind, path: s.ws, args: data, byRef: true, sock: se}
	ev.done = func(ok bool, v goja.Value) { e.socketEventDone(ev, ok, v) }
	e.register(ev)
	e.enqueue(s.obj, ev)
}

// autoRespond answers the auto-response request. An answer waits behind the events queued
// before its request, as workerd reads the next message only once the event of the one
// before has started; the answer itself never starts an instance.
func (e *Engine) autoRespond(s *socket) {
	o := s.obj
	if len(o.queue) > 0 {
		e.enqueue(o, &event{kind: kindSocketAuto, path: s.ws, sock: &socketEvent{s: s}, done: ignoreOutcome})
		return
	}
	e.sendAutoResponse(s)
}

func ignoreOutcome(bool, goja.Value) {}

func (e *Engine) sendAutoResponse(s *socket) {
	if s.gone || s.obj.hib == nil || !s.obj.hib.autoSet {
		return
	}
	s.autoAt = e.rt.Clock.Now()
	// A socket whose outgoing side closed sends nothing, as in workerd.
	_ = e.callSocket(s.ws, "send", e.vm.ToValue(s.obj.hib.autoResponse))
}

// callSocket calls a method of a WebSocket, returning what it throws as an error.
func (e *Engine) callSocket(ws *goja.Object, method string, args ...goja.Value) error {
	fn, ok := goja.AssertFunction(ws.Get(method))
	if !ok {
		return nil
	}
	_, err := fn(ws, args...)
	return err
}

// deliverSocket runs an event of a socket on the instance. The event timeout runs from
// here; a close or an error is the socket's last event, after which its object forgets it.
func (e *Engine) deliverSocket(inst *instance, ev *event) error {
	se := ev.sock
	if ms := inst.obj.hib.timeoutMsOrZero(); ms > 0 {
		t := e.rt.Loop.SetTimer(jsrt.RealTimer, time.Duration(ms)*time.Millisecond, 0, func() error {
			se.timer = 0
			if !ev.settled && ev.inst.obj.inst == ev.inst && !ev.inst.broken {
				e.reset(ev.inst.obj, e.newError(storage.KindError, msgEventTimeout))
			}
			return nil
		})
		e.rt.Loop.Unref(t)
		se.timer = t.ID
	}
	_, err := e.lib.deliverSocket(goja.Undefined(), e.vm.ToValue(int(ev.kind)), inst.this, ev.path, ev.args,
		e.vm.ToValue(ev.id))
	if ev.kind != kindSocketMessage {
		e.forget(se.s)
	}
	return err
}

func (h *hibernation) timeoutMsOrZero() int64 {
	if h == nil {
		return 0
	}
	return h.timeoutMs
}

// socketEventDone ends an event of a socket: its failure goes to the running test, once for
// a reset that failed several events.
func (e *Engine) socketEventDone(ev *event, ok bool, v goja.Value) {
	se := ev.sock
	if se.timer != 0 {
		e.rt.Loop.ClearTimer(se.timer)
		se.timer = 0
	}
	if ev.kind != kindSocketMessage {
		e.forget(se.s)
	}
	if ok {
		return
	}
	if e.lastSocketFailure != nil && e.lastSocketFailure.SameAs(v) {
		return
	}
	e.lastSocketFailure = v
	e.rt.ReportError(socketHandlerNames[ev.kind], v)
}

var socketHandlerNames = map[eventKind]string{
	kindSocketMessage: "webSocketMessage",
	kindSocketClose:   "webSocketClose",
	kindSocketError:   "webSocketError",
}

// forget removes a socket from its object: getWebSockets no longer lists it and nothing that
// arrives at it reaches the object.
func (e *Engine) forget(s *socket) {
	if s.gone {
		return
	}
	s.gone = true
	if h := s.obj.hib; h != nil {
		h.remove(s)
	}
}

// dropSockets forgets every socket of the object and closes them, with the object's
// auto-response and event timeout, as workerd drops an object's hibernation manager. Events
// of those sockets still queued are discarded.
func (e *Engine) dropSockets(o *Object, reason string) int {
	h := o.hib
	if h == nil {
		return 0
	}
	o.hib = nil
	list := h.sockets
	for _, s := range list {
		s.gone = true
	}
	e.discardSocketEvents(o)
	for _, s := range list {
		_ = e.callSocket(s.ws, "close", e.vm.ToValue(socketGoneCode), e.vm.ToValue(reason))
	}
	return len(list)
}

// discardSocketEvents takes the queued events of forgotten sockets out of the object's queue.
func (e *Engine) discardSocketEvents(o *Object) {
	kept := o.queue[:0]
	for _, ev := range o.queue {
		if ev.sock != nil && ev.sock.s.gone {
			ev.settled = true
			delete(e.events, ev.id)
			continue
		}
		kept = append(kept, ev)
	}
	clear(o.queue[len(kept):])
	o.queue = kept
}

// hibernateSockets is what an eviction does to the object's sockets: they stay accepted, but
// the objects the code saw are as new, as workerd builds new WebSocket objects on waking.
// dotest keeps the same objects (their identity survives) and deletes the properties code
// set on them.
func (e *Engine) hibernateSockets(o *Object) {
	if o.hib == nil {
		return
	}
	for _, s := range o.hib.sockets {
		for _, name := range s.ws.GetOwnPropertyNames() {
			_ = s.ws.Delete(name)
		}
		for _, sym := range s.ws.Symbols() {
			_ = s.ws.DeleteSymbol(sym)
		}
	}
}
