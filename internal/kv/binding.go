package kv

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/project"
)

var (
	//go:embed js/kv.js
	kvSource  string
	kvProgram = jsrt.MustCompile("dotest:kv/kv.js", kvSource)
)

// InstallOptions configure Install.
type InstallOptions struct {
	// PersistDir keeps each namespace in <PersistDir>/kv/<id>.sqlite, a file the sqlite3
	// shell can open; "" keeps them in memory.
	PersistDir string
}

// Bindings are the KV namespaces of one runtime. Like the runtime, they belong to the
// goroutine that owns it.
type Bindings struct {
	vm         *goja.Runtime
	errorCtor  goja.Value
	namespaces []*Namespace
	byBinding  map[string]*Namespace
}

// Install opens a namespace for each distinct id of list and sets each binding on env (the
// engine's env, which handlers receive and cloudflare:workers exports). Bindings with the
// same id share one namespace. Expirations follow the runtime's clock, so fake timers
// expire keys.
func Install(rt *jsrt.Runtime, env *goja.Object, list []project.KVNamespace, opts InstallOptions) (*Bindings, error) {
	b := &Bindings{vm: rt.VM, errorCtor: rt.VM.Get("Error"), byBinding: map[string]*Namespace{}}
	if opts.PersistDir != "" && len(list) > 0 {
		if err := os.MkdirAll(filepath.Join(opts.PersistDir, "kv"), 0o755); err != nil {
			return nil, fmt.Errorf("failed to install the KV bindings: %w", err)
		}
	}
	byID := map[string]int{}
	for _, binding := range list {
		if _, ok := byID[binding.ID]; !ok {
			ns, err := Open(binding.ID, Options{Path: persistPath(opts.PersistDir, binding.ID), Now: rt.Clock.Now})
			if err != nil {
				_ = b.Close()
				return nil, err
			}
			byID[binding.ID] = len(b.namespaces)
			b.namespaces = append(b.namespaces, ns)
		}
		b.byBinding[binding.Binding] = b.namespaces[byID[binding.ID]]
	}
	if len(list) == 0 {
		return b, nil
	}

	if err := b.bind(rt, env, list, byID); err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("failed to install the KV bindings: %w", err)
	}
	return b, nil
}

func (b *Bindings) bind(rt *jsrt.Runtime, env *goja.Object, list []project.KVNamespace, byID map[string]int) error {
	factory, err := rt.Setup(kvProgram, b.natives())
	if err != nil {
		return err
	}
	newBinding, ok := goja.AssertFunction(factory)
	if !ok {
		return errors.New("the embedded KV binding is not a function")
	}
	for _, binding := range list {
		v, err := newBinding(goja.Undefined(), b.vm.ToValue(byID[binding.ID]))
		if err != nil {
			return err
		}
		if err := env.Set(binding.Binding, v); err != nil {
			return err
		}
	}
	return nil
}

// Namespaces returns the runtime's namespaces, one per id, in the order first bound.
func (b *Bindings) Namespaces() []*Namespace { return append([]*Namespace(nil), b.namespaces...) }

// Namespace returns the namespace bound to the env name binding.
func (b *Bindings) Namespace(binding string) (*Namespace, bool) {
	ns, ok := b.byBinding[binding]
	return ns, ok
}

// Close closes every namespace.
func (b *Bindings) Close() error {
	var errs []error
	for _, ns := range b.namespaces {
		errs = append(errs, ns.Close())
	}
	return errors.Join(errs...)
}

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// persistPath is where namespace id is kept under dir; "" when dir is.
func persistPath(dir, id string) string {
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "kv", unsafeFileChars.ReplaceAllString(id, "_")+".sqlite")
}
