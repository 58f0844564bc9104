package pool

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/internal/project"
)

// mainProject writes a project whose main module is main and loads it.
func mainProject(t *testing.T, main string) *project.Project {
	t.Helper()
	root := t.TempDir()
	config := `{ "name": "t", "main": "src/index.ts", "compatibility_date": "2026-01-01",
		"durable_objects": { "bindings": [{ "name": "OBJ", "class_name": "Obj" }] },
		"migrations": [{ "tag": "v1", "new_sqlite_classes": ["Obj"] }] }`
	require.NoError(t, os.MkdirAll(filepath.Join(root, "src"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "wrangler.jsonc"), []byte(config), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "src", "index.ts"), []byte(main), 0o644))
	proj, err := project.Load(root, project.Options{})
	require.NoError(t, err)
	return proj
}

func TestNewRuntimeRunsTheMainModuleAlone(t *testing.T) {
	proj := mainProject(t, `import { DurableObject } from "cloudflare:workers";
export class Obj extends DurableObject {}
console.log("loaded", typeof structuredClone, typeof Response);
export default { fetch: () => new Response("hi") };`)
	p := New(Options{Project: proj})

	b, err := p.BundleMain()
	require.NoError(t, err)
	again, err := p.BundleMain()
	require.NoError(t, err)
	assert.Same(t, b, again, "the second bundle comes from the cache")

	var lines []string
	r, err := p.NewRuntime(RuntimeOptions{Console: func(_, text string) { lines = append(lines, text) }})
	require.NoError(t, err)
	defer r.Close()
	rt, engine := r.JS, r.Engine
	_, err = rt.Run(b.Program)
	require.NoError(t, err)
	_, err = rt.Await(rt.Host().Get("loaded"))
	require.NoError(t, err)

	assert.Equal(t, []string{"loaded function function"}, lines)
	require.NotNil(t, rt.Main())
	assert.NotNil(t, rt.Main().Get("Obj"))
	_, ok := engine.Namespace("OBJ")
	assert.True(t, ok)
}

func TestBundleMainReportsDiagnostics(t *testing.T) {
	proj := mainProject(t, "export default {\n")
	_, err := New(Options{Project: proj}).BundleMain()
	var list diag.List
	require.ErrorAs(t, err, &list)
	assert.True(t, list.HasErrors())
	assert.Contains(t, list[0].Location.File, "index.ts")
}
