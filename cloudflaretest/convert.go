package cloudflaretest

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"time"

	"github.com/dop251/goja"
)

// maxSafeInteger is Number.MAX_SAFE_INTEGER: integers up to it are exact as JS numbers.
const maxSafeInteger = 1<<53 - 1

// maxDepth bounds how deep a Go value may nest, which also stops a pointer cycle.
const maxDepth = 1000

var (
	typeTime   = reflect.TypeFor[time.Time]()
	typeBigInt = reflect.TypeFor[big.Int]()
	typeRaw    = reflect.TypeFor[json.RawMessage]()
	typeNumber = reflect.TypeFor[json.Number]()
	typeJSON   = reflect.TypeFor[json.Marshaler]()
	typeText   = reflect.TypeFor[encoding.TextMarshaler]()
)

// toJS converts the Go values of a call into fresh JS values in vm, which the call then clones
// as RPC does. It runs on the runtime's goroutine. See the package documentation for the
// table of conversions.
func toJS(vm *goja.Runtime, v any) (goja.Value, error) {
	return encoder{vm: vm}.value(reflect.ValueOf(v), "", 0)
}

type encoder struct {
	vm *goja.Runtime
}

// valueError says which part of a value cannot cross, and what to pass instead.
func valueError(path string, format string, args ...any) error {
	where := ""
	if path != "" {
		where = " at " + path
	}
	return fmt.Errorf("%w%s: %s", ErrValue, where, fmt.Sprintf(format, args...))
}

func (e encoder) value(v reflect.Value, path string, depth int) (goja.Value, error) {
	if depth > maxDepth {
		return nil, valueError(path, "the value nests more than %d levels deep; is it cyclic?", maxDepth)
	}
	if !v.IsValid() {
		return goja.Null(), nil
	}
	if out, ok, err := e.special(v, path); ok || err != nil {
		return out, err
	}

	switch v.Kind() {
	case reflect.Bool:
		return e.vm.ToValue(v.Bool()), nil
	case reflect.String:
		return e.vm.ToValue(v.String()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return e.integer(v.Int(), path)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if v.Uint() > maxSafeInteger {
			return nil, valueError(path, "%d is past 2^53 and would lose precision as a JS number: "+
				"pass a *big.Int for a BigInt", v.Uint())
		}
		return e.vm.ToValue(float64(v.Uint())), nil
	case reflect.Float32, reflect.Float64:
		return e.vm.ToValue(v.Float()), nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return goja.Null(), nil
		}
		return e.value(v.Elem(), path, depth+1)
	case reflect.Slice, reflect.Array:
		return e.array(v, path, depth)
	case reflect.Map:
		return e.object(v, path, depth)
	case reflect.Struct:
		return e.viaJSON(v, path)
	}
	return nil, valueError(path, "a Go %s has no JavaScript form; pass data (numbers, strings, slices, "+
		"maps, structs) and call methods of the stub for behaviour", v.Type())
}

// special converts the types that have a JS form of their own or go through JSON.
func (e encoder) special(v reflect.Value, path string) (goja.Value, bool, error) {
	t := v.Type()
	switch {
	case t == typeTime:
		tm := v.Interface().(time.Time)
		d, err := e.vm.New(e.vm.Get("Date"), e.vm.ToValue(tm.UnixMilli()))
		return d, true, err
	case t == typeBigInt:
		b := v.Interface().(big.Int)
		return e.vm.ToValue(new(big.Int).Set(&b)), true, nil
	case t.Kind() == reflect.Pointer && t.Elem() == typeBigInt:
		if v.IsNil() {
			return goja.Null(), true, nil
		}
		return e.vm.ToValue(new(big.Int).Set(v.Interface().(*big.Int))), true, nil
	case t == typeRaw:
		out, err := e.parseJSON(v.Bytes(), path)
		return out, true, err
	case t == typeNumber:
		f, err := strconv.ParseFloat(v.String(), 64)
		if err != nil {
			return nil, true, valueError(path, "json.Number %q is not a number", v.String())
		}
		return e.vm.ToValue(f), true, nil
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 && !t.Implements(typeText):
		if v.IsNil() {
			return goja.Null(), true, nil
		}
		return e.vm.ToValue(e.vm.NewArrayBuffer(append([]byte(nil), v.Bytes()...))), true, nil
	case t.Kind() != reflect.Struct && (t.Implements(typeJSON) || t.Implements(typeText)):
		if t.Kind() == reflect.Pointer && v.IsNil() {
			return goja.Null(), true, nil
		}
		out, err := e.viaJSON(v, path)
		return out, true, err
	}
	return nil, false, nil
}

func (e encoder) integer(n int64, path string) (goja.Value, error) {
	if n > maxSafeInteger || n < -maxSafeInteger {
		return nil, valueError(path, "%d is past 2^53 and would lose precision as a JS number: "+
			"pass a *big.Int for a BigInt", n)
	}
	return e.vm.ToValue(float64(n)), nil
}

func (e encoder) array(v reflect.Value, path string, depth int) (goja.Value, error) {
	if v.Kind() == reflect.Slice && v.IsNil() {
		return goja.Null(), nil
	}
	items := make([]any, v.Len())
	for i := range items {
		item, err := e.value(v.Index(i), path+"["+strconv.Itoa(i)+"]", depth+1)
		if err != nil {
			return nil, err
		}
		items[i] = item
	}
	return e.vm.NewArray(items...), nil
}

func (e encoder) object(v reflect.Value, path string, depth int) (goja.Value, error) {
	if v.Type().Key().Kind() != reflect.String {
		return nil, valueError(path, "a map with %s keys has no JavaScript form: use string keys "+
			"(it becomes an object)", v.Type().Key())
	}
	if v.IsNil() {
		return goja.Null(), nil
	}
	obj := e.vm.NewObject()
	iter := v.MapRange()
	for iter.Next() {
		key := iter.Key().String()
		item, err := e.value(iter.Value(), path+"["+strconv.Quote(key)+"]", depth+1)
		if err != nil {
			return nil, err
		}
		if err := obj.Set(key, item); err != nil {
			return nil, err
		}
	}
	return obj, nil
}

// viaJSON converts what encoding/json makes of v: structs by their JSON tags, and types with
// MarshalJSON or MarshalText.
func (e encoder) viaJSON(v reflect.Value, path string) (goja.Value, error) {
	data, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, valueError(path, "a %s goes to JavaScript as encoding/json encodes it, which failed: %v",
			v.Type(), err)
	}
	return e.parseJSON(data, path)
}

func (e encoder) parseJSON(data []byte, path string) (goja.Value, error) {
	parse, _ := goja.AssertFunction(e.vm.Get("JSON").ToObject(e.vm).Get("parse"))
	out, err := parse(goja.Undefined(), e.vm.ToValue(string(data)))
	if err != nil {
		return nil, valueError(path, "invalid JSON: %v", err)
	}
	return out, nil
}
