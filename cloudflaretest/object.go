package cloudflaretest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// RunInDurableObject runs fn inside the stub's object, as runInDurableObject does in JS: as
// one of the object's events, after those queued before it and within its gates, starting an
// instance first if none runs. fn gets an Object through which it reads and writes the
// object's storage and evaluates JS against the instance. The event lasts until fn returns;
// each call fn makes on the Object is a turn of the object, as each await of an async JS
// callback is, so other events of the object may run between two of them if something else
// sends them meanwhile. Writes have committed when RunInDurableObject returns.
//
// fn runs on the caller's goroutine, so it may use t.Fatal and testify's require. It returns
// fn's error, or the error that ended the event (the object was reset), or ErrNotObject for
// Self.
func (w *Worker) RunInDurableObject(stub *Stub, fn func(o *Object) error) error {
	if err := w.check(); err != nil {
		return err
	}
	h := w.h
	s := &objectSession{h: h, w: w, id: stub.id, entered: make(chan error, 2)}
	finished := make(chan error, 1)
	go func() {
		// The event lasts as long as fn: only entering it is bounded by the worker's timeout.
		_, err := h.wait(context.Background(), nil, named("RunInDurableObject"), func(id int64) error {
			return s.enter(id, stub)
		}, nil)
		finished <- err
		s.entered <- err // in case the event failed before fn could run
	}()

	select {
	case err := <-s.entered:
		if err != nil {
			return err
		}
	case <-time.After(h.timeout):
		s.abandon()
		return fmt.Errorf("RunInDurableObject: the object did not run the callback within %v: its earlier "+
			"events or its constructor are still running (WithTimeout changes this limit)", h.timeout)
	}

	var fnErr error
	func() {
		// Whatever fn does (returns, panics, t.FailNow), the event must end, or the object
		// would wait for it forever.
		defer s.leave()
		fnErr = fn(&Object{s: s})
	}()
	if err := <-finished; err != nil && fnErr == nil {
		return err
	}
	return fnErr
}

// objectSession is one RunInDurableObject under way: the instance and ctx it runs with live on
// the loop, in host.objects, under the session's key.
type objectSession struct {
	h   *host
	w   *Worker
	id  ID
	key int64

	entered chan error // nil once fn may run, or why it cannot

	mu   sync.Mutex
	done bool
}

// objectState is what the loop keeps for a session: the values the event runs with, and the
// functions that end it.
type objectState struct {
	instance, ctx goja.Value
	resolve       goja.Callable
}

// enter starts the event on the loop; s.entered receives nil once fn may run.
func (s *objectSession) enter(finalID int64, stub *Stub) error {
	h := s.h
	o, _, err := h.object(stub)
	if err != nil {
		return err
	}
	h.nextID++
	enterID := h.nextID
	h.pending[enterID] = func(ok bool, v goja.Value) {
		if !ok {
			return // the loop stopped; the final outcome says so
		}
		args := v.ToObject(h.rt.VM)
		resolve, _ := goja.AssertFunction(args.Get("2"))
		if s.abandoned() {
			_, _ = resolve(goja.Undefined())
			return
		}
		s.key = enterID
		h.objects[enterID] = &objectState{instance: args.Get("0"), ctx: args.Get("1"), resolve: resolve}
		s.entered <- nil
	}
	cb, err := h.js.inObject(goja.Undefined(), h.rt.VM.ToValue(enterID))
	if err != nil {
		return err
	}
	return h.settle(finalID, h.js.identity, h.engine.RunInObject(o, cb))
}

// abandon gives up on a callback that could not start in time: when the event comes, it ends
// at once.
func (s *objectSession) abandon() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.done = true
}

func (s *objectSession) abandoned() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.done
}

// leave ends the event: the callback's promise resolves, and the session's Object stops working.
func (s *objectSession) leave() {
	s.mu.Lock()
	s.done = true
	s.mu.Unlock()
	_ = s.h.run(func() error {
		st, ok := s.h.objects[s.key]
		if !ok {
			return nil
		}
		delete(s.h.objects, s.key)
		_, err := st.resolve(goja.Undefined())
		return err
	})
}

// Object is the object a RunInDurableObject callback runs inside. Its methods may be called
// from any goroutine until the callback returns, then fail with ErrObjectDone.
type Object struct {
	s *objectSession
}

// ID returns the object's id.
func (o *Object) ID() ID { return o.s.id }

// with runs start on the loop with the session's values, as await does.
func (o *Object) with(what string, start func(id int64, st *objectState) error,
	convert func(goja.Value) (any, error)) (any, error) {
	s := o.s
	s.mu.Lock()
	done := s.done
	s.mu.Unlock()
	if done {
		return nil, fmt.Errorf("%s: %w", what, ErrObjectDone)
	}
	if err := s.w.check(); err != nil {
		return nil, err
	}
	return s.h.await(context.Background(), named(what), func(id int64) error {
		st, ok := s.h.objects[s.key]
		if !ok {
			return fmt.Errorf("%s: %w", what, ErrObjectDone)
		}
		return start(id, st)
	}, convert)
}

// SQL runs query on the object's SQLite storage with args bound to its ? parameters, as
// ctx.storage.sql.exec(query, ...args).toArray() does, and returns the rows, one map per row
// from column name to value. Values come back as they do from JS: INTEGER and REAL columns as
// float64, TEXT as string, BLOB as []byte, NULL as nil. A KV-backed class gives workerd's
// error.
func (o *Object) SQL(query string, args ...any) ([]map[string]any, error) {
	h := o.s.h
	v, err := o.with("SQL", func(id int64, st *objectState) error {
		jsArgs, err := argsToJS(h, args)
		if err != nil {
			return err
		}
		return h.settle(id, h.js.sql, st.ctx, h.rt.VM.ToValue(query), jsArgs)
	}, h.fromJS)
	if err != nil {
		return nil, err
	}
	rows := v.([]any)
	out := make([]map[string]any, len(rows))
	for i, r := range rows {
		out[i] = r.(map[string]any)
	}
	return out, nil
}

func argsToJS(h *host, args []any) (goja.Value, error) {
	items := make([]any, len(args))
	for i, a := range args {
		v, err := toJS(h.rt.VM, a)
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		items[i] = v
	}
	return h.rt.VM.NewArray(items...), nil
}

// Eval evaluates JavaScript inside the object, with `instance` (the object's instance), `ctx`
// (its DurableObjectState) and `env` in scope, and returns its value, awaited when it is a
// promise, converted to Go as results are (not cloned: it reads the instance's own values). js
// is an expression ("instance.count") or the body of an async function ("await
// ctx.storage.put('k', 1); return 2").
func (o *Object) Eval(js string) (any, error) {
	h := o.s.h
	return o.with("Eval", func(id int64, st *objectState) error {
		fn, err := h.compileEval(js)
		if err != nil {
			return err
		}
		return h.settle(id, fn, st.instance, st.ctx, h.engine.Env())
	}, h.fromJS)
}

// compileEval compiles js once as an async function of (instance, ctx, env): an expression
// when it parses as one, else a function body.
func (h *host) compileEval(js string) (goja.Value, error) {
	if fn, ok := h.programs[js]; ok {
		return fn, nil
	}
	prg, err := goja.Compile("eval.js", "(async (instance, ctx, env) => (\n"+js+"\n))", true)
	if err != nil {
		var syntax *goja.CompilerSyntaxError
		if !errors.As(err, &syntax) {
			return nil, err
		}
		prg, err = goja.Compile("eval.js", "(async (instance, ctx, env) => {\n"+js+"\n})", true)
		if err != nil {
			return nil, fmt.Errorf("Eval: the code is neither an expression nor a function body: %w", err)
		}
	}
	v, err := h.rt.VM.RunProgram(prg)
	if err != nil {
		return nil, err
	}
	h.programs[js] = v
	return v, nil
}

// KV returns the object's key-value storage.
func (o *Object) KV() *KV { return &KV{o: o} }

// KV is the key-value storage of an object inside RunInDurableObject, reached through the
// asynchronous ctx.storage API (get, put, delete, list), so it works for SQLite- and KV-backed
// classes alike. Values are structured-cloned as storage clones them: put a Go value and JS
// reads what Stub.Call would have passed; get a value and Go sees what Call would return.
type KV struct {
	o *Object
}

// Get returns the value stored under key, or nil when there is none.
func (kv *KV) Get(key string) (any, error) {
	h := kv.o.s.h
	return kv.o.with("KV.Get", func(id int64, st *objectState) error {
		return h.settle(id, h.js.get, st.ctx, h.rt.VM.ToValue(key))
	}, h.fromJS)
}

// Put stores value under key.
func (kv *KV) Put(key string, value any) error {
	h := kv.o.s.h
	_, err := kv.o.with("KV.Put", func(id int64, st *objectState) error {
		v, err := toJS(h.rt.VM, value)
		if err != nil {
			return err
		}
		return h.settle(id, h.js.put, st.ctx, h.rt.VM.ToValue(key), v)
	}, nil)
	return err
}

// Delete removes key and reports whether it was there.
func (kv *KV) Delete(key string) (bool, error) {
	h := kv.o.s.h
	v, err := kv.o.with("KV.Delete", func(id int64, st *objectState) error {
		return h.settle(id, h.js.del, st.ctx, h.rt.VM.ToValue(key))
	}, func(v goja.Value) (any, error) { return v.ToBoolean(), nil })
	if err != nil {
		return false, err
	}
	return v.(bool), nil
}

// ListOptions select the entries that KV.List returns, as the options of storage.list do.
// Zero fields select nothing.
type ListOptions struct {
	Prefix  string
	Start   string // the first key, included
	End     string // the key to stop before
	Limit   int
	Reverse bool
}

// Entry is one key and its value.
type Entry struct {
	Key   string
	Value any
}

// List returns the entries the options select, in key order (reversed with Reverse).
func (kv *KV) List(opts ListOptions) ([]Entry, error) {
	h := kv.o.s.h
	v, err := kv.o.with("KV.List", func(id int64, st *objectState) error {
		jsOpts := h.rt.VM.NewObject()
		set := func(name string, v any, present bool) {
			if present {
				_ = jsOpts.Set(name, v)
			}
		}
		set("prefix", opts.Prefix, opts.Prefix != "")
		set("start", opts.Start, opts.Start != "")
		set("end", opts.End, opts.End != "")
		set("limit", opts.Limit, opts.Limit > 0)
		set("reverse", opts.Reverse, opts.Reverse)
		return h.settle(id, h.js.list, st.ctx, jsOpts)
	}, h.fromJS)
	if err != nil {
		return nil, err
	}
	pairs := v.([]any)
	out := make([]Entry, len(pairs))
	for i, p := range pairs {
		kv := p.([]any)
		out[i] = Entry{Key: kv[0].(string), Value: kv[1]}
	}
	return out, nil
}
