package web

import (
	"github.com/dop251/goja"
)

// websocketNatives gives WebSocket its task queue, UTF-8 lengths and the compatibility flags
// that change its behaviour.
func websocketNatives(e *env) goja.Value {
	return e.natives(map[string]any{
		"enqueue":     e.enqueue("websocket"),
		"utf8Length":  func(v goja.Value) int { return len(v.String()) },
		"pedantic":    e.compat.on(flagPedanticWPT),
		"reasonLimit": e.compat.on(flagWebSocketReasonLimit),
		"autoReply":   e.compat.on(flagWebSocketAutoClose),
		"blobDefault": e.compat.on(flagWebSocketBlob),
	})
}

// enqueue returns a native that runs a JS function as a task of its own on the loop, after
// the tasks already queued; what it throws is reported with origin.
func (e *env) enqueue(origin string) func(fn goja.Callable) {
	return func(fn goja.Callable) {
		e.rt.Loop.Enqueue(func() error {
			_, err := fn(goja.Undefined())
			return e.taskError(origin, err)
		})
	}
}
