package cloudflaretest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/internal/vitest"
	"github.com/dotest-dev/dotest/pool"
)

// Worker is a project's worker running in a runtime of its own, for Go tests to drive: its
// Durable Objects through stubs (Namespace, Self), HTTP through Handler, and the helpers of
// cloudflare:test (RunAlarm, RunInDurableObject, ListDurableObjectIDs, Evict, Advance).
//
// Every method is safe to call from any goroutine, at the same time: calls are handed to the
// runtime's goroutine and run there one task at a time, in the order they arrive, while the
// runtime's event loop keeps running timers, alarms and I/O between them.
//
// A Worker is also a view on the storage frames of isolation: New pushes a frame and pops it
// when its test ends, and Sub does the same for a subtest, on the same runtime.
type Worker struct {
	h      *host
	t      testing.TB // nil for a worker made by Start
	parent *Worker

	mu       sync.Mutex
	closed   bool
	uncaught []error
}

// New starts the worker of the project in dir for the test t, and stops it when t ends. dir is
// the project's directory, holding its wrangler configuration; relative paths are taken from
// the package directory, where go test runs.
//
// Storage is isolated: a frame is pushed now and popped in t.Cleanup, so whatever the test
// wrote, created or scheduled is undone (see package isolation), and the runtime is thrown
// away. When the project fails to load or bundle, or its main module throws, New calls
// t.Fatal with the diagnostics. When t ends, exceptions that escaped in the worker (a timer
// that threw, a rejection nobody handled) fail t, as they would fail a JS test.
//
// Console output of the worker goes to t's log: go test shows it with -v or when t fails.
func New(t testing.TB, dir string, opts ...Option) *Worker {
	t.Helper()
	w, err := start(dir, newConfig(opts), t)
	if err != nil {
		t.Fatalf("cloudflaretest.New: %v", err)
		return nil
	}
	t.Cleanup(func() {
		for _, err := range w.close() {
			t.Errorf("cloudflaretest: %s: %v", t.Name(), err)
		}
	})
	return w
}

// Start starts the worker of the project in dir without a test to tie it to: the caller
// closes it. It is what New does, returning its errors instead of failing a test; examples
// and TestMain use it. Console output and uncaught exceptions go to WithLogger's logger.
func Start(dir string, opts ...Option) (*Worker, error) {
	return start(dir, newConfig(opts), nil)
}

// Close undoes the worker's frame, stops its runtime and returns what went wrong in the worker
// meanwhile: exceptions that escaped, work left pending in waitUntil. Calls made after Close
// return ErrClosed. A worker made by New is closed when its test ends.
func (w *Worker) Close() error { return errors.Join(w.close()...) }

func start(dir string, cfg config, t testing.TB) (*Worker, error) {
	p, proj, err := workerPool(dir, cfg)
	if err != nil {
		return nil, err
	}
	if proj.Main == "" {
		return nil, fmt.Errorf("the project in %s has no main module: set \"main\" in %s to the worker's "+
			"entry, such as \"src/index.ts\"", proj.Root, configName(proj))
	}
	b, err := p.BundleMain()
	if err != nil {
		return nil, fmt.Errorf("failed to bundle the main module:\n%w", explain(err))
	}

	h := &host{proj: proj, log: cfg.logger, timeout: cfg.timeout, pending: map[int64]func(bool, goja.Value){},
		stubs: map[int64]goja.Value{}, objects: map[int64]*objectState{}, programs: map[string]goja.Value{}}
	if h.timeout <= 0 {
		h.timeout = proj.TestTimeout
	}
	w := &Worker{h: h, t: t}
	h.views = []*Worker{w}
	if err := h.build(p, cfg); err != nil {
		return nil, err
	}
	if err := h.evaluate(b.Program, proj.HookTimeout); err != nil {
		_ = h.runtime.Close()
		return nil, err
	}
	h.start()
	if err := h.run(func() error { return h.stack.Enter(vitest.ScopeTest) }); err != nil {
		_ = h.stop()
		return nil, fmt.Errorf("failed to push the worker's storage frame: %w", err)
	}
	return w, nil
}

// build makes the runtime, as the pool makes each test file's, and installs isolation and
// the helpers of this package in it.
func (h *host) build(p *pool.Pool, cfg config) error {
	r, err := p.NewRuntime(pool.RuntimeOptions{Console: h.onConsole, Logger: cfg.logger,
		Isolation: project.IsolateTest})
	if err != nil {
		return fmt.Errorf("failed to build the runtime: %w", err)
	}
	h.runtime, h.rt, h.engine, h.stack = r, r.JS, r.Engine, r.Isolation
	h.rt.SetErrorHandler(h.onUncaught)
	if err := h.install(); err != nil {
		_ = r.Close()
		return fmt.Errorf("failed to install the Go helpers: %w", err)
	}
	return nil
}

func configName(proj *project.Project) string {
	if proj.ConfigFile == "" {
		return "the wrangler configuration"
	}
	return filepath.Base(proj.ConfigFile)
}

// Sub returns a view of the worker for the subtest t, with a storage frame of its own: pushed
// now, popped when t ends, so the subtest starts from what its parent wrote and leaves
// nothing behind. Stubs from Sub's view fail with ErrClosed once t ends; the worker goes on.
//
// Frames nest, so Sub must be called on the innermost open view, and the subtests that have
// frames of their own run one at a time. Parallel subtests may share their parent's view and
// frame (calls are safe from any goroutine); to isolate parallel subtests from each other,
// give each a worker of its own with New.
func (w *Worker) Sub(t testing.TB) *Worker {
	t.Helper()
	if err := w.check(); err != nil {
		t.Fatalf("cloudflaretest: Sub: %v", err)
		return nil
	}
	if w.t != nil && !strings.HasPrefix(t.Name(), w.t.Name()+"/") {
		t.Fatalf("cloudflaretest: Sub takes a subtest of %s, the test that owns the worker; %s is not one",
			w.t.Name(), t.Name())
		return nil
	}
	child := &Worker{h: w.h, t: t, parent: w}
	if top := w.h.enterView(w, child); top != w {
		t.Fatalf("cloudflaretest: Sub: %s cannot have a frame of its own while %s holds one: frames nest, "+
			"so subtests that run in parallel cannot each have one; call cloudflaretest.New in each of them "+
			"to give it a worker of its own", t.Name(), top.name())
		return nil
	}
	if err := w.h.run(func() error { return w.h.stack.Enter(vitest.ScopeTest) }); err != nil {
		w.h.popView(child)
		t.Fatalf("cloudflaretest: Sub: failed to push a storage frame: %v", err)
		return nil
	}
	t.Cleanup(func() {
		for _, err := range child.close() {
			t.Errorf("cloudflaretest: %s: %v", t.Name(), err)
		}
	})
	return child
}

func (w *Worker) name() string {
	if w.t == nil {
		return "the worker"
	}
	return w.t.Name()
}

// check returns ErrClosed, saying what to change, once the view is closed.
func (w *Worker) check() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closed {
		return nil
	}
	if w.t == nil {
		return fmt.Errorf("%w: Close was called", ErrClosed)
	}
	return fmt.Errorf("%w (%s): use a worker, and its stubs, only inside the test that made it; "+
		"a subtest gets its own view with w.Sub(t)", ErrClosed, w.t.Name())
}

// close ends the view: later calls fail, the waitUntil work still running gets a chance to
// settle, the frame is popped, and for the worker itself the runtime stops.
func (w *Worker) close() []error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	w.mu.Unlock()

	h := w.h
	var errs []error
	if err := w.drain(); err != nil {
		errs = append(errs, err)
	}
	if err := h.run(func() error { return h.stack.Leave(vitest.ScopeTest) }); err != nil {
		errs = append(errs, err)
	}
	h.popView(w)
	if w.parent == nil {
		if err := h.stop(); err != nil {
			errs = append(errs, fmt.Errorf("%w: %w", ErrStopped, err))
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return append(w.uncaught, distinct(errs)...)
}

// distinct drops the errors that repeat an earlier one: once the runtime stopped, each step of
// closing reports the same reason.
func distinct(errs []error) []error {
	var out []error
	seen := map[string]bool{}
	for _, err := range errs {
		if msg := err.Error(); !seen[msg] {
			seen[msg] = true
			out = append(out, err)
		}
	}
	return out
}

// drain waits for the work handed to waitUntil to settle, up to the worker's timeout, so that
// popping the frame does not find it pending when it was about to finish.
func (w *Worker) drain() error {
	_, err := w.h.await(context.Background(), named("waiting for waitUntil work"), func(id int64) error {
		return w.h.settle(id, w.h.js.identity, w.h.engine.Drain())
	}, nil)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // the frame reports the work that is still pending
	}
	return err
}

// addUncaught records an exception that escaped while this view was the innermost.
func (w *Worker) addUncaught(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.uncaught = append(w.uncaught, err)
}

// console writes a line of console output to the test's log; it reports false when the view
// has no test to write to.
func (w *Worker) console(stream, text string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.t == nil || w.closed {
		return false
	}
	fmt.Fprintln(w.t.Output(), text)
	return true
}

// enterView makes child the innermost view when parent is the innermost one now; it returns
// the innermost view it found.
func (h *host) enterView(parent, child *Worker) *Worker {
	h.mu.Lock()
	defer h.mu.Unlock()
	top := h.views[len(h.views)-1]
	if top == parent {
		h.views = append(h.views, child)
	}
	return top
}
