package clone

import (
	"errors"
	"testing"

	"github.com/dop251/goja"
)

// recorder is a Replace hook that replaces functions with a marker object and records what
// it was offered.
type recorder struct {
	vm      *goja.Runtime
	marker  *goja.Object
	offered []*goja.Object
}

func newRecorder(vm *goja.Runtime) *recorder {
	return &recorder{vm: vm, marker: vm.NewObject()}
}

func (r *recorder) replace(obj *goja.Object) (goja.Value, bool, error) {
	r.offered = append(r.offered, obj)
	if _, ok := goja.AssertFunction(obj); ok {
		return r.marker, true, nil
	}
	return nil, false, nil
}

func TestReplaceTurnsFunctionsIntoStubs(t *testing.T) {
	vm := newRuntime(t)
	v := eval(t, vm, `(() => { const f = () => 1; return {f, again: f, list: [f], plain: {n: new Date(0)}} })()`)
	rec := newRecorder(vm)

	copied, err := Clone(vm, v, Options{Mode: RPC, Replace: rec.replace})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.offered) != 1 {
		t.Errorf("hook offered %d objects, want the function once", len(rec.offered))
	}
	obj := copied.(*goja.Object)
	if obj.Get("f") != rec.marker || obj.Get("again") != rec.marker {
		t.Errorf("the function was not replaced by the hook's value in place")
	}
	if obj.Get("list").(*goja.Object).Get("0") != rec.marker {
		t.Errorf("the function in the array was not replaced")
	}
}

func TestReplaceSeesClassInstancesInStorageMode(t *testing.T) {
	vm := newRuntime(t)
	v := eval(t, vm, `[new (class Request { constructor() { this.url = "u" } }), Object.create(null), {plain: 1},
		new WeakMap(), new Proxy({}, {})]`)
	rec := newRecorder(vm)

	_, err := Clone(vm, v, Options{Mode: Storage, Replace: rec.replace})
	var dce *DataCloneError
	if !errors.As(err, &dce) || dce.Message != "#<WeakMap> could not be cloned." {
		t.Fatalf("got %v, want the WeakMap refused after the hook declined it", err)
	}
	if len(rec.offered) != 3 {
		t.Fatalf("hook offered %d objects, want the instance, the null-prototype object and the WeakMap",
			len(rec.offered))
	}
	jsCheck(t, vm, `(orig, offered) => {
		eq(offered[0], orig[0]); eq(offered[1], orig[1]); eq(offered[2], orig[3]);
	}`,
		v, vm.ToValue(rec.offered))
}

func TestReplaceDeclinedKeepsStorageSemantics(t *testing.T) {
	vm := newRuntime(t)
	v := eval(t, vm, `new (class Point { constructor() { this.x = 1 } })`)
	rec := newRecorder(vm)
	for _, path := range copyPaths[:2] {
		copied, err := path.copy(vm, v, Options{Replace: rec.replace})
		if err != nil {
			t.Fatalf("%s: %v", path.name, err)
		}
		jsCheck(t, vm, `(o, c) => { distinct(o, c, Object.prototype); eq(c.x, 1) }`, v, copied)
	}
}

func TestReplaceErrorStops(t *testing.T) {
	vm := newRuntime(t)
	v := eval(t, vm, `({f() {}})`)
	stop := errors.New("stop")
	for _, path := range copyPaths[:2] {
		_, err := path.copy(vm, v, Options{Replace: func(*goja.Object) (goja.Value, bool, error) {
			return nil, false, stop
		}})
		if !errors.Is(err, stop) {
			t.Errorf("%s: got %v, want the hook's error", path.name, err)
		}
	}
}

func TestReplaceReturningTheObjectIsNotHandled(t *testing.T) {
	vm := newRuntime(t)
	v := eval(t, vm, `[function g() {}]`)
	for _, path := range copyPaths[:2] {
		_, err := path.copy(vm, v, Options{Replace: func(obj *goja.Object) (goja.Value, bool, error) {
			return obj, true, nil
		}})
		var dce *DataCloneError
		if !errors.As(err, &dce) || dce.Message != "function g() {} could not be cloned." {
			t.Errorf("%s: got %v, want the function refused", path.name, err)
		}
	}
}

func TestSerializeWritesTheReplacement(t *testing.T) {
	vm := newRuntime(t)
	v := eval(t, vm, `(() => { const f = () => 1; return [f, f, {g: f}] })()`)
	stub := eval(t, vm, `({stub: "f"})`).(*goja.Object)
	calls := 0
	data, err := Serialize(vm, v, Options{Replace: func(obj *goja.Object) (goja.Value, bool, error) {
		calls++
		return stub, true, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("hook called %d times, want 1", calls)
	}

	copied, err := Deserialize(vm, data)
	if err != nil {
		t.Fatal(err)
	}
	jsCheck(t, vm, `(o, c) => {
		eq(c[0].stub, "f");
		assert(c[0] !== o[0] && c[0] === c[1] && c[2].g === c[0], "replacement written once, then referred to");
	}`, v, copied)
}

func TestReplaceNilValueIsUndefined(t *testing.T) {
	vm := newRuntime(t)
	v := eval(t, vm, `[() => 1]`)
	copied, err := Clone(vm, v, Options{Replace: func(*goja.Object) (goja.Value, bool, error) {
		return nil, true, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	jsCheck(t, vm, `(o, c) => { eq(c.length, 1); assert(0 in c, "kept as an element"); eq(c[0], undefined) }`,
		v, copied)
}
