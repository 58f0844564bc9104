package cftest

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/objects"
)

// natives are the functions the embedded JS calls. Argument checks that have the platform's
// texts live in JS; these answer what only Go knows.
func (h *helpers) natives() *goja.Object {
	obj := h.vm.NewObject()
	for name, fn := range map[string]func(goja.FunctionCall) goja.Value{
		"self":        h.jsSelf,
		"hasMain":     func(goja.FunctionCall) goja.Value { return h.vm.ToValue(h.rt.Main() != nil) },
		"isStub":      h.jsIsStub,
		"sameIsolate": h.jsSameIsolate,
		"runIn":       h.jsRunIn,
		"runAlarm":    h.jsRunAlarm,
		"listIds":     h.jsListIDs,
		"evict":       h.jsEvict,
		"evictAll": func(c goja.FunctionCall) goja.Value {
			h.e.EvictAllWith(objects.EvictOptions{CloseWebSockets: c.Argument(0).ToBoolean()})
			return goja.Undefined()
		},
		"abortAll":   func(goja.FunctionCall) goja.Value { h.e.AbortAll(); return goja.Undefined() },
		"reset":      h.jsReset,
		"recordWait": h.jsRecordWait,
	} {
		_ = obj.Set(name, fn)
	}
	return obj
}

// jsSelf returns the stub of the main module's default export, or undefined.
func (h *helpers) jsSelf(goja.FunctionCall) goja.Value {
	if h.rt.Main() == nil {
		return goja.Undefined()
	}
	return h.e.DefaultEntrypoint()
}

func (h *helpers) jsIsStub(c goja.FunctionCall) goja.Value {
	_, err := h.e.ObjectOf(c.Argument(0))
	return h.vm.ToValue(err == nil)
}

// jsSameIsolate reports whether a stub's object is of a class the main module exports, which
// is what lets a helper reach its instance: the classic pool asks the same of its bindings.
func (h *helpers) jsSameIsolate(c goja.FunctionCall) goja.Value {
	o := h.object(c.Argument(0))
	main := h.rt.Main()
	if main == nil {
		return h.vm.ToValue(false)
	}
	_, ok := goja.AssertConstructor(main.Get(o.Namespace().ClassName))
	return h.vm.ToValue(ok)
}

func (h *helpers) jsRunIn(c goja.FunctionCall) goja.Value {
	return h.e.RunInObject(h.object(c.Argument(0)), c.Argument(1))
}

func (h *helpers) jsRunAlarm(c goja.FunctionCall) goja.Value {
	return h.e.RunAlarm(h.object(c.Argument(0)))
}

// jsListIDs returns the ids of a namespace's objects as hex, null for a value that is not a
// namespace. Objects that reset() wiped within a frame are left out.
func (h *helpers) jsListIDs(c goja.FunctionCall) goja.Value {
	ns, err := h.e.NamespaceOf(c.Argument(0))
	if err != nil {
		return goja.Null()
	}
	out := []any{}
	for _, id := range h.e.ListIDs(ns) {
		if o, ok := ns.Lookup(id); ok && h.opts.Isolation != nil && !h.opts.Isolation.Listed(o) {
			continue
		}
		out = append(out, id.String())
	}
	return h.vm.NewArray(out...)
}

// jsEvict evicts a stub's object, closing its WebSockets when the second argument says so,
// and returns the message of the error to throw, or undefined.
func (h *helpers) jsEvict(c goja.FunctionCall) goja.Value {
	o := h.object(c.Argument(0))
	err := h.e.EvictWith(o, objects.EvictOptions{CloseWebSockets: c.Argument(1).ToBoolean()})
	switch {
	case err == nil:
		return goja.Undefined()
	case errors.Is(err, objects.ErrNotRunning):
		return h.vm.ToValue(fmt.Sprintf("Durable Object %s is not running, so it cannot be evicted.", o))
	default:
		return h.vm.ToValue(err.Error())
	}
}

// jsReset deletes every object's storage and alarm: through the frame stack when there is
// one, so that popping a frame brings back what it held. It returns the message of the error
// to throw, or undefined.
func (h *helpers) jsReset(goja.FunctionCall) goja.Value {
	var err error
	if h.opts.Isolation != nil {
		err = h.opts.Isolation.Reset()
	} else {
		h.e.AbortAll()
		for _, o := range h.e.Objects() {
			err = errors.Join(err, h.e.DeleteObject(o))
		}
	}
	if err != nil {
		return h.vm.ToValue(err.Error())
	}
	return goja.Undefined()
}

// jsRecordWait tells isolation that an ExecutionContext was handed work, at the place in the
// test that called waitUntil, and returns the function to call once it settles.
func (h *helpers) jsRecordWait(goja.FunctionCall) goja.Value {
	if h.opts.Isolation == nil {
		return h.vm.ToValue(func() {})
	}
	return h.vm.ToValue(h.opts.Isolation.WaitUntil(h.callerSite()))
}

// callerSite is the innermost place on the JS stack outside dotest's own code.
func (h *helpers) callerSite() string {
	for _, f := range h.vm.CaptureCallStack(0, nil) {
		p := f.Position()
		if p.Filename == "" || strings.HasPrefix(p.Filename, "dotest:") {
			continue
		}
		name := p.Filename
		rel, err := filepath.Rel(h.opts.Root, name)
		if err == nil && h.opts.Root != "" && !strings.HasPrefix(rel, "..") {
			name = filepath.ToSlash(rel)
		}
		return fmt.Sprintf("%s:%d:%d", name, p.Line, p.Column)
	}
	return "an ExecutionContext of createExecutionContext()"
}

// object returns the object of a stub the JS side has checked already.
func (h *helpers) object(v goja.Value) *objects.Object {
	o, err := h.e.ObjectOf(v)
	if err != nil {
		panic(h.vm.NewTypeError(err.Error()))
	}
	return o
}
