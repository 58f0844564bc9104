package clone

import (
	_ "embed"
	"fmt"

	"github.com/dop251/goja"
)

//go:embed realm.js
var realmSource string

// realmProgram is compiled once and run in every runtime that clones values.
var realmProgram = goja.MustCompile("clone/realm.js", realmSource, true)

// realmKey names the hidden property of the global object that holds a runtime's realm: a
// goja runtime has no slot for host data, and the realm must live as long as the runtime.
var realmKey = goja.NewSymbol("dotest.clone.realm")

// realm holds the built-ins of one runtime that the algorithm uses, captured before user
// code could replace them (see realm.js). It has no exported fields, so the wrapper that
// stores it on the global object exposes nothing to scripts.
type realm struct {
	objectPrototype          *goja.Object
	objectToString           goja.Value
	getOwnPropertyDescriptor goja.Callable
	functionToString         goja.Callable

	date, regExp, mapCtor, setCtor goja.Value
	mapSet, mapForEach             goja.Callable
	setAdd, setForEach             goja.Callable
	stringValueOf                  goja.Callable

	regExpSource goja.Callable
	regExpFlags  [regExpFlagCount]goja.Callable // nil where the engine lacks the flag

	typedArrayBuffer, typedArrayByteOffset, typedArrayByteLength goja.Callable
	typedArrayName                                               goja.Callable
	dataViewBuffer, dataViewByteOffset, dataViewByteLength       goja.Callable

	views  [len(viewTypes)]goja.Value // constructors by viewTypes index; nil if missing
	errors [len(errorTypes)]goja.Value
}

// realmOf returns the realm of vm, capturing it on first use. Install captures it when the
// runtime is set up; a runtime that skips Install captures it at its first clone.
func realmOf(vm *goja.Runtime) (*realm, error) {
	global := vm.GlobalObject()
	if v := global.GetSymbol(realmKey); v != nil {
		if r, ok := v.Export().(*realm); ok {
			return r, nil
		}
	}

	r, err := captureRealm(vm)
	if err != nil {
		return nil, err
	}
	hidden := goja.FLAG_FALSE
	if err := global.DefineDataPropertySymbol(realmKey, vm.ToValue(r), hidden, hidden, hidden); err != nil {
		return nil, fmt.Errorf("failed to store the clone realm: %w", err)
	}
	return r, nil
}

// captureRealm runs realm.js and picks its results apart.
func captureRealm(vm *goja.Runtime) (*realm, error) {
	v, err := vm.RunProgram(realmProgram)
	if err != nil {
		return nil, fmt.Errorf("failed to capture built-ins: %w", err)
	}
	obj := v.ToObject(vm)
	p := picker{obj: obj}
	r := &realm{
		objectToString:           obj.Get("objectToString"),
		getOwnPropertyDescriptor: p.fn("getOwnPropertyDescriptor"),
		functionToString:         p.fn("functionToString"),
		date:                     obj.Get("Date"),
		regExp:                   obj.Get("RegExp"),
		mapCtor:                  obj.Get("Map"),
		setCtor:                  obj.Get("Set"),
		mapSet:                   p.fn("mapSet"),
		mapForEach:               p.fn("mapForEach"),
		setAdd:                   p.fn("setAdd"),
		setForEach:               p.fn("setForEach"),
		stringValueOf:            p.fn("stringValueOf"),
		regExpSource:             p.fn("regExpSource"),
		typedArrayBuffer:         p.fn("typedArrayBuffer"),
		typedArrayByteOffset:     p.fn("typedArrayByteOffset"),
		typedArrayByteLength:     p.fn("typedArrayByteLength"),
		typedArrayName:           p.fn("typedArrayName"),
		dataViewBuffer:           p.fn("dataViewBuffer"),
		dataViewByteOffset:       p.fn("dataViewByteOffset"),
		dataViewByteLength:       p.fn("dataViewByteLength"),
	}
	r.objectPrototype, _ = obj.Get("objectPrototype").(*goja.Object)
	if p.missing != "" {
		return nil, fmt.Errorf("failed to capture built-ins: %s is not a function", p.missing)
	}

	flags := obj.Get("regExpFlags").ToObject(vm)
	for i := range r.regExpFlags {
		r.regExpFlags[i], _ = goja.AssertFunction(flags.Get(fmt.Sprint(i)))
	}
	views := obj.Get("views").ToObject(vm)
	for i, t := range viewTypes {
		if ctor := views.Get(t.name); ctor != nil && !goja.IsUndefined(ctor) {
			r.views[i] = ctor
		}
	}
	errs := obj.Get("errors").ToObject(vm)
	for i := range errorTypes {
		r.errors[i] = errs.Get(fmt.Sprint(i))
	}
	return r, nil
}

// picker reads functions from an object, remembering the first one that is missing.
type picker struct {
	obj     *goja.Object
	missing string
}

func (p *picker) fn(name string) goja.Callable {
	f, ok := goja.AssertFunction(p.obj.Get(name))
	if !ok && p.missing == "" {
		p.missing = name
	}
	return f
}
