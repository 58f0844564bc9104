package clone

import (
	"math"
	"math/big"
	"strconv"

	"github.com/dop251/goja"
)

// This file reads the parts of a source object that the algorithm copies. Serialize and Clone
// both use it, so that the two agree on what a copy contains.

// arrayIndex reports whether a property key is an array index, and which.
func arrayIndex(key string) (uint32, bool) {
	if key == "" || len(key) > 10 || (key[0] == '0' && len(key) > 1) {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	if n > maxArrayIndex {
		return 0, false
	}
	return uint32(n), true
}

// arrayLayout is what Serialize and Clone need to know about an array before copying it.
type arrayLayout struct {
	length  uint32
	keys    []string // own enumerable keys: indices first, ascending, then names
	indices int      // how many of keys are indices
}

// dense reports whether every index below length is present, which V8 writes as a dense
// array. V8 decides by its internal elements kind, which holes make "holey"; this is the
// observable equivalent.
func (a *arrayLayout) dense() bool {
	return uint64(a.indices) == uint64(a.length)
}

func readArrayLayout(obj *goja.Object) arrayLayout {
	keys := obj.Keys()
	n := 0
	for n < len(keys) {
		if _, ok := arrayIndex(keys[n]); !ok {
			break
		}
		n++
	}
	length := obj.Get("length")
	return arrayLayout{length: uint32(length.ToInteger()), keys: keys, indices: n}
}

// isSmi reports whether a number is one V8 keeps as a small integer, which it writes as
// tagInt32. -0 is not one.
func isSmi(f float64) bool {
	return f >= smiMin && f <= smiMax && f == math.Trunc(f) && !(f == 0 && math.Signbit(f))
}

// dateValue returns the time value of a Date: milliseconds since the epoch, or NaN.
func dateValue(obj *goja.Object) float64 {
	t, ok := obj.Export().(interface{ UnixMilli() int64 })
	if !ok {
		return math.NaN()
	}
	return float64(t.UnixMilli())
}

// regExpParts returns the source and V8 flag bits of a RegExp.
func (w *walker) regExpParts(obj *goja.Object) (goja.Value, uint32, error) {
	source, err := w.realm.regExpSource(obj)
	if err != nil {
		return nil, 0, err
	}
	var flags uint32
	for bit, get := range w.realm.regExpFlags {
		if get == nil {
			continue
		}
		on, err := get(obj)
		if err != nil {
			return nil, 0, err
		}
		if on.ToBoolean() {
			flags |= 1 << bit
		}
	}
	return source, flags, nil
}

// entries returns the keys and values of a Map (key, value, key, value…) or the values of a
// Set, copied out first as V8 does, since copying them can run getters that change the
// collection.
func (w *walker) entries(obj *goja.Object, k kind) ([]goja.Value, error) {
	if w.collector == nil {
		w.collector = w.vm.ToValue(func(call goja.FunctionCall) goja.Value {
			w.collected = append(w.collected, call.Argument(1), call.Argument(0))
			return goja.Undefined()
		})
	}

	forEach := w.realm.mapForEach
	if k == kindSet {
		forEach = w.realm.setForEach
	}
	w.collected = w.collected[:0]
	if _, err := forEach(obj, w.collector); err != nil {
		return nil, err
	}

	out := make([]goja.Value, 0, len(w.collected))
	for i := 0; i < len(w.collected); i += 2 {
		if k == kindSet {
			out = append(out, w.collected[i+1])
		} else {
			out = append(out, w.collected[i], w.collected[i+1])
		}
	}
	return out, nil
}

// arrayBufferBytes returns the contents of an ArrayBuffer, not copied.
func arrayBufferBytes(obj *goja.Object) ([]byte, error) {
	ab, ok := obj.Export().(goja.ArrayBuffer)
	if !ok || ab.Detached() {
		return nil, errDetached
	}
	return ab.Bytes(), nil
}

// viewParts describes a typed array or a DataView.
type viewParts struct {
	buffer     *goja.Object
	typ        int // index in viewTypes
	byteOffset uint64
	byteLength uint64
}

func (w *walker) readView(obj *goja.Object, k kind) (viewParts, error) {
	p := viewParts{typ: dataViewIndex}
	if k == kindTypedArray {
		name, err := w.realm.typedArrayName(obj)
		if err != nil {
			return p, err
		}
		typ, ok := viewByName(name.String())
		if !ok {
			return p, cannotClone(w.describe(obj))
		}
		p.typ = typ
	}

	var parts [3]goja.Value
	for i, get := range w.realm.viewGetters(k) {
		v, err := get(obj)
		if err != nil {
			return p, err
		}
		parts[i] = v
	}
	p.buffer, _ = parts[0].(*goja.Object)
	if p.buffer == nil {
		return p, errDetached
	}
	p.byteOffset, p.byteLength = uint64(parts[1].ToInteger()), uint64(parts[2].ToInteger())
	return p, nil
}

// viewGetters returns the built-in getters of a view's buffer, byteOffset and byteLength.
func (r *realm) viewGetters(k kind) [3]goja.Callable {
	if k == kindTypedArray {
		return [3]goja.Callable{r.typedArrayBuffer, r.typedArrayByteOffset, r.typedArrayByteLength}
	}
	return [3]goja.Callable{r.dataViewBuffer, r.dataViewByteOffset, r.dataViewByteLength}
}

// boxedValue returns the primitive inside a Boolean, Number, BigInt, String or Symbol wrapper.
func (w *walker) boxedValue(obj *goja.Object, k kind) (goja.Value, error) {
	if k == kindStringObject {
		return w.realm.stringValueOf(obj)
	}
	switch v := obj.Export().(type) {
	case bool, int64, float64:
		return w.vm.ToValue(v), nil
	case *big.Int:
		return w.vm.ToValue(v), nil
	}
	return nil, cannotClone(w.describe(obj))
}

// errorParts is what V8 keeps of an Error.
type errorParts struct {
	typ        int // index in errorTypes
	message    goja.Value
	hasMessage bool
	stack      goja.Value // a string, or nil
	cause      goja.Value
	hasCause   bool
}

// readError reads an Error in V8's order: the own data properties message and cause are
// looked up first, then name (which picks the prototype), then stack.
func (w *walker) readError(obj *goja.Object) (errorParts, error) {
	var p errorParts
	var err error
	if p.message, p.hasMessage, err = w.ownData(obj, "message"); err != nil {
		return p, err
	}
	if p.cause, p.hasCause, err = w.ownData(obj, "cause"); err != nil {
		return p, err
	}

	name := obj.Get("name")
	if name == nil {
		name = goja.Undefined()
	}
	p.typ = errorTypeByName(w.toString(name).String())
	if p.hasMessage {
		p.message = w.toString(p.message)
	}
	if stack := obj.Get("stack"); stack != nil && goja.IsString(stack) {
		p.stack = stack
	}
	return p, nil
}

// ownData returns the value of an own data property, and whether there is one.
func (w *walker) ownData(obj *goja.Object, name string) (goja.Value, bool, error) {
	desc, err := w.realm.getOwnPropertyDescriptor(nil, obj, w.vm.ToValue(name))
	if err != nil {
		return nil, false, err
	}
	d, ok := desc.(*goja.Object)
	if !ok {
		return nil, false, nil
	}
	value := d.Get("value")
	return value, value != nil, nil
}

// toString converts a value to a string as JavaScript's String conversion does. A symbol, or
// a toString method that throws, raises a JavaScript exception (a panic the outer Try catches).
func (w *walker) toString(v goja.Value) goja.String {
	if s, ok := v.(goja.String); ok {
		return s
	}
	if _, ok := v.(*goja.Symbol); ok {
		panic(w.vm.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	return v.ToString().(goja.String)
}

// indexKey returns the decimal form of an array index.
func indexKey(i uint32) string {
	return strconv.FormatUint(uint64(i), 10)
}
