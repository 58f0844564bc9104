package clone

import (
	"fmt"

	"github.com/dop251/goja"
)

// builder creates the objects of a copy from the runtime's captured built-ins, never from
// globals a script may have replaced. Deserialize and Clone both use it. Properties are
// defined, not assigned, so that no setter (such as Object.prototype.__proto__) runs.
type builder struct {
	vm    *goja.Runtime
	realm *realm
}

// define creates an own enumerable data property, as the algorithm's CreateDataProperty.
func define(obj *goja.Object, key string, v goja.Value) error {
	return obj.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// defineHidden creates an own non-enumerable data property, as errors carry message, stack
// and cause.
func defineHidden(obj *goja.Object, key string, v goja.Value) error {
	return obj.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// newArray builds an array from its elements; a nil element is a hole.
func (b *builder) newArray(elements []any, length uint32) (*goja.Object, error) {
	holes := false
	for _, e := range elements {
		if e == nil {
			holes = true
			break
		}
	}
	if !holes && uint64(len(elements)) == uint64(length) {
		return b.vm.NewArray(elements...), nil
	}

	arr := b.vm.NewArray()
	return arr, b.fillArray(arr, elements, length)
}

// fillArray defines the elements of an array created earlier (because its contents refer
// back to it) and sets its length.
func (b *builder) fillArray(arr *goja.Object, elements []any, length uint32) error {
	for i, e := range elements {
		if e == nil {
			continue
		}
		if err := define(arr, indexKey(uint32(i)), e.(goja.Value)); err != nil {
			return err
		}
	}
	return arr.Set("length", length)
}

// newSparseArray creates an empty array of the given length.
func (b *builder) newSparseArray(length uint32) (*goja.Object, error) {
	arr := b.vm.NewArray()
	return arr, arr.Set("length", length)
}

func (b *builder) newDate(ms float64) (*goja.Object, error) {
	return b.vm.New(b.realm.date, b.vm.ToValue(ms))
}

// newRegExp builds a RegExp from its source and V8 flag bits. Flags goja lacks (d, v, and
// V8's experimental l) are an error rather than silently dropped.
func (b *builder) newRegExp(source goja.Value, flags uint32) (*goja.Object, error) {
	letters := make([]byte, 0, regExpFlagCount)
	for bit := 0; bit < regExpFlagCount; bit++ {
		if flags&(1<<bit) == 0 {
			continue
		}
		if b.realm.regExpFlags[bit] == nil {
			return nil, fmt.Errorf("regular expression flag %q is not supported", regExpFlagLetters[bit])
		}
		letters = append(letters, regExpFlagLetters[bit])
	}
	return b.vm.New(b.realm.regExp, source, b.vm.ToValue(string(letters)))
}

func (b *builder) newMap() (*goja.Object, error) {
	return b.vm.New(b.realm.mapCtor)
}

func (b *builder) mapSet(m *goja.Object, key, value goja.Value) error {
	_, err := b.realm.mapSet(m, key, value)
	return err
}

func (b *builder) newSet() (*goja.Object, error) {
	return b.vm.New(b.realm.setCtor)
}

func (b *builder) setAdd(s *goja.Object, value goja.Value) error {
	_, err := b.realm.setAdd(s, value)
	return err
}

// newArrayBuffer wraps data, which the new buffer owns from now on.
func (b *builder) newArrayBuffer(data []byte) *goja.Object {
	return b.vm.ToValue(b.vm.NewArrayBuffer(data)).(*goja.Object)
}

// newView builds a typed array or DataView over buffer.
func (b *builder) newView(buffer *goja.Object, typ int, byteOffset, byteLength uint64) (
	*goja.Object, error,
) {
	t := viewTypes[typ]
	ctor := b.realm.views[typ]
	if ctor == nil {
		return nil, fmt.Errorf("%s is not supported", t.name)
	}
	length := byteLength
	if typ != dataViewIndex {
		length /= uint64(t.size)
	}
	return b.vm.New(ctor, buffer, b.vm.ToValue(byteOffset), b.vm.ToValue(length))
}

// newError builds an error of one of errorTypes, without the stack goja would capture: a
// copy has the stack of its original, or none.
func (b *builder) newError(typ int, message goja.Value, stack goja.Value) (*goja.Object, error) {
	ctor := b.realm.errors[typ]
	var obj *goja.Object
	var err error
	if message != nil {
		obj, err = b.vm.New(ctor, message)
	} else {
		obj, err = b.vm.New(ctor)
	}
	if err != nil {
		return nil, err
	}

	if stack == nil {
		stack = goja.Undefined()
	}
	return obj, defineHidden(obj, "stack", stack)
}
