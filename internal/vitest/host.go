package vitest

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja/file"

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
		"site":           r.jsSite,
		"siteText":       r.jsSiteText,
		"task":           r.jsTask,
		"collected":      r.jsCollected,
		"testStart":      r.jsTestStart,
		"testEnd":        r.jsTestEnd,
		"fileError":      r.jsFileError,
		"watch":          r.jsWatch,
		"unwatch":        r.jsUnwatch,
		"deadline":       r.jsDeadline,
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

// site is where the user's code called into the runner: its first frames outside dotest's
// scripts, kept unresolved until a position is needed. Tests and hooks keep one to locate
// their declaration (the first frame in the test file, as vitest does) and their timeouts
// (the first frame, and the test file's when that one is elsewhere).
type site struct {
	frames [4]goja.StackFrame
	n      int
}

// jsSite records the current call site and returns its number (from 1).
func (r *Runner) jsSite(goja.FunctionCall) goja.Value {
	var s site
	r.frames = r.rt.VM.CaptureCallStack(32, r.frames[:0])
	for _, f := range r.frames {
		if name := f.SrcName(); name == "" || strings.HasPrefix(name, "dotest:") {
			continue
		}
		s.frames[s.n] = f
		if s.n++; s.n == len(s.frames) {
			break
		}
	}
	r.sites = append(r.sites, s)
	return r.rt.VM.ToValue(len(r.sites))
}

// sitePositions resolves site n: its first frame, then the first in the test file when that
// is another one. Frames of the bundle that no source map covers are skipped.
func (r *Runner) sitePositions(n int) []file.Position {
	if n < 1 || n > len(r.sites) {
		return nil
	}
	s := &r.sites[n-1]
	var out []file.Position
	for i := 0; i < s.n; i++ {
		p := s.frames[i].Position()
		if isBundlePath(p.Filename) {
			continue
		}
		if len(out) == 0 || p.Filename == r.cfg.File {
			out = append(out, p)
		}
		if p.Filename == r.cfg.File {
			break
		}
	}
	return out
}

// jsSiteText prints site n as stack lines, "file:line:col" each.
func (r *Runner) jsSiteText(call goja.FunctionCall) goja.Value {
	var lines []string
	for _, p := range r.sitePositions(int(call.Argument(0).ToInteger())) {
		lines = append(lines, fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column))
	}
	return r.rt.VM.ToValue(strings.Join(lines, "\n"))
}

// jsTask receives one collected suite or test: (id, name, parent, suite, mode, site), parent
// being the number of the enclosing suite in the order of these calls, or -1.
func (r *Runner) jsTask(call goja.FunctionCall) goja.Value {
	t := event.Task{
		ID:    call.Argument(0).String(),
		Name:  call.Argument(1).String(),
		Suite: call.Argument(3).ToBoolean(),
		Mode:  call.Argument(4).String(),
	}
	if parent := int(call.Argument(2).ToInteger()); parent >= 0 && parent < len(r.tasks) {
		t.Suites = r.childSuites(parent)
	}
	t.Line, t.Column = r.declaredAt(int(call.Argument(5).ToInteger()))
	if !t.Suite {
		r.tests = append(r.tests, len(r.tasks))
	}
	r.tasks = append(r.tasks, t)
	return goja.Undefined()
}

// childSuites is the Suites of the tasks inside suite p: its own plus its name when it has
// one. The slice is shared by its children and never appended to.
func (r *Runner) childSuites(p int) []string {
	if r.suites == nil {
		r.suites = map[int][]string{}
	}
	if names, ok := r.suites[p]; ok {
		return names
	}
	parent := r.tasks[p]
	names := parent.Suites
	if parent.Name != "" {
		names = append(names[:len(names):len(names)], parent.Name)
	}
	r.suites[p] = names
	return names
}

// jsCollected ends the collection: every task has been told with jsTask.
func (r *Runner) jsCollected(goja.FunctionCall) goja.Value {
	r.results = make([]*event.TestResult, len(r.tests))
	r.emit(event.Event{Kind: event.FileCollected, Tasks: r.tasks})
	return goja.Undefined()
}

// declaredAt is the line and column of site n in the test file, at the called name.
func (r *Runner) declaredAt(n int) (line, column int) {
	for _, p := range r.sitePositions(n) {
		if p.Filename == r.cfg.File {
			return p.Line, r.callColumn(p.Filename, p.Line, p.Column+1)
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

// jsWatch arms the watchdog for (ms, message, owner) and returns the id of the watch.
func (r *Runner) jsWatch(call goja.FunctionCall) goja.Value {
	r.watches++
	id := r.watches
	r.wd.arm(id, millis(call.Argument(0).ToFloat()), call.Argument(1).String(), int(call.Argument(2).ToInteger()))
	return r.rt.VM.ToValue(id)
}

// jsUnwatch ends a watch and its deadline.
func (r *Runner) jsUnwatch(call goja.FunctionCall) goja.Value {
	id := call.Argument(0).ToInteger()
	r.wd.disarm(id)
	if t, ok := r.deadlines[id]; ok {
		r.rt.Loop.ClearTimer(t)
		delete(r.deadlines, id)
	}
	return goja.Undefined()
}

// jsDeadline adds to watch id a deadline: (id, ms, onTimeout) runs onTimeout when ms of real
// time pass, whatever the runtime's clock does.
func (r *Runner) jsDeadline(call goja.FunctionCall) goja.Value {
	id := call.Argument(0).ToInteger()
	fn, _ := goja.AssertFunction(call.Argument(2))
	t := r.rt.Loop.SetTimer(jsrt.RealTimer, millis(call.Argument(1).ToFloat()), 0, func() error {
		delete(r.deadlines, id)
		r.wd.disarm(id)
		_, err := fn(goja.Undefined())
		return r.taskError("deadline", err)
	})
	r.deadlines[id] = t.ID
	return goja.Undefined()
}

// tickLimit bounds how many times a tick lets queued tasks go first, in case tasks keep
// queueing tasks.
const tickLimit = 1000

// jsTick returns a promise that resolves in a turn of its own once the loop has no other
// task queued: after the current turn, its after-turn work (the report of unhandled
// rejections) and whatever those queued, such as a Durable Object event a fired alarm sent
// and the retry it scheduled when it failed. The async fake-timer helpers step with it.
func (r *Runner) jsTick(goja.FunctionCall) goja.Value {
	p, resolve, _ := r.rt.VM.NewPromise()
	n := 0
	var step jsrt.Task
	step = func() error {
		if r.rt.Loop.Queued() > 0 && n < tickLimit {
			n++
			r.rt.Loop.Enqueue(step)
			return nil
		}
		return fatalOnly(resolve(goja.Undefined()))
	}
	r.rt.Loop.Enqueue(step)
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
