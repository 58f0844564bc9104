package vitest

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/pool/event"
)

// Who a deadline belongs to, besides a test index.
const (
	ownerSuiteHook = -1 // beforeAll, afterAll and their cleanups
	ownerLoading   = -2 // the bundle's top-level code and the collection
)

// loadDeadline is the watchdog id of the loading phase; timer ids are positive.
const loadDeadline = -1

// watchdog interrupts the runtime when JavaScript keeps the loop busy past a deadline, which
// only a synchronous infinite loop (or a very long computation) can do: an awaited promise
// that never settles leaves the loop idle, and the deadline's own timer fails the test then.
// Once the deadline has passed, the watchdog looks again every grace period and interrupts
// when it finds the same turn still running twice in a row.
//
// arm and disarm are called on the runtime's goroutine, once or twice per test, so they
// reuse one timer; the checks run on the timer's goroutine.
type watchdog struct {
	rt    *jsrt.Runtime
	turns atomic.Int64 // turns the loop has finished

	mu       sync.Mutex
	armed    int64 // the watch being kept; 0 when none
	due      time.Time
	timeout  time.Duration
	message  string
	owner    int
	lastTurn int64 // the busy turn the previous check saw, or -1
	timer    *time.Timer
	fired    *interruption
}

// interruption is what the watchdog stopped.
type interruption struct {
	message string
	owner   int
	timeout time.Duration
}

func newWatchdog(rt *jsrt.Runtime) *watchdog {
	w := &watchdog{rt: rt}
	rt.Loop.AfterTurn(func() { w.turns.Add(1) })
	return w
}

// grace is how long the same turn must stay busy after a deadline before the interrupt.
func grace(timeout time.Duration) time.Duration {
	return min(max(timeout/10, 5*time.Millisecond), time.Second)
}

func (w *watchdog) arm(id int64, timeout time.Duration, message string, owner int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.armed, w.timeout, w.message, w.owner, w.lastTurn = id, timeout, message, owner, -1
	w.due = time.Now().Add(timeout)
	if w.timer == nil {
		w.timer = time.AfterFunc(timeout, w.check)
	} else {
		w.timer.Reset(timeout)
	}
}

// disarm ends watch id; the timer stays set and finds nothing to do.
func (w *watchdog) disarm(id int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.armed == id {
		w.armed = 0
	}
}

func (w *watchdog) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.armed = 0
	if w.timer != nil {
		w.timer.Stop()
	}
}

// check runs on the timer's goroutine.
func (w *watchdog) check() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.armed == 0 || w.fired != nil {
		return
	}
	if wait := time.Until(w.due); wait > 0 {
		// A watch armed after this check was scheduled.
		w.timer.Reset(wait)
		return
	}
	turn := w.turns.Load()
	busy := w.rt.Loop.Busy()
	if busy && turn == w.lastTurn {
		w.fired = &interruption{message: w.message, owner: w.owner, timeout: w.timeout}
		w.armed = 0
		w.rt.Interrupt(w.message)
		return
	}
	w.lastTurn = -1
	if busy {
		w.lastTurn = turn
	}
	w.timer.Reset(grace(w.timeout))
}

func (w *watchdog) interruption() *interruption {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.fired
}

// interrupted reports what the watchdog stopped: the test that was running fails with its
// timeout, and every test that did not run is NotRun, since an interrupted runtime cannot
// be trusted to run anything else.
func (r *Runner) interrupted() {
	in := r.wd.interruption()
	if in == nil {
		in = &interruption{message: "The runtime was interrupted.", owner: ownerSuiteHook}
	}
	what := "a beforeAll or afterAll hook"
	switch {
	case in.owner == ownerLoading:
		what = "the file's top-level code"
	case in.owner >= 0 && in.owner < len(r.tests):
		what = fmt.Sprintf("%q", r.task(in.owner).FullName())
	}
	timeoutErr := &event.TestError{Name: "Error", Message: in.message, Origin: "timeout"}
	if in.owner >= 0 && in.owner < len(r.tests) && r.results[in.owner] == nil {
		t := r.task(in.owner)
		timeoutErr.Location = r.at(r.cfg.File, t.Line, t.Column)
		r.endAt(in.owner, &event.TestResult{Task: t, State: event.Fail, Duration: time.Since(r.testStart),
			Errors: []*event.TestError{timeoutErr}})
	} else {
		r.fileErrors = append(r.fileErrors, timeoutErr)
	}
	r.abandon(fmt.Sprintf("dotest interrupted this file's runtime: %s was still running synchronously after "+
		"its %dms timeout. An interrupted runtime cannot run anything else, so the rest of the file did not run.",
		what, in.timeout.Milliseconds()), "not run: "+what+" hung the runtime before this test could run")
}

// abandon reports every test that has no result as NotRun with note, and adds message as an
// error of the file when it is not empty.
func (r *Runner) abandon(message, note string) {
	if message != "" {
		r.fileErrors = append(r.fileErrors, &event.TestError{Name: "Error", Message: message, Origin: "dotest"})
	}
	for i := range r.results {
		if r.results[i] != nil {
			continue
		}
		if r.running != i {
			r.emit(event.Event{Kind: event.TestStart, Test: &event.TestResult{Task: r.task(i)}})
		}
		r.endAt(i, &event.TestResult{Task: r.task(i), State: event.NotRun, Note: note})
	}
}

func (r *Runner) endAt(i int, res *event.TestResult) {
	if r.running != i && res.State != event.NotRun {
		r.emit(event.Event{Kind: event.TestStart, Test: &event.TestResult{Task: res.Task}})
	}
	r.finishTest(i, res)
}

func (r *Runner) at(file string, line, column int) *diag.Location {
	if line == 0 {
		return nil
	}
	return &diag.Location{File: file, Line: line, Column: column, LineText: r.lineText(file, line)}
}
