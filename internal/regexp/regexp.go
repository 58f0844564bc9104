package regexp

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

var (
	//go:embed js/regexp.js
	regexpSource string

	programOnce sync.Once
	program     *goja.Program

	nativeProgram = jsrt.MustCompile("dotest:regexp-native.js", "/(?:)/.constructor")
)

// translations caches translate's answers for the whole process: flags + "/" + source →
// *translation or error.
var translations sync.Map

func cachedTranslate(source, flags string) (*translation, error) {
	key := flags + "/" + source
	if v, ok := translations.Load(key); ok {
		if err, isErr := v.(error); isErr {
			return nil, err
		}
		return v.(*translation), nil
	}
	t, err := translate(source, flags)
	if err != nil {
		translations.Store(key, err)
		return nil, err
	}
	translations.Store(key, t)
	return t, nil
}

// Install replaces the RegExp of rt with one that runs as V8's where goja's does not: named
// groups (groups, $<name>, \k<name>), \p{…} and \P{…} with the u flag, and the d and v flags.
// A pattern dotest cannot run as V8 would is a SyntaxError that says so, never a wrong match.
//
// Regular expression literals are compiled by goja itself and never reach the wrapper: the
// bundle must have esbuild rewrite the literals that need it into new RegExp(...) calls,
// which its "regexp-named-capture-groups", "regexp-unicode-property-escapes",
// "regexp-match-indices" and "regexp-set-notation" features set to false do.
//
// The wrapper is built the first time a script reads the global RegExp, so a runtime whose
// tests never use it pays only for one accessor.
func Install(rt *jsrt.Runtime) error {
	vm := rt.VM
	global := vm.GlobalObject()

	var wrapper goja.Value
	load := func() goja.Value {
		if wrapper == nil {
			if err := setup(rt); err != nil {
				panic(vm.NewGoError(fmt.Errorf("failed to install RegExp: %w", err)))
			}
			wrapper = global.Get("RegExp")
		}
		return wrapper
	}
	get := vm.ToValue(func(goja.FunctionCall) goja.Value { return load() })
	set := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		load()
		_ = global.DefineDataProperty("RegExp", call.Argument(0), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		return goja.Undefined()
	})
	return global.DefineAccessorProperty("RegExp", get, set, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// setup runs the wrapper's JS, which replaces the global RegExp.
func setup(rt *jsrt.Runtime) error {
	programOnce.Do(func() { program = jsrt.MustCompile("dotest:regexp.js", regexpSource) })
	// The global RegExp is the accessor now; goja's own constructor is still a regexp's.
	native, err := rt.VM.RunProgram(nativeProgram)
	if err != nil {
		return err
	}
	n := &natives{vm: rt.VM}
	obj := rt.VM.NewObject()
	for name, fn := range map[string]func(goja.FunctionCall) goja.Value{
		"translate": n.translate,
		"match":     n.match,
	} {
		if err := obj.Set(name, fn); err != nil {
			return err
		}
	}
	_, err = rt.Setup(program, obj, native)
	return err
}

type natives struct{ vm *goja.Runtime }

// translate answers undefined when goja runs the pattern right as it is, else the rewritten
// pattern: {source, flags, names, matcher}. It throws the SyntaxError V8 would throw.
func (n *natives) translate(call goja.FunctionCall) goja.Value {
	t, err := cachedTranslate(call.Argument(0).String(), call.Argument(1).String())
	if err != nil {
		panic(n.syntaxError(err))
	}
	if !t.patched {
		return goja.Undefined()
	}
	obj := n.vm.NewObject()
	_ = obj.Set("source", t.source)
	_ = obj.Set("flags", t.flags)
	if t.names != nil {
		_ = obj.Set("names", n.vm.ToValue(t.names))
	} else {
		_ = obj.Set("names", goja.Null())
	}
	if t.indices != "" || hasIndicesFlag(call.Argument(1).String()) {
		m, err := compileMatcher(t)
		if err != nil {
			panic(n.syntaxError(err))
		}
		_ = obj.Set("matcher", n.vm.ToValue(m))
	}
	return obj
}

func hasIndicesFlag(flags string) bool {
	for _, c := range flags {
		if c == 'd' {
			return true
		}
	}
	return false
}

// syntaxError is the SyntaxError V8 would throw, or the one that says what dotest lacks.
func (n *natives) syntaxError(err error) goja.Value {
	obj, cerr := n.vm.New(n.vm.Get("SyntaxError"), n.vm.ToValue(err.Error()))
	if cerr != nil {
		return n.vm.NewGoError(err)
	}
	return obj
}

// match runs a matcher over a string from a code unit index; see matcher.match.
func (n *natives) match(call goja.FunctionCall) goja.Value {
	m, ok := call.Argument(0).Export().(*matcher)
	if !ok {
		panic(n.vm.NewTypeError("not a dotest regexp matcher"))
	}
	s, _ := call.Argument(1).ToString().(goja.String)
	units := make([]uint16, s.Length())
	for i := range units {
		units[i] = s.CharAt(i)
	}
	at, err := m.match(units, int(call.Argument(2).ToInteger()))
	if err != nil {
		panic(n.vm.NewGoError(err))
	}
	if at == nil {
		return goja.Null()
	}
	return n.vm.ToValue(at)
}
