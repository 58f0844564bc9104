package clone

import (
	"github.com/dop251/goja"
)

// maxDepth bounds how deeply values nest, in Serialize, Deserialize and Clone alike. V8's
// limit comes from its stack size and is in the same range.
const maxDepth = 5000

// walker holds what Serialize and Clone share while they read a value: the runtime, its
// built-ins, the options, and the decisions of the Replace hook.
type walker struct {
	vm    *goja.Runtime
	realm *realm
	opts  Options
	depth int

	// replaced remembers what the Replace hook returned for each object it replaced, so
	// that an object met twice is replaced once.
	replaced map[*goja.Object]goja.Value

	// collected receives Map and Set entries from the forEach collector below.
	collected []goja.Value
	collector goja.Value
}

func newWalker(vm *goja.Runtime, r *realm, opts Options) walker {
	return walker{vm: vm, realm: r, opts: opts}
}

// enter counts one level of nesting; leave must follow.
func (w *walker) enter() error {
	w.depth++
	if w.depth > maxDepth {
		return ErrTooDeep
	}
	return nil
}

func (w *walker) leave() {
	w.depth--
}

// admit decides how obj is copied. It returns the kind to copy it as, or a replacement from
// the Replace hook (replaced true), or the DataCloneError that obj earns in the current mode.
func (w *walker) admit(obj *goja.Object) (k kind, replacement goja.Value, replaced bool, err error) {
	if v, ok := w.replaced[obj]; ok {
		return 0, v, true, nil
	}

	k = kindOf(obj)
	if !w.hookable(obj, k) {
		return k, nil, false, nil
	}

	if w.opts.Replace != nil {
		v, ok, err := w.opts.Replace(obj)
		if err != nil {
			return 0, nil, false, err
		}
		if ok && v != goja.Value(obj) {
			if v == nil {
				v = goja.Undefined()
			}
			if w.replaced == nil {
				w.replaced = map[*goja.Object]goja.Value{}
			}
			w.replaced[obj] = v
			return 0, v, true, nil
		}
	}

	if k == kindPlain && obj != w.vm.GlobalObject() && w.opts.Mode == Storage {
		return k, nil, false, nil
	}
	return 0, nil, false, w.refusal(obj, k)
}

// hookable reports whether obj is one the Replace hook sees: anything that is not a plain
// object or a value type the algorithm copies by itself.
func (w *walker) hookable(obj *goja.Object, k kind) bool {
	switch k {
	case kindFunction, kindProxy, kindHost, kindOther:
		return true
	case kindPlain:
		return obj.Prototype() != w.realm.objectPrototype || obj == w.vm.GlobalObject()
	}
	return false
}

// refusal is the DataCloneError for an object the algorithm does not copy.
func (w *walker) refusal(obj *goja.Object, k kind) error {
	switch k {
	case kindFunction:
		return cannotClone(w.functionSource(obj))
	case kindProxy:
		return cannotClone(w.describeProxy(obj))
	case kindHost:
		return cannotSerialize(w.constructorName(obj))
	case kindPlain:
		if obj == w.vm.GlobalObject() {
			return cannotClone("#<Object>")
		}
		// Only RPC refuses class instances (workerd treats them as host objects there).
		return cannotSerialize(w.constructorName(obj))
	}
	return cannotClone(w.describe(obj))
}

// primitiveRefusal is the DataCloneError for a primitive (only symbols are refused).
func primitiveRefusal(v goja.Value) error {
	if sym, ok := v.(*goja.Symbol); ok {
		return cannotClone("Symbol(" + sym.String() + ")")
	}
	return cannotClone(v.String())
}

// functionSource is how V8 prints a function in an error: its source text.
func (w *walker) functionSource(obj *goja.Object) string {
	if s, err := w.realm.functionToString(obj); err == nil {
		return s.String()
	}
	return "function () { [native code] }"
}

// describeProxy prints a proxy as V8 does: by the innermost object it stands for, a
// function's source, "[object Array]" for an array and "#<Object>" otherwise.
func (w *walker) describeProxy(obj *goja.Object) string {
	target := obj
	for kindOf(target) == kindProxy {
		proxy, ok := target.Export().(goja.Proxy)
		if !ok || proxy.Target() == nil {
			return "#<Object>"
		}
		target = proxy.Target()
	}
	switch kindOf(target) {
	case kindFunction:
		return w.functionSource(target)
	case kindArray:
		return "[object Array]"
	}
	return "#<Object>"
}

// describe prints an object the way V8's side-effect-free ToString does in error messages:
// "#<Constructor>" for objects whose toString is Object.prototype.toString and whose
// constructor has a name, "[object Tag]" otherwise.
func (w *walker) describe(obj *goja.Object) string {
	if toString := obj.Get("toString"); toString != nil && toString.SameAs(w.realm.objectToString) {
		if name := functionName(obj.Get("constructor")); name != "" {
			return "#<" + name + ">"
		}
	}

	tag := obj.ClassName()
	if t := obj.GetSymbol(goja.SymToStringTag); t != nil && goja.IsString(t) {
		tag = t.String()
	}
	return "[object " + tag + "]"
}

// constructorName is the name workerd quotes when it refuses an object: its constructor's
// name, or "Object" when it has none.
func (w *walker) constructorName(obj *goja.Object) string {
	if name := functionName(obj.Get("constructor")); name != "" {
		return name
	}
	return "Object"
}

// functionName returns the name of a function value, or "" when v is not a function.
func functionName(v goja.Value) string {
	fn, ok := v.(*goja.Object)
	if !ok {
		return ""
	}
	if _, ok := goja.AssertFunction(fn); !ok {
		return ""
	}
	name := fn.Get("name")
	if name == nil || !goja.IsString(name) {
		return ""
	}
	return name.String()
}
