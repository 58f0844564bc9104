package bundle

import (
	"fmt"
	"maps"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/dotest-dev/dotest/internal/diag"
)

// GojaSupported tells esbuild which syntax to lower for goja: exactly what goja cannot
// parse, plus Uint8Array.fromBase64, which esbuild's binary loader would otherwise call.
// Everything else, class fields and private members included, is left as written, so it
// keeps its own semantics and speed.
var GojaSupported = map[string]bool{
	"async-generator":             false,
	"for-await":                   false,
	"using":                       false,
	"decorators":                  false, // TC39 decorators; tsconfig experimentalDecorators selects TS ones
	"import-meta":                 false, // replaced per module, see importMetaImport
	"dynamic-import":              false, // becomes a promise of the bundled module
	"regexp-named-capture-groups": false,
	"regexp-match-indices":        false,
	"regexp-set-notation":         false,
	// goja matches \p{…} silently wrong and lacks the d and v flags; rewriting every u and y
	// literal into new RegExp(...) lets internal/regexp translate them first.
	"regexp-unicode-property-escapes": false,
	"regexp-sticky-and-unicode-flags": false,
	"from-base64":                     false, // Uint8Array.fromBase64, used by the binary loader
}

// build runs esbuild on the request of a slot, whose lock the caller holds, and compiles
// the output.
func (b *Bundler) build(s *slot, req Request) (*Bundle, fingerprint, error) {
	path := b.scriptPath(req.TestFile)
	result, st := b.run(s, req, path)
	warnings := convertMessages(diag.Warning, result.Warnings)
	if len(result.Errors) > 0 {
		return nil, nil, append(convertMessages(diag.Error, result.Errors), warnings...)
	}
	code, err := script(result.OutputFiles)
	if err != nil {
		return nil, nil, err
	}

	prg, err := compile(path, code)
	if err != nil {
		return nil, nil, err
	}
	st.inputs.addConfigs()
	bundle := &Bundle{Code: code, Path: path, Program: prg, Inputs: st.inputs.paths(), Warnings: warnings}
	return bundle, st.inputs, nil
}

// script returns the JavaScript output of a build.
func script(files []api.OutputFile) (string, error) {
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".js") {
			return string(f.Contents), nil
		}
	}
	return "", fmt.Errorf("failed to bundle: esbuild wrote no script among %d output files", len(files))
}

// run runs esbuild once: a plain build, or a rebuild of the slot's context when the Bundler
// is incremental.
func (b *Bundler) run(s *slot, req Request, path string) (api.BuildResult, *buildState) {
	if !b.incremental {
		st := b.newState(req)
		return api.Build(b.options(req, path, st)), st
	}

	if s.ctx == nil {
		st := b.newState(req)
		ctx, err := api.Context(b.options(req, path, st))
		if err != nil {
			return api.BuildResult{Errors: err.Errors}, st
		}
		s.ctx, s.st = ctx, st
	} else {
		s.st.reset()
	}
	b.keepContext(s)
	return s.ctx.Rebuild(), s.st
}

// options are the esbuild options of one build. They follow wrangler's (browser platform,
// its exports conditions, jsx for .js files, text modules) with ESM output wrapped in an
// async function and the syntax of GojaSupported lowered.
func (b *Bundler) options(req Request, path string, st *buildState) api.BuildOptions {
	define := map[string]string{"import.meta": importMetaName}
	maps.Copy(define, req.Define)

	return api.BuildOptions{
		Stdin: &api.StdinOptions{
			Contents: entrySource(req), ResolveDir: b.root, Sourcefile: entryName, Loader: api.LoaderJS,
		},
		AbsWorkingDir: b.root,
		Outfile:       path, // names the output for the source map; nothing is written
		Write:         false,
		Bundle:        true,
		Format:        api.FormatESModule,
		Banner:        map[string]string{"js": banner},
		Footer:        map[string]string{"js": footer},
		Platform:      api.PlatformBrowser,
		Conditions:    b.conditions,
		Target:        api.ESNext,
		Supported:     GojaSupported,
		Define:        define,

		Sourcemap:      api.SourceMapInline,
		SourcesContent: api.SourcesContentExclude,
		LogLevel:       api.LogLevelSilent,
		AbsPaths:       api.LogAbsPath,
		Plugins:        []api.Plugin{st.plugin()},
	}
}
