package clone

import (
	"errors"
	"fmt"

	"github.com/dop251/goja"
)

// DataCloneError reports a value that the structured-clone algorithm refuses, with the text
// workerd gives it (V8's "… could not be cloned." or workerd's "Could not serialize object of
// type …"). In JavaScript it becomes a DOMException named "DataCloneError".
type DataCloneError struct {
	Message string
}

// Error returns the message.
func (e *DataCloneError) Error() string {
	return e.Message
}

// ErrMalformed is wrapped by every error Deserialize returns for bytes it cannot decode. V8's
// text for it is "Unable to deserialize cloned data.".
var ErrMalformed = errors.New("unable to deserialize cloned data")

// ErrUnsupportedVersion is returned by Deserialize for a header whose version is newer than
// 15. V8's text for it is "Unable to deserialize cloned data due to invalid or unsupported
// version.".
var ErrUnsupportedVersion = errors.New(
	"unable to deserialize cloned data due to invalid or unsupported version")

// ErrTooDeep is returned when a value nests more than 5,000 levels deep.
// V8 fails the same way, with a RangeError "Maximum call stack size exceeded".
var ErrTooDeep = errors.New("maximum call stack size exceeded")

// ErrTooLarge is matched (errors.Is) by a *TooLargeError.
var ErrTooLarge = errors.New("serialized value too large")

// TooLargeError reports a serialized value over Options.MaxBytes. Size is the full size of
// the value, so that callers can quote it ("… 'attachment' was N bytes.").
type TooLargeError struct {
	Limit int
	Size  int
}

// Error describes the size and the limit.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("serialized value is %d bytes, over the limit of %d bytes", e.Size, e.Limit)
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *TooLargeError) Is(target error) bool {
	return target == ErrTooLarge
}

// malformed builds a decoding error at a byte offset.
func malformed(offset int, format string, args ...any) error {
	return fmt.Errorf("%w: %s at byte %d", ErrMalformed, fmt.Sprintf(format, args...), offset)
}

// cannotClone is V8's refusal: "<description> could not be cloned.".
func cannotClone(description string) error {
	return &DataCloneError{Message: description + " could not be cloned."}
}

// cannotSerialize is workerd's refusal of host objects and, for RPC, of class instances.
func cannotSerialize(typeName string) error {
	return &DataCloneError{Message: "Could not serialize object of type \"" + typeName +
		"\". This type does not support serialization."}
}

// errDetached is V8's refusal of a detached ArrayBuffer.
var errDetached = &DataCloneError{Message: "An ArrayBuffer is detached and could not be cloned."}

// ThrowDataCloneError throws err into JavaScript; it never returns. It is meant for the Go
// functions that bind Serialize, Deserialize and Clone into a runtime, and maps each error
// this package returns to what workerd throws:
//   - a *DataCloneError becomes `new DOMException(message, "DataCloneError")` when the runtime
//     defines DOMException, and otherwise an Error whose name is "DataCloneError";
//   - a JavaScript exception raised while reading the value (a getter that throws, a Replace
//     hook that returned one) is rethrown unchanged, and so is an interrupt;
//   - ErrTooDeep becomes RangeError "Maximum call stack size exceeded";
//   - ErrMalformed and ErrUnsupportedVersion become an Error with V8's text;
//   - any other error becomes an Error with its text.
func ThrowDataCloneError(vm *goja.Runtime, err error) {
	panic(jsError(vm, err))
}

// jsError builds the value ThrowDataCloneError throws.
func jsError(vm *goja.Runtime, err error) any {
	var exception *goja.Exception
	var interrupted *goja.InterruptedError
	var dataClone *DataCloneError
	switch {
	case errors.As(err, &exception):
		return exception
	case errors.As(err, &interrupted):
		return interrupted
	case errors.As(err, &dataClone):
		return newDataCloneError(vm, dataClone.Message)
	case errors.Is(err, ErrTooDeep):
		return newError(vm, "RangeError", "Maximum call stack size exceeded")
	case errors.Is(err, ErrUnsupportedVersion):
		return newError(vm, "Error",
			"Unable to deserialize cloned data due to invalid or unsupported version.")
	case errors.Is(err, ErrMalformed):
		return newError(vm, "Error", "Unable to deserialize cloned data.")
	}
	return newError(vm, "Error", err.Error())
}

// newDataCloneError builds the DOMException workerd throws, or an Error standing in for it
// in a runtime without DOMException.
func newDataCloneError(vm *goja.Runtime, message string) goja.Value {
	if ctor := vm.Get("DOMException"); ctor != nil && !goja.IsUndefined(ctor) {
		if obj, err := vm.New(ctor, vm.ToValue(message), vm.ToValue("DataCloneError")); err == nil {
			return obj
		}
	}

	obj := newError(vm, "Error", message)
	_ = defineHidden(obj, "name", vm.ToValue("DataCloneError"))
	return obj
}

// newError builds an error of one of the built-in error types, from the runtime's intrinsics
// when they are known.
func newError(vm *goja.Runtime, name, message string) *goja.Object {
	if r, err := realmOf(vm); err == nil {
		if obj, err := vm.New(r.errors[errorTypeByName(name)], vm.ToValue(message)); err == nil {
			return obj
		}
	}

	obj := vm.NewTypeError(message)
	if name != "TypeError" {
		_ = defineHidden(obj, "name", vm.ToValue(name))
	}
	return obj
}
