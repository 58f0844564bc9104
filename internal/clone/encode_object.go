package clone

import (
	"math/big"

	"github.com/dop251/goja"
)

// writeObject writes an object of a kind admit accepted.
func (e *encoder) writeObject(obj *goja.Object, k kind) error {
	if k == kindTypedArray || k == kindDataView {
		return e.writeView(obj, k)
	}

	e.assignID(obj)
	switch k {
	case kindPlain:
		e.tag(tagBeginObject)
		n, err := e.writeProps(obj, obj.Keys())
		e.tag(tagEndObject)
		e.varint(uint64(n))
		return err
	case kindArray:
		return e.writeArray(obj)
	case kindDate:
		e.tag(tagDate)
		e.double(dateValue(obj))
		return nil
	case kindRegExp:
		return e.writeRegExp(obj)
	case kindMap, kindSet:
		return e.writeCollection(obj, k)
	case kindArrayBuffer:
		return e.writeArrayBuffer(obj)
	case kindPrimitive, kindStringObject:
		return e.writeBoxed(obj, k)
	case kindError:
		return e.writeError(obj)
	}
	return cannotClone(e.describe(obj))
}

// writeProps writes key/value pairs for the listed properties, skipping any that a getter run
// earlier deleted, and returns how many it wrote.
func (e *encoder) writeProps(obj *goja.Object, keys []string) (int, error) {
	n := 0
	for _, key := range keys {
		v := obj.Get(key)
		if v == nil {
			continue
		}
		e.writeKey(key)
		if err := e.write(v); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func (e *encoder) writeArray(obj *goja.Object) error {
	layout := readArrayLayout(obj)
	if !layout.dense() {
		e.tag(tagBeginSparseArray)
		e.varint(uint64(layout.length))
		n, err := e.writeProps(obj, layout.keys)
		if err != nil {
			return err
		}
		e.tag(tagEndSparseArray)
		e.varint(uint64(n))
		e.varint(uint64(layout.length))
		return nil
	}

	e.tag(tagBeginDenseArray)
	e.varint(uint64(layout.length))
	for _, key := range layout.keys[:layout.indices] {
		v := obj.Get(key)
		if v == nil {
			// A getter deleted it; too late to switch to the sparse form.
			e.tag(tagHole)
			continue
		}
		if err := e.write(v); err != nil {
			return err
		}
	}
	n, err := e.writeProps(obj, layout.keys[layout.indices:])
	if err != nil {
		return err
	}
	e.tag(tagEndDenseArray)
	e.varint(uint64(n))
	e.varint(uint64(layout.length))
	return nil
}

func (e *encoder) writeRegExp(obj *goja.Object) error {
	source, flags, err := e.regExpParts(obj)
	if err != nil {
		return err
	}
	e.tag(tagRegExp)
	e.writeString(e.toString(source))
	e.varint(uint64(flags))
	return nil
}

func (e *encoder) writeCollection(obj *goja.Object, k kind) error {
	entries, err := e.entries(obj, k)
	if err != nil {
		return err
	}

	begin, end := byte(tagBeginMap), byte(tagEndMap)
	if k == kindSet {
		begin, end = tagBeginSet, tagEndSet
	}
	e.tag(begin)
	for _, v := range entries {
		if err := e.write(v); err != nil {
			return err
		}
	}
	e.tag(end)
	e.varint(uint64(len(entries)))
	return nil
}

func (e *encoder) writeArrayBuffer(obj *goja.Object) error {
	data, err := arrayBufferBytes(obj)
	if err != nil {
		return err
	}
	e.tag(tagArrayBuffer)
	e.varint(uint64(len(data)))
	e.buf = append(e.buf, data...)
	return nil
}

// writeView writes a view's buffer (or a reference to it) and then the view, which V8's
// reader applies to the buffer just before it. The buffer is numbered before the view.
func (e *encoder) writeView(obj *goja.Object, k kind) error {
	parts, err := e.readView(obj, k)
	if err != nil {
		return err
	}
	if err := e.write(parts.buffer); err != nil {
		return err
	}

	e.assignID(obj)
	e.tag(tagView)
	e.varint(uint64(viewTypes[parts.typ].tag))
	e.varint(parts.byteOffset)
	e.varint(parts.byteLength)
	e.varint(0) // flags: goja has no resizable buffers, so views never track length
	return nil
}

func (e *encoder) writeBoxed(obj *goja.Object, k kind) error {
	v, err := e.boxedValue(obj, k)
	if err != nil {
		return err
	}

	switch {
	case k == kindStringObject:
		e.tag(tagStringObject)
		e.writeString(e.toString(v))
	case goja.IsBigInt(v):
		e.tag(tagBigIntObject)
		e.writeBigInt(v.Export().(*big.Int))
	case goja.IsNumber(v):
		e.tag(tagNumberObject)
		e.double(v.ToFloat())
	case v.ToBoolean():
		e.tag(tagTrueObject)
	default:
		e.tag(tagFalseObject)
	}
	return nil
}

// writeError writes an Error in V8's current order: prototype, message, stack, then the cause
// last, so that a reader can create the error before reading a cause that refers to it.
func (e *encoder) writeError(obj *goja.Object) error {
	parts, err := e.readError(obj)
	if err != nil {
		return err
	}

	e.tag(tagError)
	if parts.typ != 0 {
		e.tag(errorTypes[parts.typ].tag)
	}
	if parts.hasMessage {
		e.tag(errorTagMessage)
		e.writeString(parts.message.(goja.String))
	}
	if parts.stack != nil {
		e.tag(errorTagStack)
		e.writeString(parts.stack.(goja.String))
	}
	if parts.hasCause {
		e.tag(errorTagCause)
		if err := e.write(parts.cause); err != nil {
			return err
		}
	}
	e.tag(errorTagEnd)
	return nil
}
