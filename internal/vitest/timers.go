package vitest

import (
	"errors"
	"time"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// clockState remembers what vi's fake timers changed beyond the clock itself.
type clockState struct {
	realDate bool        // Date reads real time while timers are fake (toFake without "Date")
	targets  []time.Time // where the advances under way stop, innermost last
}

// timerNatives are vi's fake timers over the runtime's clock and timer queue.
func (r *Runner) timerNatives() map[string]native {
	return map[string]native{
		"useFake":      r.jsUseFake,
		"useReal":      r.jsUseReal,
		"advance":      r.jsAdvance,
		"runAll":       r.jsRunAll,
		"advanceNext":  r.jsAdvanceNext,
		"beginAdvance": r.jsBeginAdvance,
		"endAdvance":   r.jsEndAdvance,
		"timerCount":   func(goja.FunctionCall) goja.Value { return r.rt.VM.ToValue(r.rt.Loop.PendingTimers()) },
		"clearTimers":  func(goja.FunctionCall) goja.Value { r.rt.Loop.ClearUserTimers(true); return goja.Undefined() },
		"setTime":      r.jsSetTime,
		"mockedTime":   r.jsMockedTime,
		"realTime":     func(goja.FunctionCall) goja.Value { return r.rt.VM.ToValue(epochMillis(r.rt.Clock.Real())) },
		"clockNow":     func(goja.FunctionCall) goja.Value { return r.rt.VM.ToValue(epochMillis(r.rt.Clock.Now())) },
	}
}

func epochMillis(t time.Time) float64 {
	return float64(t.UnixNano()) / float64(time.Millisecond)
}

func fromEpochMillis(ms float64) time.Time {
	return time.Unix(0, int64(ms*float64(time.Millisecond)))
}

// jsUseFake is vi.useFakeTimers: (timers, date, now). Installing again drops the fake timers
// made before, as sinon's reinstall does; time goes on from where Date stood.
func (r *Runner) jsUseFake(call goja.FunctionCall) goja.Value {
	clock := r.rt.Clock
	timers, date := call.Argument(0).ToBoolean(), call.Argument(1).ToBoolean()
	if clock.Fake() {
		r.rt.Loop.ClearUserTimers(true)
	}
	start := clock.Now()
	if now := call.Argument(2); !goja.IsUndefined(now) && !goja.IsNull(now) {
		start = fromEpochMillis(now.ToFloat())
	}
	if !timers {
		clock.UseReal()
		clock.Set(start)
		r.realDate(false)
		return goja.Undefined()
	}
	clock.UseFake()
	clock.Set(start)
	r.realDate(!date)
	return goja.Undefined()
}

// realDate makes Date read real time (on) or the runtime's clock (off).
func (r *Runner) realDate(on bool) {
	if on == r.clock.realDate {
		return
	}
	r.clock.realDate = on
	if on {
		r.rt.VM.SetTimeSource(r.rt.Clock.Real)
	} else {
		r.rt.VM.SetTimeSource(r.rt.Clock.Now)
	}
}

// jsUseReal is vi.useRealTimers: fake timers are dropped and Date is real again.
func (r *Runner) jsUseReal(goja.FunctionCall) goja.Value {
	r.restoreClock()
	return goja.Undefined()
}

// restoreClock undoes vi's fake timers; a file ends with it too.
func (r *Runner) restoreClock() {
	if r.rt.Clock.Fake() {
		r.rt.Loop.ClearUserTimers(true)
	}
	r.rt.Clock.UseReal()
	r.realDate(false)
}

// jsAdvance moves fake time by ms, running the timers that fall due on the way.
func (r *Runner) jsAdvance(call goja.FunctionCall) goja.Value {
	r.advance(millis(call.Argument(0).ToFloat()))
	return goja.Undefined()
}

// jsRunAll runs every timer (or only the pending ones) and reports false when it had to stop
// an endless chain of timers.
func (r *Runner) jsRunAll(call goja.FunctionCall) goja.Value {
	err := r.rt.Loop.RunAll(call.Argument(0).ToBoolean())
	return r.rt.VM.ToValue(!errors.Is(err, jsrt.ErrTimerLoop))
}

// jsAdvanceNext moves fake time exactly to the next timer and runs the timers due then; with
// (true) it stops at the target of the advance under way instead of going past it. It
// reports whether it ran anything.
func (r *Runner) jsAdvanceNext(call goja.FunctionCall) goja.Value {
	due, ok := r.rt.Loop.NextDue()
	bounded := call.Argument(0).ToBoolean() && len(r.clock.targets) > 0
	if !ok || (bounded && due.After(r.clock.targets[len(r.clock.targets)-1])) {
		return r.rt.VM.ToValue(false)
	}
	r.advance(max(0, due.Sub(r.rt.Clock.Now())))
	return r.rt.VM.ToValue(true)
}

// jsBeginAdvance starts an advance by (ms) taken one timer at a time: its target is kept
// exactly, in Go, until jsEndAdvance moves the clock to it.
func (r *Runner) jsBeginAdvance(call goja.FunctionCall) goja.Value {
	r.clock.targets = append(r.clock.targets, r.rt.Clock.Now().Add(millis(call.Argument(0).ToFloat())))
	return goja.Undefined()
}

func (r *Runner) jsEndAdvance(goja.FunctionCall) goja.Value {
	n := len(r.clock.targets)
	if n == 0 {
		return goja.Undefined()
	}
	target := r.clock.targets[n-1]
	r.clock.targets = r.clock.targets[:n-1]
	r.advance(max(0, target.Sub(r.rt.Clock.Now())))
	return goja.Undefined()
}

func (r *Runner) advance(d time.Duration) {
	if errors.Is(r.rt.Loop.Advance(d), jsrt.ErrTimerLoop) {
		r.throw("Aborting after running 10000 timers, assuming an infinite loop!")
	}
	// An interrupt stops the JavaScript that called this as soon as it resumes.
}

// jsSetTime is vi.setSystemTime: it moves the fake clock, or pins Date while time is real.
func (r *Runner) jsSetTime(call goja.FunctionCall) goja.Value {
	r.rt.Clock.Set(fromEpochMillis(call.Argument(0).ToFloat()))
	return goja.Undefined()
}

func (r *Runner) jsMockedTime(goja.FunctionCall) goja.Value {
	t, ok := r.rt.Clock.Pinned()
	if !ok {
		return goja.Null()
	}
	return r.rt.VM.ToValue(epochMillis(t))
}
