package jsrt

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// ErrIdle is returned by Loop.RunUntil when the condition is not met and nothing left can
// meet it: no task is queued, no timer will fire by itself and no Go work is in flight.
var ErrIdle = errors.New("the event loop has nothing left to do")

// A Task is one unit of work on the loop. An error it returns is handed to the loop's error
// handler, which decides whether the loop can go on.
type Task func() error

// Loop is the event loop of one runtime: a FIFO of tasks, timers on the runtime's clock and on
// real time, and a count of Go operations in flight that keep it alive. Its methods are for
// the goroutine that owns the runtime, except Submit.
type Loop struct {
	clock *Clock

	tasks []Task

	mu        sync.Mutex
	submitted []Task
	wake      chan struct{}
	refs      atomic.Int64

	clockTimers timerHeap // on the runtime's clock: user timers and alarms
	realTimers  timerHeap // on real time: the harness's own deadlines
	timers      map[int64]*Timer
	nextID      int64
	seq         uint64

	afterTurn []func()
	onError   func(error) (fatal bool)
	fatal     error
	busy      atomic.Bool
}

func newLoop(clock *Clock) *Loop {
	return &Loop{
		clock:  clock,
		wake:   make(chan struct{}, 1),
		timers: map[int64]*Timer{},
		onError: func(err error) bool {
			return true
		},
	}
}

// Enqueue schedules a task after the ones already queued.
func (l *Loop) Enqueue(t Task) { l.tasks = append(l.tasks, t) }

// Submit schedules a task from any goroutine. It is how Go work done elsewhere comes back.
func (l *Loop) Submit(t Task) {
	l.mu.Lock()
	l.submitted = append(l.submitted, t)
	l.mu.Unlock()

	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// Go runs work on a new goroutine and keeps the loop alive until the task that work returns
// has run on the loop. work must not touch goja values; its task may.
func (l *Loop) Go(work func() Task) {
	l.refs.Add(1)
	go func() {
		t := work()
		l.Submit(func() error {
			l.refs.Add(-1)
			if t == nil {
				return nil
			}
			return t()
		})
	}()
}

// Hold keeps the loop alive while something outside it (a WebSocket peer, a pending
// request) may still submit work. The returned function releases the hold; call it once.
func (l *Loop) Hold() (release func()) {
	l.refs.Add(1)
	var once sync.Once
	return func() { once.Do(func() { l.refs.Add(-1) }) }
}

// AfterTurn registers f to run after every task, once goja has drained its microtasks.
func (l *Loop) AfterTurn(f func()) { l.afterTurn = append(l.afterTurn, f) }

// Queued counts the tasks waiting to run, the submitted ones included.
func (l *Loop) Queued() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.tasks) + len(l.submitted)
}

// Busy reports whether the loop is inside a task now. Safe from any goroutine.
func (l *Loop) Busy() bool { return l.busy.Load() }

// RunUntil runs tasks and timers until done reports true. It returns ErrIdle when nothing
// left can happen, or the error that the error handler judged fatal.
func (l *Loop) RunUntil(done func() bool) error {
	for {
		if l.fatal != nil {
			return l.fatal
		}
		if done() {
			return nil
		}
		if l.step() {
			continue
		}
		if !l.wait() {
			return ErrIdle
		}
	}
}

// step runs one queued task or one due timer; it reports whether it ran anything.
func (l *Loop) step() bool {
	l.takeSubmitted()
	if len(l.tasks) > 0 {
		t := l.tasks[0]
		l.tasks[0] = nil
		l.tasks = l.tasks[1:]
		l.runTask(t)
		return true
	}

	if t := l.dueTimer(); t != nil {
		l.fire(t)
		return true
	}
	return false
}

func (l *Loop) takeSubmitted() {
	l.mu.Lock()
	l.tasks = append(l.tasks, l.submitted...)
	l.submitted = l.submitted[:0]
	l.mu.Unlock()
}

// runTask runs t as one turn: the task, then the after-turn hooks.
func (l *Loop) runTask(t Task) {
	l.busy.Store(true)
	err := t()
	l.busy.Store(false)
	l.report(err)
	if l.fatal != nil {
		return
	}
	for _, f := range l.afterTurn {
		f()
	}
}

func (l *Loop) report(err error) {
	if err != nil && l.fatal == nil && l.onError(err) {
		l.fatal = err
	}
}

// wait blocks until a submitted task or the next timer is due. It returns false when nothing
// can ever arrive.
func (l *Loop) wait() bool {
	next, ok := l.nextWakeup()
	if !ok && l.refs.Load() == 0 {
		l.mu.Lock()
		pending := len(l.submitted)
		l.mu.Unlock()
		return pending > 0
	}
	if !ok {
		<-l.wake
		return true
	}

	d := time.Until(next)
	if d <= 0 {
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-l.wake:
	case <-timer.C:
	}
	return true
}
