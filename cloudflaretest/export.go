package cloudflaretest

import (
	"math/big"
	"strconv"
	"time"

	"github.com/dop251/goja"
)

// fromJS converts a JS value into Go: see the package documentation for the table. It runs on
// the runtime's goroutine, and reads the value at once, so nothing of it outlives the call.
func (h *host) fromJS(v goja.Value) (any, error) {
	d := decoder{h: h, vm: h.rt.VM, seen: map[*goja.Object]bool{}}
	return d.value(v, "")
}

type decoder struct {
	h    *host
	vm   *goja.Runtime
	seen map[*goja.Object]bool // the objects on the path being converted, to refuse cycles
}

func (d decoder) value(v goja.Value, path string) (any, error) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil, nil
	}
	obj, isObj := v.(*goja.Object)
	if !isObj {
		return d.primitive(v, path)
	}
	if d.seen[obj] {
		return nil, valueError(path, "the value is cyclic, which Go values cannot be")
	}
	d.seen[obj] = true
	defer delete(d.seen, obj)

	if d.isPlain(obj) {
		return d.object(obj, path)
	}
	if obj.ClassName() == "Array" {
		return d.array(obj, path)
	}
	kind, err := d.h.js.kindOf(goja.Undefined(), obj)
	if err != nil {
		return nil, err
	}
	return d.builtin(kind.String(), obj, path)
}

// primitive converts what is not an object. Every number becomes a float64, as encoding/json
// gives them to an `any`.
func (d decoder) primitive(v goja.Value, path string) (any, error) {
	if _, isSym := v.(*goja.Symbol); isSym {
		return nil, valueError(path, "a Symbol has no Go form")
	}
	switch x := v.Export().(type) {
	case bool, string, float64:
		return x, nil
	case int64:
		return float64(x), nil
	case *big.Int:
		return x, nil
	}
	return nil, valueError(path, "a JavaScript %T has no Go form", v.Export())
}

// isPlain reports an object whose prototype is Object.prototype or null.
func (d decoder) isPlain(obj *goja.Object) bool {
	if obj.ClassName() != "Object" {
		return false
	}
	proto := obj.Prototype()
	return proto == nil || proto == d.h.objectProto
}

func (d decoder) object(obj *goja.Object, path string) (any, error) {
	keys := obj.Keys()
	out := make(map[string]any, len(keys))
	for _, k := range keys {
		item, err := d.value(obj.Get(k), path+"."+k)
		if err != nil {
			return nil, err
		}
		out[k] = item
	}
	return out, nil
}

func (d decoder) array(obj *goja.Object, path string) (any, error) {
	n := obj.Get("length").ToInteger()
	out := make([]any, n)
	for i := range out {
		item, err := d.value(obj.Get(strconv.Itoa(i)), path+"["+strconv.Itoa(i)+"]")
		if err != nil {
			return nil, err
		}
		out[i] = item
	}
	return out, nil
}

// builtin converts the objects that are not plain data: kind is what host.js kindOf said.
func (d decoder) builtin(kind string, obj *goja.Object, path string) (any, error) {
	switch kind {
	case "Date":
		ms, err := d.h.js.dateTime(goja.Undefined(), obj)
		if err != nil {
			return nil, err
		}
		f := ms.ToFloat()
		if f != f {
			return nil, valueError(path, "an invalid Date has no Go form")
		}
		return time.UnixMilli(int64(f)).UTC(), nil
	case "ArrayBuffer":
		return append([]byte(nil), obj.Export().(goja.ArrayBuffer).Bytes()...), nil
	case "view":
		buf, err := d.h.js.viewBytes(goja.Undefined(), obj)
		if err != nil {
			return nil, err
		}
		return buf.Export().(goja.ArrayBuffer).Bytes(), nil
	case "Error":
		return d.h.jsError(obj), nil
	case "RegExp":
		s, err := d.h.js.regexpText(goja.Undefined(), obj)
		if err != nil {
			return nil, err
		}
		return s.String(), nil
	case "Map", "Set":
		return d.collection(kind, obj, path)
	case "boxed":
		valueOf, _ := goja.AssertFunction(obj.Get("valueOf"))
		prim, err := valueOf(obj)
		if err != nil {
			return nil, err
		}
		return d.primitive(prim, path)
	case "object":
		return d.object(obj, path)
	}
	return nil, valueError(path, "%s", unsupported[kind])
}

// unsupported says why a kind of JS value cannot come back to Go, and what to do instead.
var unsupported = map[string]string{
	"function": "a function (an RPC stub, when it came through RPC) has no Go form: " +
		"return data, and call methods of the stub for behaviour",
	"Response":       "a Response has no Go form here: use Stub.Fetch for HTTP, or return data",
	"Request":        "a Request has no Go form: return data",
	"ReadableStream": "a ReadableStream has no Go form: return the bytes, or use Stub.Fetch",
	"promise":        "a promise nested in a value has no Go form: await it in JavaScript",
}

func (d decoder) collection(kind string, obj *goja.Object, path string) (any, error) {
	arr, err := d.h.js.entries(goja.Undefined(), obj)
	if err != nil {
		return nil, err
	}
	items, err := d.array(arr.ToObject(d.vm), path)
	if err != nil || kind == "Set" {
		return items, err
	}
	out := make(map[string]any, len(items.([]any)))
	for _, pair := range items.([]any) {
		kv := pair.([]any)
		key, ok := kv[0].(string)
		if !ok {
			return nil, valueError(path, "a Map with a %T key has no Go form: only Maps with string keys "+
				"become map[string]any", kv[0])
		}
		out[key] = kv[1]
	}
	return out, nil
}
