package cloudflaretest

import (
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/objects"
)

// Env is the env of the worker, as its handlers receive it.
type Env struct {
	w *Worker
}

// Env returns the worker's env.
func (w *Worker) Env() *Env { return &Env{w: w} }

// Namespace returns the Durable Object namespace bound to binding, as env.COUNTER is.
func (e *Env) Namespace(binding string) *Namespace { return &Namespace{w: e.w, binding: binding} }

// Var returns a plain binding of env (wrangler vars, .dev.vars secrets), converted to Go as
// results are. A name env does not have is an error.
func (e *Env) Var(name string) (any, error) {
	var out any
	h := e.w.h
	err := e.w.do(func() error {
		obj := h.engine.Env()
		if !hasOwn(obj, name) {
			return fmt.Errorf("env has no binding %q: add it to \"vars\" in %s, or to .dev.vars", name,
				configName(h.proj))
		}
		v, err := h.fromJS(obj.Get(name))
		out = v
		return err
	})
	return out, err
}

// Namespace returns the Durable Object namespace bound to binding: w.Env().Namespace(binding).
// A binding that env lacks is reported by the first call that needs it.
func (w *Worker) Namespace(binding string) *Namespace { return w.Env().Namespace(binding) }

// Namespace is a Durable Object namespace of the worker, a DurableObjectNamespace seen from
// Go. Its methods are safe from any goroutine.
type Namespace struct {
	w       *Worker
	binding string
}

// Binding is the name of env that holds the namespace.
func (ns *Namespace) Binding() string { return ns.binding }

// ID is a Durable Object id, with the name it was derived from when there is one. The zero ID
// and an ID whose namespace failed carry an error that Get passes on to the stub's calls.
type ID struct {
	hex  string
	name string
	err  error
}

// String returns the id as 64 hex digits, as id.toString() does in JS; ids derived from a
// name match those that wrangler dev derives for the same worker, class and name.
func (id ID) String() string { return id.hex }

// Name returns the name the id was derived from, "" for a unique or parsed id.
func (id ID) Name() string { return id.name }

// IDFromName derives the id of name, as idFromName does.
func (ns *Namespace) IDFromName(name string) ID {
	id := ID{name: name}
	id.err = ns.w.do(func() error {
		n, err := ns.w.h.namespace(ns.binding)
		if err == nil {
			id.hex = n.IDFromName(name).String()
		}
		return err
	})
	return id
}

// NewUniqueID returns a new random id, as newUniqueId does.
func (ns *Namespace) NewUniqueID() ID {
	var id ID
	id.err = ns.w.do(func() error {
		h := ns.w.h
		if _, err := ns.w.h.namespace(ns.binding); err != nil {
			return err
		}
		v, err := callMethod(h.engine.Env().Get(ns.binding), "newUniqueId")
		if err == nil {
			id.hex = v.String()
		}
		return err
	})
	return id
}

// IDFromString parses the hex text of an id of this namespace, as idFromString does, with
// workerd's errors for text that is not an id or belongs to another namespace.
func (ns *Namespace) IDFromString(s string) (ID, error) {
	id := ID{}
	err := ns.w.do(func() error {
		n, err := ns.w.h.namespace(ns.binding)
		if err != nil {
			return err
		}
		parsed, err := n.ParseID(s)
		if err != nil {
			return fmt.Errorf("IDFromString(%q): %w", s, err)
		}
		id.hex = parsed.String()
		if o, ok := n.Lookup(parsed); ok {
			id.name = o.Name()
		}
		return nil
	})
	return id, err
}

// Get returns a stub of the object with the given id, as get(id) does. Making a stub does not
// start the object; its first call does.
func (ns *Namespace) Get(id ID) *Stub {
	return &Stub{w: ns.w, key: stubKeys.Add(1), binding: ns.binding, id: id, err: id.err}
}

// GetByName returns a stub of the object named name: Get(IDFromName(name)), as getByName
// does.
func (ns *Namespace) GetByName(name string) *Stub { return ns.Get(ns.IDFromName(name)) }

// stubKeys numbers stubs: the runtime keeps each stub's JS stub under its number.
var stubKeys atomic.Int64

// Stub is a Durable Object stub, or with Worker.Self the stub of the worker's default export,
// seen from Go. Each Stub stands for one JS stub, made on its first call, so stubs behave as
// JS stubs do: a stub whose object was reset keeps failing, a new Stub reaches a new instance.
// Its methods are safe from any goroutine.
type Stub struct {
	w       *Worker
	key     int64
	binding string // "" for Self
	id      ID
	err     error
}

// ID returns the id of the stub's object; the zero ID for Self.
func (s *Stub) ID() ID { return s.id }

// Self returns the stub of the worker's default export, what SELF and exports.default are in
// JS: Fetch goes to its fetch handler, Call is RPC to a WorkerEntrypoint.
func (w *Worker) Self() *Stub { return &Stub{w: w, key: stubKeys.Add(1)} }

// jsStub returns the JS stub of s, making it on first use. It runs on the loop.
func (h *host) jsStub(s *Stub) (goja.Value, error) {
	if s.err != nil {
		return nil, s.err
	}
	if v, ok := h.stubs[s.key]; ok {
		return v, nil
	}
	var v goja.Value
	if s.binding == "" {
		v = h.engine.DefaultEntrypoint()
		if v == nil || goja.IsUndefined(v) {
			return nil, fmt.Errorf("the main module %s has no default export: export a handler such as "+
				"`export default { fetch }` or a WorkerEntrypoint class", h.proj.Main)
		}
	} else {
		var err error
		if v, err = h.objectStub(s); err != nil {
			return nil, err
		}
	}
	h.stubs[s.key] = v
	return v, nil
}

// objectStub makes the JS stub of a Durable Object as JS code would, keeping the name.
func (h *host) objectStub(s *Stub) (goja.Value, error) {
	if _, err := h.namespace(s.binding); err != nil {
		return nil, err
	}
	ns := h.engine.Env().Get(s.binding)
	var id goja.Value
	var err error
	if s.id.name != "" {
		id, err = callMethod(ns, "idFromName", h.rt.VM.ToValue(s.id.name))
	} else {
		id, err = callMethod(ns, "idFromString", h.rt.VM.ToValue(s.id.hex))
	}
	if err != nil {
		return nil, err
	}
	return callMethod(ns, "get", id)
}

// object returns the engine's object behind a Durable Object stub. It runs on the loop.
func (h *host) object(s *Stub) (*objects.Object, goja.Value, error) {
	if s.binding == "" && s.err == nil {
		return nil, nil, fmt.Errorf("%w: Self() is the worker, not a Durable Object; use a stub from "+
			"w.Namespace(binding)", ErrNotObject)
	}
	v, err := h.jsStub(s)
	if err != nil {
		return nil, nil, err
	}
	o, err := h.engine.ObjectOf(v)
	return o, v, err
}

// namespace returns the engine's namespace of a binding, or an error that lists the bindings
// there are.
func (h *host) namespace(binding string) (*objects.Namespace, error) {
	if ns, ok := h.engine.Namespace(binding); ok {
		return ns, nil
	}
	var names []string
	for _, b := range h.proj.DurableObjects {
		names = append(names, b.Name)
	}
	have := "it has none"
	if len(names) > 0 {
		have = "it has " + strings.Join(names, ", ")
	}
	return nil, fmt.Errorf("%w %q in env (%s): add it to \"durable_objects\".\"bindings\" in %s",
		ErrNoBinding, binding, have, configName(h.proj))
}

// callMethod calls obj[name](args...) in JS.
func callMethod(obj goja.Value, name string, args ...goja.Value) (goja.Value, error) {
	o, ok := obj.(*goja.Object)
	if !ok {
		return nil, fmt.Errorf("cannot call %s on %s", name, obj)
	}
	f, ok := goja.AssertFunction(o.Get(name))
	if !ok {
		return nil, fmt.Errorf("%s is not a function", name)
	}
	return f(o, args...)
}

func hasOwn(obj *goja.Object, name string) bool {
	for _, k := range obj.Keys() {
		if k == name {
			return true
		}
	}
	return false
}

// do runs f on the loop for this view, failing with ErrClosed once the view is closed.
func (w *Worker) do(f func() error) error {
	if err := w.check(); err != nil {
		return err
	}
	return w.h.run(f)
}
