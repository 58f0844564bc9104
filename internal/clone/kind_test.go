package clone

import (
	"reflect"
	"testing"

	"github.com/dop251/goja"
)

// TestKindSamples pins the classification that kindOf learns from goja's implementation
// types: if goja changes them, this fails before anything else does.
func TestKindSamples(t *testing.T) {
	table := loadKindTable()
	if table.selfField < 0 {
		t.Fatal("goja.Object has no implementation field named self any more")
	}

	owner := map[reflect.Type]kind{}
	vm := goja.New()
	for _, s := range kindSamples {
		obj := eval(t, vm, s.source).(*goja.Object)
		if got := kindOf(obj); got != s.kind {
			t.Errorf("%s: kind %d, want %d", s.source, got, s.kind)
		}
		typ := reflect.ValueOf(obj).Elem().Field(table.selfField).Elem().Type()
		if k, ok := owner[typ]; ok && k != s.kind {
			t.Errorf("%s: goja type %v is shared by kinds %d and %d", s.source, typ, k, s.kind)
		}
		owner[typ] = s.kind
	}
	for _, v := range hostSamples {
		if got := kindOf(vm.ToValue(v).(*goja.Object)); got != kindHost {
			t.Errorf("%T: kind %d, want kindHost", v, got)
		}
	}
}

func TestKindOfOtherObjects(t *testing.T) {
	vm := goja.New()
	tests := []struct {
		source string
		want   kind
	}{
		{`new (class A {})`, kindPlain},
		{`Object.create(null)`, kindPlain},
		{`JSON`, kindPlain},
		{`new (class E extends Error {})`, kindError},
		{`new (class M extends Map {})`, kindMap},
		{`new (class L extends Array {})`, kindArray},
		{`new BigInt64Array(1)`, kindTypedArray},
		{`Object(1n)`, kindPrimitive},
		{`new Number(1)`, kindPrimitive},
		{`new Proxy(function () {}, {})`, kindProxy},
		{`({m() {}}).m`, kindFunction},
		{`new Map().entries()`, kindOther},
		{`(function* () {})()`, kindOther},
	}
	for _, tc := range tests {
		if got := kindOf(eval(t, vm, tc.source).(*goja.Object)); got != tc.want {
			t.Errorf("%s: kind %d, want %d", tc.source, got, tc.want)
		}
	}
	if got := kindOf(vm.ToValue(func(int) int { return 0 }).(*goja.Object)); got != kindFunction {
		t.Errorf("Go function: kind %d, want kindFunction", got)
	}
}
