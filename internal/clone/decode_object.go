package clone

import (
	"github.com/dop251/goja"
)

// readObject reads a value whose tag t starts an object.
func (d *decoder) readObject(t byte, start int) (goja.Value, error) {
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > maxDepth {
		return nil, ErrTooDeep
	}

	switch t {
	case tagBeginObject:
		return d.readPlain()
	case tagBeginSparseArray:
		return d.readSparseArray()
	case tagBeginDenseArray:
		return d.readDenseArray()
	case tagDate:
		return d.readDate()
	case tagTrueObject, tagFalseObject, tagNumberObject, tagBigIntObject, tagStringObject:
		return d.readBoxed(t)
	case tagRegExp:
		return d.readRegExp()
	case tagBeginMap:
		return d.readMap()
	case tagBeginSet:
		return d.readSet()
	case tagArrayBuffer, tagResizableBuffer:
		return d.readArrayBuffer(t)
	case tagError:
		return d.readError()
	case tagHostObject, tagBufferTransfer, tagSharedBuffer, tagSharedObject,
		tagWasmModule, tagWasmMemory:
		return nil, malformed(start, "unsupported tag %q", t)
	}
	return nil, malformed(start, "unknown tag 0x%02x", t)
}

func (d *decoder) readPlain() (goja.Value, error) {
	obj := d.build.vm.NewObject()
	d.add(obj)
	n, err := d.readProps(obj, tagEndObject, false)
	if err != nil {
		return nil, err
	}
	if err := d.expectCount(n); err != nil {
		return nil, err
	}
	return obj, nil
}

// readProps reads key/value pairs onto obj up to the end tag, and returns how many it read.
func (d *decoder) readProps(obj *goja.Object, end byte, isArray bool) (uint32, error) {
	for n := uint32(0); ; n++ {
		t, ok := d.peekTag()
		if !ok {
			return 0, malformed(d.pos, "unexpected end of data")
		}
		if t == end {
			_, _ = d.readTag()
			return n, nil
		}

		start := d.pos
		k, err := d.readValue()
		if err != nil {
			return 0, err
		}
		key, ok := propertyKey(k)
		if !ok || (isArray && key == "length") {
			return 0, malformed(start, "invalid property key")
		}
		v, err := d.readValue()
		if err != nil {
			return 0, err
		}
		if err := define(obj, key, v); err != nil {
			return 0, malformed(start, "cannot define property %q", key)
		}
	}
}

// propertyKey converts a key read from the data to a property name: V8 accepts strings and
// numbers.
func propertyKey(k goja.Value) (string, bool) {
	if s, ok := k.(goja.String); ok {
		return s.String(), true
	}
	if goja.IsNumber(k) {
		return k.String(), true
	}
	return "", false
}

// expectCount reads the count that ends an object or array and checks it.
func (d *decoder) expectCount(n uint32) error {
	start := d.pos
	want, err := d.readVarint32()
	if err != nil {
		return err
	}
	if want != n {
		return malformed(start, "%d properties announced, %d read", want, n)
	}
	return nil
}

func (d *decoder) readSparseArray() (goja.Value, error) {
	length, err := d.readVarint32()
	if err != nil {
		return nil, err
	}
	arr, err := d.build.newSparseArray(length)
	if err != nil {
		return nil, err
	}
	d.add(arr)

	n, err := d.readProps(arr, tagEndSparseArray, true)
	if err != nil {
		return nil, err
	}
	if err := d.expectCount(n); err != nil {
		return nil, err
	}
	return arr, d.expectLength(length)
}

func (d *decoder) expectLength(length uint32) error {
	start := d.pos
	want, err := d.readVarint32()
	if err != nil {
		return err
	}
	if want != length {
		return malformed(start, "array length %d announced, %d read", want, length)
	}
	return nil
}

func (d *decoder) readDenseArray() (goja.Value, error) {
	start := d.pos
	length, err := d.readVarint32()
	if err != nil {
		return nil, err
	}
	// Every element takes at least a byte, which bounds what bad data can allocate.
	if uint64(length) > uint64(len(d.data)-d.pos) {
		return nil, malformed(start, "array length %d past the end of data", length)
	}

	id := d.reserve()
	if d.denseArrays == nil {
		d.denseArrays = map[uint32]bool{}
	}
	d.denseArrays[id] = true
	elements, err := d.readElements(length)
	delete(d.denseArrays, id)
	if err != nil {
		return nil, err
	}

	arr, err := d.finishDenseArray(id, elements, length)
	if err != nil {
		return nil, err
	}
	n, err := d.readProps(arr, tagEndDenseArray, true)
	if err != nil {
		return nil, err
	}
	if err := d.expectCount(n); err != nil {
		return nil, err
	}
	return arr, d.expectLength(length)
}

// readElements reads the elements of a dense array; holes are nil.
func (d *decoder) readElements(length uint32) ([]any, error) {
	elements := make([]any, length)
	for i := range elements {
		if t, ok := d.peekTag(); ok && t == tagHole {
			_, _ = d.readTag()
			continue
		}
		v, err := d.readValue()
		if err != nil {
			return nil, err
		}
		// Before version 11, holes were written as undefined.
		if d.version < 11 && goja.IsUndefined(v) {
			continue
		}
		elements[i] = v
	}
	return elements, nil
}

// finishDenseArray builds the array, or fills the one an element referred back to.
func (d *decoder) finishDenseArray(id uint32, elements []any, length uint32) (*goja.Object, error) {
	if early, ok := d.objects[id].(*goja.Object); ok {
		return early, d.build.fillArray(early, elements, length)
	}
	arr, err := d.build.newArray(elements, length)
	if err != nil {
		return nil, err
	}
	d.objects[id] = arr
	return arr, nil
}

func (d *decoder) readDate() (goja.Value, error) {
	ms, err := d.readDouble()
	if err != nil {
		return nil, err
	}
	date, err := d.build.newDate(ms)
	if err != nil {
		return nil, err
	}
	d.add(date)
	return date, nil
}

func (d *decoder) readBoxed(t byte) (goja.Value, error) {
	id := d.reserve()
	var prim goja.Value
	var err error
	switch t {
	case tagTrueObject:
		prim = d.build.vm.ToValue(true)
	case tagFalseObject:
		prim = d.build.vm.ToValue(false)
	case tagNumberObject:
		var f float64
		f, err = d.readDouble()
		prim = d.build.vm.ToValue(f)
	case tagBigIntObject:
		x, bigErr := d.readBigInt()
		if bigErr != nil {
			return nil, bigErr
		}
		prim = d.build.vm.ToValue(x)
	default:
		prim, err = d.readStringValue()
	}
	if err != nil {
		return nil, err
	}

	obj := prim.ToObject(d.build.vm)
	d.objects[id] = obj
	return obj, nil
}

func (d *decoder) readRegExp() (goja.Value, error) {
	id := d.reserve()
	source, err := d.readStringValue()
	if err != nil {
		return nil, err
	}
	start := d.pos
	flags, err := d.readVarint32()
	if err != nil {
		return nil, err
	}
	if flags>>regExpFlagCount != 0 {
		return nil, malformed(start, "invalid regular expression flags 0x%x", flags)
	}

	re, err := d.build.newRegExp(source, flags)
	if err != nil {
		return nil, malformed(start, "invalid regular expression: %v", err)
	}
	d.objects[id] = re
	return re, nil
}
