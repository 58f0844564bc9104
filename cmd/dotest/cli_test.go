package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dotest runs the command line in-process and returns its exit code and output.
func dotest(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// newProject writes files into a new temporary project and returns its root.
func newProject(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		path := filepath.Join(root, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	return root
}

const wrangler = `{ "name": "t", "compatibility_date": "2026-01-01" }`

func TestUsage(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"version", []string{"--version"}, exitOK, "dotest " + version, ""},
		{"help", []string{"--help"}, exitOK, "Exit codes:", ""},
		{"no command", nil, exitUsage, "", "Usage:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{"unknown flag", []string{"run", "--frob"}, exitUsage, "", "flag provided but not defined: -frob"},
		{"bad shard", []string{"run", "--root", t.TempDir(), "--shard", "3/2"}, exitUsage, "", "--shard must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := dotest(t, tt.args...)
			assert.Equal(t, tt.code, code, stderr)
			assert.Contains(t, stdout, tt.inStdout)
			assert.Contains(t, stderr, tt.inStderr)
		})
	}
}

func TestNoTestFiles(t *testing.T) {
	root := newProject(t, map[string]string{"wrangler.jsonc": wrangler})

	code, _, stderr := dotest(t, "run", "--root", root)
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, stderr, "No test files found")
	assert.Contains(t, stderr, "--passWithNoTests")

	code, _, _ = dotest(t, "run", "--root", root, "--passWithNoTests")
	assert.Equal(t, exitOK, code)
}

func TestBadConfigIsAUsageError(t *testing.T) {
	root := newProject(t, map[string]string{"wrangler.jsonc": `{ "name": "t", "main": 42 }`})
	code, _, stderr := dotest(t, "run", "--root", root)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "wrangler.jsonc:1:")
}

func TestRunExitCodes(t *testing.T) {
	root := newProject(t, map[string]string{
		"wrangler.jsonc":     wrangler,
		"test/pass.test.ts":  `import { it, expect } from "vitest"; it("passes", () => expect(1).toBe(1));`,
		"test/fails.test.ts": `import { it, expect } from "vitest"; it("fails", () => expect(1).toBe(2));`,
	})

	code, stdout, _ := dotest(t, "run", "--root", root, "pass")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "1 passed, 0 failed")

	code, stdout, _ = dotest(t, "run", "--root", root)
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, stdout, "expected 1 to be 2 // Object.is equality")
	assert.Contains(t, stdout, "1 passed, 1 failed")

	code, stdout, _ = dotest(t, "run", "--root", root, "-t", "^passes$")
	assert.Equal(t, exitOK, code, stdout)
	assert.Contains(t, stdout, "1 passed, 0 failed, 1 skipped")
}

func TestList(t *testing.T) {
	root := newProject(t, map[string]string{
		"wrangler.jsonc":           wrangler,
		"test/a.test.ts":           "",
		"test/b.spec.mjs":          "",
		"node_modules/x/c.test.ts": "",
		"src/not-a-test.ts":        "",
	})
	code, stdout, stderr := dotest(t, "list", "--root", root)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "test/a.test.ts\ntest/b.spec.mjs\n", stdout)
}

func TestReportsToAFile(t *testing.T) {
	root := newProject(t, map[string]string{
		"wrangler.jsonc":    wrangler,
		"test/pass.test.ts": `import { it } from "vitest"; it("passes", () => {});`,
	})
	out := filepath.Join(t.TempDir(), "report.xml")
	code, _, stderr := dotest(t, "run", "--root", root, "--reporter", "junit", "--outputFile", out)
	require.Equal(t, exitOK, code, stderr)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(data), `<testcase classname="test/pass.test.ts" name="passes"`)
}
