package jsrt

import (
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"github.com/dop251/goja"
)

// Options configure a new Runtime.
type Options struct {
	// Clock is the runtime's time; nil means a new real clock.
	Clock *Clock
	// Console receives each line that console.* prints; stream is "stdout" or "stderr".
	Console func(stream, text string)
	// Logger receives the runtime's own diagnostics; nil discards them.
	Logger *slog.Logger
}

// Module builds the exports of a virtual module ("vitest", "cloudflare:test", "node:buffer")
// in one runtime. It runs the first time the module is required.
type Module func(rt *Runtime) (goja.Value, error)

// ErrorHandler receives an exception that escaped to the loop: thrown in a timer, by a
// queueMicrotask callback, an unhandled rejection, or reported by an engine.
type ErrorHandler func(ex *Exception)

// Runtime is one goja runtime with its event loop and clock. See the package documentation
// for which goroutine may call what.
type Runtime struct {
	VM    *goja.Runtime
	Loop  *Loop
	Clock *Clock
	Log   *slog.Logger

	host     *goja.Object
	modules  map[string]Module
	exports  map[string]goja.Value
	main     *goja.Object
	console  func(stream, text string)
	inspect  goja.Callable
	onError  ErrorHandler
	rejected map[*goja.Promise]int  // unhandled rejections, in the order they happened
	awaited  map[*goja.Promise]bool // promises Go waits for: their rejection is the caller's
	rejectN  int
}

// New returns a runtime with the prelude, timers, queueMicrotask and console installed, and
// the host object globalThis.__dotest that bundles use to reach virtual modules.
func New(opts Options) (*Runtime, error) {
	clock := opts.Clock
	if clock == nil {
		clock = NewClock(nil)
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	rt := &Runtime{
		VM:       goja.New(),
		Loop:     newLoop(clock),
		Clock:    clock,
		Log:      log,
		modules:  map[string]Module{},
		exports:  map[string]goja.Value{},
		console:  opts.Console,
		rejected: map[*goja.Promise]int{},
		awaited:  map[*goja.Promise]bool{},
	}
	rt.onError = rt.logError
	if rt.console == nil {
		rt.console = func(string, string) {}
	}

	rt.VM.SetTimeSource(clock.Now)
	rt.VM.SetFieldNameMapper(goja.UncapFieldNameMapper())
	rt.VM.SetPromiseRejectionTracker(rt.trackRejection)
	rt.Loop.onError = rt.handleTaskError
	rt.Loop.AfterTurn(rt.reportRejections)

	if err := rt.install(); err != nil {
		return nil, fmt.Errorf("failed to set up the runtime: %w", err)
	}
	return rt, nil
}

func (rt *Runtime) install() error {
	rt.host = rt.VM.NewObject()
	if err := rt.VM.Set("__dotest", rt.host); err != nil {
		return err
	}
	steps := []func() error{
		func() error { return rt.host.Set("require", rt.require) },
		func() error { return rt.host.Set("setMain", rt.setMain) },
		func() error { return rt.host.Set("reportError", rt.jsReportError) },
		rt.installTimers,
		func() error { return rt.runEmbedded(preludeProgram) },
		rt.installConsole,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// Host is globalThis.__dotest, where packages hang what their embedded JS needs from Go.
func (rt *Runtime) Host() *goja.Object { return rt.host }

// DefineModule makes name importable by bundles. A later definition replaces an earlier one
// that has not been required yet.
func (rt *Runtime) DefineModule(name string, m Module) { rt.modules[name] = m }

// Require returns the exports of a virtual module, building them on first use.
func (rt *Runtime) Require(name string) (goja.Value, error) {
	if v, ok := rt.exports[name]; ok {
		return v, nil
	}
	m, ok := rt.modules[name]
	if !ok {
		return nil, &ModuleError{Name: name, Known: rt.ModuleNames()}
	}
	v, err := m(rt)
	if err != nil {
		return nil, fmt.Errorf("failed to load module %q: %w", name, err)
	}
	rt.exports[name] = v
	return v, nil
}

// ModuleNames lists the virtual modules the runtime provides, sorted.
func (rt *Runtime) ModuleNames() []string {
	names := make([]string, 0, len(rt.modules))
	for n := range rt.modules {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ModuleError says that a bundle imported a virtual module the runtime does not provide.
type ModuleError struct {
	Name  string
	Known []string
}

func (e *ModuleError) Error() string {
	return fmt.Sprintf("dotest does not provide the module %q", e.Name)
}

func (rt *Runtime) require(name string) goja.Value {
	v, err := rt.Require(name)
	if err != nil {
		panic(rt.VM.NewGoError(err))
	}
	return v
}

// Main is the namespace of the project's main module once the bundle has registered it, or
// nil when the project has none.
func (rt *Runtime) Main() *goja.Object { return rt.main }

func (rt *Runtime) setMain(m *goja.Object) { rt.main = m }

// SetErrorHandler points uncaught exceptions at h; the test runner routes them to the test
// that is running.
func (rt *Runtime) SetErrorHandler(h ErrorHandler) { rt.onError = h }

// ReportError hands an exception that escaped to the loop to the error handler.
func (rt *Runtime) ReportError(origin string, v goja.Value) {
	ex := rt.Exception(v)
	ex.Origin = origin
	rt.onError(ex)
}

func (rt *Runtime) jsReportError(origin string, v goja.Value) { rt.ReportError(origin, v) }

func (rt *Runtime) logError(ex *Exception) {
	rt.Log.Error("uncaught exception", "origin", ex.Origin, "error", ex.Error())
}

// handleTaskError decides what an error returned by a task means: an interrupt ends the loop
// (an interrupted goja runtime cannot be trusted again); a JS exception is reported.
func (rt *Runtime) handleTaskError(err error) bool {
	var intr *goja.InterruptedError
	if errors.As(err, &intr) {
		return true
	}
	var jsErr *goja.Exception
	if errors.As(err, &jsErr) {
		rt.ReportError("task", jsErr.Value())
		return false
	}
	rt.onError(&Exception{Name: "Error", Message: err.Error(), Origin: "task", goErr: err})
	return false
}

// Run runs a compiled program as one task and returns its completion value.
func (rt *Runtime) Run(prg *goja.Program) (goja.Value, error) {
	var result goja.Value
	var runErr error
	rt.Loop.Enqueue(func() error {
		result, runErr = rt.VM.RunProgram(prg)
		if p, ok := AsPromise(result); ok {
			// The promise goes to the caller, whose job it is to handle its rejection.
			rt.markHandled(p)
		}
		return asFatal(runErr)
	})
	done := false
	rt.Loop.Enqueue(func() error { done = true; return nil })
	if err := rt.Loop.RunUntil(func() bool { return done }); err != nil {
		return nil, err
	}
	return result, runErr
}

// asFatal lets only interrupts through to the loop; other errors stay with the caller.
func asFatal(err error) error {
	var intr *goja.InterruptedError
	if errors.As(err, &intr) {
		return err
	}
	return nil
}

// ErrNeverSettles is returned by Await for a promise that can no longer settle.
var ErrNeverSettles = errors.New("the promise never settled: nothing left on the event loop could settle it")

// Await runs the loop until v settles, and returns its value or its rejection as an
// *Exception. A v that is not a promise is returned as it is.
func (rt *Runtime) Await(v goja.Value) (goja.Value, error) {
	p, ok := AsPromise(v)
	if !ok {
		return v, nil
	}
	rt.awaited[p] = true
	defer delete(rt.awaited, p)
	err := rt.Loop.RunUntil(func() bool { return p.State() != goja.PromiseStatePending })
	if errors.Is(err, ErrIdle) {
		return nil, ErrNeverSettles
	}
	if err != nil {
		return nil, err
	}
	if p.State() == goja.PromiseStateRejected {
		rt.markHandled(p)
		return nil, rt.Exception(p.Result())
	}
	return p.Result(), nil
}

// AsPromise returns the promise v holds, if it holds one.
func AsPromise(v goja.Value) (*goja.Promise, bool) {
	if v == nil {
		return nil, false
	}
	p, ok := v.Export().(*goja.Promise)
	return p, ok
}

// Interrupt stops the JavaScript that is running now, from any goroutine. The runtime must be
// thrown away afterwards: an interrupt inside a promise job leaves goja unable to run jobs.
func (rt *Runtime) Interrupt(reason string) { rt.VM.Interrupt(reason) }

func (rt *Runtime) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	if op == goja.PromiseRejectionHandle {
		delete(rt.rejected, p)
		return
	}
	if rt.awaited[p] {
		return
	}
	rt.rejectN++
	rt.rejected[p] = rt.rejectN
}

func (rt *Runtime) markHandled(p *goja.Promise) { delete(rt.rejected, p) }

// reportRejections reports, after a turn, each promise that was rejected and still has no
// handler, in the order they were rejected.
func (rt *Runtime) reportRejections() {
	if len(rt.rejected) == 0 {
		return
	}
	ps := make([]*goja.Promise, 0, len(rt.rejected))
	for p := range rt.rejected {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return rt.rejected[ps[i]] < rt.rejected[ps[j]] })
	clear(rt.rejected)
	for _, p := range ps {
		rt.ReportError("unhandled rejection", p.Result())
	}
}

// Call calls a JS function as one task, reporting what it throws, and returns at once; the
// loop runs it in turn. It is how engines deliver events.
func (rt *Runtime) Call(origin string, fn goja.Callable, this goja.Value, args ...goja.Value) {
	rt.Loop.Enqueue(func() error {
		_, err := fn(this, args...)
		return rt.taskResult(origin, err)
	})
}

// taskResult turns what a JS call returned into what a task returns: an interrupt is fatal,
// an exception is reported with its origin.
func (rt *Runtime) taskResult(origin string, err error) error {
	if err == nil {
		return nil
	}
	if fatal := asFatal(err); fatal != nil {
		return fatal
	}
	var jsErr *goja.Exception
	if errors.As(err, &jsErr) {
		rt.ReportError(origin, jsErr.Value())
		return nil
	}
	return err
}

// RealDeadline schedules fn on real time, whatever the clock does; the harness's timeouts
// use it. It returns a function that cancels it.
func (rt *Runtime) RealDeadline(d time.Duration, fn func()) (cancel func()) {
	t := rt.Loop.SetTimer(RealTimer, d, 0, func() error { fn(); return nil })
	return func() { rt.Loop.ClearTimer(t.ID) }
}
