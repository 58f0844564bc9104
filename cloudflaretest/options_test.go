package cloudflaretest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/cloudflaretest"
)

func TestWithEnvAndConfig(t *testing.T) {
	w := cloudflaretest.New(t, edge, cloudflaretest.WithEnv("staging"))
	mode, err := w.Env().Var("MODE")
	require.NoError(t, err)
	assert.Equal(t, "staging", mode)
	_, err = w.Namespace("LEGACY").GetByName("a").Call(t.Context(), "arm")
	assert.ErrorContains(t, err, `no such Durable Object binding "LEGACY" in env (it has THING)`)

	w = cloudflaretest.New(t, edge, cloudflaretest.WithConfig("wrangler.jsonc"))
	mode, err = w.Env().Var("MODE")
	require.NoError(t, err)
	assert.Equal(t, "test", mode)

	_, err = cloudflaretest.Start(edge, cloudflaretest.WithConfig("missing.jsonc"))
	assert.ErrorContains(t, err, "failed to load the project")
}

// TestWithUpdateSnapshots runs a project whose snapshot is out of date: with the option the
// test passes and the snapshot file is rewritten.
func TestWithUpdateSnapshots(t *testing.T) {
	t.Setenv("CI", "")
	root := t.TempDir()
	write := func(name, content string) {
		path := filepath.Join(root, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	write("wrangler.jsonc", `{ "name": "snap", "compatibility_date": "2026-01-01" }`)
	write("test/snap.test.ts", `import { expect, it } from "vitest";
it("matches", () => { expect("new").toMatchSnapshot(); });
`)
	snap := "test/__snapshots__/snap.test.ts.snap"
	write(snap, "// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html\n\n"+
		"exports[`matches 1`] = `\"old\"`;\n")

	// The files run in parallel subtests, which finish when the group's t.Run returns.
	t.Run("group", func(t *testing.T) {
		cloudflaretest.Run(t, root, cloudflaretest.WithUpdateSnapshots(true))
	})

	data, err := os.ReadFile(filepath.Join(root, snap))
	require.NoError(t, err)
	assert.Contains(t, string(data), "exports[`matches 1`] = `\"new\"`;")
}
