package clone

import (
	"reflect"
	"sync"

	"github.com/dop251/goja"
)

// kind is what an object is to the clone algorithm: V8 decides by an object's internal type,
// never by its prototype or its Symbol.toStringTag.
type kind uint8

const (
	kindOther kind = iota // a built-in V8 refuses: WeakMap, Promise, arguments, iterators…
	kindHost              // an object backed by Go (goja's wrappers of Go values)
	kindPlain             // an ordinary object, plain or an instance of a class
	kindArray             // an Array, dense or sparse
	kindDate
	kindRegExp
	kindMap
	kindSet
	kindArrayBuffer
	kindTypedArray
	kindDataView
	kindPrimitive    // a Boolean, Number, BigInt or Symbol wrapper
	kindStringObject // a String wrapper
	kindError        // an instance of Error or of a subclass
	kindFunction     // anything callable
	kindProxy
)

// kindOf classifies obj. goja exposes neither internal slots nor brand checks, and its
// ClassName is "Object" for Map, WeakMap, ArrayBuffer, typed arrays and more, so the
// classification reads the dynamic type of the object's implementation instead. The types are
// learnt from sample objects (see kindTable), not named, and kind_test.go pins every sample, so
// an upgrade of goja that changes them fails loudly.
func kindOf(obj *goja.Object) kind {
	table := loadKindTable()
	if table.selfField >= 0 {
		impl := reflect.ValueOf(obj).Elem().Field(table.selfField)
		if !impl.IsNil() {
			if k, ok := table.kinds[impl.Elem().Type()]; ok {
				return k
			}
		}
	}
	if _, ok := goja.AssertFunction(obj); ok {
		return kindFunction
	}
	return kindOther
}

// kindSample is a JavaScript expression whose value is an object of the given kind.
type kindSample struct {
	source string
	kind   kind
}

// kindSamples covers every implementation type goja uses for an object the algorithm copies.
// Anything else is kindOther, or kindFunction when callable.
var kindSamples = []kindSample{
	{`({})`, kindPlain},
	{`Math`, kindPlain}, // built-in namespaces are lazily filled templates
	{`[]`, kindArray},
	{`(function () { var a = []; a[100000] = 1; return a })()`, kindArray},
	{`new Date(0)`, kindDate},
	{`/x/g`, kindRegExp},
	{`new Map()`, kindMap},
	{`new Set()`, kindSet},
	{`new ArrayBuffer(1)`, kindArrayBuffer},
	{`new Uint8Array(1)`, kindTypedArray},
	{`new DataView(new ArrayBuffer(1))`, kindDataView},
	{`new Boolean(true)`, kindPrimitive},
	{`new String("")`, kindStringObject},
	{`new Error("")`, kindError},
	{`new Proxy({}, {})`, kindProxy},
	{`(function () {})`, kindFunction},
	{`(() => 0)`, kindFunction},
	{`(class {})`, kindFunction},
	{`(async function () {})`, kindFunction},
	{`(function* () {})`, kindFunction},
	{`(function () {}).bind(null)`, kindFunction},
	{`Math.max`, kindFunction},
	{`new WeakMap()`, kindOther},
	{`new WeakSet()`, kindOther},
	{`Promise.resolve()`, kindOther},
	{`(function () { return arguments })()`, kindOther},
}

// hostSamples are Go values whose goja wrappers are host objects.
var hostSamples = []any{
	struct{ A int }{},
	&struct{ A int }{},
	map[string]any{},
	map[string]int{},
	[]any{},
	&[]any{},
	[]int{},
	[1]int{},
}

type kindTableT struct {
	selfField int // index of goja.Object's implementation field, -1 if not found
	kinds     map[reflect.Type]kind
}

var (
	kindTableOnce sync.Once
	kindTable     kindTableT
)

// loadKindTable builds the table once, in a scratch runtime.
func loadKindTable() *kindTableT {
	kindTableOnce.Do(func() {
		kindTable = buildKindTable()
	})
	return &kindTable
}

func buildKindTable() kindTableT {
	t := kindTableT{selfField: -1, kinds: map[reflect.Type]kind{}}
	field, ok := reflect.TypeOf(goja.Object{}).FieldByName("self")
	if !ok || field.Type.Kind() != reflect.Interface {
		return t
	}
	t.selfField = field.Index[0]

	vm := goja.New()
	for _, s := range kindSamples {
		if v, err := vm.RunString(s.source); err == nil {
			t.add(v, s.kind)
		}
	}
	for _, v := range hostSamples {
		t.add(vm.ToValue(v), kindHost)
	}
	t.add(vm.NewDynamicObject(nil), kindHost)
	t.add(vm.NewDynamicArray(nil), kindHost)
	return t
}

// add records the implementation type of v; the first sample of a type wins, which keeps a
// type shared by two kinds (if goja ever did that) on the kind listed first.
func (t *kindTableT) add(v goja.Value, k kind) {
	obj, ok := v.(*goja.Object)
	if !ok {
		return
	}
	impl := reflect.ValueOf(obj).Elem().Field(t.selfField)
	if impl.IsNil() {
		return
	}
	if _, seen := t.kinds[impl.Elem().Type()]; !seen {
		t.kinds[impl.Elem().Type()] = k
	}
}
