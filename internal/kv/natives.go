package kv

import (
	"errors"

	"github.com/dop251/goja"
)

// natives builds the Go functions that kv.js calls. Each takes the index of a namespace
// first; a failure is thrown as the JS error the binding throws.
func (b *Bindings) natives() *goja.Object {
	obj := b.vm.NewObject()
	for name, fn := range map[string]func(goja.FunctionCall) goja.Value{
		"checkKey": b.jsCheckKey,
		"get":      b.jsGet,
		"getBulk":  b.jsGetBulk,
		"put":      b.jsPut,
		"delete":   b.jsDelete,
		"list":     b.jsList,
	} {
		_ = obj.Set(name, fn)
	}
	return obj
}

// throw raises err in JS: a TypeError or an Error with the binding's text.
func (b *Bindings) throw(err error) {
	var e *Error
	if errors.As(err, &e) && e.TypeError {
		panic(b.vm.NewTypeError(e.Message))
	}
	ctor, _ := goja.AssertConstructor(b.errorCtor)
	obj, cerr := ctor(nil, b.vm.ToValue(err.Error()))
	if cerr != nil {
		panic(cerr)
	}
	panic(obj)
}

func (b *Bindings) ns(v goja.Value) *Namespace {
	i := v.ToInteger()
	if i < 0 || i >= int64(len(b.namespaces)) {
		panic(b.vm.NewTypeError("no such KV namespace"))
	}
	return b.namespaces[i]
}

// optionalInt reads an integer option that JS passes as undefined when it was left out.
func optionalInt(v goja.Value) *int64 {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	i := v.ToInteger()
	return &i
}

// entry is what a read hands JS: [value as an ArrayBuffer, metadata JSON or null].
func (b *Bindings) entry(e *Entry) goja.Value {
	if e == nil {
		return goja.Null()
	}
	var meta goja.Value = goja.Null()
	if e.Metadata != "" {
		meta = b.vm.ToValue(e.Metadata)
	}
	return b.vm.NewArray(b.vm.NewArrayBuffer(nonNil(e.Value)), meta)
}

// jsCheckKey is checkKey(op, key): workerd's own checks, made before the value is read.
func (b *Bindings) jsCheckKey(c goja.FunctionCall) goja.Value {
	if err := checkKeyName(c.Argument(0).String(), c.Argument(1).String()); err != nil {
		b.throw(err)
	}
	return goja.Undefined()
}

// jsGet is get(ns, key, cacheTtl).
func (b *Bindings) jsGet(c goja.FunctionCall) goja.Value {
	e, err := b.ns(c.Argument(0)).Get(c.Argument(1).String(), optionalInt(c.Argument(2)))
	if err != nil {
		b.throw(err)
	}
	return b.entry(e)
}

// jsGetBulk is getBulk(ns, keys, type, cacheTtl).
func (b *Bindings) jsGetBulk(c goja.FunctionCall) goja.Value {
	var keys []string
	if err := b.vm.ExportTo(c.Argument(1), &keys); err != nil {
		panic(b.vm.NewTypeError("keys must be an array of strings"))
	}
	entries, err := b.ns(c.Argument(0)).GetBulk(keys, c.Argument(2).String(), optionalInt(c.Argument(3)))
	if err != nil {
		b.throw(err)
	}
	out := make([]any, len(entries))
	for i, e := range entries {
		out[i] = b.entry(e)
	}
	return b.vm.NewArray(out...)
}

// jsPut is put(ns, key, value, expiration, expirationTtl, metadata), the value a string or
// a Uint8Array.
func (b *Bindings) jsPut(c goja.FunctionCall) goja.Value {
	var value []byte
	if v, isObject := c.Argument(2).(*goja.Object); !isObject {
		value = []byte(c.Argument(2).String())
	} else if err := b.vm.ExportTo(v, &value); err != nil {
		panic(b.vm.NewTypeError("the value must be a string or a Uint8Array"))
	}
	opts := PutOptions{Expiration: optionalInt(c.Argument(3)), ExpirationTTL: optionalInt(c.Argument(4))}
	if m := c.Argument(5); !goja.IsUndefined(m) {
		opts.Metadata = m.String()
	}
	if err := b.ns(c.Argument(0)).Put(c.Argument(1).String(), value, opts); err != nil {
		b.throw(err)
	}
	return goja.Undefined()
}

// jsDelete is delete(ns, key).
func (b *Bindings) jsDelete(c goja.FunctionCall) goja.Value {
	if err := b.ns(c.Argument(0)).Delete(c.Argument(1).String()); err != nil {
		b.throw(err)
	}
	return goja.Undefined()
}

// jsList is list(ns, prefix, limit, cursor); it returns { keys: [[name, expiration,
// metadata]], complete, cursor }, with undefined for what a key lacks.
func (b *Bindings) jsList(c goja.FunctionCall) goja.Value {
	res, err := b.ns(c.Argument(0)).List(ListOptions{
		Prefix: c.Argument(1).String(), Limit: int(c.Argument(2).ToInteger()), Cursor: c.Argument(3).String(),
	})
	if err != nil {
		b.throw(err)
	}
	keys := make([]any, len(res.Keys))
	for i, k := range res.Keys {
		var exp, meta goja.Value = goja.Undefined(), goja.Undefined()
		if k.Expiration != 0 {
			exp = b.vm.ToValue(k.Expiration)
		}
		if k.Metadata != "" {
			meta = b.vm.ToValue(k.Metadata)
		}
		keys[i] = b.vm.NewArray(k.Key, exp, meta)
	}
	page := b.vm.NewObject()
	_ = page.Set("keys", b.vm.NewArray(keys...))
	_ = page.Set("complete", res.Complete)
	_ = page.Set("cursor", res.Cursor)
	return page
}
