package jsrt

import (
	"time"

	"github.com/dop251/goja"
)

// installConsole defines console, printing through the runtime's console callback, and keeps
// the inspector for Inspect.
func (rt *Runtime) installConsole() error {
	start := time.Now()
	write := func(stream, text string) { rt.console(stream, text) }
	now := func() float64 { return float64(time.Since(start).Microseconds()) / 1000 }

	v, err := rt.Setup(consoleProgram, rt.VM.ToValue(write), rt.VM.ToValue(now))
	if err != nil {
		return err
	}
	obj := v.ToObject(rt.VM)
	rt.inspect, _ = goja.AssertFunction(obj.Get("inspect"))
	return nil
}

// Inspect prints a value the way console.log does.
func (rt *Runtime) Inspect(v goja.Value) string {
	s, err := rt.inspect(goja.Undefined(), v)
	if err != nil {
		return v.String()
	}
	return s.String()
}
