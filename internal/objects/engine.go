package objects

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/project"
)

// Options configure Install.
type Options struct {
	// PersistDir keeps each object's storage in <PersistDir>/<uniqueKey>/<id>.sqlite, the
	// layout of workerd and wrangler's .wrangler/state/v3/do; "" keeps storage in memory.
	PersistDir string
	// StorageLimit bounds the bytes each object stores; 0 means the platform's 10 GB.
	StorageLimit int64
	// Logger receives what the engine reports that is no error of a test: an alarm that failed
	// and will be retried, an alarm without a handler. Nil discards it.
	Logger *slog.Logger
}

var (
	//go:embed js/classes.js
	classesSource string
	//go:embed js/rpc.js
	rpcSource string
	//go:embed js/state.js
	stateSource string
	//go:embed js/module.js
	moduleSource string
	//go:embed js/sockets.js
	socketsSource string

	classesProgram = jsrt.MustCompile("dotest:objects/classes.js", classesSource)
	rpcProgram     = jsrt.MustCompile("dotest:objects/rpc.js", rpcSource)
	stateProgram   = jsrt.MustCompile("dotest:objects/state.js", stateSource)
	moduleProgram  = jsrt.MustCompile("dotest:objects/module.js", moduleSource)
	socketsProgram = jsrt.MustCompile("dotest:objects/sockets.js", socketsSource)
)

// bcwTimeout is how long a blockConcurrencyWhile callback may run before the object is reset,
// on real time as in workerd.
const bcwTimeout = 30 * time.Second

// Engine is the Durable Object engine of one runtime. All its methods are for the goroutine
// that owns the runtime.
type Engine struct {
	rt   *jsrt.Runtime
	vm   *goja.Runtime
	proj *project.Project
	opts Options
	log  *slog.Logger
	errs errorCtors

	isView      goja.Callable // ArrayBuffer.isView, captured before user code runs
	noArgs      goja.Value    // the frozen empty array that stands for a call without arguments
	cursorProto *goja.Object  // the prototype of SQL cursors
	sqlProto    *goja.Object  // the prototype of ctx.storage.sql

	namespaces []*Namespace
	byClass    map[string]*Namespace

	lib    jsLib
	libObj *goja.Object
	env    *goja.Object
	module *goja.Object

	events    map[uint64]*event
	nextEvent uint64
	instances map[int64]*instance
	nextInst  int64

	dirty  []*instance // instances that wrote in this turn
	outbox []*event    // outcomes settled in this turn, delivered once it committed

	onCreated   []func(*Object)
	bcwTimeout  time.Duration
	nextSection int64

	web               *webHooks                // nil without the web platform
	socketHandlers    *goja.Object             // what webSocket.hibernate calls
	sockets           map[*goja.Object]*socket // every socket ever accepted, for its tags
	lastSocketFailure goja.Value               // the last failure of a socket's event reported
}

// jsLib are the functions of the embedded JS that Go calls.
type jsLib struct {
	deliver, deliverLocal, deliverEntry goja.Callable
	remoteError, resetError             goja.Callable
	newID, newNamespace, newState       goja.Callable
	objectStub, stubInfo, namespaceIdx  goja.Callable
	rpcReplace, drain, construct, quiet goja.Callable
	runAlarm, deliverSocket, disposable goja.Callable
}

// Install creates the engine of rt for the project: it defines the module
// "cloudflare:workers" and builds env, with one DurableObjectNamespace per binding. Classes
// are looked up in the main module (rt.Main) when their first object starts, so Install runs
// before the bundle.
func Install(rt *jsrt.Runtime, proj *project.Project, opts Options) (*Engine, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	e := &Engine{
		rt: rt, vm: rt.VM, proj: proj, opts: opts, log: log, errs: captureErrorCtors(rt.VM),
		byClass: map[string]*Namespace{}, events: map[uint64]*event{}, instances: map[int64]*instance{},
		bcwTimeout: bcwTimeout, sockets: map[*goja.Object]*socket{},
	}
	e.buildNamespaces()
	e.isView, _ = goja.AssertFunction(rt.VM.Get("ArrayBuffer").ToObject(rt.VM).Get("isView"))

	web, err := e.findWebHooks()
	if err == nil {
		e.web = web
		err = e.setupJS()
	}
	if err == nil && e.web != nil {
		e.socketHandlers = e.newSocketHandlers()
		err = e.installAttachmentCodec()
	}
	if err != nil {
		return nil, fmt.Errorf("failed to install the Durable Object engine: %w", err)
	}
	rt.DefineModule("cloudflare:workers", func(*jsrt.Runtime) (goja.Value, error) { return e.module, nil })
	rt.Loop.AfterTurn(e.afterTurn)
	return e, nil
}

// buildNamespaces makes one namespace per class: each bound class, in the order of the
// bindings, then the other classes of the project, by name.
func (e *Engine) buildNamespaces() {
	for _, b := range e.proj.DurableObjects {
		e.namespaceFor(b.ClassName).Bindings = append(e.namespaceFor(b.ClassName).Bindings, b.Name)
	}
	for _, name := range sortedKeys(e.proj.Classes) {
		e.namespaceFor(name)
	}
}

func (e *Engine) namespaceFor(class string) *Namespace {
	if ns, ok := e.byClass[class]; ok {
		return ns
	}
	uniqueKey := e.proj.Name + "-" + class
	ns := &Namespace{
		e: e, index: len(e.namespaces), ClassName: class, UniqueKey: uniqueKey,
		SQLite: e.proj.Classes[class].SQLite, ids: newIDFactory(uniqueKey), objects: map[string]*Object{},
	}
	e.namespaces = append(e.namespaces, ns)
	e.byClass[class] = ns
	return ns
}

// setupJS runs the embedded JS, builds env and the module object.
func (e *Engine) setupJS() error {
	natives := e.natives()
	e.libObj = e.vm.NewObject()
	if err := e.libObj.Set("kinds", e.kindsObject()); err != nil {
		return err
	}
	// Fetcher.scheduled() exists under this flag only; without it the name is RPC.
	if err := e.libObj.Set("extraHandlers", slices.Contains(e.proj.CompatibilityFlags,
		"service_binding_extra_handlers")); err != nil {
		return err
	}
	if e.web != nil {
		if err := e.libObj.Set("web", e.web.obj); err != nil {
			return err
		}
	}
	for _, prg := range []*goja.Program{classesProgram, rpcProgram, stateProgram, socketsProgram} {
		if _, err := e.rt.Setup(prg, natives, e.libObj); err != nil {
			return err
		}
	}
	if err := e.pickLib(); err != nil {
		return err
	}
	e.noArgs = e.libObj.Get("noArgs")
	if err := e.nativeMethods(); err != nil {
		return err
	}

	env, err := e.buildEnv()
	if err != nil {
		return err
	}
	e.env = env
	if err := e.libObj.Set("env", env); err != nil {
		return err
	}
	module, err := e.rt.Setup(moduleProgram, natives, e.libObj)
	if err != nil {
		return err
	}
	e.module = module.ToObject(e.vm)
	return nil
}

func (e *Engine) pickLib() error {
	fns := map[string]*goja.Callable{
		"deliver": &e.lib.deliver, "deliverLocal": &e.lib.deliverLocal, "deliverEntry": &e.lib.deliverEntry,
		"remoteError": &e.lib.remoteError, "resetError": &e.lib.resetError, "newId": &e.lib.newID,
		"newNamespace": &e.lib.newNamespace, "newState": &e.lib.newState, "objectStub": &e.lib.objectStub,
		"stubInfo": &e.lib.stubInfo, "namespaceIndex": &e.lib.namespaceIdx, "rpcReplace": &e.lib.rpcReplace,
		"drain": &e.lib.drain, "construct": &e.lib.construct, "quiet": &e.lib.quiet,
		"runAlarm": &e.lib.runAlarm, "deliverSocket": &e.lib.deliverSocket, "disposable": &e.lib.disposable,
	}
	for name, dst := range fns {
		fn, ok := goja.AssertFunction(e.libObj.Get(name))
		if !ok {
			return fmt.Errorf("the embedded JS defines no function %q", name)
		}
		*dst = fn
	}
	return nil
}

// nativeMethods puts the hot methods of SQL storage and cursors, written in Go, on the
// prototypes that state.js defines.
func (e *Engine) nativeMethods() error {
	e.cursorProto = e.libObj.Get("cursorPrototype").ToObject(e.vm)
	e.sqlProto = e.libObj.Get("sqlStoragePrototype").ToObject(e.vm)
	methods := []struct {
		proto *goja.Object
		name  string
		fn    func(goja.FunctionCall) goja.Value
	}{
		{e.sqlProto, "exec", e.jsExec},
		{e.cursorProto, "one", e.jsCursorOne},
		{e.cursorProto, "toArray", e.jsCursorToArray},
	}
	for _, m := range methods {
		if err := m.proto.DefineDataProperty(m.name, e.vm.ToValue(m.fn), goja.FLAG_TRUE, goja.FLAG_TRUE,
			goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	return nil
}

// buildEnv makes the env object: vars and secrets, then one namespace per binding.
func (e *Engine) buildEnv() (*goja.Object, error) {
	env := e.vm.NewObject()
	for _, name := range sortedKeys(e.proj.Vars) {
		v, err := e.jsonValue(e.proj.Vars[name])
		if err != nil {
			return nil, fmt.Errorf("failed to bind var %q: %w", name, err)
		}
		if err := env.Set(name, v); err != nil {
			return nil, err
		}
	}
	for _, b := range e.proj.DurableObjects {
		ns := e.byClass[b.ClassName]
		if ns.jsObj == nil {
			v, err := e.lib.newNamespace(goja.Undefined(), e.vm.ToValue(ns.index))
			if err != nil {
				return nil, err
			}
			ns.jsObj = v.ToObject(e.vm)
		}
		if err := env.Set(b.Name, ns.jsObj); err != nil {
			return nil, err
		}
	}
	return env, nil
}

// jsonValue converts a var (JSON-like Go data) into a plain JS value.
func (e *Engine) jsonValue(v any) (goja.Value, error) {
	if s, ok := v.(string); ok {
		return e.vm.ToValue(s), nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	parse, _ := goja.AssertFunction(e.vm.Get("JSON").ToObject(e.vm).Get("parse"))
	return parse(goja.Undefined(), e.vm.ToValue(string(data)))
}

// Env is the env object that handlers receive and cloudflare:workers exports.
func (e *Engine) Env() *goja.Object { return e.env }

// Module is the exports object of cloudflare:workers.
func (e *Engine) Module() *goja.Object { return e.module }
