package bundle

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testRuntime is testdata/runtime.js compiled: a small globalThis.__dotest.
var testRuntime = func() *goja.Program {
	src, err := os.ReadFile("testdata/runtime.js")
	if err != nil {
		panic(err)
	}
	return goja.MustCompile("runtime.js", string(src), true)
}()

// project writes files, by slash-separated relative path, into a fresh directory and
// returns its path.
func project(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		write(t, filepath.Join(root, filepath.FromSlash(name)), content)
	}
	return root
}

func write(t testing.TB, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

// run runs a bundle in a fresh runtime with the test __dotest, waits for its evaluation and
// returns what it logged and the error its evaluation rejected with, if any.
func run(t *testing.T, b *Bundle) (logs []string, loadErr *goja.Object) {
	t.Helper()
	vm := goja.New()
	_, err := vm.RunProgram(testRuntime)
	require.NoError(t, err)
	_, err = vm.RunProgram(b.Program)
	require.NoError(t, err)

	loaded, ok := vm.Get("__dotest").ToObject(vm).Get("loaded").Export().(*goja.Promise)
	require.True(t, ok, "the bundle must set __dotest.loaded to a promise")
	require.NotEqual(t, goja.PromiseStatePending, loaded.State(), "the bundle did not finish loading")
	if loaded.State() == goja.PromiseStateRejected {
		loadErr = loaded.Result().ToObject(vm)
	}

	require.NoError(t, vm.ExportTo(vm.Get("__log"), &logs))
	return logs, loadErr
}

// diagnostics returns the diag.List of a failed build.
func diagnostics(t *testing.T, err error) diag.List {
	t.Helper()
	require.Error(t, err)
	list, ok := err.(diag.List)
	require.True(t, ok, "want a diag.List, got %T: %v", err, err)
	return list
}

// render renders diagnostics as a terminal would, with root shown as <root>.
func render(list diag.List, root string) string {
	var b strings.Builder
	for _, d := range list {
		b.WriteString(d.Error() + "\n")
		if d.Location != nil {
			b.WriteString(diag.CodeFrame(*d.Location, "", 1))
		}
		for _, n := range d.Notes {
			b.WriteString("note: " + n + "\n")
		}
		if d.Hint != "" {
			b.WriteString("hint: " + d.Hint + "\n")
		}
	}
	return strings.ReplaceAll(b.String(), root, "<root>")
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, string(want), got)
}
