package web

import (
	"fmt"
	"net/http"
	"reflect"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// Config configures the web platform of one runtime.
type Config struct {
	// Outbound carries the fetches that no JS fetch handler answered; nil means the network,
	// through a transport shared by every runtime of the process.
	Outbound http.RoundTripper
	// CompatibilityDate is the project's compatibility_date ("2026-03-17"); empty means the
	// behaviour of the newest date dotest knows.
	CompatibilityDate string
	// CompatibilityFlags are the project's compatibility_flags.
	CompatibilityFlags []string
}

// env is the web platform's state in one runtime. It lives on the runtime's goroutine.
type env struct {
	rt     *jsrt.Runtime
	vm     *goja.Runtime
	cfg    Config
	compat compat

	exports map[string]*goja.Object
	loading map[string]bool
	load    goja.Value

	uint8Array goja.Value // the Uint8Array constructor, looked up once
}

// Install gives rt the web platform a Cloudflare Worker sees. The pool calls it once per
// runtime, after jsrt.New and before any bundle runs. Globals are defined as accessors that
// build their module the first time a script touches them, so a runtime pays only for the
// parts of the platform its tests use.
func Install(rt *jsrt.Runtime, cfg Config) error {
	e := &env{
		rt:      rt,
		vm:      rt.VM,
		cfg:     cfg,
		compat:  newCompat(cfg.CompatibilityDate, cfg.CompatibilityFlags),
		exports: map[string]*goja.Object{},
		loading: map[string]bool{},
	}
	e.load = e.vm.ToValue(e.jsLoad)
	if err := e.defineGlobals(); err != nil {
		return fmt.Errorf("failed to install the web platform: %w", err)
	}
	if err := e.defineLazy(rt.Host(), "web", "host", "*"); err != nil {
		return fmt.Errorf("failed to install the web platform's host hooks: %w", err)
	}
	return rt.Host().SetSymbol(envKey, e.vm.ToValue(e))
}

// envKey is the symbol under which the host object keeps the runtime's env, for the Go
// functions of this package that start from a *jsrt.Runtime.
var envKey = goja.NewSymbol("dotest.web")

// envOf returns the web platform state of rt, or nil when Install has not run on it.
func envOf(rt *jsrt.Runtime) *env {
	v := rt.Host().GetSymbol(envKey)
	if v == nil {
		return nil
	}
	e, _ := v.Export().(*env)
	return e
}

func (e *env) defineGlobals() error {
	global := e.vm.GlobalObject()
	for _, g := range globals {
		if err := e.defineLazy(global, g.name, g.module, g.export); err != nil {
			return err
		}
	}
	for _, f := range functionGlobals {
		if err := e.defineFunction(global, f.name, f.module, f.length); err != nil {
			return err
		}
	}
	return global.DefineDataProperty("self", global, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// defineLazy defines obj[name] as an accessor that loads module on first read and then turns
// into a plain writable property, as the real global would be. Assigning first skips the load.
func (e *env) defineLazy(obj *goja.Object, name, module, export string) error {
	if export == "" {
		export = name
	}
	settle := func(v goja.Value) {
		_ = obj.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	get := e.vm.ToValue(func(goja.FunctionCall) goja.Value {
		exports := e.mustLoad(module)
		var v goja.Value = exports
		if export != "*" {
			v = exports.Get(export)
		}
		settle(v)
		return v
	})
	set := e.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		settle(call.Argument(0))
		return goja.Undefined()
	})
	return obj.DefineAccessorProperty(name, get, set, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// defineFunction defines a global function as a plain writable property that loads its
// module on the first call, so that vi.spyOn(globalThis, "fetch") sees an ordinary method.
func (e *env) defineFunction(obj *goja.Object, name, module string, length int) error {
	var target goja.Callable
	fn := e.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		if target == nil {
			var ok bool
			target, ok = goja.AssertFunction(e.mustLoad(module).Get(name))
			if !ok {
				panic(e.vm.NewTypeError("web: %s is not a function", name))
			}
		}
		v, err := target(call.This, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	}).ToObject(e.vm)
	for prop, v := range map[string]any{"name": name, "length": length} {
		err := fn.DefineDataProperty(prop, e.vm.ToValue(v), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		if err != nil {
			return err
		}
	}
	return obj.DefineDataProperty(name, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// jsLoad is the load function every module receives, to reach the exports of another.
func (e *env) jsLoad(name string) *goja.Object { return e.mustLoad(name) }

func (e *env) mustLoad(name string) *goja.Object {
	obj, err := e.loadModule(name)
	if err != nil {
		panic(e.vm.NewGoError(err))
	}
	return obj
}

// loadModule runs a module's program once per runtime and keeps its exports.
func (e *env) loadModule(name string) (*goja.Object, error) {
	if obj, ok := e.exports[name]; ok {
		return obj, nil
	}
	def, ok := modules[name]
	if !ok {
		return nil, fmt.Errorf("web: no module %q", name)
	}
	if e.loading[name] {
		return nil, fmt.Errorf("web: module %q requires itself while it loads", name)
	}
	e.loading[name] = true
	defer delete(e.loading, name)

	natives := goja.Undefined()
	if def.natives != nil {
		natives = def.natives(e)
	}
	v, err := e.rt.Setup(def.program(), natives, e.load, e.rt.Host())
	if err != nil {
		return nil, fmt.Errorf("failed to load the web module %q: %w", name, err)
	}
	obj := v.ToObject(e.vm)
	e.exports[name] = obj
	return obj, nil
}

// newUint8Array wraps b, without copying, in a Uint8Array of this runtime.
func (e *env) newUint8Array(b []byte) goja.Value {
	if e.uint8Array == nil {
		e.uint8Array = e.vm.Get("Uint8Array")
	}
	ab := e.vm.NewArrayBuffer(b)
	obj, err := e.vm.New(e.uint8Array, e.vm.ToValue(ab))
	if err != nil {
		panic(err)
	}
	return obj
}

// bytesOf returns the bytes an ArrayBuffer or a typed array views, without copying; ok is
// false for other values. JS callers turn a DataView into a Uint8Array first.
func (e *env) bytesOf(v goja.Value) (b []byte, ok bool) {
	obj, isObj := v.(*goja.Object)
	if !isObj {
		return nil, false
	}
	if ab, isAB := obj.Export().(goja.ArrayBuffer); isAB {
		return ab.Bytes(), true
	}
	t := obj.ExportType()
	if t == nil || t.Kind() != reflect.Slice || t.Elem().Kind() == reflect.Interface {
		return nil, false
	}
	if err := e.vm.ExportTo(v, &b); err != nil {
		return nil, false
	}
	return b, true
}

// natives builds the object of Go functions a module receives.
func (e *env) natives(fns map[string]any) *goja.Object {
	obj := e.vm.NewObject()
	for name, fn := range fns {
		_ = obj.Set(name, fn)
	}
	return obj
}
