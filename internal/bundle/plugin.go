package bundle

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// The namespaces of the modules that are not files.
const (
	hostNamespace  = "dotest-host"  // modules the runtime provides
	mainNamespace  = "dotest"       // the dotest:main module
	metaNamespace  = "dotest-meta"  // one file's import.meta
	bytesNamespace = "dotest-bytes" // the raw bytes of a Data module
)

// bytesPrefix starts the specifier by which a Data module imports its own bytes.
const bytesPrefix = "dotest-bytes:"

// resolving marks the resolutions the plugin asks esbuild for itself, so that its own
// resolve callback lets them through.
type resolving struct{}

// loaders maps the extensions of the files the plugin loads itself to esbuild loaders. The
// .js family uses the jsx loader, as wrangler does. .txt and .html are Text modules under
// wrangler's default rules; .bin files are Data modules (see loadFile). The custom module
// rules of a wrangler config are not applied: only these default ones are.
var loaders = map[string]api.Loader{
	".ts": api.LoaderTS, ".mts": api.LoaderTS, ".cts": api.LoaderTS, ".tsx": api.LoaderTSX,
	".js": api.LoaderJSX, ".mjs": api.LoaderJSX, ".cjs": api.LoaderJSX, ".jsx": api.LoaderJSX,
	".json": api.LoaderJSON, ".txt": api.LoaderText, ".html": api.LoaderText,
}

// hostFilter builds the esbuild filter of the import paths the plugin may serve from the
// runtime. Go's regexp syntax is what esbuild's Go API expects.
func hostFilter(extra []string) string {
	names := slices.Concat(HostModules, NodeBuiltins, extra)
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	return `^(node:.*|cloudflare:.*|` + strings.Join(quoted, "|") + `)$`
}

// plugin returns the esbuild plugin of one build: it serves the host modules, dotest:main
// and import.meta, turns Data modules into ArrayBuffers, rejects WebAssembly, and records
// every file it loads in st.
func (st *buildState) plugin() api.Plugin {
	return api.Plugin{Name: "dotest", Setup: func(b api.PluginBuild) {
		resolveHost := func(a api.OnResolveArgs) (api.OnResolveResult, error) { return st.resolveHost(b, a), nil }
		b.OnResolve(api.OnResolveOptions{Filter: st.filter}, resolveHost)
		b.OnResolve(api.OnResolveOptions{Filter: `^dotest:main$`}, resolveMain)
		b.OnResolve(api.OnResolveOptions{Filter: `^dotest-(meta|bytes):`}, resolvePrefixed)
		b.OnResolve(api.OnResolveOptions{Filter: `\.wasm(\?module)?$`}, rejectWasm)

		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: hostNamespace}, loadHost)
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: mainNamespace}, st.loadMain)
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: metaNamespace}, loadImportMeta)
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: bytesNamespace}, st.loadBytes)
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "file"}, st.loadFile)
	}}
}

// resolveHost serves an import of a host module, a Node built-in or a "cloudflare:" module.
func (st *buildState) resolveHost(b api.PluginBuild, a api.OnResolveArgs) api.OnResolveResult {
	if _, ok := a.PluginData.(resolving); ok {
		return api.OnResolveResult{}
	}

	name := a.Path
	switch classify(name, st.extra) {
	case unknownModule:
		return api.OnResolveResult{Errors: []api.Message{{
			Text: fmt.Sprintf("Could not resolve %q", name),
			Detail: fmt.Sprintf("dotest does not provide the module %q; it provides %s",
				name, strings.Join(CloudflareModules, ", ")),
		}}}
	case nodeBuiltin:
		// A package of the built-in's name wins, as it does in a wrangler build.
		res := b.Resolve(name, api.ResolveOptions{
			Importer: a.Importer, Namespace: a.Namespace, ResolveDir: a.ResolveDir, Kind: a.Kind,
			PluginData: resolving{},
		})
		if len(res.Errors) == 0 {
			return api.OnResolveResult{}
		}
		name = "node:" + name
	case bundled:
		return api.OnResolveResult{}
	}

	result := api.OnResolveResult{Path: name, Namespace: hostNamespace}
	if strings.HasPrefix(name, "node:") && !st.req.NodeCompat && st.warnOnce(name) {
		result.Warnings = []api.Message{{
			Text: fmt.Sprintf("%q needs the \"nodejs_compat\" compatibility flag", a.Path),
			Detail: "add \"nodejs_compat\" to compatibility_flags in your wrangler config: tests get it " +
				"automatically, as with @cloudflare/vitest-pool-workers, but the deployed Worker does not",
		}}
	}
	return result
}

// resolveMain resolves the dotest:main module.
func resolveMain(api.OnResolveArgs) (api.OnResolveResult, error) {
	return api.OnResolveResult{Path: "main", Namespace: mainNamespace}, nil
}

// loadMain loads the dotest:main module.
func (st *buildState) loadMain(api.OnLoadArgs) (api.OnLoadResult, error) {
	code := mainSource(st.req.Main)
	return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS, ResolveDir: st.root}, nil
}

// loadImportMeta loads the import.meta module of a file.
func loadImportMeta(a api.OnLoadArgs) (api.OnLoadResult, error) {
	code := importMetaSource(a.Path)
	return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS}, nil
}

// loadHost loads the facade of a host module.
func loadHost(a api.OnLoadArgs) (api.OnLoadResult, error) {
	code := hostFacade(a.Path)
	return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS}, nil
}

// resolvePrefixed resolves the virtual modules whose specifier carries an absolute file path.
func resolvePrefixed(a api.OnResolveArgs) (api.OnResolveResult, error) {
	if file, ok := strings.CutPrefix(a.Path, importMetaPrefix); ok {
		return api.OnResolveResult{Path: file, Namespace: metaNamespace}, nil
	}
	return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, bytesPrefix), Namespace: bytesNamespace}, nil
}

// rejectWasm fails an import of a WebAssembly module, which goja cannot run.
func rejectWasm(a api.OnResolveArgs) (api.OnResolveResult, error) {
	return api.OnResolveResult{Errors: []api.Message{{
		Text: fmt.Sprintf("Could not load %q: dotest does not support WebAssembly modules", a.Path),
		Detail: "goja, the JavaScript engine of dotest, has no WebAssembly: move the code that needs it " +
			"behind a module the tests can replace, or test it with wrangler dev",
	}}}, nil
}

// loadFile loads a file from disk, recording its fingerprint. A Data module (.bin) becomes
// a module whose default export is an ArrayBuffer of the file, as in workerd. A module that
// mentions import.meta gets the import that binds it.
func (st *buildState) loadFile(a api.OnLoadArgs) (api.OnLoadResult, error) {
	ext := filepath.Ext(a.Path)
	if ext == ".bin" {
		code := "import bytes from " + jsString(bytesPrefix+a.Path) + ";\nexport default bytes.buffer;\n"
		return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS}, nil
	}

	loader, ok := loaders[ext]
	if !ok {
		return api.OnLoadResult{Errors: []api.Message{{
			Text: fmt.Sprintf("No loader is configured for %q files: %s", ext, filepath.Base(a.Path)),
			Detail: "a Worker can import JavaScript, TypeScript and JSON modules, Text modules (.txt, .html) " +
				"and Data modules (.bin)",
		}}}, nil
	}

	data, err := st.read(a.Path)
	if err != nil {
		return api.OnLoadResult{}, err
	}
	if isScript(loader) && bytes.Contains(data, []byte("import.meta")) {
		data = append(data, importMetaImport(a.Path)...)
	}
	code := string(data)
	return api.OnLoadResult{Contents: &code, Loader: loader}, nil
}

// loadBytes loads the raw bytes of a Data module.
func (st *buildState) loadBytes(a api.OnLoadArgs) (api.OnLoadResult, error) {
	data, err := st.read(a.Path)
	if err != nil {
		return api.OnLoadResult{}, err
	}
	code := string(data)
	return api.OnLoadResult{Contents: &code, Loader: api.LoaderBinary}, nil
}

// read reads a file and records its fingerprint. The file is stat'ed before it is read, so a
// write in between makes the fingerprint stale rather than the bundle.
func (st *buildState) read(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("failed to read %s: %w", path, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("failed to read %s: %w", path, err)
	}
	st.record(path, info, data)
	return data, nil
}

// isScript reports whether a loader parses JavaScript or TypeScript.
func isScript(l api.Loader) bool {
	switch l {
	case api.LoaderJS, api.LoaderJSX, api.LoaderTS, api.LoaderTSX:
		return true
	}
	return false
}
