package clone

import (
	"errors"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// refusals are values the algorithm refuses, with V8's or workerd's message.
var refusals = []struct {
	name    string
	value   string
	mode    Mode
	message string
}{
	{"function", `(function foo(a) { return a })`, Storage, "function foo(a) { return a } could not be cloned."},
	{"arrow function", `(() => 1)`, Storage, "() => 1 could not be cloned."},
	{"class", `(class A {})`, Storage, "class A {} could not be cloned."},
	{"async function", `(async function af() {})`, Storage, "async function af() {} could not be cloned."},
	{"native function", `Math.max`, Storage, "function max() { [native code] } could not be cloned."},
	{"nested function", `({a: {b: [() => 2]}})`, Storage, "() => 2 could not be cloned."},
	{"symbol", `Symbol("x")`, Storage, "Symbol(x) could not be cloned."},
	{"symbol without description", `[Symbol()]`, Storage, "Symbol() could not be cloned."},
	{"symbol wrapper", `Object(Symbol("q"))`, Storage, "[object Symbol] could not be cloned."},
	{"WeakMap", `new WeakMap()`, Storage, "#<WeakMap> could not be cloned."},
	{"WeakSet", `new WeakSet()`, Storage, "#<WeakSet> could not be cloned."},
	{"Promise", `Promise.resolve(1)`, Storage, "#<Promise> could not be cloned."},
	{"proxy", `new Proxy({}, {})`, Storage, "#<Object> could not be cloned."},
	{"proxy of an array", `new Proxy(new Proxy([], {}), {})`, Storage, "[object Array] could not be cloned."},
	{"proxy of a function", `new Proxy(function g() {}, {})`, Storage, "function g() {} could not be cloned."},
	{"revoked proxy", `(() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy })()`, Storage,
		"#<Object> could not be cloned."},
	{"arguments", `(function () { return arguments })(1)`, Storage, "#<Object> could not be cloned."},
	{"generator", `(function* () {})()`, Storage, "[object Generator] could not be cloned."},
	{"global object", `({g: globalThis})`, Storage, "#<Object> could not be cloned."},
	{"detached buffer",
		`(() => { const b = new ArrayBuffer(8); structuredClone(0, {transfer: [b]}); return b })()`,
		Storage, "An ArrayBuffer is detached and could not be cloned."},
	{"view of a detached buffer",
		`(() => { const v = new Uint8Array(8); structuredClone(0, {transfer: [v.buffer]}); return [v] })()`,
		Storage, "An ArrayBuffer is detached and could not be cloned."},
	{"class instance over RPC", `new (class Foo { constructor() { this.x = 1 } })`, RPC,
		`Could not serialize object of type "Foo". This type does not support serialization.`},
	{"null prototype over RPC", `Object.create(null)`, RPC,
		`Could not serialize object of type "Object". This type does not support serialization.`},
	{"function over RPC", `({f() {}})`, RPC, "f() {} could not be cloned."},
}

func TestRefusals(t *testing.T) {
	for _, path := range copyPaths[:2] {
		for _, tc := range refusals {
			t.Run(path.name+"/"+tc.name, func(t *testing.T) {
				vm := newRuntime(t)
				_, err := path.copy(vm, eval(t, vm, tc.value), Options{Mode: tc.mode})
				var dce *DataCloneError
				if !errors.As(err, &dce) {
					t.Fatalf("got %v, want a DataCloneError", err)
				}
				if dce.Message != tc.message {
					t.Errorf("message %q, want %q", dce.Message, tc.message)
				}
			})
		}
	}
}

func TestHostObjectsAreRefused(t *testing.T) {
	type config struct{ Name string }
	want := `Could not serialize object of type "Object". This type does not support serialization.`
	for _, path := range copyPaths[:2] {
		for _, mode := range []Mode{Storage, RPC} {
			vm := newRuntime(t)
			_, err := path.copy(vm, vm.ToValue(map[string]any{"c": &config{Name: "x"}}), Options{Mode: mode})
			var dce *DataCloneError
			if !errors.As(err, &dce) || dce.Message != want {
				t.Errorf("%s, mode %d: got %v, want %q", path.name, mode, err, want)
			}
		}
	}
}

func TestRPCModeAcceptsBuiltins(t *testing.T) {
	for _, path := range copyPaths[:2] {
		vm := newRuntime(t)
		v := eval(t, vm, `({list: [1], when: new Date(0), m: new (class M extends Map {})(), e: new TypeError("t"),
			u8: new Uint8Array(2), re: /x/})`)
		if _, err := path.copy(vm, v, Options{Mode: RPC}); err != nil {
			t.Errorf("%s: %v", path.name, err)
		}
	}
}

func TestStructuredCloneThrowsDataCloneError(t *testing.T) {
	vm := newRuntime(t)
	eval(t, vm, `
		let caught;
		try { structuredClone({f: function f() {}}) } catch (e) { caught = e }
		assert(caught instanceof Error, "an Error without DOMException");
		eq(caught.name, "DataCloneError");
		eq(caught.message, "function f() {} could not be cloned.");
	`)

	eval(t, vm, `
		globalThis.DOMException = class DOMException extends Error {
			constructor(message, name) { super(message); this.name = name }
		};
		try { structuredClone(Symbol("s")) } catch (e) { caught = e }
		assert(caught instanceof DOMException, "a DOMException when the runtime has one");
		eq(caught.name, "DataCloneError");
		eq(caught.message, "Symbol(s) could not be cloned.");
	`)
}

func TestExceptionsFromGettersPropagate(t *testing.T) {
	vm := newRuntime(t)
	v := eval(t, vm, `({get a() { throw new RangeError("nope") }})`)
	for _, path := range copyPaths[:2] {
		_, err := path.copy(vm, v, Options{})
		var ex *goja.Exception
		if !errors.As(err, &ex) || !strings.Contains(ex.Error(), "RangeError: nope") {
			t.Errorf("%s: got %v, want the getter's RangeError", path.name, err)
		}
	}

	eval(t, vm, `
		let caught;
		try { structuredClone({get a() { throw new RangeError("nope") }}) } catch (e) { caught = e }
		assert(caught instanceof RangeError, "the getter's own error");
		eq(caught.message, "nope");
	`)
}

func TestErrorNameThatCannotBeAString(t *testing.T) {
	vm := newRuntime(t)
	v := eval(t, vm, `(() => { const e = new Error("x"); e.name = Symbol("n"); return e })()`)
	_, err := Serialize(vm, v, Options{})
	var ex *goja.Exception
	if !errors.As(err, &ex) || !strings.Contains(ex.Error(), "TypeError") {
		t.Errorf("got %v, want a TypeError", err)
	}
}

func TestTooDeep(t *testing.T) {
	vm := newRuntime(t)
	deep := eval(t, vm, `(() => { let v = []; for (let i = 0; i < 6000; i++) v = [v]; return v })()`)
	for _, path := range copyPaths[:2] {
		if _, err := path.copy(vm, deep, Options{}); !errors.Is(err, ErrTooDeep) {
			t.Errorf("%s: got %v, want ErrTooDeep", path.name, err)
		}
	}
	eval(t, vm, `
		let caught;
		try { let v = []; for (let i = 0; i < 6000; i++) v = [v]; structuredClone(v) } catch (e) { caught = e }
		assert(caught instanceof RangeError, "a RangeError");
		eq(caught.message, "Maximum call stack size exceeded");
	`)

	// Nesting just under the limit works.
	ok := eval(t, vm, `(() => { let v = []; for (let i = 0; i < 4000; i++) v = [v]; return v })()`)
	for _, path := range copyPaths[:2] {
		if _, err := path.copy(vm, ok, Options{}); err != nil {
			t.Errorf("%s: %v", path.name, err)
		}
	}
}

func TestMaxBytes(t *testing.T) {
	vm := newRuntime(t)
	v := eval(t, vm, `"x".repeat(100)`)
	data, err := Serialize(vm, v, Options{})
	if err != nil {
		t.Fatal(err)
	}

	if _, err := Serialize(vm, v, Options{MaxBytes: len(data)}); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	_, err = Serialize(vm, v, Options{MaxBytes: len(data) - 1})
	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) || !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v, want a TooLargeError", err)
	}
	if tooLarge.Size != len(data) || tooLarge.Limit != len(data)-1 {
		t.Errorf("got %+v, want size %d and limit %d", tooLarge, len(data), len(data)-1)
	}
}

func TestThrowDataCloneErrorMapsErrors(t *testing.T) {
	tests := []struct {
		err   error
		check string
	}{
		{malformed(3, "bad"),
			`e => { eq(e.constructor, Error); eq(e.message, "Unable to deserialize cloned data.") }`},
		{ErrUnsupportedVersion, `e => eq(e.message,
			"Unable to deserialize cloned data due to invalid or unsupported version.")`},
		{ErrTooDeep, `e => { eq(e.constructor, RangeError); eq(e.message, "Maximum call stack size exceeded") }`},
		{errors.New("other"), `e => { eq(e.constructor, Error); eq(e.message, "other") }`},
		{&DataCloneError{Message: "m"}, `e => { eq(e.name, "DataCloneError"); eq(e.message, "m") }`},
	}
	for _, tc := range tests {
		vm := newRuntime(t)
		if err := vm.Set("fail", func() { ThrowDataCloneError(vm, tc.err) }); err != nil {
			t.Fatal(err)
		}
		fn, _ := goja.AssertFunction(eval(t, vm, `(check) => {
			try { fail() } catch (e) { check(e); return }
			throw new Error("no throw");
		}`))
		if _, err := fn(goja.Undefined(), eval(t, vm, "("+tc.check+")")); err != nil {
			t.Errorf("%v: %v", tc.err, err)
		}
	}
}
