// Package clone implements the structured-clone algorithm over goja values, as workerd runs
// it on V8: what Durable Object storage keeps, what crosses an RPC call, what a WebSocket
// attachment holds, and what the global structuredClone returns.
//
// Serialize and Deserialize use V8's ValueSerializer wire format, version 15 with its header
// (FF 0F), so that the bytes match what workerd stores in _cf_KV.value and a database can move
// between dotest and .wrangler/state. Clone copies within a runtime directly, with the same
// semantics and without the bytes.
//
// What is copied: every primitive but symbols (bigint and nested undefined included), plain
// objects and arrays (sparse ones, and extra properties on arrays), Date, RegExp, Map, Set,
// ArrayBuffer, every typed array and DataView, Boolean/Number/BigInt/String wrappers, and
// errors (their type among Error, EvalError, RangeError, ReferenceError, SyntaxError,
// TypeError and URIError, their own message, their stack and their own cause). Cycles and
// shared references are kept, views that share a buffer still share one. Only own enumerable
// string-keyed properties are copied, with getters run as the copy is made; prototypes are not
// kept. Functions, symbols, WeakMap, WeakSet, Promise, proxies, the global object and objects
// backed by Go are refused with a *DataCloneError carrying workerd's message.
//
// Known differences from workerd:
//   - Numbers are written as V8 writes Smis and heap numbers by value (integers that fit 31
//     bits as int32, all else as doubles); V8 decides by its internal representation, so an
//     integral double in a V8 array of doubles differs in bytes, not in value.
//   - Strings whose code units are all below 256 are written one-byte; V8 keeps some such
//     strings two-byte internally. Both read back equal.
//   - goja keeps RegExp sources as written, so a source V8 would escape differently (goja
//     turns "/" into "\u002f" for new RegExp("/")) differs in bytes.
//   - Property names containing unpaired surrogates come back with U+FFFD in their place:
//     goja hands property names to Go as UTF-8.
//   - Host objects (workerd's '\\' tag: stubs kept by allow_irrevocable_stub_storage, native
//     errors under enhanced_error_serialization), SharedArrayBuffers, transferred buffers and
//     WebAssembly values are not read or written.
//
// All functions must run on the goroutine that owns the runtime. Reading a value runs its
// getters; an interrupt of the runtime (goja.Runtime.Interrupt) raised in one propagates as the
// panic goja uses for interrupts, to the script that is running.
package clone

import (
	"github.com/dop251/goja"
)

// Mode selects how instances of user-defined classes are treated.
type Mode int

const (
	// Storage copies an instance of a class as a plain object of its own enumerable
	// properties: the prototype is lost. Storage puts and WebSocket attachments use it.
	Storage Mode = iota
	// RPC refuses instances of classes (any object whose prototype is not Object.prototype)
	// with DataCloneError `Could not serialize object of type "Name". This type does not
	// support serialization.`, unless Options.Replace handles them.
	RPC
)

// Options configure Serialize and Clone.
type Options struct {
	Mode Mode

	// Replace, when set, sees every object the algorithm would not copy by itself, before it
	// is refused: functions, proxies, instances of classes (also in Storage mode, so that host
	// classes written in JavaScript can be refused there), objects with a null prototype,
	// objects backed by Go and refused built-ins such as Promise. It is not called for plain
	// objects, arrays, errors or the other copied built-ins.
	//
	// It returns the value to use instead (handled true), or handled false to let the
	// algorithm continue (copy as a plain object in Storage mode, refuse otherwise), or an
	// error to stop, which Serialize and Clone return as is. Each object is offered once;
	// later references to it reuse the replacement. Returning the object itself counts as not
	// handled.
	//
	// Clone puts the replacement into the copy as is: this is how RPC turns functions and
	// RpcTarget instances into stubs. Serialize writes the replacement in the object's place,
	// so it must itself be serializable (plain data); there is no wire form for stubs.
	Replace func(obj *goja.Object) (replacement goja.Value, handled bool, err error)

	// MaxBytes, when positive, makes Serialize fail with a *TooLargeError if the encoded value
	// is longer. The value is encoded in full first, so that the error reports its size.
	MaxBytes int
}

// Serialize encodes v in V8's wire format, version 15 with header. Errors are a
// *DataCloneError for a value that cannot be cloned, a *goja.Exception thrown by a getter or
// a toString that the algorithm ran, ErrTooDeep, or a *TooLargeError.
func Serialize(vm *goja.Runtime, v goja.Value, opts Options) ([]byte, error) {
	r, err := realmOf(vm)
	if err != nil {
		return nil, err
	}

	e := newEncoder(vm, r, opts)
	var data []byte
	if ex := vm.Try(func() { data, err = e.encode(v) }); ex != nil {
		return nil, ex
	}
	if err != nil {
		return nil, err
	}
	if opts.MaxBytes > 0 && len(data) > opts.MaxBytes {
		return nil, &TooLargeError{Limit: opts.MaxBytes, Size: len(data)}
	}
	return data, nil
}

// Deserialize decodes data written by Serialize, by workerd or by V8 (versions up to 15; data
// without a header is read as version 13, as workerd does) into fresh values in vm. Bytes it
// cannot decode give an error wrapping ErrMalformed, or ErrUnsupportedVersion; trailing bytes
// after the value are ignored, as V8 ignores them.
func Deserialize(vm *goja.Runtime, data []byte) (goja.Value, error) {
	r, err := realmOf(vm)
	if err != nil {
		return nil, err
	}

	var v goja.Value
	if ex := vm.Try(func() { v, err = decode(vm, r, data) }); ex != nil {
		return nil, ex
	}
	return v, err
}

// Clone copies v within vm with the semantics of Serialize followed by Deserialize, and
// returns the copy. Its errors are those of Serialize.
func Clone(vm *goja.Runtime, v goja.Value, opts Options) (goja.Value, error) {
	return cloneWith(vm, v, opts, nil)
}

// cloneWith is Clone, moving the ArrayBuffers in transfer into the copy instead of copying
// them; they are detached once the copy is complete.
func cloneWith(vm *goja.Runtime, v goja.Value, opts Options, transfer []*goja.Object) (
	goja.Value, error,
) {
	r, err := realmOf(vm)
	if err != nil {
		return nil, err
	}

	c := newCopier(vm, r, opts, transfer)
	var out goja.Value
	if ex := vm.Try(func() { out, err = c.copy(v) }); ex != nil {
		return nil, ex
	}
	if err != nil {
		return nil, err
	}
	c.detachTransferred()
	return out, nil
}
