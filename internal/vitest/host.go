package vitest

import (
	"errors"
	"fmt"
	"time"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/pool/event"
)

// native is a Go function as the JavaScript side calls it.
type native = func(goja.FunctionCall) goja.Value

// hostObject builds the object through which the runner's JavaScript reaches Go: events,
// deadlines, turns, isolation scopes, snapshots and the clock.
func (r *Runner) hostObject() (*goja.Object, error) {
	h := r.rt.VM.NewObject()
	groups := []map[string]native{r.runNatives(), r.snapshotNatives(), r.timerNatives()}
	for _, natives := range groups {
		for name, fn := range natives {
			if err := h.Set(name, fn); err != nil {
				return nil, err
			}
		}
	}
	return h, nil
}

func (r *Runner) runNatives() map[string]native {
	return map[string]native{
		"collected":      r.jsCollected,
		"testStart":      r.jsTestStart,
		"testEnd":        r.jsTestEnd,
		"fileError":      r.jsFileError,
		"deadline":       r.jsDeadline,
		"cancelDeadline": r.jsCancelDeadline,
		"tick":           r.jsTick,
		"now":            r.jsNow,
		"scope":          r.jsScope,
		"matchName":      r.jsMatchName,
		"realTimer":      r.jsRealTimer,
		"clearRealTimer": r.jsClearRealTimer,
	}
}

// throw raises a JavaScript Error with message in the calling code.
func (r *Runner) throw(message string) {
	ctor, _ := goja.AssertConstructor(r.rt.VM.Get("Error"))
	obj, err := ctor(nil, r.rt.VM.ToValue(message))
	if err != nil {
		panic(r.rt.VM.NewGoError(errors.New(message)))
	}
	panic(obj)
}

// jsCollected receives the collected tree, flattened depth first: {id, name, suites, suite,
// mode, stack} for every suite and test.
func (r *Runner) jsCollected(call goja.FunctionCall) goja.Value {
	list, _ := call.Argument(0).Export().([]any)
	r.tasks = make([]event.Task, 0, len(list))
	r.tests = r.tests[:0]
	for _, item := range list {
		m, _ := item.(map[string]any)
		t := event.Task{ID: str(m["id"]), Name: str(m["name"]), Mode: str(m["mode"])}
		t.Suite, _ = m["suite"].(bool)
		if names, ok := m["suites"].([]any); ok {
			for _, n := range names {
				t.Suites = append(t.Suites, str(n))
			}
		}
		t.Line, t.Column = r.declaredAt(str(m["stack"]))
		if !t.Suite {
			r.tests = append(r.tests, len(r.tasks))
		}
		r.tasks = append(r.tasks, t)
	}
	r.results = make([]*event.TestResult, len(r.tests))
	r.emit(event.Event{Kind: event.FileCollected, Tasks: r.tasks})
	return goja.Undefined()
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// declaredAt finds where a test or suite was declared: the first frame of its registration
// stack that is in the test file.
func (r *Runner) declaredAt(stack string) (line, column int) {
	for _, f := range jsrt.ParseStack(stack) {
		if f.File == r.cfg.File {
			return f.Line, r.callColumn(f.File, f.Line, f.Column+1)
		}
	}
	return 0, 0
}

func (r *Runner) task(test int) event.Task { return r.tasks[r.tests[test]] }

func (r *Runner) jsTestStart(call goja.FunctionCall) goja.Value {
	i := int(call.Argument(0).ToInteger())
	r.running = i
	r.testStart = time.Now()
	r.emit(event.Event{Kind: event.TestStart, Test: &event.TestResult{Task: r.task(i)}})
	return goja.Undefined()
}

// jsTestEnd receives (index, state, retries, [[error, origin]...], note).
func (r *Runner) jsTestEnd(call goja.FunctionCall) goja.Value {
	i := int(call.Argument(0).ToInteger())
	res := &event.TestResult{
		Task:    r.task(i),
		State:   event.State(call.Argument(1).String()),
		Retries: int(call.Argument(2).ToInteger()),
	}
	if res.State != event.Skip && res.State != event.Todo {
		res.Duration = time.Since(r.testStart)
	}
	if note := call.Argument(4); !goja.IsUndefined(note) && !goja.IsNull(note) {
		res.Note = note.String()
	}
	res.Errors = r.pairErrors(call.Argument(3))
	r.finishTest(i, res)
	return goja.Undefined()
}

func (r *Runner) finishTest(i int, res *event.TestResult) {
	r.results[i] = res
	r.running = -1
	r.emit(event.Event{Kind: event.TestEnd, Test: res})
}

// pairErrors maps a JS array of [error, origin] pairs.
func (r *Runner) pairErrors(v goja.Value) []*event.TestError {
	arr, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	n := int(arr.Get("length").ToInteger())
	var out []*event.TestError
	for k := 0; k < n; k++ {
		pair := arr.Get(fmt.Sprint(k)).ToObject(r.rt.VM)
		origin := pair.Get("1")
		o := ""
		if !goja.IsUndefined(origin) && !goja.IsNull(origin) {
			o = origin.String()
		}
		out = append(out, r.mapError(pair.Get("0"), o))
	}
	return out
}

func (r *Runner) jsFileError(call goja.FunctionCall) goja.Value {
	origin := ""
	if o := call.Argument(1); !goja.IsUndefined(o) {
		origin = o.String()
	}
	r.fileErrors = append(r.fileErrors, r.mapError(call.Argument(0), origin))
	return goja.Undefined()
}

// jsDeadline arms (ms, message, owner, onTimeout): onTimeout runs when ms of real time pass,
// and the watchdog interrupts the runtime if JavaScript is still running then.
func (r *Runner) jsDeadline(call goja.FunctionCall) goja.Value {
	d := millis(call.Argument(0).ToFloat())
	message := call.Argument(1).String()
	owner := int(call.Argument(2).ToInteger())
	fn, _ := goja.AssertFunction(call.Argument(3))
	var t *jsrt.Timer
	t = r.rt.Loop.SetTimer(jsrt.RealTimer, d, 0, func() error {
		r.wd.disarm(t.ID)
		_, err := fn(goja.Undefined())
		return r.taskError("deadline", err)
	})
	r.wd.arm(t.ID, d, message, owner)
	return r.rt.VM.ToValue(t.ID)
}

func (r *Runner) jsCancelDeadline(call goja.FunctionCall) goja.Value {
	id := call.Argument(0).ToInteger()
	r.rt.Loop.ClearTimer(id)
	r.wd.disarm(id)
	return goja.Undefined()
}

// jsTick returns a promise that resolves in a turn of its own, after the current turn and
// its after-turn work (the report of unhandled rejections).
func (r *Runner) jsTick(goja.FunctionCall) goja.Value {
	p, resolve, _ := r.rt.VM.NewPromise()
	r.rt.Loop.Enqueue(func() error { return fatalOnly(resolve(goja.Undefined())) })
	return r.rt.VM.ToValue(p)
}

// jsNow is a monotonic clock in milliseconds, for durations and deadlines.
func (r *Runner) jsNow(goja.FunctionCall) goja.Value {
	return r.rt.VM.ToValue(float64(time.Since(r.epoch)) / float64(time.Millisecond))
}

func (r *Runner) jsScope(call goja.FunctionCall) goja.Value {
	kind := ScopeKind(call.Argument(0).ToInteger())
	enter := call.Argument(1).ToBoolean()
	var err error
	if enter {
		err = r.cfg.Scopes.Enter(kind)
	} else {
		err = r.cfg.Scopes.Leave(kind)
	}
	if err != nil {
		r.throw(scopeError(err, kind, enter).Message)
	}
	return goja.Undefined()
}

func (r *Runner) jsMatchName(call goja.FunctionCall) goja.Value {
	return r.rt.VM.ToValue(r.cfg.TestNamePattern.MatchString(call.Argument(0).String()))
}

// jsRealTimer schedules (fn, ms, repeat) on real time whatever the clock does, for
// vi.waitFor and retry delays.
func (r *Runner) jsRealTimer(call goja.FunctionCall) goja.Value {
	fn, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		r.throw("realTimer needs a function")
	}
	d := millis(call.Argument(1).ToFloat())
	interval := time.Duration(0)
	if call.Argument(2).ToBoolean() {
		interval = max(d, time.Millisecond)
	}
	t := r.rt.Loop.SetTimer(jsrt.RealTimer, d, interval, func() error {
		_, err := fn(goja.Undefined())
		return r.taskError("timer", err)
	})
	return r.rt.VM.ToValue(t.ID)
}

func (r *Runner) jsClearRealTimer(call goja.FunctionCall) goja.Value {
	r.rt.Loop.ClearTimer(call.Argument(0).ToInteger())
	return goja.Undefined()
}

// taskError is what a task that called JavaScript returns: an interrupt stops the loop, an
// exception is reported where it escaped.
func (r *Runner) taskError(origin string, err error) error {
	if err == nil || isInterrupt(err) {
		return err
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		r.rt.ReportError(origin, ex.Value())
		return nil
	}
	return err
}

// onError receives the exceptions that escaped to the loop: the running test gets them,
// and outside any test they are errors of the file.
func (r *Runner) onError(ex *jsrt.Exception) {
	v := ex.Value
	if v == nil {
		v = r.rt.VM.NewGoError(ex)
	}
	if r.uncaught != nil {
		handled, err := r.uncaught(goja.Undefined(), v, r.rt.VM.ToValue(ex.Origin))
		if err == nil && handled.ToBoolean() {
			return
		}
	}
	r.fileErrors = append(r.fileErrors, r.mapError(v, ex.Origin))
}

func millis(ms float64) time.Duration {
	if ms != ms || ms < 0 {
		return 0
	}
	return time.Duration(ms * float64(time.Millisecond))
}
