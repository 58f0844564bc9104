// Package bundle turns one test file, the worker's main module and the setup files into one
// script that goja runs, with esbuild.
//
// The script evaluates, in this order, the main module, each setup file, then the test
// file, as ES modules would. Its contract with the runtime, which must define
// globalThis.__dotest before it runs the script:
//
//   - __dotest.require(name) returns the module object of a module the runtime provides:
//     "vitest", the CloudflareModules, and Node built-ins under their "node:" names (an
//     import of "buffer" asks for "node:buffer"). Each is bundled as a CommonJS facade whose
//     module.exports is that object, so any named import of it works; the object should
//     have all its properties when required, since imports copy its property names then.
//   - __dotest.setMain(namespace) receives the namespace object of the main module before
//     any setup or test file runs.
//   - the script sets __dotest.loaded to the promise of its evaluation: the whole script
//     body is an async function, so top-level await works in every module. The runtime
//     awaits it before running tests; a rejection is an error of the test file.
//
// The script carries an inline source map, so goja reports stack frames at the lines and
// columns of the user's .ts files.
//
// Syntax goja lacks is lowered by esbuild (see GojaSupported); builtins goja lacks, such as
// Symbol.asyncIterator and Symbol.dispose, are the runtime's to provide.
package bundle

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/dotest-dev/dotest/internal/diag"
)

// WranglerConditions are the package.json "exports" conditions that wrangler resolves with,
// in its order. esbuild adds "import" or "require", by the kind of import, and "default".
var WranglerConditions = []string{"workerd", "worker", "browser"}

// Options configure a Bundler.
type Options struct {
	// Conditions replace WranglerConditions when not nil, as WRANGLER_BUILD_CONDITIONS does.
	Conditions []string

	// HostModules names more modules that the runtime provides, beside HostModules,
	// CloudflareModules and the Node built-ins.
	HostModules []string

	// Incremental keeps an esbuild context per request, up to MaxContexts of them, so that
	// rebuilding after an edit reparses only the files that changed. It pays off in watch
	// mode, for projects with large dependencies; a plain run builds each file once and
	// gains nothing. Close the Bundler to free the contexts.
	Incremental bool
	MaxContexts int // 0 means DefaultMaxContexts
}

// DefaultMaxContexts is how many esbuild contexts an incremental Bundler keeps by default.
// Each holds the parsed modules of one test file's bundle.
const DefaultMaxContexts = 16

// Request says what to bundle. Paths are absolute; a relative one is taken from the root.
type Request struct {
	TestFile   string
	Main       string   // the worker's main module, or "" when there is none
	SetupFiles []string // evaluated after Main and before TestFile, in this order

	// Define replaces global identifiers and member chains with JavaScript expressions, as
	// wrangler's define does: {"DEBUG": "true", "process.env.MODE": `"test"`}.
	Define map[string]string

	// NodeCompat tells that the project has the nodejs_compat flag. Node built-ins are
	// provided either way, since the test pool adds the flag; without it, importing one is
	// a warning that the deployed Worker will fail.
	NodeCompat bool
}

// Bundle is the bundled script of one test file.
type Bundle struct {
	Code    string        // the script, ending with its inline source map
	Path    string        // the script's name: <root>/.dotest/<test file>.js, never written
	Program *goja.Program // Code compiled, shared by every runtime that runs the file

	// Inputs are the files the bundle depends on, absolute and sorted: every module that
	// went into it, plus the tsconfig.json, jsconfig.json and package.json files of their
	// directories and parents.
	Inputs []string

	Warnings diag.List
}

// Bundler builds bundles for the test files of one project and keeps the last bundle of each
// request while its inputs are unchanged. It is safe for concurrent use.
type Bundler struct {
	root        string
	conditions  []string
	extra       []string
	filter      string
	incremental bool
	maxContexts int

	mu       sync.Mutex
	slots    map[string]*slot
	contexts []*slot // the slots that hold a context, least recently built first
}

// slot holds the cached bundle of one request; its mutex makes concurrent builds of the
// same request wait for one another instead of building twice.
type slot struct {
	mu     sync.Mutex
	bundle *Bundle
	inputs fingerprint

	ctx api.BuildContext // incremental Bundlers only
	st  *buildState      // the plugin state of ctx
}

// New returns a Bundler for the project in root, an absolute directory.
func New(root string, opts Options) *Bundler {
	conditions := WranglerConditions
	if opts.Conditions != nil {
		conditions = opts.Conditions
	}
	maxContexts := opts.MaxContexts
	if maxContexts <= 0 {
		maxContexts = DefaultMaxContexts
	}
	return &Bundler{
		root:        filepath.Clean(root),
		conditions:  conditions,
		extra:       slices.Clone(opts.HostModules),
		filter:      hostFilter(opts.HostModules),
		incremental: opts.Incremental,
		maxContexts: maxContexts,
		slots:       map[string]*slot{},
	}
}

// Build bundles and compiles a request. When the same request was built before and none of
// its inputs changed since, it returns the same Bundle without building. Problems in the
// project come back as a diag.List.
func (b *Bundler) Build(req Request) (*Bundle, error) {
	req = b.normalize(req)
	s := b.slot(req.key())

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bundle != nil && s.inputs.unchanged() {
		return s.bundle, nil
	}

	bundle, inputs, err := b.build(s, req)
	if err != nil {
		s.bundle, s.inputs = nil, nil
		return nil, err
	}
	s.bundle, s.inputs = bundle, inputs
	return bundle, nil
}

// slot returns the cache slot of a request key, making it when needed.
func (b *Bundler) slot(key string) *slot {
	b.mu.Lock()
	defer b.mu.Unlock()
	s, ok := b.slots[key]
	if !ok {
		s = &slot{}
		b.slots[key] = s
	}
	return s
}

// normalize makes the paths of a request absolute and clean.
func (b *Bundler) normalize(req Request) Request {
	req.TestFile = b.abs(req.TestFile)
	if req.Main != "" {
		req.Main = b.abs(req.Main)
	}
	setup := make([]string, len(req.SetupFiles))
	for i, f := range req.SetupFiles {
		setup[i] = b.abs(f)
	}
	req.SetupFiles = setup
	return req
}

func (b *Bundler) abs(path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	return filepath.Join(b.root, path)
}

// key identifies a request in the cache.
func (r Request) key() string {
	var k strings.Builder
	fmt.Fprintf(&k, "%q %q %q %v", r.TestFile, r.Main, r.SetupFiles, r.NodeCompat)
	for _, name := range slices.Sorted(maps.Keys(r.Define)) {
		fmt.Fprintf(&k, " %q=%q", name, r.Define[name])
	}
	return k.String()
}

// scriptPath names the script of a test file: a path in the project, so that the relative
// source paths of the source map resolve to the user's files.
func (b *Bundler) scriptPath(testFile string) string {
	rel, err := filepath.Rel(b.root, testFile)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(os.PathSeparator)) {
		rel = filepath.Join("external", filepath.Base(testFile))
	}
	return filepath.Join(b.root, ".dotest", rel+".js")
}

// newState returns the plugin state of a build of req.
func (b *Bundler) newState(req Request) *buildState {
	st := &buildState{root: b.root, req: req, extra: b.extra, filter: b.filter}
	st.reset()
	return st
}

// buildState is what the plugin of one build knows and records.
type buildState struct {
	root   string
	req    Request
	extra  []string
	filter string

	mu     sync.Mutex
	inputs fingerprint
	warned map[string]bool
}

// reset forgets what a previous build of the same state recorded.
func (st *buildState) reset() {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.inputs = fingerprint{}
	st.warned = map[string]bool{}
}

// record keeps the fingerprint of a file the build read.
func (st *buildState) record(path string, info os.FileInfo, data []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.inputs[path] = newFileState(info, data)
}

// warnOnce reports whether a warning about name is the first one of the build.
func (st *buildState) warnOnce(name string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.warned[name] {
		return false
	}
	st.warned[name] = true
	return true
}
