package web

import (
	"errors"
	"math"
	"time"

	"github.com/dop251/goja"
)

// toMillis turns a JS delay in milliseconds into a duration; NaN and negatives are zero.
func toMillis(ms float64) time.Duration {
	if math.IsNaN(ms) || ms <= 0 {
		return 0
	}
	if ms > float64(math.MaxInt64/int64(time.Millisecond)) {
		return math.MaxInt64
	}
	return time.Duration(ms * float64(time.Millisecond))
}

// taskError turns what a JS call made from a loop task returned into the task's result: an
// exception goes to the runtime's error handler with its origin, an interrupt ends the loop.
func (e *env) taskError(origin string, err error) error {
	if err == nil {
		return nil
	}
	var jsErr *goja.Exception
	if errors.As(err, &jsErr) {
		e.rt.ReportError(origin, jsErr.Value())
		return nil
	}
	return err
}
