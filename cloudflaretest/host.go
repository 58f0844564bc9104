package cloudflaretest

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/objects"
	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/isolation"
	"github.com/dotest-dev/dotest/pool"
)

var (
	//go:embed js/host.js
	hostSource  string
	hostProgram = jsrt.MustCompile("dotest:cloudflaretest/host.js", hostSource)
)

// host owns one runtime. Its goroutine runs the event loop for the whole life of the worker,
// so timers, alarms and I/O make progress between calls from Go; every goja value is created
// and used there. Goroutines of tests reach it only through run and await, which submit a
// task to the loop (jsrt.Loop.Submit) and wait for the task's answer, the context or the end
// of the loop, whichever comes first.
type host struct {
	runtime *pool.Runtime // what rt, engine and stack belong to; closing it closes them
	rt      *jsrt.Runtime
	engine  *objects.Engine
	stack   *isolation.Stack
	proj    *project.Project
	timeout time.Duration // the deadline of a call whose context has none
	log     *slog.Logger

	done    chan struct{} // closed once the loop has stopped
	stopErr error         // why the loop stopped, set before done is closed
	release func()        // the hold that keeps the loop waiting for calls

	mu    sync.Mutex
	views []*Worker // the open views, outermost first: the last one gets console output and errors

	// Fields for the loop's goroutine only.
	js          jsHelpers
	objectProto *goja.Object // Object.prototype, as it was before user code ran
	stopping    bool
	nextID      int64
	pending     map[int64]func(ok bool, v goja.Value)
	stubs       map[int64]goja.Value   // the JS stub of each Stub, made on its first use
	objects     map[int64]*objectState // the RunInDurableObject callbacks under way
	programs    map[string]goja.Value  // compiled Object.Eval sources
}

// jsHelpers are the functions of js/host.js: those Go calls, and those it hands to settle.
type jsHelpers struct {
	settle, kindOf, viewBytes, entries, regexpText, dateTime, inObject goja.Callable
	call, fetchVia, identity, sql, get, put, del, list                 goja.Value
}

// install runs js/host.js in the runtime; it runs on the goroutine that builds the runtime.
func (h *host) install() error {
	fn, err := h.rt.Setup(hostProgram, h.rt.VM.ToValue(h.jsDone))
	if err != nil {
		return err
	}
	obj := fn.ToObject(h.rt.VM)
	h.objectProto = h.rt.VM.Get("Object").ToObject(h.rt.VM).Get("prototype").ToObject(h.rt.VM)
	storage := obj.Get("storage").ToObject(h.rt.VM)
	callables := map[string]*goja.Callable{
		"settle": &h.js.settle, "kindOf": &h.js.kindOf, "viewBytes": &h.js.viewBytes, "entries": &h.js.entries,
		"regexpText": &h.js.regexpText, "dateTime": &h.js.dateTime, "inObject": &h.js.inObject,
	}
	for name, into := range callables {
		c, ok := goja.AssertFunction(obj.Get(name))
		if !ok {
			return fmt.Errorf("host.js lacks %s", name)
		}
		*into = c
	}
	values := map[string]*goja.Value{
		"call": &h.js.call, "fetchVia": &h.js.fetchVia, "identity": &h.js.identity,
		"storage.sql": &h.js.sql, "storage.get": &h.js.get, "storage.put": &h.js.put,
		"storage.delete": &h.js.del, "storage.list": &h.js.list,
	}
	for name, into := range values {
		from, key := obj, name
		if rest, ok := strings.CutPrefix(name, "storage."); ok {
			from, key = storage, rest
		}
		*into = from.Get(key)
	}
	return nil
}

// evaluate runs the bundle of the main module on the goroutine that builds the runtime, and
// waits for its top-level code, interrupting it after timeout.
func (h *host) evaluate(prg *goja.Program, timeout time.Duration) error {
	timer := time.AfterFunc(timeout, func() {
		h.rt.Interrupt(fmt.Sprintf("the main module kept running for %v", timeout))
	})
	defer timer.Stop()

	_, err := h.rt.Run(prg)
	if err == nil {
		_, err = h.rt.Await(h.rt.Host().Get("loaded"))
	}
	var ex *jsrt.Exception
	var interrupted *goja.InterruptedError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &interrupted):
		return fmt.Errorf("the main module did not finish loading within %v (the project's hookTimeout): "+
			"look for an infinite loop in its top-level code", timeout)
	case errors.As(err, &ex):
		return fmt.Errorf("the main module threw while loading: %w", &JSError{Name: ex.Name, Message: ex.Message,
			Stack: ex.Stack})
	}
	return fmt.Errorf("failed to load the main module: %w", err)
}

// start hands the runtime to a goroutine of its own, which runs the loop until stop.
func (h *host) start() {
	h.done = make(chan struct{})
	h.release = h.rt.Loop.Hold()
	go func() {
		defer close(h.done)
		err := h.rt.Loop.RunUntil(func() bool { return h.stopping })
		h.failPending()
		if cerr := h.runtime.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("failed to close the Durable Object engine: %w", cerr)
		}
		h.stopErr = err
	}()
}

// stop ends the loop once the tasks queued before it have run, and waits for it, interrupting
// JavaScript that never ends.
func (h *host) stop() error {
	h.rt.Loop.Submit(func() error {
		h.stopping = true
		return nil
	})
	h.release()
	timer := time.NewTimer(h.timeout)
	defer timer.Stop()
	select {
	case <-h.done:
	case <-timer.C:
		h.unstick()
		<-h.done
	}
	return h.stopErr
}

// failPending answers the calls still waiting when the loop stops: their promises can no
// longer settle.
func (h *host) failPending() {
	for id, f := range h.pending {
		delete(h.pending, id)
		f(false, nil)
	}
}

// dead is the error of a call that reaches a loop that stopped.
func (h *host) dead() error {
	if h.stopErr != nil && !errors.Is(h.stopErr, jsrt.ErrIdle) {
		return fmt.Errorf("%w: %w", ErrStopped, h.stopErr)
	}
	return ErrClosed
}

// run runs f on the loop's goroutine as one task and returns its error. A panic in f is
// returned as an error rather than crashing the loop. When the task has not run within the
// worker's timeout, the loop is checked for JavaScript that never ends (see unstick).
func (h *host) run(f func() error) error {
	answer := make(chan error, 1)
	h.rt.Loop.Submit(func() error {
		answer <- h.jsErrorOf(protect(f))
		return nil
	})
	timer := time.NewTimer(h.timeout)
	defer timer.Stop()
	for {
		select {
		case err := <-answer:
			return err
		case <-h.done:
			return h.dead()
		case <-timer.C:
			h.unstick()
		}
	}
}

// protect calls f, turning a panic into an error that carries the Go stack for a bug report.
func protect(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("cloudflaretest: internal error: %v\n%s", v, debug.Stack())
		}
	}()
	return f()
}

// outcome is what an asynchronous operation answered, converted on the loop's goroutine.
type outcome struct {
	v   any
	err error
}

// await starts an asynchronous operation on the loop and waits for its outcome. start runs on
// the loop with a fresh id and must arrange for jsDone(id, ...) to be called once, typically
// through the settle helper; convert turns the value into Go there. A context without a
// deadline gets the worker's timeout; when the context ends first, await returns its error
// and the operation goes on in the runtime, its outcome dropped. what names the operation in
// the error of a timeout.
func (h *host) await(ctx context.Context, what func() string, start func(id int64) error,
	convert func(goja.Value) (any, error)) (any, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	var expired <-chan time.Time
	if _, ok := ctx.Deadline(); !ok {
		// A timer rather than a derived context: await runs for every call.
		timer := time.NewTimer(h.timeout)
		defer timer.Stop()
		expired = timer.C
	}
	return h.wait(ctx, expired, what, start, convert)
}

// wait is await with the worker's timeout as the channel expired, nil for none.
func (h *host) wait(ctx context.Context, expired <-chan time.Time, what func() string,
	start func(id int64) error, convert func(goja.Value) (any, error)) (any, error) {
	answer := make(chan outcome, 1)
	h.rt.Loop.Submit(func() error {
		h.nextID++
		id := h.nextID
		h.pending[id] = func(ok bool, v goja.Value) { answer <- h.outcome(ok, v, convert) }
		if err := protect(func() error { return start(id) }); err != nil {
			if _, waiting := h.pending[id]; waiting {
				delete(h.pending, id)
				answer <- outcome{err: h.jsErrorOf(err)}
			}
		}
		return nil
	})

	select {
	case o := <-answer:
		return o.v, o.err
	case <-h.done:
		return nil, h.dead()
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-expired:
		h.unstick()
		return nil, fmt.Errorf("%s did not finish within %v: %w (WithTimeout changes this limit; "+
			"a context with a deadline replaces it)", what(), h.timeout, context.DeadlineExceeded)
	}
}

// named is the what of await for an operation of a fixed name.
func named(s string) func() string { return func() string { return s } }

// unstick checks that the loop still takes tasks, after a call ran out of time: when it does
// not within the worker's timeout, JavaScript is running without end (an infinite loop), and
// the runtime is interrupted. It cannot be used afterwards, so every later call fails with
// ErrClosed and the reason, and the test fails when it ends.
func (h *host) unstick() {
	probe := make(chan struct{})
	h.rt.Loop.Submit(func() error {
		close(probe)
		return nil
	})
	timer := time.NewTimer(h.timeout)
	defer timer.Stop()
	select {
	case <-probe:
	case <-h.done:
	case <-timer.C:
		h.rt.Interrupt(fmt.Sprintf("the worker's JavaScript ran for more than %v without returning to the "+
			"event loop: look for an infinite loop", h.timeout))
	}
}

// outcome converts what settled: a value through convert, a rejection into a *JSError.
func (h *host) outcome(ok bool, v goja.Value, convert func(goja.Value) (any, error)) outcome {
	switch {
	case v == nil && !ok:
		return outcome{err: ErrClosed}
	case !ok:
		return outcome{err: h.jsError(v)}
	case convert == nil:
		return outcome{}
	}
	var out outcome
	out.err = protect(func() error {
		var err error
		out.v, err = convert(v)
		return err
	})
	return out
}

// jsDone is done(id, ok, value) of host.js: the outcome of an operation that await started.
func (h *host) jsDone(c goja.FunctionCall) goja.Value {
	id := c.Argument(0).ToInteger()
	if f, ok := h.pending[id]; ok {
		delete(h.pending, id)
		f(c.Argument(1).ToBoolean(), c.Argument(2))
	}
	return goja.Undefined()
}

// settle calls the settle helper of host.js: f(args...), at most three of them, reports to
// jsDone(id).
func (h *host) settle(id int64, f goja.Value, args ...goja.Value) error {
	var all [5]goja.Value
	all[0], all[1] = h.rt.VM.ToValue(id), f
	copy(all[2:], args)
	for i := 2 + len(args); i < len(all); i++ {
		all[i] = goja.Undefined()
	}
	_, err := h.js.settle(goja.Undefined(), all[:]...)
	return err
}

// jsErrorOf turns a JS exception that a Go function on the loop met into a *JSError.
func (h *host) jsErrorOf(err error) error {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return h.jsError(ex.Value())
	}
	return err
}

// jsError describes a thrown value.
func (h *host) jsError(v goja.Value) *JSError {
	ex := h.rt.Exception(v)
	return &JSError{Name: ex.Name, Message: ex.Message, Stack: ex.Stack}
}

// onUncaught receives what escaped to the loop: a timer that threw, a rejection nobody
// handled, an alarm that failed. The innermost open view reports it when it closes.
func (h *host) onUncaught(ex *jsrt.Exception) {
	var err error = &JSError{Name: ex.Name, Message: ex.Message, Stack: ex.Stack}
	if ex.Origin != "" {
		err = fmt.Errorf("uncaught exception (%s): %w", ex.Origin, err)
	}
	if v := h.current(); v != nil {
		v.addUncaught(err)
		return
	}
	h.log.Error("uncaught exception in the worker", "origin", ex.Origin, "error", err.Error())
}

// onConsole receives what console.* prints.
func (h *host) onConsole(stream, text string) {
	if v := h.current(); v != nil && v.console(stream, text) {
		return
	}
	h.log.Info("console", "stream", stream, "text", text)
}

// current is the innermost open view.
func (h *host) current() *Worker {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.views) == 0 {
		return nil
	}
	return h.views[len(h.views)-1]
}

func (h *host) pushView(w *Worker) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.views = append(h.views, w)
}

func (h *host) popView(w *Worker) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := len(h.views) - 1; i >= 0; i-- {
		if h.views[i] == w {
			h.views = append(h.views[:i], h.views[i+1:]...)
			return
		}
	}
}
