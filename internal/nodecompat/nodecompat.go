package nodecompat

import (
	"embed"
	"fmt"
	"sync"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

//go:embed js/*.js
var jsFiles embed.FS

// Options configure the Node.js modules of one runtime.
type Options struct {
	// Env is process.env, as workerd fills it from the worker's text and JSON vars under
	// nodejs_compat_populate_process_env; nil leaves it empty.
	Env map[string]string
	// Globals defines Buffer, process, global, setImmediate and clearImmediate on globalThis,
	// as workerd does under nodejs_compat_v2 (implied by nodejs_compat since 2024-09-23).
	// Without it, globalThis.Buffer appears when node:buffer is first required.
	Globals bool
}

// script is one embedded JS file: it evaluates to a function of (natives, load) returning
// the module's exports, compiled the first time any runtime of the process needs it.
type script struct {
	file string
	once sync.Once
	prg  *goja.Program
}

func (s *script) program() *goja.Program {
	s.once.Do(func() {
		src, err := jsFiles.ReadFile("js/" + s.file)
		if err != nil {
			panic("nodecompat: missing embedded " + s.file)
		}
		s.prg = jsrt.MustCompile("node:internal/"+s.file, string(src))
	})
	return s.prg
}

// scripts are the module bodies by internal name. Some serve several module names.
var scripts = map[string]*script{
	"errors":         {file: "errors.js"},
	"inspect":        {file: "inspect.js"},
	"events":         {file: "events.js"},
	"buffer":         {file: "buffer.js"},
	"util":           {file: "util.js"},
	"assert":         {file: "assert.js"},
	"path":           {file: "path.js"},
	"crypto":         {file: "crypto.js"},
	"async_hooks":    {file: "async_hooks.js"},
	"url":            {file: "url.js"},
	"string_decoder": {file: "string_decoder.js"},
	"timers":         {file: "timers.js"},
	"process":        {file: "process.js"},
}

// provided maps each module name dotest provides to the script that builds it and the export
// of that script it is ("" for the whole).
var provided = map[string]struct{ script, export string }{
	"node:buffer":           {"buffer", ""},
	"node:events":           {"events", ""},
	"node:util":             {"util", ""},
	"node:util/types":       {"util", "types"},
	"node:sys":              {"util", ""},
	"node:assert":           {"assert", ""},
	"node:assert/strict":    {"assert", "strict"},
	"node:path":             {"path", ""},
	"node:path/posix":       {"path", "posix"},
	"node:path/win32":       {"path", "win32"},
	"node:crypto":           {"crypto", ""},
	"node:async_hooks":      {"async_hooks", ""},
	"node:url":              {"url", ""},
	"node:string_decoder":   {"string_decoder", ""},
	"node:timers":           {"timers", ""},
	"node:timers/promises":  {"timers", "promises"},
	"node:process":          {"process", ""},
	"node:internal/inspect": {"inspect", ""},
}

// Unprovided are the modules workerd offers under nodejs_compat that dotest does not build:
// requiring one throws an Error that names it.
var Unprovided = []string{
	"node:child_process", "node:cluster", "node:console", "node:constants", "node:dgram",
	"node:diagnostics_channel", "node:dns", "node:dns/promises", "node:domain", "node:fs",
	"node:fs/promises", "node:http", "node:http2", "node:https", "node:inspector",
	"node:inspector/promises", "node:module", "node:net", "node:os", "node:perf_hooks",
	"node:punycode", "node:querystring", "node:readline", "node:readline/promises", "node:repl",
	"node:sqlite", "node:stream", "node:stream/consumers", "node:stream/promises",
	"node:stream/web", "node:test", "node:tls", "node:trace_events", "node:tty", "node:v8",
	"node:vm", "node:wasi", "node:worker_threads", "node:zlib",
}

// Provided lists the module names Install defines with a working module.
func Provided() []string {
	names := make([]string, 0, len(provided))
	for n := range provided {
		if n != "node:internal/inspect" {
			names = append(names, n)
		}
	}
	return names
}

// compat is the Node.js state of one runtime.
type compat struct {
	rt      *jsrt.Runtime
	opts    Options
	exports map[string]goja.Value // by script name
	loading map[string]bool
	load    goja.Value
	natives *goja.Object
	async   *asyncTracker
}

// Install defines the node: modules of workerd's nodejs_compat in rt. Nothing is built until a
// bundle requires a module (or, with opts.Globals, reads a global), so a runtime whose tests
// use no Node API pays only for the definitions.
func Install(rt *jsrt.Runtime, opts Options) error {
	c := &compat{rt: rt, opts: opts, exports: map[string]goja.Value{}, loading: map[string]bool{}}
	for name, p := range provided {
		rt.DefineModule(name, c.module(name, p.script, p.export))
	}
	for _, name := range Unprovided {
		rt.DefineModule(name, unprovided(name))
	}
	if opts.Globals {
		if err := c.defineGlobals(); err != nil {
			return fmt.Errorf("failed to define the Node.js globals: %w", err)
		}
	}
	return nil
}

func (c *compat) module(name, script, export string) jsrt.Module {
	return func(*jsrt.Runtime) (goja.Value, error) {
		v, err := c.require(script)
		if err != nil {
			return nil, err
		}
		if name == "node:buffer" && !c.opts.Globals {
			c.defineBufferGlobal(v)
		}
		if export == "" {
			return v, nil
		}
		return v.ToObject(c.rt.VM).Get(export), nil
	}
}

// unprovided is a module whose require throws, saying dotest lacks it.
func unprovided(name string) jsrt.Module {
	return func(rt *jsrt.Runtime) (goja.Value, error) {
		return nil, fmt.Errorf("dotest does not provide the module %q: workerd offers it under "+
			"nodejs_compat, but dotest's runtime has no implementation of it", name)
	}
}

// require builds the exports of a script once per runtime.
func (c *compat) require(name string) (v goja.Value, err error) {
	if v, ok := c.exports[name]; ok {
		return v, nil
	}
	s, ok := scripts[name]
	if !ok {
		return nil, fmt.Errorf("nodecompat: no script %q", name)
	}
	if c.loading[name] {
		return nil, fmt.Errorf("nodecompat: %q requires itself", name)
	}
	c.loading[name] = true
	defer delete(c.loading, name)

	if c.load == nil {
		c.load = c.rt.VM.ToValue(c.jsLoad)
		c.natives = c.newNatives()
	}
	v, err = c.rt.Setup(s.program(), c.natives, c.load)
	if err != nil {
		return nil, fmt.Errorf("failed to build %s: %w", s.file, err)
	}
	c.exports[name] = v
	return v, nil
}

// jsLoad is how a script reaches another one.
func (c *compat) jsLoad(name string) goja.Value {
	v, err := c.require(name)
	if err != nil {
		panic(c.rt.VM.NewGoError(err))
	}
	return v
}

// defineBufferGlobal defines globalThis.Buffer when node:buffer is first required, unless the
// project already has one.
func (c *compat) defineBufferGlobal(buffer goja.Value) {
	global := c.rt.VM.GlobalObject()
	if v := global.Get("Buffer"); v != nil && !goja.IsUndefined(v) {
		return
	}
	_ = global.DefineDataProperty("Buffer", buffer.ToObject(c.rt.VM).Get("Buffer"),
		goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
}

// defineGlobals defines the globals of nodejs_compat_v2 as accessors that build their module
// on first read and then become plain properties.
func (c *compat) defineGlobals() error {
	vm := c.rt.VM
	global := vm.GlobalObject()
	for _, g := range []struct{ name, script, export string }{
		{"Buffer", "buffer", "Buffer"},
		{"process", "process", ""},
		{"setImmediate", "timers", "setImmediate"},
		{"clearImmediate", "timers", "clearImmediate"},
	} {
		settle := func(v goja.Value) {
			_ = global.DefineDataProperty(g.name, v, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		}
		get := vm.ToValue(func(goja.FunctionCall) goja.Value {
			v := c.jsLoad(g.script)
			if g.export != "" {
				v = v.ToObject(vm).Get(g.export)
			}
			settle(v)
			return v
		})
		set := vm.ToValue(func(call goja.FunctionCall) goja.Value {
			settle(call.Argument(0))
			return goja.Undefined()
		})
		if err := global.DefineAccessorProperty(g.name, get, set, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	return global.DefineDataProperty("global", global, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
}
