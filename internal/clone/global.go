package clone

import (
	"fmt"

	"github.com/dop251/goja"
)

// Install defines the global structuredClone(value, options) on vm and captures the runtime's
// built-ins for later clones; call it when the runtime is set up, before user code runs.
//
// structuredClone copies in Storage mode, as V8's own algorithm does (class instances become
// plain objects). options.transfer, an array, lists ArrayBuffers (or views, for their
// buffers) whose bytes move into the copy; the originals are detached once the copy is made.
// As in workerd, other values in the list throw TypeError "Object is not transferable" and
// duplicates are ignored; a buffer already detached throws DataCloneError.
func Install(vm *goja.Runtime) error {
	if _, err := realmOf(vm); err != nil {
		return err
	}

	fn := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		out, err := structuredClone(vm, call.Argument(0), call.Argument(1))
		if err != nil {
			ThrowDataCloneError(vm, err)
		}
		return out
	}).(*goja.Object)
	for name, value := range map[string]any{"name": "structuredClone", "length": 1} {
		const no, yes = goja.FLAG_FALSE, goja.FLAG_TRUE
		if err := fn.DefineDataProperty(name, vm.ToValue(value), no, yes, no); err != nil {
			return fmt.Errorf("failed to define structuredClone.%s: %w", name, err)
		}
	}
	return vm.Set("structuredClone", fn)
}

func structuredClone(vm *goja.Runtime, value, options goja.Value) (goja.Value, error) {
	transfer, err := transferList(vm, options)
	if err != nil {
		return nil, err
	}
	return cloneWith(vm, value, Options{Mode: Storage}, transfer)
}

// transferList reads options.transfer: the buffers to move.
func transferList(vm *goja.Runtime, options goja.Value) ([]*goja.Object, error) {
	if options == nil || goja.IsUndefined(options) || goja.IsNull(options) {
		return nil, nil
	}
	opts, ok := options.(*goja.Object)
	if !ok {
		return nil, typeError(vm,
			"Failed to execute 'structuredClone': parameter 2 is not of type 'StructuredCloneOptions'.")
	}
	list := opts.Get("transfer")
	if list == nil || goja.IsUndefined(list) {
		return nil, nil
	}
	items, ok := list.(*goja.Object)
	if !ok || kindOf(items) != kindArray {
		return nil, typeError(vm, "Failed to execute 'structuredClone': 'transfer' is not a sequence.")
	}

	r, err := realmOf(vm)
	if err != nil {
		return nil, err
	}
	w := newWalker(vm, r, Options{})
	var buffers []*goja.Object
	n := items.Get("length").ToInteger()
	for i := int64(0); i < n; i++ {
		buffer, err := transferable(&w, items.Get(fmt.Sprint(i)))
		if err != nil {
			return nil, err
		}
		buffers = append(buffers, buffer)
	}
	return buffers, nil
}

// transferable returns the buffer that transferring v moves.
func transferable(w *walker, v goja.Value) (*goja.Object, error) {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil, typeError(w.vm, "Object is not transferable")
	}
	switch k := kindOf(obj); k {
	case kindArrayBuffer:
	case kindTypedArray, kindDataView:
		parts, err := w.readView(obj, k)
		if err != nil {
			return nil, err
		}
		obj = parts.buffer
	default:
		return nil, typeError(w.vm, "Object is not transferable")
	}
	if _, err := arrayBufferBytes(obj); err != nil {
		return nil, err
	}
	return obj, nil
}

// typeError wraps a TypeError as the *goja.Exception that ThrowDataCloneError rethrows.
func typeError(vm *goja.Runtime, message string) error {
	return vm.Try(func() { panic(vm.NewTypeError(message)) })
}
