// Package services provides the service bindings of env that reach the worker's own
// entrypoints: env.NAME for `services: [{ binding: "NAME", service: "<this worker>",
// entrypoint, props }]` in the wrangler configuration, or the pool's
// `miniflare.serviceBindings`.
//
// A binding is the engine's stub of the entrypoint, the one exports.default or
// exports.Name of cloudflare:workers gives (specialised with the binding's props), so
// fetch and RPC through it behave as through exports: a new WorkerEntrypoint per call,
// ctx.props, the handler's env and ctx. Bindings to other workers are not provided: package
// project reports them and leaves them out.
//
// # Differences from the platform
//
//   - The binding finds its entrypoint on first use, not when the worker starts, so a
//     binding to an entrypoint the main module lacks fails when it is used, with the text
//     workerd reports at startup.
//   - A named entrypoint that is an object of handlers (export const api = { fetch() {} })
//     cannot be bound yet: the engine's exports give stubs for the default export and for
//     WorkerEntrypoint classes only, while workerd's ctx.exports has one for every named
//     entrypoint. Using such a binding throws a TypeError that says so.
//   - withExports() of cloudflare:workers changes what a binding reaches while it is in
//     effect, as the bindings are looked up through exports.
package services

import (
	_ "embed"
	"errors"
	"fmt"
	"slices"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/objects"
	"github.com/dotest-dev/dotest/internal/project"
)

var (
	//go:embed js/services.js
	servicesSource  string
	servicesProgram = jsrt.MustCompile("dotest:services/services.js", servicesSource)
)

// Install sets each service binding of proj on the engine's env, which handlers receive
// and cloudflare:workers exports. It runs before the bundle, like the engine's Install.
func Install(rt *jsrt.Runtime, e *objects.Engine, proj *project.Project) error {
	if len(proj.Services) == 0 {
		return nil
	}
	if err := install(rt, e, proj); err != nil {
		return fmt.Errorf("failed to install the service bindings: %w", err)
	}
	return nil
}

func install(rt *jsrt.Runtime, e *objects.Engine, proj *project.Project) error {
	vm := rt.VM
	natives := vm.NewObject()
	_ = natives.Set("main", func() goja.Value {
		if m := rt.Main(); m != nil {
			return m
		}
		return goja.Undefined()
	})
	_ = natives.Set("worker", func() string { return proj.Name })

	factory, err := rt.Setup(servicesProgram, natives, e.Module().Get("exports"))
	if err != nil {
		return err
	}
	newBinding, ok := goja.AssertFunction(factory)
	if !ok {
		return errors.New("the embedded service binding is not a function")
	}
	for _, s := range proj.Services {
		entrypoint := s.Entrypoint
		if entrypoint == "" {
			entrypoint = "default"
		}
		var props goja.Value = goja.Undefined()
		if s.Props != nil {
			if props, err = jsonValue(vm, s.Props); err != nil {
				return fmt.Errorf("failed to bind %s: %w", s.Binding, err)
			}
		}
		v, err := newBinding(goja.Undefined(), vm.ToValue(s.Binding), vm.ToValue(entrypoint), props)
		if err != nil {
			return err
		}
		if err := e.Env().Set(s.Binding, v); err != nil {
			return err
		}
	}
	return nil
}

// jsonValue converts JSON-like Go data into plain JS objects and arrays.
func jsonValue(vm *goja.Runtime, v any) (goja.Value, error) {
	switch x := v.(type) {
	case map[string]any:
		obj := vm.NewObject()
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			jv, err := jsonValue(vm, x[k])
			if err != nil {
				return nil, err
			}
			if err := obj.Set(k, jv); err != nil {
				return nil, err
			}
		}
		return obj, nil
	case []any:
		items := make([]any, len(x))
		for i, item := range x {
			jv, err := jsonValue(vm, item)
			if err != nil {
				return nil, err
			}
			items[i] = jv
		}
		return vm.NewArray(items...), nil
	default:
		return vm.ToValue(x), nil
	}
}
