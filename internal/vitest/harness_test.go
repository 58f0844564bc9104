package vitest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/pool/event"
)

// compile turns a TypeScript test file into the program a bundle would be: CommonJS with
// imports from "vitest" served by the runtime, wrapped so that __dotest.loaded is the promise
// of its evaluation, with an inline source map back to the .ts file.
func compile(t testing.TB, root, rel string) *goja.Program {
	t.Helper()
	abs := filepath.Join(root, rel)
	src, err := os.ReadFile(abs)
	require.NoError(t, err)
	res := api.Transform(string(src), api.TransformOptions{
		Loader:     api.LoaderTS,
		Format:     api.FormatCommonJS,
		Sourcefile: abs,
		Sourcemap:  api.SourceMapInline,
		Target:     api.ESNext,
		Banner: "globalThis.__dotest.loaded = (async () => { " +
			"const require = (name) => globalThis.__dotest.require(name); const module = { exports: {} }; " +
			"const exports = module.exports;",
		Footer: "})();",
	})
	require.Empty(t, res.Errors, "esbuild: %v", res.Errors)
	prg, err := goja.Compile(filepath.Join(root, ".dotest", rel+".js"), string(res.Code), false)
	require.NoError(t, err)
	return prg
}

// outcome is what running a file produced.
type outcome struct {
	result *event.FileResult
	events []event.Event
	runner *Runner
}

// states lists "full name: state" for every test, in order.
func (o outcome) states() []string {
	var out []string
	for _, tr := range o.result.Tests {
		out = append(out, tr.FullName()+": "+string(tr.State))
	}
	return out
}

// test returns the result of the test with that full name.
func (o outcome) test(t testing.TB, name string) *event.TestResult {
	t.Helper()
	for _, tr := range o.result.Tests {
		if tr.FullName() == name {
			return tr
		}
	}
	t.Fatalf("no test %q in %v", name, o.states())
	return nil
}

// logs lists the console lines printed, as "test id|text" where the id is empty outside tests.
func (o outcome) logs() []string {
	var out []string
	for _, e := range o.events {
		if e.Kind == event.Log {
			out = append(out, e.Entry.Text)
		}
	}
	return out
}

// runFile runs one test file of root through a fresh runtime and runner.
func runFile(t testing.TB, root, rel string, edit func(*Config)) outcome {
	t.Helper()
	prg := compile(t, root, rel)
	var o outcome
	cfg := Config{
		File: filepath.Join(root, rel), RelFile: filepath.ToSlash(rel),
		Emit: func(e event.Event) { o.events = append(o.events, e) },
	}
	if edit != nil {
		edit(&cfg)
	}
	var runner *Runner
	rt, err := jsrt.New(jsrt.Options{Console: func(stream, text string) { runner.Log(stream, text) }})
	require.NoError(t, err)
	runner, err = Install(rt, cfg)
	require.NoError(t, err)
	o.runner = runner
	o.result = runner.Run(prg)
	return o
}

// testdata returns the absolute path of the testdata directory.
func testdata(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	require.NoError(t, err)
	return dir
}

// copyTestdata copies testdata files into a fresh directory, for tests that write files.
func copyTestdata(t testing.TB, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		require.NoError(t, err)
		dst := filepath.Join(dir, f)
		require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
		require.NoError(t, os.WriteFile(dst, data, 0o644))
	}
	return dir
}

func errorMessages(errs []*event.TestError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, strings.TrimSpace(e.Name+": "+e.Message))
	}
	return out
}

// write creates a test file from source text.
func write(t testing.TB, dir, name, src string) {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
}
