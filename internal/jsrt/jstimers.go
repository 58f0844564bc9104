package jsrt

import (
	"time"

	"github.com/dop251/goja"
)

// installTimers defines setTimeout, setInterval, and their clear functions.
// They are Go natives: timers are the hottest host calls a test makes.
func (rt *Runtime) installTimers() error {
	vm := rt.VM
	set := func(repeat bool) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			fn, ok := goja.AssertFunction(call.Argument(0))
			if !ok {
				panic(vm.NewTypeError("The \"callback\" argument must be of type function. Received %s",
					describe(call.Argument(0))))
			}
			d := toDuration(call.Argument(1))
			args := append([]goja.Value(nil), call.Arguments[min(2, len(call.Arguments)):]...)
			interval := time.Duration(0)
			if repeat {
				interval = max(d, time.Millisecond)
			}
			t := rt.Loop.SetTimer(UserTimer, d, interval, func() error {
				_, err := fn(goja.Undefined(), args...)
				return rt.taskResult("timer", err)
			})
			return vm.ToValue(t.ID)
		}
	}
	clearFn := func(call goja.FunctionCall) goja.Value {
		if id := call.Argument(0); !goja.IsUndefined(id) && !goja.IsNull(id) {
			rt.Loop.ClearTimer(id.ToInteger())
		}
		return goja.Undefined()
	}
	for name, f := range map[string]func(goja.FunctionCall) goja.Value{
		"setTimeout": set(false), "setInterval": set(true),
		"clearTimeout": clearFn, "clearInterval": clearFn,
	} {
		if err := vm.Set(name, f); err != nil {
			return err
		}
	}
	return nil
}

// toDuration reads a timer delay the way browsers do: milliseconds, NaN and negatives as 0.
func toDuration(v goja.Value) time.Duration {
	if goja.IsUndefined(v) || goja.IsNull(v) {
		return 0
	}
	ms := v.ToFloat()
	if ms != ms || ms < 0 {
		return 0
	}
	return time.Duration(ms * float64(time.Millisecond))
}

func describe(v goja.Value) string {
	if goja.IsUndefined(v) {
		return "undefined"
	}
	if goja.IsNull(v) {
		return "null"
	}
	return "type " + v.ExportType().String()
}
