package vitest

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/expect"
	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/pool/event"
)

// Runner runs one test file in one runtime. Every method is for the runtime's goroutine.
type Runner struct {
	rt    *jsrt.Runtime
	cfg   Config
	root  string // the project root, derived from File and RelFile
	epoch time.Time

	main     goja.Callable // run.js main(loaded)
	uncaught goja.Callable // run.js uncaught(error, origin) -> handled

	sites      []site              // call sites of tests and hooks, by number - 1
	frames     []goja.StackFrame   // reused by jsSite
	tasks      []event.Task        // every suite and test, as collected
	suites     map[int][]string    // the Suites of the children of a suite, by its position in tasks
	tests      []int               // for each test index, its position in tasks
	results    []*event.TestResult // by test index
	running    int                 // the test index running now, or -1
	testStart  time.Time
	fileErrors []*event.TestError

	wd        *watchdog
	watches   int64           // ids of watches given out
	deadlines map[int64]int64 // watch id -> the id of its deadline's timer
	snaps     *snapshots
	clock     clockState
	source    map[string][]string // lines of the files that errors point into
}

// Install defines the "vitest" module in rt (and the globals when cfg.Globals is set) and
// returns the runner of the file. It must be called before the file's bundle runs.
func Install(rt *jsrt.Runtime, cfg Config) (*Runner, error) {
	r := &Runner{
		rt:        rt,
		cfg:       cfg,
		root:      projectRoot(cfg.File, cfg.RelFile),
		epoch:     time.Now(),
		running:   -1,
		source:    map[string][]string{},
		deadlines: map[int64]int64{},
	}
	r.wd = newWatchdog(rt)
	r.snaps = newSnapshots(cfg.File, cfg.updateMode())
	if err := r.install(); err != nil {
		return nil, fmt.Errorf("failed to install the vitest module: %w", err)
	}
	rt.SetErrorHandler(r.onError)
	return r, nil
}

// projectRoot strips the relative path from the absolute one.
func projectRoot(file, rel string) string {
	rel = filepath.FromSlash(rel)
	if rel != "" && strings.HasSuffix(file, rel) {
		return strings.TrimSuffix(strings.TrimSuffix(file, rel), string(filepath.Separator))
	}
	return filepath.Dir(file)
}

func (r *Runner) install() error {
	vm := r.rt.VM
	lib, err := expect.Install(vm)
	if err != nil {
		return err
	}
	host, err := r.hostObject()
	if err != nil {
		return err
	}
	config := r.jsConfig()

	each, err := r.rt.Setup(eachProgram, lib)
	if err != nil {
		return err
	}
	fixtures, err := r.rt.Setup(fixturesProgram)
	if err != nil {
		return err
	}
	core, err := r.rt.Setup(collectProgram, host, lib, each, fixtures, config)
	if err != nil {
		return err
	}
	timeouts, err := r.rt.Setup(guardProgram, host)
	if err != nil {
		return err
	}
	context, err := r.rt.Setup(contextProgram, host, lib, core, config)
	if err != nil {
		return err
	}
	run, err := r.rt.Setup(runProgram, host, lib, core, fixtures, config, timeouts, context)
	if err != nil {
		return err
	}
	if err := r.bindRun(run.ToObject(vm)); err != nil {
		return err
	}
	return r.defineModule(host, lib, core, run, each, config)
}

func (r *Runner) bindRun(run *goja.Object) error {
	var ok bool
	if r.main, ok = goja.AssertFunction(run.Get("main")); !ok {
		return errors.New("run.js has no main")
	}
	if r.uncaught, ok = goja.AssertFunction(run.Get("uncaught")); !ok {
		return errors.New("run.js has no uncaught")
	}
	return nil
}

func (r *Runner) defineModule(host, lib, core, run, each, config goja.Value) error {
	vi, err := r.rt.Setup(viProgram, host, lib, config)
	if err != nil {
		return err
	}
	assert, err := r.rt.Setup(assertProgram, lib, each)
	if err != nil {
		return err
	}
	module, err := r.rt.Setup(exportsProgram, lib, core, run, vi, assert)
	if err != nil {
		return err
	}
	obj := module.ToObject(r.rt.VM)
	exports := obj.Get("exports")
	r.rt.DefineModule("vitest", func(*jsrt.Runtime) (goja.Value, error) { return exports, nil })
	if r.cfg.Globals {
		define, _ := goja.AssertFunction(obj.Get("defineGlobals"))
		if _, err := define(goja.Undefined()); err != nil {
			return err
		}
	}
	return nil
}

// jsConfig is what the JavaScript side reads of the configuration. The timeouts may be
// changed by vi.setConfig.
func (r *Runner) jsConfig() *goja.Object {
	c := r.rt.VM.NewObject()
	set := func(name string, v any) { _ = c.Set(name, v) }
	set("file", r.cfg.RelFile)
	set("filepath", r.cfg.File)
	set("testTimeout", r.cfg.testTimeout().Milliseconds())
	set("hookTimeout", r.cfg.hookTimeout().Milliseconds())
	set("hasPattern", r.cfg.TestNamePattern != nil)
	set("allowOnly", r.cfg.AllowOnly)
	set("scopes", r.cfg.Scopes != nil)
	return c
}

// Log records a line of console output, attributed to the test that is running. The pool
// points the runtime's console here.
func (r *Runner) Log(stream, text string) {
	entry := &event.LogEntry{Stream: stream, Text: text}
	if r.running >= 0 {
		entry.TestID = r.tasks[r.tests[r.running]].ID
	}
	r.emit(event.Event{Kind: event.Log, Entry: entry})
}

func (r *Runner) emit(e event.Event) {
	if r.cfg.Emit == nil {
		return
	}
	e.Time = time.Now()
	e.File = r.cfg.RelFile
	r.cfg.Emit(e)
}

// Snapshots counts what happened to the file's snapshots, once Run has returned.
func (r *Runner) Snapshots() event.SnapshotSummary { return r.snaps.summary }

// Run runs the bundle program, waits for it to finish loading, collects the tests, emits
// FileCollected, runs them (TestStart/TestEnd each) and returns the file's result. The
// runtime cannot be used for anything else afterwards.
func (r *Runner) Run(prg *goja.Program) *event.FileResult {
	start := time.Now()
	defer r.wd.stop()
	if r.enterFile() {
		r.runFile(prg)
		r.leaveFile()
	}
	r.restoreClock()
	return r.result(time.Since(start))
}

func (r *Runner) runFile(prg *goja.Program) {
	timeout := r.cfg.hookTimeout()
	r.wd.arm(loadDeadline, timeout, loadTimeoutMessage(timeout), ownerLoading)
	_, err := r.rt.Run(prg)
	r.wd.disarm(loadDeadline)
	if err != nil {
		r.failed(err, "load")
		return
	}
	if _, err := r.rt.Await(r.callMain(r.rt.Host().Get("loaded"))); err != nil {
		r.failed(err, "run")
	}
}

func loadTimeoutMessage(timeout time.Duration) string {
	return fmt.Sprintf("Loading the test file timed out in %dms.\nIts top-level code kept running: "+
		"look for an infinite loop. The limit is \"hookTimeout\".", timeout.Milliseconds())
}

// callMain starts run.js main as a task of its own, so that the watchdog sees the loop busy
// while it runs, and returns the promise of its completion.
func (r *Runner) callMain(loaded goja.Value) goja.Value {
	if loaded == nil {
		loaded = goja.Undefined()
	}
	p, resolve, reject := r.rt.VM.NewPromise()
	r.rt.Loop.Enqueue(func() error {
		v, err := r.main(goja.Undefined(), loaded)
		var ex *goja.Exception
		switch {
		case err == nil:
			return fatalOnly(resolve(v))
		case errors.As(err, &ex) && !isInterrupt(err):
			return fatalOnly(reject(ex.Value()))
		default:
			return err
		}
	})
	return r.rt.VM.ToValue(p)
}

// failed handles what stopped the file: an interrupted runtime, an exception of the bundle,
// or a loop with nothing left to do.
func (r *Runner) failed(err error, phase string) {
	var ex *jsrt.Exception
	var jsErr *goja.Exception
	switch {
	case isInterrupt(err):
		r.interrupted()
	case errors.As(err, &ex) && ex.Value != nil:
		r.fileErrors = append(r.fileErrors, r.mapError(ex.Value, phase))
	case errors.As(err, &jsErr):
		r.fileErrors = append(r.fileErrors, r.mapError(jsErr.Value(), phase))
	case errors.Is(err, jsrt.ErrNeverSettles):
		r.neverSettled()
	default:
		r.fileErrors = append(r.fileErrors, &event.TestError{Name: "Error", Message: err.Error(), Origin: phase})
		r.abandon("", "not run: the test run stopped before this test")
	}
}

// neverSettled ends a run that waits for something nothing can settle, which only a test or
// hook without a timeout can do.
func (r *Runner) neverSettled() {
	const stuck = "nothing left on the event loop can settle what it waits for, and it has no timeout"
	if i := r.running; i >= 0 && r.results[i] == nil {
		t := r.task(i)
		r.endAt(i, &event.TestResult{Task: t, State: event.Fail, Duration: time.Since(r.testStart),
			Errors: []*event.TestError{{Name: "Error", Message: "The test never finished: " + stuck + ".",
				Location: r.at(r.cfg.File, t.Line, t.Column)}}})
	}
	r.abandon("The test run stopped: "+stuck+".", "not run: the run stopped before this test")
}

func (r *Runner) enterFile() bool {
	if r.cfg.Scopes == nil {
		return true
	}
	if err := r.cfg.Scopes.Enter(ScopeFile); err != nil {
		r.fileErrors = append(r.fileErrors, scopeError(err, ScopeFile, true))
		return false
	}
	return true
}

func (r *Runner) leaveFile() {
	if r.cfg.Scopes == nil {
		return
	}
	if err := r.cfg.Scopes.Leave(ScopeFile); err != nil {
		r.fileErrors = append(r.fileErrors, scopeError(err, ScopeFile, false))
	}
}

func scopeError(err error, kind ScopeKind, enter bool) *event.TestError {
	verb := "leave"
	if enter {
		verb = "enter"
	}
	return &event.TestError{
		Name:    "Error",
		Message: fmt.Sprintf("failed to %s the %s isolation scope: %v", verb, kind, err),
		Origin:  "isolation",
	}
}

// result assembles the file's result from what was reported.
func (r *Runner) result(d time.Duration) *event.FileResult {
	res := &event.FileResult{File: r.cfg.RelFile, Duration: d, Errors: r.fileErrors}
	failed := len(r.fileErrors) > 0
	ran := false
	for _, t := range r.results {
		if t == nil {
			continue
		}
		res.Tests = append(res.Tests, t)
		switch t.State {
		case event.Fail, event.NotRun:
			failed = true
		case event.Pass:
			ran = true
		}
	}
	switch {
	case failed:
		res.State = event.Fail
	case ran || len(res.Tests) == 0:
		res.State = event.Pass
	default:
		res.State = event.Skip
	}
	return res
}

func isInterrupt(err error) bool {
	var intr *goja.InterruptedError
	return errors.As(err, &intr)
}

// fatalOnly keeps the errors that must stop the loop (an interrupt) and drops the others,
// which were reported where they happened.
func fatalOnly(err error) error {
	if isInterrupt(err) {
		return err
	}
	return nil
}
