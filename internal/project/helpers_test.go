package project

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// tree is a project laid out as file path → content.
type tree map[string]string

// write creates the tree in a new temporary directory and returns the directory.
func (tr tree) write(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range tr {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	return dir
}

// with returns a copy of the tree with more files.
func (tr tree) with(more tree) tree {
	out := tree{}
	for k, v := range tr {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// load writes the tree and loads it with a short evaluation timeout.
func load(t *testing.T, tr tree, opts Options) (*Project, string, error) {
	t.Helper()
	dir := tr.write(t)
	if opts.evalTimeout == 0 {
		opts.evalTimeout = 2 * time.Second
	}
	p, err := Load(dir, opts)
	return p, dir, err
}

// mustLoad loads a tree that must load.
func mustLoad(t *testing.T, tr tree, opts Options) *Project {
	t.Helper()
	p, _, err := load(t, tr, opts)
	require.NoError(t, err)
	return p
}

// render shows diagnostics as a person reads them: the one-line form, the source line
// with a caret, the hint and the notes. Paths under root are shown as <root>.
func render(root string, list diag.List) string {
	var b strings.Builder
	for _, d := range list {
		b.WriteString(strings.ReplaceAll(d.Error(), root, "<root>"))
		b.WriteByte('\n')
		if d.Location != nil && d.Location.LineText != "" {
			b.WriteString("    | " + d.Location.LineText + "\n")
			if d.Location.Column > 0 {
				b.WriteString("    | " + caretPadding(d.Location.LineText, d.Location.Column-1) + "^\n")
			}
		}
		if d.Hint != "" {
			b.WriteString("    hint: " + d.Hint + "\n")
		}
		for _, n := range d.Notes {
			b.WriteString("    note: " + n + "\n")
		}
	}
	return b.String()
}

func caretPadding(text string, col int) string {
	var b strings.Builder
	for i := 0; i < col && i < len(text); i++ {
		if text[i] == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// diagnosticsOf returns the diagnostics of a failed load.
func diagnosticsOf(t *testing.T, err error) diag.List {
	t.Helper()
	var list diag.List
	require.True(t, errors.As(err, &list), "want a diag.List, got %T: %v", err, err)
	return list
}

// goldenCase is one section of a golden file.
type goldenCase struct {
	name string
	text string
}

// checkGolden compares sections with testdata/golden/<name>.txt, or rewrites it with -update.
func checkGolden(t *testing.T, name string, cases []goldenCase) {
	t.Helper()
	sort.Slice(cases, func(i, j int) bool { return cases[i].name < cases[j].name })
	var b strings.Builder
	for _, c := range cases {
		b.WriteString("## " + c.name + "\n" + c.text + "\n")
	}
	path := filepath.Join("testdata", "golden", name+".txt")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create the golden file")
	assert.Equal(t, string(want), b.String())
}

// minimal is a project with the least a valid project needs.
var minimal = tree{
	"wrangler.jsonc": `{"name": "w", "main": "src/index.ts", "compatibility_date": "2025-01-01"}`,
	"src/index.ts":   "export default {};\n",
}
