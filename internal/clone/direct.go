package clone

import (
	"github.com/dop251/goja"
)

// copier is Clone: it reads a value as Serialize does and builds the copy as Deserialize
// does, with no bytes in between.
type copier struct {
	walker
	build builder

	// copies maps each object met to its copy. A nil copy marks an array whose elements are
	// still being copied: it is created only if an element refers back to it, so that most
	// arrays are built in one step from their elements.
	copies map[*goja.Object]goja.Value

	// transfer holds the ArrayBuffers whose contents move into the copy instead of being
	// copied; all of them are detached once the copy is complete.
	transfer map[*goja.Object]bool
}

func newCopier(vm *goja.Runtime, r *realm, opts Options, transfer []*goja.Object) *copier {
	c := &copier{
		walker: newWalker(vm, r, opts),
		build:  builder{vm: vm, realm: r},
		copies: map[*goja.Object]goja.Value{},
	}
	if len(transfer) > 0 {
		c.transfer = map[*goja.Object]bool{}
		for _, buffer := range transfer {
			c.transfer[buffer] = true
		}
	}
	return c
}

// detachTransferred detaches the transferred buffers, as structuredClone does once the copy
// exists.
func (c *copier) detachTransferred() {
	for buffer := range c.transfer {
		buffer.Export().(goja.ArrayBuffer).Detach()
	}
}

func (c *copier) copy(v goja.Value) (goja.Value, error) {
	if v == nil {
		return goja.Undefined(), nil
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		if _, ok := v.(*goja.Symbol); ok {
			return nil, primitiveRefusal(v)
		}
		return v, nil
	}

	if out, ok := c.copies[obj]; ok {
		if out == nil {
			out = c.vm.NewArray()
			c.copies[obj] = out
		}
		return out, nil
	}

	k, replacement, replaced, err := c.admit(obj)
	if err != nil || replaced {
		return replacement, err
	}
	if err := c.enter(); err != nil {
		return nil, err
	}
	defer c.leave()
	return c.copyObject(obj, k)
}

func (c *copier) copyObject(obj *goja.Object, k kind) (goja.Value, error) {
	switch k {
	case kindPlain:
		return c.copyPlain(obj)
	case kindArray:
		return c.copyArray(obj)
	case kindMap, kindSet:
		return c.copyCollection(obj, k)
	case kindArrayBuffer:
		return c.copyArrayBuffer(obj)
	case kindTypedArray, kindDataView:
		return c.copyView(obj, k)
	case kindError:
		return c.copyError(obj)
	}

	out, err := c.copyLeaf(obj, k)
	if err != nil {
		return nil, err
	}
	c.copies[obj] = out
	return out, nil
}

// copyLeaf copies the objects that hold no other objects.
func (c *copier) copyLeaf(obj *goja.Object, k kind) (*goja.Object, error) {
	switch k {
	case kindDate:
		return c.build.newDate(dateValue(obj))
	case kindRegExp:
		source, flags, err := c.regExpParts(obj)
		if err != nil {
			return nil, err
		}
		return c.build.newRegExp(source, flags)
	}

	prim, err := c.boxedValue(obj, k)
	if err != nil {
		return nil, err
	}
	return prim.ToObject(c.vm), nil
}

func (c *copier) copyPlain(obj *goja.Object) (goja.Value, error) {
	out := c.vm.NewObject()
	c.copies[obj] = out
	return out, c.copyProps(out, obj, obj.Keys())
}

// copyProps copies the listed properties of src onto dst, skipping any that a getter run
// earlier in the copy deleted.
func (c *copier) copyProps(dst, src *goja.Object, keys []string) error {
	for _, key := range keys {
		v := src.Get(key)
		if v == nil {
			continue
		}
		cv, err := c.copy(v)
		if err != nil {
			return err
		}
		if err := define(dst, key, cv); err != nil {
			return err
		}
	}
	return nil
}

func (c *copier) copyArray(obj *goja.Object) (goja.Value, error) {
	layout := readArrayLayout(obj)
	if !layout.dense() {
		out, err := c.build.newSparseArray(layout.length)
		if err != nil {
			return nil, err
		}
		c.copies[obj] = out
		return out, c.copyProps(out, obj, layout.keys)
	}

	c.copies[obj] = nil
	elements := make([]any, layout.length)
	for i, key := range layout.keys[:layout.indices] {
		v := obj.Get(key)
		if v == nil {
			continue
		}
		cv, err := c.copy(v)
		if err != nil {
			return nil, err
		}
		elements[i] = cv
	}

	out, err := c.finishArray(obj, elements, layout.length)
	if err != nil {
		return nil, err
	}
	return out, c.copyProps(out, obj, layout.keys[layout.indices:])
}

// finishArray builds the copy of a dense array, or fills the one an element referred to.
func (c *copier) finishArray(obj *goja.Object, elements []any, length uint32) (
	*goja.Object, error,
) {
	if early, ok := c.copies[obj].(*goja.Object); ok {
		return early, c.build.fillArray(early, elements, length)
	}
	out, err := c.build.newArray(elements, length)
	if err != nil {
		return nil, err
	}
	c.copies[obj] = out
	return out, nil
}

func (c *copier) copyCollection(obj *goja.Object, k kind) (goja.Value, error) {
	entries, err := c.entries(obj, k)
	if err != nil {
		return nil, err
	}

	if k == kindSet {
		out, err := c.build.newSet()
		if err != nil {
			return nil, err
		}
		c.copies[obj] = out
		for _, v := range entries {
			cv, err := c.copy(v)
			if err != nil {
				return nil, err
			}
			if err := c.build.setAdd(out, cv); err != nil {
				return nil, err
			}
		}
		return out, nil
	}

	out, err := c.build.newMap()
	if err != nil {
		return nil, err
	}
	c.copies[obj] = out
	for i := 0; i < len(entries); i += 2 {
		key, err := c.copy(entries[i])
		if err != nil {
			return nil, err
		}
		value, err := c.copy(entries[i+1])
		if err != nil {
			return nil, err
		}
		if err := c.build.mapSet(out, key, value); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (c *copier) copyArrayBuffer(obj *goja.Object) (goja.Value, error) {
	data, err := arrayBufferBytes(obj)
	if err != nil {
		return nil, err
	}
	if !c.transfer[obj] {
		data = append([]byte(nil), data...)
	}
	out := c.build.newArrayBuffer(data)
	c.copies[obj] = out
	return out, nil
}

func (c *copier) copyView(obj *goja.Object, k kind) (goja.Value, error) {
	parts, err := c.readView(obj, k)
	if err != nil {
		return nil, err
	}
	buffer, err := c.copy(parts.buffer)
	if err != nil {
		return nil, err
	}

	out, err := c.build.newView(buffer.(*goja.Object), parts.typ, parts.byteOffset, parts.byteLength)
	if err != nil {
		return nil, err
	}
	c.copies[obj] = out
	return out, nil
}

func (c *copier) copyError(obj *goja.Object) (goja.Value, error) {
	parts, err := c.readError(obj)
	if err != nil {
		return nil, err
	}
	out, err := c.build.newError(parts.typ, parts.message, parts.stack)
	if err != nil {
		return nil, err
	}
	c.copies[obj] = out
	if !parts.hasCause {
		return out, nil
	}

	cause, err := c.copy(parts.cause)
	if err != nil {
		return nil, err
	}
	return out, defineHidden(out, "cause", cause)
}
