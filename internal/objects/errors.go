package objects

import (
	"errors"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/clone"
	"github.com/dotest-dev/dotest/internal/storage"
)

// Errors of the engine API, for the test helpers built on it.
var (
	// ErrNotRunning is returned by Evict for an object that has no instance.
	ErrNotRunning = errors.New("the Durable Object is not running")
	// ErrNotStub is returned by ObjectOf for a value that is not a Durable Object stub.
	ErrNotStub = errors.New("not a Durable Object stub")
	// ErrUnknownNamespace is returned for a namespace that is not one of this engine's.
	ErrUnknownNamespace = errors.New("not a Durable Object namespace of this worker")
)

// errorCtors are the runtime's error constructors, captured when the engine is installed so
// that a test replacing a global does not change what the engine throws.
type errorCtors struct {
	Error, TypeError, RangeError goja.Value
}

func captureErrorCtors(vm *goja.Runtime) errorCtors {
	return errorCtors{Error: vm.Get("Error"), TypeError: vm.Get("TypeError"), RangeError: vm.Get("RangeError")}
}

// newError builds a JS error of the class named by kind.
func (e *Engine) newError(kind storage.ErrKind, msg string) *goja.Object {
	ctor := e.errs.Error
	switch kind {
	case storage.KindTypeError:
		ctor = e.errs.TypeError
	case storage.KindRangeError:
		ctor = e.errs.RangeError
	}
	obj, err := e.vm.New(ctor, e.vm.ToValue(msg))
	if err != nil {
		return e.vm.NewTypeError(msg)
	}
	return obj
}

// jsError turns a Go error into the value JS code sees: a storage error becomes an error of
// its class with the platform's text, a clone error a DataCloneError, a JS exception its
// value.
func (e *Engine) jsError(err error) goja.Value {
	var se *storage.Error
	var ex *goja.Exception
	var dce *clone.DataCloneError
	switch {
	case errors.As(err, &se):
		return e.newError(se.Kind, se.Message)
	case errors.As(err, &ex):
		return ex.Value()
	case errors.As(err, &dce), errors.Is(err, clone.ErrTooDeep), errors.Is(err, clone.ErrMalformed),
		errors.Is(err, clone.ErrUnsupportedVersion):
		thrown := e.vm.Try(func() { clone.ThrowDataCloneError(e.vm, err) })
		if thrown != nil {
			return thrown.Value()
		}
	}
	return e.newError(storage.KindError, err.Error())
}

// throw throws err into the JS code that called a native; it never returns.
func (e *Engine) throw(err error) {
	panic(e.jsError(err))
}

// throwType throws a TypeError with msg.
func (e *Engine) throwType(msg string) {
	panic(e.newError(storage.KindTypeError, msg))
}

// exceptionValue returns the thrown value of an error returned by a call into JS.
func exceptionValue(vm *goja.Runtime, err error) goja.Value {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return ex.Value()
	}
	return vm.NewGoError(err)
}
