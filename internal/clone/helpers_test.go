package clone

import (
	"os"
	"testing"

	"github.com/dop251/goja"
)

// assertProgram holds the assertion helpers of testdata/assert.js.
var assertProgram = func() *goja.Program {
	src, err := os.ReadFile("testdata/assert.js")
	if err != nil {
		panic(err)
	}
	return goja.MustCompile("testdata/assert.js", string(src), true)
}()

// newRuntime returns a runtime with structuredClone installed and the assertion helpers of
// testdata/assert.js defined.
func newRuntime(t testing.TB) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	if err := Install(vm); err != nil {
		t.Fatalf("Install: %v", err)
	}
	if _, err := vm.RunProgram(assertProgram); err != nil {
		t.Fatalf("assert.js: %v", err)
	}
	return vm
}

// eval runs a script and fails the test if it throws.
func eval(t testing.TB, vm *goja.Runtime, src string) goja.Value {
	t.Helper()
	v, err := vm.RunString(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return v
}

// copyPath is one way to copy a value: the three must agree.
type copyPath struct {
	name string
	copy func(vm *goja.Runtime, v goja.Value, opts Options) (goja.Value, error)
}

var copyPaths = []copyPath{
	{"Clone", Clone},
	{"Serialize", func(vm *goja.Runtime, v goja.Value, opts Options) (goja.Value, error) {
		data, err := Serialize(vm, v, opts)
		if err != nil {
			return nil, err
		}
		return Deserialize(vm, data)
	}},
	{"structuredClone", func(vm *goja.Runtime, v goja.Value, opts Options) (goja.Value, error) {
		if opts.Mode != Storage || opts.Replace != nil {
			return Clone(vm, v, opts)
		}
		fn, _ := goja.AssertFunction(vm.Get("structuredClone"))
		return fn(goja.Undefined(), v)
	}},
}

// jsCheck calls the JavaScript function check(orig, copy) and fails the test if it throws.
func jsCheck(t *testing.T, vm *goja.Runtime, check string, orig, copy goja.Value) {
	t.Helper()
	fn, ok := goja.AssertFunction(eval(t, vm, "("+check+")"))
	if !ok {
		t.Fatalf("check is not a function: %s", check)
	}
	if _, err := fn(goja.Undefined(), orig, copy); err != nil {
		t.Errorf("%v", err)
	}
}
