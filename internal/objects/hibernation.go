package objects

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/storage"
)

// Hibernatable WebSockets. ctx.acceptWebSocket hands the server end of a WebSocketPair to the
// object: the web platform stops dispatching its events (webSocket.hibernate) and calls the
// engine instead, which queues each message, close and error as an event of the object
// (socketevents.go). What workerd's hibernation manager keeps lives on the Object, not on
// the instance: the accepted sockets with their tags, the auto-response pair and the event
// timeout. An eviction ends the instance and keeps all of it; a reset, a deletion or an
// eviction that closes sockets drops it, and the sockets close.

// The limits of workerd's hibernation manager.
const (
	maxSocketsPerObject = 32768
	maxTagsPerSocket    = 10
	maxTagLength        = 256 // bytes of UTF-8, though workerd's text says characters
	maxAutoResponseSize = 2048
	maxEventTimeoutMs   = 604_800_000
)

// socket is one hibernatable WebSocket: the server end an object accepted.
type socket struct {
	ws     *goja.Object
	obj    *Object
	tags   []string
	autoAt time.Time // when the runtime last answered its auto-response request
	gone   bool      // no longer accepted: it closed, or the engine dropped it
}

// hibernation is what an object keeps for its hibernatable sockets across instances.
type hibernation struct {
	sockets []*socket            // in the order accepted
	byTag   map[string][]*socket // in the order accepted

	autoSet      bool
	autoRequest  string
	autoResponse string

	timeoutMs int64 // the hibernatable event timeout, 0 when unset
}

// hibOf returns the object's hibernation state, creating it on first use.
func (o *Object) hibOf() *hibernation {
	if o.hib == nil {
		o.hib = &hibernation{byTag: map[string][]*socket{}}
	}
	return o.hib
}

// add registers an accepted socket.
func (h *hibernation) add(s *socket) {
	h.sockets = append(h.sockets, s)
	for _, t := range s.tags {
		h.byTag[t] = append(h.byTag[t], s)
	}
}

// remove forgets a socket; its tags stay readable with getTags.
func (h *hibernation) remove(s *socket) {
	h.sockets = without(h.sockets, s)
	for _, t := range s.tags {
		if rest := without(h.byTag[t], s); len(rest) > 0 {
			h.byTag[t] = rest
		} else {
			delete(h.byTag, t)
		}
	}
}

func without(list []*socket, s *socket) []*socket {
	for i, x := range list {
		if x == s {
			return append(list[:i:i], list[i+1:]...)
		}
	}
	return list
}

// webHooks are the parts of the web platform's hooks (__dotest.web) that the engine calls.
type webHooks struct {
	obj            *goja.Object // lib.web for the embedded JS
	hibernate      goja.Callable
	isHibernatable goja.Callable
	isWebSocket    goja.Callable
}

// errNoWebHooks is returned when the runtime's __dotest.web lacks what the engine needs.
var errNoWebHooks = errors.New("the web platform's hooks lack webSocket.hibernate")

// findWebHooks reads the web platform's hooks; nil when the runtime has no web platform (a
// runtime made for the engine's own tests), where WebSockets cannot exist at all.
func (e *Engine) findWebHooks() (*webHooks, error) {
	obj, ok := e.rt.Host().Get("web").(*goja.Object)
	if !ok {
		return nil, nil
	}
	ws, ok := obj.Get("webSocket").(*goja.Object)
	if !ok {
		return nil, errNoWebHooks
	}
	h := &webHooks{obj: obj}
	for name, dst := range map[string]*goja.Callable{
		"hibernate": &h.hibernate, "isHibernatable": &h.isHibernatable, "isWebSocket": &h.isWebSocket,
	} {
		if *dst, ok = goja.AssertFunction(ws.Get(name)); !ok {
			return nil, errNoWebHooks
		}
	}
	return h, nil
}

// installAttachmentCodec makes ws.serializeAttachment store the structured clone's bytes, as
// workerd stores V8's serialization, so that the 16 KiB limit counts the same bytes. It
// takes effect when code first reaches for a WebSocket (lib.onFirstSocket).
func (e *Engine) installAttachmentCodec() error {
	onFirst, ok := goja.AssertFunction(e.libObj.Get("onFirstSocket"))
	if !ok {
		return errNoWebHooks
	}
	_, err := onFirst(goja.Undefined(), e.vm.ToValue(func() {
		if err := e.setAttachmentCodec(); err != nil {
			panic(e.vm.NewGoError(fmt.Errorf("failed to install the WebSocket attachment codec: %w", err)))
		}
	}))
	return err
}

func (e *Engine) setAttachmentCodec() error {
	set, ok := goja.AssertFunction(e.web.obj.Get("webSocket").ToObject(e.vm).Get("setAttachmentCodec"))
	if !ok {
		return errNoWebHooks
	}
	codec := e.vm.NewObject()
	_ = codec.Set("serialize", func(c goja.FunctionCall) goja.Value {
		data := e.serialize(c.Argument(0))
		out := e.vm.NewObject()
		_ = out.Set("data", e.vm.NewArrayBuffer(data))
		_ = out.Set("size", len(data))
		return out
	})
	_ = codec.Set("deserialize", func(c goja.FunctionCall) goja.Value {
		buf, _ := c.Argument(0).Export().(goja.ArrayBuffer)
		return e.deserialize(buf.Bytes())
	})
	_, err := set(goja.Undefined(), codec)
	return err
}

// socketNatives are the natives of the WebSocket members of ctx.
func (e *Engine) socketNatives() map[string]func(goja.FunctionCall) goja.Value {
	return map[string]func(goja.FunctionCall) goja.Value{
		"acceptWebSocket":       e.jsAcceptWebSocket,
		"getWebSockets":         e.jsGetWebSockets,
		"getTags":               e.jsGetTags,
		"setAutoResponse":       e.jsSetAutoResponse,
		"getAutoResponse":       e.jsGetAutoResponse,
		"autoResponseTimestamp": e.jsAutoResponseTimestamp,
		"setEventTimeout":       e.jsSetEventTimeout,
		"getEventTimeout":       e.jsGetEventTimeout,
	}
}

// jsAcceptWebSocket is natives.acceptWebSocket(instance, ws, tags): the checks of workerd in
// its order (the socket's state, the tags, the number of sockets), then the hand-over.
func (e *Engine) jsAcceptWebSocket(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	ws := c.Argument(1).ToObject(e.vm)
	e.checkAcceptable(ws)
	var tags []string
	if list := c.Argument(2); !goja.IsUndefined(list) {
		tags = e.distinctTags(e.stringsArg(list))
	}

	h := inst.obj.hibOf()
	if len(h.sockets) >= maxSocketsPerObject {
		panic(e.newError(storage.KindError, fmt.Sprintf(
			"only %d websockets can be accepted on a single Durable Object instance", maxSocketsPerObject)))
	}
	if _, err := e.web.hibernate(goja.Undefined(), ws, e.socketHandlers); err != nil {
		panic(exceptionValue(e.vm, err))
	}
	s := &socket{ws: ws, obj: inst.obj, tags: tags}
	h.add(s)
	e.sockets[ws] = s
	return goja.Undefined()
}

// checkAcceptable throws workerd's error for a socket that cannot be accepted. The web
// platform checks a socket's state before its handlers, so asking it to hibernate the
// socket with no handlers throws the state's Error, or the handlers' TypeError when the
// state allows it, and changes nothing either way.
func (e *Engine) checkAcceptable(ws *goja.Object) {
	if e.isHibernatable(ws) {
		panic(e.newError(storage.KindError, msgAcceptedAlready))
	}
	_, err := e.web.hibernate(goja.Undefined(), ws, goja.Null())
	var ex *goja.Exception
	if !errors.As(err, &ex) {
		return
	}
	if obj, ok := ex.Value().(*goja.Object); ok && obj.Get("name").String() == "TypeError" {
		return
	}
	panic(ex.Value())
}

const msgAcceptedAlready = "Cannot call `acceptWebSocket()` if the WebSocket was already accepted via `accept()`"

func (e *Engine) isHibernatable(ws goja.Value) bool {
	v, err := e.web.isHibernatable(goja.Undefined(), ws)
	return err == nil && v.ToBoolean()
}

// distinctTags drops repeated tags, keeping the first of each. As in workerd, the count is
// checked before each tag is looked at, so an eleventh tag fails even when it repeats one.
func (e *Engine) distinctTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		if len(out) >= maxTagsPerSocket {
			panic(e.newError(storage.KindError,
				fmt.Sprintf("a Hibernatable WebSocket cannot have more than %d tags", maxTagsPerSocket)))
		}
		if len(t) > maxTagLength {
			panic(e.newError(storage.KindError,
				fmt.Sprintf("\"%s\" is longer than the max tag length (%d characters).", t, maxTagLength)))
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// jsGetWebSockets is natives.getWebSockets(instance, tag): every accepted socket newest first,
// or those of a tag oldest first, as workerd's lists run.
func (e *Engine) jsGetWebSockets(c goja.FunctionCall) goja.Value {
	o := e.liveInstance(c.Argument(0)).obj
	if o.hib == nil {
		return e.vm.NewArray()
	}
	if tag := c.Argument(1); !goja.IsUndefined(tag) {
		list := o.hib.byTag[tag.String()]
		items := make([]any, len(list))
		for i, s := range list {
			items[i] = s.ws
		}
		return e.vm.NewArray(items...)
	}
	list := o.hib.sockets
	items := make([]any, len(list))
	for i, s := range list {
		items[len(list)-1-i] = s.ws
	}
	return e.vm.NewArray(items...)
}

// jsGetTags is natives.getTags(ws). A socket keeps its tags after it closed.
func (e *Engine) jsGetTags(c goja.FunctionCall) goja.Value {
	ws := c.Argument(0).ToObject(e.vm)
	s := e.sockets[ws]
	if s == nil || !e.isHibernatable(ws) {
		if e.acceptedNormally(ws) {
			panic(e.newError(storage.KindError, "only hibernatable websockets can have tags."))
		}
		panic(e.newError(storage.KindError,
			"you must call 'acceptWebSocket()' before attempting to access the tags of a WebSocket."))
	}
	items := make([]any, len(s.tags))
	for i, t := range s.tags {
		items[i] = t
	}
	return e.vm.NewArray(items...)
}

// acceptedNormally reports whether ws was accepted with accept(): the web platform refuses
// to hibernate such a socket with the error that names accept().
func (e *Engine) acceptedNormally(ws *goja.Object) bool {
	_, err := e.web.hibernate(goja.Undefined(), ws, goja.Null())
	var ex *goja.Exception
	if !errors.As(err, &ex) {
		return false
	}
	obj, ok := ex.Value().(*goja.Object)
	return ok && obj.Get("message").String() == msgAcceptedAlready
}

// jsSetAutoResponse is natives.setAutoResponse(instance, request?, response?): without a
// request the pair is unset.
func (e *Engine) jsSetAutoResponse(c goja.FunctionCall) goja.Value {
	o := e.liveInstance(c.Argument(0)).obj
	if goja.IsUndefined(c.Argument(1)) {
		if o.hib != nil {
			o.hib.autoSet, o.hib.autoRequest, o.hib.autoResponse = false, "", ""
		}
		return goja.Undefined()
	}
	req, res := c.Argument(1).String(), c.Argument(2).String()
	sides := []struct{ name, text string }{{"Request", req}, {"Response", res}}
	for _, side := range sides {
		if len(side.text) > maxAutoResponseSize {
			panic(e.newError(storage.KindRangeError, fmt.Sprintf(
				"%s cannot be larger than %d bytes. A %s of size %d was provided.",
				side.name, maxAutoResponseSize, strings.ToLower(side.name), len(side.text))))
		}
	}
	h := o.hibOf()
	h.autoSet, h.autoRequest, h.autoResponse = true, req, res
	return goja.Undefined()
}

// jsGetAutoResponse is natives.getAutoResponse(instance): [request, response] or undefined.
func (e *Engine) jsGetAutoResponse(c goja.FunctionCall) goja.Value {
	o := e.liveInstance(c.Argument(0)).obj
	if o.hib == nil || !o.hib.autoSet {
		return goja.Undefined()
	}
	return e.vm.NewArray(o.hib.autoRequest, o.hib.autoResponse)
}

// jsAutoResponseTimestamp is natives.autoResponseTimestamp(ws): the time in ms of the last
// auto-response on ws, or undefined.
func (e *Engine) jsAutoResponseTimestamp(c goja.FunctionCall) goja.Value {
	s := e.sockets[c.Argument(0).ToObject(e.vm)]
	if s == nil || s.autoAt.IsZero() {
		return goja.Undefined()
	}
	return e.vm.ToValue(s.autoAt.UnixMilli())
}

// jsSetEventTimeout is natives.setEventTimeout(instance, ms); 0 unsets it.
func (e *Engine) jsSetEventTimeout(c goja.FunctionCall) goja.Value {
	o := e.liveInstance(c.Argument(0)).obj
	ms := c.Argument(1).ToInteger()
	if ms == 0 {
		if o.hib != nil {
			o.hib.timeoutMs = 0
		}
		return goja.Undefined()
	}
	if ms > maxEventTimeoutMs {
		panic(e.newError(storage.KindError, fmt.Sprintf("Event timeout should not exceed %d ms.", maxEventTimeoutMs)))
	}
	o.hibOf().timeoutMs = ms
	return goja.Undefined()
}

// jsGetEventTimeout is natives.getEventTimeout(instance): the timeout in ms, or null.
func (e *Engine) jsGetEventTimeout(c goja.FunctionCall) goja.Value {
	o := e.liveInstance(c.Argument(0)).obj
	if o.hib == nil || o.hib.timeoutMs == 0 {
		return goja.Null()
	}
	return e.vm.ToValue(o.hib.timeoutMs)
}
