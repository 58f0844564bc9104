package objects

import (
	"fmt"
	"time"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/storage"
)

// Alarms. Each object has at most one, kept in its storage; once a write of it commits, it
// is scheduled on the loop as a jsrt.AlarmTimer, so fake time moves it like a timer. When
// it fires, alarm({retryCount, isRetry, scheduledTime}) runs as an event of the object. On
// success the alarm is deleted unless the handler set another; a failure is retried after
// 2 s, doubling up to 64 s, for 6 counted retries, and then abandoned and reported to the
// running test. The platform adds up to 25 % of jitter to each delay; dotest adds none, so
// that a test advancing fake time knows when each retry comes.

const (
	maxAlarmRetries = 6
	alarmBackoff    = 2 * time.Second

	msgNoAlarmHandler = "Your Durable Object class must have an alarm() handler in order to call setAlarm()"
)

// alarmState is the scheduling side of an object's alarm.
type alarmState struct {
	timer   *jsrt.Timer
	soon    uint64 // nonzero while a due alarm waits in the task queue
	seq     uint64
	due     int64 // ms the alarm is scheduled for (its time, or the time of its retry)
	running bool  // alarm() runs now
	current int64 // the scheduled time of the run in progress or awaiting retry
	retries int   // counted failures of current
	noRetry bool  // ctx.abort(…, {retryAlarm: false}) during the run
}

func (e *Engine) nowMs() int64 { return e.rt.Clock.Now().UnixMilli() }

func (e *Engine) jsGetAlarm(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	ms, ok, err := inst.db.GetAlarm()
	e.storageResult(inst, err)
	a := inst.obj.alarm
	if !ok || (a.running && ms == a.current) {
		// While alarm() runs, the alarm it runs for is no longer set.
		return goja.Null()
	}
	return e.vm.ToValue(ms)
}

func (e *Engine) jsSetAlarm(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	if !inst.hasAlarm && !inst.constructing {
		e.throwType(msgNoAlarmHandler)
	}
	ms := int64(c.Argument(1).ToFloat())
	if now := e.nowMs(); ms > 0 && ms < now {
		ms = now
	}
	err := inst.db.SetAlarm(ms)
	e.touch(inst)
	inst.alarmDirty = true
	e.storageResult(inst, err)
	return goja.Undefined()
}

func (e *Engine) jsDeleteAlarm(c goja.FunctionCall) goja.Value {
	inst := e.liveInstance(c.Argument(0))
	err := inst.db.DeleteAlarm()
	e.touch(inst)
	inst.alarmDirty = true
	e.storageResult(inst, err)
	return goja.Undefined()
}

// syncAlarm makes the object's timer agree with the alarm its storage holds. While alarm()
// runs, the decision waits for its outcome.
func (e *Engine) syncAlarm(o *Object) {
	if o.alarm.running || o.deleted || o.db == nil {
		return
	}
	ms, ok, err := o.db.GetAlarm()
	if err != nil || !ok {
		e.cancelAlarm(o)
		return
	}
	a := &o.alarm
	if a.timer != nil || a.soon != 0 {
		if a.due == ms || (ms == a.current && a.retries > 0) {
			return // scheduled already, or waiting for its retry
		}
	}
	if ms != a.current {
		a.current, a.retries = ms, 0
	}
	e.armAlarm(o, ms)
}

func (e *Engine) cancelAlarm(o *Object) {
	if o.alarm.timer != nil {
		e.rt.Loop.ClearTimer(o.alarm.timer.ID)
		o.alarm.timer = nil
	}
	o.alarm.soon = 0
}

// armAlarm schedules the alarm for ms. A time not in the future fires at once, with fake
// time too; a later one waits on a timer that does not keep the loop alive by itself, as a
// test does not wait for alarms it does not run.
func (e *Engine) armAlarm(o *Object, ms int64) {
	e.cancelAlarm(o)
	a := &o.alarm
	a.due = ms
	at := time.UnixMilli(ms)
	if at.After(e.rt.Clock.Now()) {
		a.timer = e.rt.Loop.SetTimerAt(jsrt.AlarmTimer, at, 0, func() error {
			a.timer = nil
			e.fireAlarm(o)
			return nil
		})
		e.rt.Loop.Unref(a.timer)
		return
	}
	a.seq++
	seq := a.seq
	a.soon = seq
	e.rt.Loop.Enqueue(func() error {
		if a.soon == seq {
			a.soon = 0
			e.fireAlarm(o)
		}
		return nil
	})
}

// fireAlarm queues alarm() as an event of the object.
func (e *Engine) fireAlarm(o *Object) {
	if o.deleted {
		return
	}
	a := &o.alarm
	info := e.vm.NewObject()
	_ = info.Set("retryCount", a.retries)
	_ = info.Set("isRetry", a.retries > 0)
	_ = info.Set("scheduledTime", a.current)
	ev := &event{kind: kindAlarm, args: info, byRef: true}
	scheduled := a.current
	ev.done = func(ok bool, v goja.Value) { e.alarmDone(o, scheduled, ok, v) }
	e.register(ev)
	e.enqueue(o, ev)
}

// alarmStarted runs when an alarm event reaches its instance.
func (e *Engine) alarmStarted(inst *instance, ev *event) {
	o := inst.obj
	o.alarm.running = true
	o.alarm.noRetry = false
	if !inst.hasAlarm {
		e.log.Warn("a Durable Object alarm fired, but its class has no alarm() handler",
			"object", o.String())
	}
}

// alarmDone decides what follows an alarm run.
func (e *Engine) alarmDone(o *Object, scheduled int64, ok bool, v goja.Value) {
	a := &o.alarm
	a.running = false
	if o.deleted || o.db == nil {
		return
	}
	ms, set, err := o.db.GetAlarm()
	if err != nil {
		return
	}
	switch {
	case set && ms != scheduled:
		// The handler set a new alarm: it replaces this one, whatever happened.
	case ok || !set || a.noRetry || !e.hasAlarmHandler(o):
		if set {
			e.deleteStoredAlarm(o)
		}
	default:
		a.retries++
		if a.retries > maxAlarmRetries {
			e.deleteStoredAlarm(o)
			e.reportAbandoned(o, v)
			break
		}
		delay := alarmBackoff << (a.retries - 1)
		e.armAlarm(o, e.nowMs()+delay.Milliseconds())
		return
	}
	e.syncAlarm(o)
}

// hasAlarmHandler reports whether the object's last instance had alarm(): without one a
// failure is not retried.
func (e *Engine) hasAlarmHandler(o *Object) bool {
	return o.inst == nil || o.inst.hasAlarm
}

// deleteStoredAlarm deletes the alarm from storage and commits that at once: it happens
// between turns.
func (e *Engine) deleteStoredAlarm(o *Object) {
	if err := o.db.DeleteAlarm(); err != nil {
		e.log.Warn("failed to delete a Durable Object alarm", "object", o.String(), "error", err)
		return
	}
	if err := o.db.CommitTurn(); err != nil {
		e.log.Warn("failed to delete a Durable Object alarm", "object", o.String(), "error", err)
	}
}

func (e *Engine) reportAbandoned(o *Object, cause goja.Value) {
	msg := fmt.Sprintf("the alarm of Durable Object %s failed %d times and was abandoned after %d retries",
		o, maxAlarmRetries+1, maxAlarmRetries)
	if cause != nil {
		msg += ": " + e.rt.Exception(cause).Error()
	}
	e.rt.ReportError("alarm", e.newError(storage.KindError, msg))
}
