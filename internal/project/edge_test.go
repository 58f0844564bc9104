package project

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEdgeErrors covers the rarer failures, against testdata/golden/edge_errors.txt.
func TestEdgeErrors(t *testing.T) {
	tests := []struct {
		name string
		tree tree
		opts Options
	}{
		{"sections of the wrong type", tree{"wrangler.jsonc": `{"name":"w","compatibility_date":"2025-01-01",
  "durable_objects": [], "exports": [], "secrets": "TOKEN"}`}, Options{}},
		{"env section of the wrong type", tree{"wrangler.jsonc": `{"name":"w","env":"staging"}`},
			Options{Env: "staging"}},
		{"classes of the wrong type", tree{"wrangler.toml": `name = "w"
compatibility_date = "2025-01-01"
migrations = [{ tag = 1, deleted_classes = "A", renamed_classes = { from = "A" } }, "v2"]
`}, Options{}},
		{"workspace json syntax", tree{"vitest.workspace.json": `["packages/*",`}, Options{}},
		{"failing project in a workspace", tree{
			"vitest.workspace.ts":              `export default ["packages/*"];`,
			"packages/a/vitest.config.ts":      "export default { test: { globals: 1 } };\n",
			"packages/b/vitest.config.ts":      "throw new Error(\"b is broken\");\n",
			"packages/b/src/not-a-project.txt": "",
		}, Options{}},
	}

	var cases []goldenCase
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, dir, err := load(t, tt.tree, tt.opts)
			require.Error(t, err)
			cases = append(cases, goldenCase{tt.name, render(dir, diagnosticsOf(t, err))})
		})
	}
	checkGolden(t, "edge_errors", cases)
}

// TestEdgeWarnings covers the rarer warnings, against testdata/golden/edge_warnings.txt.
func TestEdgeWarnings(t *testing.T) {
	tests := []struct {
		name string
		tree tree
	}{
		{"unreadable .dev.vars", minimal.with(tree{".dev.vars/oops": ""})},
		{"json workspace with objects", minimal.with(tree{"vitest.workspace.json": `["a", {"test": {}}]`,
			"a/vitest.config.ts": "export default {};"})},
		{"inline project extending a file", minimal.with(tree{"vitest.config.ts": `
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
export default { test: { projects: [
  { extends: "./vitest.shared.ts", plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.jsonc" } })] },
  "bad/[glob/**",
] } };
`})},
	}

	var cases []goldenCase
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, dir, err := load(t, tt.tree, Options{})
			require.NoError(t, err)
			cases = append(cases, goldenCase{tt.name, render(dir, p.Warnings)})
		})
	}
	checkGolden(t, "edge_warnings", cases)
}

func TestVitestTestDirAndProjectRoot(t *testing.T) {
	// `root` of an inline project and `test.dir` move where the globs start.
	p, dir, err := load(t, minimal.with(tree{
		"vitest.config.ts": `
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
export default { test: { projects: [{
  root: "./worker",
  plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.jsonc" }, main: "./src/index.ts" })],
  test: { dir: "./suites" },
}] } };
`,
		"worker/wrangler.jsonc":        `{"name":"inner","main":"src/index.ts","compatibility_date":"2025-01-01"}`,
		"worker/src/index.ts":          "",
		"worker/suites/a.test.ts":      "",
		"worker/other/b.test.ts":       "",
		"worker/suites/sub/c.spec.mts": "",
	}), Options{})
	require.NoError(t, err)
	assert.Equal(t, "inner", p.Name)
	assert.Equal(t, filepath.Join(dir, "worker", "src", "index.ts"), p.Main)
	assert.Equal(t, filepath.Join(dir, "worker", "suites"), p.TestDir)

	files, err := p.TestFiles(nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"worker/suites/a.test.ts", "worker/suites/sub/c.spec.mts"}, files)
}

func TestLoggerReceivesConsole(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	_, _, err := load(t, minimal.with(tree{"vitest.config.ts": `
console.log("hello", { from: "config" });
console.error("oops");
export default {};
`}), Options{Logger: logger})
	require.NoError(t, err)
	out := buf.String()
	assert.Contains(t, out, `level=INFO msg="hello {\"from\":\"config\"}" source=vitest.config.ts`)
	assert.Contains(t, out, `level=ERROR msg=oops source=vitest.config.ts`)
	assert.Contains(t, out, `msg="loaded the project"`)
}

func TestLoadRelativeRoot(t *testing.T) {
	dir := minimal.write(t)
	t.Chdir(dir)
	p, err := Load(".", Options{})
	require.NoError(t, err)
	real, err := filepath.EvalSymlinks(dir)
	require.NoError(t, err)
	got, err := filepath.EvalSymlinks(p.Root)
	require.NoError(t, err)
	assert.Equal(t, real, got)
	assert.True(t, filepath.IsAbs(p.Main))
}

func TestLoadUnreadableConfig(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("permissions do not apply to root")
	}
	dir := minimal.write(t)
	require.NoError(t, os.Chmod(filepath.Join(dir, "wrangler.jsonc"), 0))
	_, err := Load(dir, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot read the wrangler configuration: permission denied")
}
