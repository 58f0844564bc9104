package project

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/dotest-dev/dotest/internal/diag"
)

// standinModules are the imports that resolve to the stand-ins of js/standins.js; the two
// lists must agree.
var standinModules = map[string]bool{
	"vitest/config": true, "vitest": true, "vite": true,
	"@cloudflare/vitest-pool-workers": true, "@cloudflare/vitest-pool-workers/config": true,
	"@cloudflare/vitest-plugin": true, "@cloudflare/vitest-plugin/config": true,
	"path": true, "node:path": true, "path/posix": true, "node:path/posix": true,
	"url": true, "node:url": true, "process": true, "node:process": true,
}

// nodeBuiltins are the Node.js modules importable without the node: prefix.
var nodeBuiltins = map[string]bool{
	"assert": true, "buffer": true, "child_process": true, "crypto": true, "events": true, "fs": true,
	"fs/promises": true, "http": true, "https": true, "module": true, "net": true, "os": true,
	"readline": true, "stream": true, "string_decoder": true, "timers": true, "tty": true, "util": true,
	"v8": true, "vm": true, "worker_threads": true, "zlib": true,
}

// gojaSupported lowers the syntax goja lacks.
var gojaSupported = map[string]bool{
	"async-generator": false, "for-await": false, "decorators": false, "using": false,
	"import-meta": false, "dynamic-import": false, "regexp-match-indices": false,
	"regexp-set-notation": false, "regexp-named-capture-groups": false,
}

// bundled is a vitest configuration bundled into one script for goja.
type bundled struct {
	code    string
	outfile string
	// prefixes maps each user file in the bundle to the length of the declarations added
	// at the start of its first line, which shift the columns of that line.
	prefixes map[string]int
}

// configEntry imports the configuration and keeps its module namespace; the banner and
// footer wrap the bundle in an async function so that top-level await works.
const (
	configEntry  = "import * as config from %s;\nglobalThis.__dotestConfigModule = config;\n"
	configBanner = "globalThis.__dotestConfigDone = (async () => {"
	configFooter = "})();"
)

// bundleConfig bundles the configuration file with esbuild. Imports of vitest, vite, the
// Cloudflare pool and node:path/url/process resolve to stand-ins; other Node.js modules to
// objects that throw when used; other packages to inert stand-ins that are reported.
//
// Known gap: the stand-ins of other packages are CommonJS facades whose exports are not
// known in advance, so a named import from such a package is undefined; calling it fails
// with a located TypeError rather than a message naming the package. Bare specifiers that
// tsconfig paths would map to local files are treated as packages too, as Vite does when it
// loads a configuration.
func bundleConfig(root, file string) (*bundled, diag.List) {
	b := &bundled{outfile: filepath.Join(filepath.Dir(file), ".dotest-vitest-config.js"), prefixes: map[string]int{}}
	var mu sync.Mutex

	spec, _ := json.Marshal(file)
	result := api.Build(api.BuildOptions{
		Stdin: &api.StdinOptions{
			Contents:   fmt.Sprintf(configEntry, spec),
			ResolveDir: filepath.Dir(file),
			Sourcefile: "dotest-entry.js",
		},
		AbsWorkingDir:  root,
		Bundle:         true,
		Write:          false,
		Outfile:        b.outfile,
		Format:         api.FormatESModule,
		Platform:       api.PlatformNeutral,
		Target:         api.ESNext,
		Supported:      gojaSupported,
		Sourcemap:      api.SourceMapInline,
		SourcesContent: api.SourcesContentExclude,
		LogLevel:       api.LogLevelSilent,
		Banner:         map[string]string{"js": configBanner},
		Footer:         map[string]string{"js": configFooter},
		Define: map[string]string{
			"__dirname": "__dotest_dirname", "__filename": "__dotest_filename",
			"import.meta.url": "__dotest_url", "import.meta.dirname": "__dotest_dirname",
			"import.meta.filename": "__dotest_filename",
		},
		Plugins: []api.Plugin{{Name: "dotest-config", Setup: func(pb api.PluginBuild) {
			pb.OnResolve(api.OnResolveOptions{Filter: `.*`}, resolveConfigImport)
			pb.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "dotest"}, loadStandin)
			pb.OnLoad(api.OnLoadOptions{Filter: `\.[cm]?[jt]sx?$`, Namespace: "file"},
				func(a api.OnLoadArgs) (api.OnLoadResult, error) {
					res, prefix, err := loadUserFile(a.Path)
					mu.Lock()
					b.prefixes[a.Path] = prefix
					mu.Unlock()
					return res, err
				})
		}}},
	})

	if len(result.Errors) > 0 {
		return nil, b.messages(root, result.Errors)
	}
	b.code = string(result.OutputFiles[0].Contents)
	return b, nil
}

var windowsAbs = regexp.MustCompile(`^[A-Za-z]:[\\/]`)

func resolveConfigImport(a api.OnResolveArgs) (api.OnResolveResult, error) {
	p := a.Path
	if a.Kind == api.ResolveEntryPoint || strings.HasPrefix(p, ".") || strings.HasPrefix(p, "/") ||
		windowsAbs.MatchString(p) {
		return api.OnResolveResult{}, nil
	}
	kind := "ignored"
	switch {
	case standinModules[p]:
		kind = "standin"
	case strings.HasPrefix(p, "node:") || nodeBuiltins[p]:
		kind = "unavailable"
	}
	return api.OnResolveResult{Path: kind + ":" + p, Namespace: "dotest"}, nil
}

func loadStandin(a api.OnLoadArgs) (api.OnLoadResult, error) {
	kind, spec, _ := strings.Cut(a.Path, ":")
	quoted, _ := json.Marshal(spec)
	var contents string
	switch kind {
	case "standin":
		contents = fmt.Sprintf("module.exports = globalThis.__dotest.modules[%s];\n", quoted)
	case "unavailable":
		contents = fmt.Sprintf("module.exports = globalThis.__dotest.unavailable(%s);\n", quoted)
	default:
		contents = fmt.Sprintf("module.exports = globalThis.__dotest.ignored(%s);\n", quoted)
	}
	return api.OnLoadResult{Contents: &contents, Loader: api.LoaderJS}, nil
}

// loadUserFile loads a file of the user's with the values of __dirname, __filename and
// import.meta.url for that file declared on its first line, so that each file sees its
// own, as Vite arranges when it bundles a configuration.
func loadUserFile(path string) (api.OnLoadResult, int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return api.OnLoadResult{}, 0, err
	}
	dir, _ := json.Marshal(filepath.Dir(path))
	name, _ := json.Marshal(path)
	fileURL, _ := json.Marshal((&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String())
	prefix := fmt.Sprintf("var __dotest_dirname = %s, __dotest_filename = %s, __dotest_url = %s;", dir, name, fileURL)

	text := string(data)
	if strings.HasPrefix(text, "#!") {
		text = "//" + text[2:]
	}
	contents := prefix + text

	loader := api.LoaderJS
	switch filepath.Ext(path) {
	case ".ts", ".mts", ".cts":
		loader = api.LoaderTS
	case ".tsx":
		loader = api.LoaderTSX
	case ".jsx":
		loader = api.LoaderJSX
	}
	return api.OnLoadResult{Contents: &contents, Loader: loader}, len(prefix), nil
}

// messages turns esbuild's errors into diagnostics pointing into the user's files.
func (b *bundled) messages(root string, msgs []api.Message) diag.List {
	var out diag.List
	for _, m := range msgs {
		d := diag.Diagnostic{
			Kind: diag.Error,
			Text: "failed to bundle the vitest configuration: " + m.Text,
			Hint: "fix the vitest configuration; dotest bundles it with esbuild to evaluate it",
		}
		if l := m.Location; l != nil {
			d.Location = b.location(root, filepath.Join(root, l.File), l.Line, l.Column+1)
			if l.Namespace != "file" && l.Namespace != "" {
				d.Location = &diag.Location{File: l.File, Line: l.Line, Column: l.Column + 1, LineText: l.LineText}
			}
		}
		for _, n := range m.Notes {
			d.Notes = append(d.Notes, n.Text)
		}
		out = append(out, d)
	}
	return out
}

// location points at line and column (1-based) of a user file in the bundle, undoing the
// shift of the declarations added to its first line.
func (b *bundled) location(root, path string, line, col int) *diag.Location {
	if line == 1 {
		col = max(1, col-b.prefixes[path])
	}
	loc := &diag.Location{File: displayPath(root, path), Line: line, Column: col}
	if data, err := os.ReadFile(path); err == nil {
		lines := strings.Split(string(data), "\n")
		if line >= 1 && line <= len(lines) {
			loc.LineText = strings.TrimRight(lines[line-1], "\r")
		}
	}
	return loc
}
