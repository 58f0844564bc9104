package jsrt

import (
	"container/heap"
	"fmt"
	"time"
)

// TimerKind says who owns a timer, which decides how fake time and clean-up treat it.
type TimerKind int

// The kinds of timer.
const (
	// UserTimer is a setTimeout or setInterval of JS code: on the runtime's clock, cleared by
	// vi.clearAllTimers and dropped by vi.useRealTimers when it was made under fake time.
	UserTimer TimerKind = iota
	// AlarmTimer is a Durable Object alarm: on the runtime's clock, so fake time moves it,
	// but owned by the object engine.
	AlarmTimer
	// RealTimer is the harness's own deadline (a test timeout): always on real time.
	RealTimer
)

// Timer is a scheduled callback.
type Timer struct {
	ID       int64
	Kind     TimerKind
	Due      time.Time
	Interval time.Duration // zero for a one-shot timer

	fn    Task
	seq   uint64
	index int
	fake  bool // made while the clock was fake
	unref bool // does not keep the loop alive
}

// SetTimer schedules fn after d; with interval > 0 it repeats. It returns the timer, whose ID
// is what setTimeout returns to JS.
func (l *Loop) SetTimer(kind TimerKind, d, interval time.Duration, fn Task) *Timer {
	now := l.clock.Now()
	if kind == RealTimer {
		now = l.clock.Real()
	}
	return l.SetTimerAt(kind, now.Add(max(d, 0)), interval, fn)
}

// SetTimerAt schedules fn at an instant of the timer's clock.
func (l *Loop) SetTimerAt(kind TimerKind, due time.Time, interval time.Duration, fn Task) *Timer {
	l.nextID++
	l.seq++
	t := &Timer{ID: l.nextID, Kind: kind, Due: due, Interval: interval, fn: fn, seq: l.seq}
	t.fake = kind != RealTimer && l.clock.Fake()
	l.timers[t.ID] = t
	heap.Push(l.heapOf(t), t)
	return t
}

// Unref stops a timer from keeping the loop alive, like Node's timer.unref().
func (l *Loop) Unref(t *Timer) { t.unref = true }

// ClearTimer cancels the timer with that id; unknown ids are ignored, as clearTimeout does.
func (l *Loop) ClearTimer(id int64) {
	t, ok := l.timers[id]
	if !ok {
		return
	}
	delete(l.timers, id)
	heap.Remove(l.heapOf(t), t.index)
}

// PendingTimers counts the user timers waiting to fire, as vi.getTimerCount does.
func (l *Loop) PendingTimers() int {
	n := 0
	for _, t := range l.clockTimers {
		if t.Kind == UserTimer {
			n++
		}
	}
	return n
}

// ClearUserTimers cancels every user timer (vi.clearAllTimers); with fakeOnly, only the ones
// made under fake time (vi.useRealTimers).
func (l *Loop) ClearUserTimers(fakeOnly bool) {
	for id, t := range l.timers {
		if t.Kind == UserTimer && (t.fake || !fakeOnly) {
			l.ClearTimer(id)
		}
	}
}

func (l *Loop) heapOf(t *Timer) *timerHeap {
	if t.Kind == RealTimer {
		return &l.realTimers
	}
	return &l.clockTimers
}

// dueTimer returns the timer that fell due first, whichever clock it is on, or nil. Timers on
// a fake clock are never due by themselves: only Advance moves them. Taking the earliest of
// both heaps keeps a busy real-time interval (a polling vi.waitFor) from starving user timers.
func (l *Loop) dueTimer() *Timer {
	var real, clock *Timer
	if len(l.realTimers) > 0 && !l.realTimers[0].Due.After(l.clock.Real()) {
		real = l.realTimers[0]
	}
	if !l.clock.Fake() && len(l.clockTimers) > 0 && !l.clockTimers[0].Due.After(l.clock.Now()) {
		clock = l.clockTimers[0]
	}
	switch {
	case real == nil:
		return clock
	case clock == nil:
		return real
	}
	// A pinned Date shifts the clock's timeline from real time by a fixed offset.
	if clock.Due.Add(l.clock.Real().Sub(l.clock.Now())).Before(real.Due) {
		return clock
	}
	return real
}

// nextWakeup is the real instant at which a timer will next be due by itself.
func (l *Loop) nextWakeup() (time.Time, bool) {
	var next time.Time
	found := false
	consider := func(h timerHeap, offset time.Duration) {
		for _, t := range h {
			if t.unref {
				continue
			}
			due := t.Due.Add(offset)
			if !found || due.Before(next) {
				next, found = due, true
			}
		}
	}
	consider(l.realTimers, 0)
	if !l.clock.Fake() {
		// A pinned Date does not move timers: they run on real time, offset by the pin.
		consider(l.clockTimers, l.clock.Real().Sub(l.clock.Now()))
	}
	return next, found
}

// fire runs a timer as one turn.
func (l *Loop) fire(t *Timer) { l.runTask(l.take(t)) }

// take reschedules a repeating timer or removes a one-shot one, and returns its callback. A
// real-time interval that fell behind is rescheduled from now rather than fired in a burst.
func (l *Loop) take(t *Timer) Task {
	h := l.heapOf(t)
	if t.Interval > 0 {
		t.Due = t.Due.Add(t.Interval)
		if now := l.clock.Real(); t.Kind == RealTimer && t.Due.Before(now) {
			t.Due = now.Add(t.Interval)
		}
		l.seq++
		t.seq = l.seq
		heap.Fix(h, t.index)
	} else {
		heap.Remove(h, t.index)
		delete(l.timers, t.ID)
	}
	return t.fn
}

// ErrTimerLoop is returned when running all timers does not end, as with an interval.
var ErrTimerLoop = fmt.Errorf("aborting after running %d timers, assuming an infinite loop", timerLoopLimit)

const timerLoopLimit = 10_000

// Advance moves a fake clock forward by d, running each clock timer that falls due on the
// way, in order, with the clock set to the timer's time. It is called from JS, so timers run
// nested in that call and microtasks wait until it returns, as with vitest's fake timers.
// The first error a timer returns is returned after all due timers have run.
func (l *Loop) Advance(d time.Duration) error {
	target := l.clock.Now().Add(max(d, 0))
	var first error
	for n := 0; ; n++ {
		if n == timerLoopLimit {
			return ErrTimerLoop
		}
		if len(l.clockTimers) == 0 || l.clockTimers[0].Due.After(target) {
			break
		}
		t := l.clockTimers[0]
		l.clock.advanceTo(t.Due)
		if err := l.fireNested(t); err != nil && first == nil {
			first = err
		}
	}
	l.clock.advanceTo(target)
	return first
}

// RunAll runs clock timers until none is left (vi.runAllTimers); onlyPending stops after the
// timers that were pending when it started (vi.runOnlyPendingTimers).
func (l *Loop) RunAll(onlyPending bool) error {
	limit := uint64(0)
	if onlyPending {
		limit = l.seq
	}
	var first error
	for n := 0; len(l.clockTimers) > 0; n++ {
		if n == timerLoopLimit {
			return ErrTimerLoop
		}
		t := l.clockTimers[0]
		if onlyPending && t.seq > limit {
			break
		}
		l.clock.advanceTo(t.Due)
		if err := l.fireNested(t); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// NextDue returns the time of the next clock timer, for the async forms of the fake-timer
// helpers that step one timer at a time.
func (l *Loop) NextDue() (time.Time, bool) {
	if len(l.clockTimers) == 0 {
		return time.Time{}, false
	}
	return l.clockTimers[0].Due, true
}

// fireNested runs a timer inside the current task rather than as a turn of its own.
func (l *Loop) fireNested(t *Timer) error { return l.take(t)() }

// timerHeap orders timers by due time, then by creation.
type timerHeap []*Timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].Due.Equal(h[j].Due) {
		return h[i].seq < h[j].seq
	}
	return h[i].Due.Before(h[j].Due)
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *timerHeap) Push(x any) {
	t := x.(*Timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return t
}
