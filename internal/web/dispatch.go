package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// ErrNotInstalled is returned by the functions of this package given a runtime that Install
// has not set up.
var ErrNotInstalled = errors.New("the web platform is not installed in this runtime")

// ErrNotAResponse is returned by ReadResponse for a value that is not a Response.
var ErrNotAResponse = errors.New("the value is not a Response")

// NewRequest builds a JS Request in rt from Go values, for Go code that hands a request to a
// handler in the runtime (a test driving SELF or a Durable Object from Go). A nil body means
// no body. It runs on the runtime's goroutine, inside or outside a task.
func NewRequest(rt *jsrt.Runtime, method, url string, header http.Header, body []byte) (goja.Value, error) {
	e := envOf(rt)
	if e == nil {
		return nil, ErrNotInstalled
	}
	mod, err := e.loadModule("http")
	if err != nil {
		return nil, err
	}
	init := e.vm.NewObject()
	_ = init.Set("method", method)
	pairs := make([]any, 0, len(header))
	for name, values := range header {
		for _, v := range values {
			pairs = append(pairs, []any{name, v})
		}
	}
	_ = init.Set("headers", pairs)
	if body != nil {
		_ = init.Set("body", e.newUint8Array(append([]byte(nil), body...)))
	}

	var req *goja.Object
	err = catchJS(func() error {
		var err error
		req, err = e.vm.New(mod.Get("Request"), e.vm.ToValue(url), init)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("failed to build the request: %w", err)
	}
	return req, nil
}

// Response is a JS Response read into Go.
type Response struct {
	Status     int
	StatusText string
	Header     http.Header
	Body       []byte
	// WebSocket is the socket of a 101 response, nil otherwise.
	WebSocket *goja.Object
}

// ReadResponse waits for v (a Response or a promise of one) and reads its body to the end,
// running the loop meanwhile, so it must be called outside a task, as jsrt.Runtime.Await is.
// A rejection comes back as a *jsrt.Exception.
func ReadResponse(rt *jsrt.Runtime, v goja.Value) (*Response, error) {
	e := envOf(rt)
	if e == nil {
		return nil, ErrNotInstalled
	}
	v, err := rt.Await(v)
	if err != nil {
		return nil, err
	}
	mod, err := e.loadModule("http")
	if err != nil {
		return nil, err
	}
	obj, ok := v.(*goja.Object)
	if !ok || !e.vm.InstanceOf(obj, mod.Get("Response").ToObject(e.vm)) {
		return nil, ErrNotAResponse
	}

	out := &Response{
		Status:     int(obj.Get("status").ToInteger()),
		StatusText: obj.Get("statusText").String(),
		Header:     http.Header{},
	}
	if ws, isObj := obj.Get("webSocket").(*goja.Object); isObj {
		out.WebSocket = ws
	}
	if err := e.readHeaders(obj.Get("headers"), out.Header); err != nil {
		return nil, err
	}
	body, err := e.readBody(rt, obj)
	if err != nil {
		return nil, err
	}
	out.Body = body
	return out, nil
}

func (e *env) readHeaders(headers goja.Value, into http.Header) error {
	forEach, ok := goja.AssertFunction(headers.ToObject(e.vm).Get("forEach"))
	if !ok {
		return ErrNotAResponse
	}
	_, err := forEach(headers, e.vm.ToValue(func(value, name string) { into.Add(name, value) }))
	return err
}

func (e *env) readBody(rt *jsrt.Runtime, res *goja.Object) ([]byte, error) {
	read, ok := goja.AssertFunction(res.Get("arrayBuffer"))
	if !ok {
		return nil, ErrNotAResponse
	}
	var p goja.Value
	err := catchJS(func() error {
		var err error
		p, err = read(res)
		return err
	})
	if err != nil {
		return nil, err
	}
	buf, err := rt.Await(p)
	if err != nil {
		return nil, err
	}
	ab, ok := buf.Export().(goja.ArrayBuffer)
	if !ok {
		return nil, ErrNotAResponse
	}
	return append([]byte(nil), ab.Bytes()...), nil
}

// catchJS runs fn, turning a JS exception or a panic of goja's into an error.
func catchJS(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if ex, ok := r.(*goja.Exception); ok {
				err = ex
				return
			}
			panic(r)
		}
	}()
	return fn()
}
