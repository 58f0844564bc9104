package clone

import (
	"github.com/dop251/goja"
)

func (d *decoder) readMap() (goja.Value, error) {
	m, err := d.build.newMap()
	if err != nil {
		return nil, err
	}
	d.add(m)

	var n uint32
	for {
		t, ok := d.peekTag()
		if !ok {
			return nil, malformed(d.pos, "unexpected end of data")
		}
		if t == tagEndMap {
			_, _ = d.readTag()
			return m, d.expectCount(n)
		}
		key, err := d.readValue()
		if err != nil {
			return nil, err
		}
		value, err := d.readValue()
		if err != nil {
			return nil, err
		}
		if err := d.build.mapSet(m, key, value); err != nil {
			return nil, err
		}
		n += 2
	}
}

func (d *decoder) readSet() (goja.Value, error) {
	s, err := d.build.newSet()
	if err != nil {
		return nil, err
	}
	d.add(s)

	var n uint32
	for {
		t, ok := d.peekTag()
		if !ok {
			return nil, malformed(d.pos, "unexpected end of data")
		}
		if t == tagEndSet {
			_, _ = d.readTag()
			return s, d.expectCount(n)
		}
		value, err := d.readValue()
		if err != nil {
			return nil, err
		}
		if err := d.build.setAdd(s, value); err != nil {
			return nil, err
		}
		n++
	}
}

// readArrayBuffer reads a buffer. goja has no resizable buffers, so a resizable one becomes
// a fixed one of its current length, as V8 does when resizable buffers are turned off.
func (d *decoder) readArrayBuffer(t byte) (goja.Value, error) {
	start := d.pos
	length, err := d.readVarint32()
	if err != nil {
		return nil, err
	}
	if t == tagResizableBuffer {
		maxLength, err := d.readVarint32()
		if err != nil {
			return nil, err
		}
		if length > maxLength {
			return nil, malformed(start, "buffer length %d over its maximum %d", length, maxLength)
		}
	}
	data, err := d.readBytes(uint64(length))
	if err != nil {
		return nil, err
	}

	buffer := d.build.newArrayBuffer(append([]byte(nil), data...))
	d.add(buffer)
	return buffer, nil
}

// readView reads a view over the buffer just read. The flags of resizable views (length
// tracking, backed by a resizable buffer) are ignored, as goja has no resizable buffers.
func (d *decoder) readView(buffer *goja.Object) (goja.Value, error) {
	start := d.pos
	tag, err := d.readVarint8()
	if err != nil {
		return nil, err
	}
	offset, err := d.readVarint32()
	if err != nil {
		return nil, err
	}
	length, err := d.readVarint32()
	if err != nil {
		return nil, err
	}
	if d.viewFlags {
		if _, err := d.readVarint32(); err != nil {
			return nil, err
		}
	}

	typ, ok := viewByTag(tag)
	if !ok {
		return nil, malformed(start, "unknown view type %q", tag)
	}
	size := uint64(len(buffer.Export().(goja.ArrayBuffer).Bytes()))
	if uint64(offset) > size || uint64(length) > size-uint64(offset) {
		return nil, malformed(start, "view of %d bytes at %d past its buffer of %d", length, offset, size)
	}
	if elem := uint32(viewTypes[typ].size); offset%elem != 0 || length%elem != 0 {
		return nil, malformed(start, "%s not aligned to its elements", viewTypes[typ].name)
	}

	view, err := d.build.newView(buffer, typ, uint64(offset), uint64(length))
	if err != nil {
		return nil, malformed(start, "cannot create view: %v", err)
	}
	d.add(view)
	return view, nil
}

// pendingError collects the fields of an error record until the error can be created.
type pendingError struct {
	typ     int
	message goja.Value
	stack   goja.Value
	obj     *goja.Object
}

// readError reads an error record. V8 writes its fields in a fixed order (type, message,
// stack, cause); older V8 wrote the cause before the stack, so any order is accepted. The
// error is created before its cause is read, so that a cause may refer back to it.
func (d *decoder) readError() (goja.Value, error) {
	id := d.reserve()
	var e pendingError
	for {
		start := d.pos
		tag, err := d.readVarint8()
		if err != nil {
			return nil, err
		}
		if tag == errorTagEnd {
			if err := d.createError(&e, id); err != nil {
				return nil, err
			}
			return e.obj, nil
		}
		if err := d.readErrorField(&e, id, tag, start); err != nil {
			return nil, err
		}
	}
}

func (d *decoder) readErrorField(e *pendingError, id uint32, tag byte, start int) error {
	if typ, ok := errorTypeByTag(tag); ok {
		e.typ = typ
		if e.obj != nil {
			return e.obj.SetPrototype(d.errorPrototype(typ))
		}
		return nil
	}

	switch tag {
	case errorTagMessage, errorTagStack:
		s, err := d.readStringValue()
		if err != nil {
			return err
		}
		if tag == errorTagMessage {
			e.message = s
		} else {
			e.stack = s
		}
		if e.obj == nil {
			return nil
		}
		if tag == errorTagMessage {
			return defineHidden(e.obj, "message", s)
		}
		return defineHidden(e.obj, "stack", s)
	case errorTagCause:
		if err := d.createError(e, id); err != nil {
			return err
		}
		cause, err := d.readValue()
		if err != nil {
			return err
		}
		return defineHidden(e.obj, "cause", cause)
	}
	return malformed(start, "unknown error field %q", tag)
}

// createError creates the error from the fields read so far, once.
func (d *decoder) createError(e *pendingError, id uint32) error {
	if e.obj != nil {
		return nil
	}
	obj, err := d.build.newError(e.typ, e.message, e.stack)
	if err != nil {
		return err
	}
	e.obj = obj
	d.objects[id] = obj
	return nil
}

func (d *decoder) errorPrototype(typ int) *goja.Object {
	proto, _ := d.build.realm.errors[typ].(*goja.Object).Get("prototype").(*goja.Object)
	return proto
}
