package cloudflaretest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/objects"
)

// RunAlarm runs the alarm of the stub's object now, whatever time it is set for, as
// runDurableObjectAlarm does: it reports false when no alarm is set; otherwise it deletes the
// alarm, calls alarm() (without retry information) and reports true. An alarm() that throws
// gives its *JSError, and is not retried.
func (w *Worker) RunAlarm(stub *Stub) (bool, error) {
	if err := w.check(); err != nil {
		return false, err
	}
	h := w.h
	v, err := h.await(context.Background(), named("RunAlarm"), func(id int64) error {
		o, _, err := h.object(stub)
		if err != nil {
			return err
		}
		return h.settle(id, h.js.identity, h.engine.RunAlarm(o))
	}, func(v goja.Value) (any, error) { return v.ToBoolean(), nil })
	if err != nil {
		return false, err
	}
	return v.(bool), nil
}

// ListDurableObjectIDs returns the ids of the namespace's objects that have storage, in byte
// order, as listDurableObjectIds does: objects created in a frame that was popped since are
// gone.
func (w *Worker) ListDurableObjectIDs(ns *Namespace) ([]ID, error) {
	var ids []ID
	err := w.do(func() error {
		n, err := w.h.namespace(ns.binding)
		if err != nil {
			return err
		}
		for _, id := range w.h.engine.ListIDs(n) {
			name := ""
			if o, ok := n.Lookup(id); ok {
				if !w.h.stack.Listed(o) {
					continue
				}
				name = o.Name()
			}
			ids = append(ids, ID{hex: id.String(), name: name})
		}
		return nil
	})
	return ids, err
}

// Evict drops the instance of the stub's object and keeps its storage, as evictDurableObject
// does: in-memory state is lost, and the next call constructs a new instance from storage.
// Stubs keep working. An object that is not running gives ErrNotRunning.
func (w *Worker) Evict(stub *Stub) error {
	return w.do(func() error {
		o, _, err := w.h.object(stub)
		if err != nil {
			return err
		}
		if err := w.h.engine.Evict(o); errors.Is(err, objects.ErrNotRunning) {
			return fmt.Errorf("%w: %s has no instance to evict; call it first", ErrNotRunning, o)
		} else if err != nil {
			return err
		}
		return nil
	})
}

// Advance moves the worker's clock forward by d. The first call makes the clock virtual,
// starting from the current time, as vi.useFakeTimers() does: from then on Date.now() and
// timers follow Advance alone. Call Advance(0) before the worker sets its timers to measure
// them from a fixed instant; timers set before are due at their real-time instant.
//
// Timers and alarms that fall due run in order, each with the clock at its time, and Advance
// returns once what they started has run (work that waits on I/O aside). Exceptions they throw
// are returned, joined, instead of failing the test later.
func (w *Worker) Advance(d time.Duration) error {
	if err := w.check(); err != nil {
		return err
	}
	if d < 0 {
		return fmt.Errorf("Advance(%v): time only moves forward", d)
	}
	h := w.h
	// Exceptions go to the innermost view, which may be a subtest's.
	view := h.current()
	if view == nil {
		view = w
	}
	before := view.uncaughtCount()
	var advanceErr error
	_, err := h.await(context.Background(), named("Advance"), func(id int64) error {
		if !h.rt.Clock.Fake() {
			h.rt.Clock.UseFake()
		}
		advanceErr = h.rt.Loop.Advance(d)
		// A real timer of no delay fires once no task is queued: by then the events that the
		// due timers and alarms queued have run.
		h.rt.Loop.SetTimer(jsrt.RealTimer, 0, 0, func() error {
			return h.settle(id, h.js.identity, goja.Undefined())
		})
		return nil
	}, nil)
	if err != nil {
		return err
	}
	return errors.Join(append([]error{advanceErr}, view.takeUncaught(before)...)...)
}

// Now returns the worker's clock: the wall clock until the first Advance, then the virtual
// time.
func (w *Worker) Now() (time.Time, error) {
	var now time.Time
	err := w.do(func() error {
		now = w.h.rt.Clock.Now()
		return nil
	})
	return now, err
}

func (w *Worker) uncaughtCount() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.uncaught)
}

// takeUncaught removes and returns the exceptions recorded since the count was n.
func (w *Worker) takeUncaught(n int) []error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if n >= len(w.uncaught) {
		return nil
	}
	taken := append([]error(nil), w.uncaught[n:]...)
	w.uncaught = w.uncaught[:n]
	return taken
}
