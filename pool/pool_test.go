package pool

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/pool/event"
)

// newProject writes a project with one passing test per named file and loads it.
func newProject(t *testing.T, files ...string) *project.Project {
	t.Helper()
	root := t.TempDir()
	write := func(name, content string) {
		path := filepath.Join(root, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	write("wrangler.jsonc", `{ "name": "t", "compatibility_date": "2026-01-01" }`)
	for _, f := range files {
		write(f, `import { it } from "vitest"; it("passes", () => {});`)
	}
	proj, err := project.Load(root, project.Options{})
	require.NoError(t, err)
	return proj
}

func TestAPanicFailsOnlyItsFile(t *testing.T) {
	proj := newProject(t, "a.test.ts", "b.test.ts", "c.test.ts")
	var events []event.Event
	p := New(Options{Project: proj, Workers: 2, Emit: func(e event.Event) { events = append(events, e) }})
	p.beforeFile = func(rel string) {
		if rel == "b.test.ts" {
			panic("boom")
		}
	}

	res, err := p.Run(context.Background())
	require.NoError(t, err)
	require.Len(t, res.Files, 3)
	states := map[string]event.State{}
	for _, f := range res.Files {
		states[f.File] = f.State
	}
	want := map[string]event.State{"a.test.ts": event.Pass, "b.test.ts": event.Fail, "c.test.ts": event.Pass}
	assert.Equal(t, want, states)
	assert.Contains(t, res.Files[1].Errors[0].Message, "dotest panicked while running this file: boom")
	assert.True(t, res.Failed())

	assert.Equal(t, event.RunStart, events[0].Kind)
	assert.Equal(t, event.RunEnd, events[len(events)-1].Kind)
}

func TestEventsOfAFileArriveTogether(t *testing.T) {
	proj := newProject(t, "a.test.ts", "b.test.ts", "c.test.ts", "d.test.ts")
	var files []string
	p := New(Options{Project: proj, Workers: 4, Emit: func(e event.Event) {
		if e.File != "" {
			files = append(files, e.File)
		}
	}})
	_, err := p.Run(context.Background())
	require.NoError(t, err)

	seen := map[string]bool{}
	for i, f := range files {
		if i > 0 && files[i-1] != f {
			assert.False(t, seen[f], "the events of %s were interleaved with another file's", f)
		}
		seen[f] = true
	}
	assert.Len(t, seen, 4)
}

func TestAffected(t *testing.T) {
	proj := newProject(t, "test/a.test.ts", "test/b.test.ts")
	require.NoError(t, os.WriteFile(filepath.Join(proj.Root, "test/helper.ts"), []byte("export const x = 1;"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(proj.Root, "test/a.test.ts"),
		[]byte(`import { it } from "vitest"; import { x } from "./helper"; it("uses", () => { x; });`), 0o644))
	p := New(Options{Project: proj})
	_, err := p.Run(context.Background())
	require.NoError(t, err)

	abs := func(rel string) string { return filepath.Join(proj.Root, rel) }
	got, err := p.Affected([]string{abs("test/helper.ts")})
	require.NoError(t, err)
	assert.Equal(t, []string{"test/a.test.ts"}, got)

	got, err = p.Affected([]string{abs("test/b.test.ts")})
	require.NoError(t, err)
	assert.Equal(t, []string{"test/b.test.ts"}, got)

	plan, err := p.plan([]string{abs("wrangler.jsonc")})
	require.NoError(t, err)
	assert.Equal(t, "config", plan.Reason)
}
