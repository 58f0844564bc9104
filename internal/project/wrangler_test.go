package project

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const counterTOML = `name = "counter"
main = "src/index.ts"
compatibility_date = "2025-04-01"
compatibility_flags = ["nodejs_compat"]

[vars]
GREETING = "hello"
LIMIT = 3
NESTED = { a = [1, "x"] }

[[durable_objects.bindings]]
name = "COUNTER"
class_name = "Counter"

[[durable_objects.bindings]]
name = "ROOM"
class_name = "Room"

[[migrations]]
tag = "v1"
new_classes = ["Counter"]

[[migrations]]
tag = "v2"
new_sqlite_classes = ["Room"]
`

const counterJSONC = `{
  // the counter worker
  "$schema": "node_modules/wrangler/config-schema.json",
  "name": "counter",
  "main": "src/index.ts",
  "compatibility_date": "2025-04-01",
  "compatibility_flags": ["nodejs_compat",],
  "vars": { "GREETING": "hello", "LIMIT": 3, "NESTED": { "a": [1, "x"] } },
  "durable_objects": {
    "bindings": [
      { "name": "COUNTER", "class_name": "Counter" },
      { "name": "ROOM", "class_name": "Room" }, /* trailing comma */
    ],
  },
  "migrations": [
    { "tag": "v1", "new_classes": ["Counter"] },
    { "tag": "v2", "new_sqlite_classes": ["Room"] },
  ],
}
`

func TestLoadWranglerFormats(t *testing.T) {
	src := tree{"src/index.ts": "export class Counter {}\nexport class Room {}\nexport default {};\n"}
	for _, name := range []string{"wrangler.toml", "wrangler.jsonc", "wrangler.json"} {
		t.Run(name, func(t *testing.T) {
			text := counterJSONC
			if name == "wrangler.toml" {
				text = counterTOML
			}
			p, dir, err := load(t, src.with(tree{name: text}), Options{})
			require.NoError(t, err)

			assert.Equal(t, filepath.Join(dir, name), p.ConfigFile)
			assert.Equal(t, "counter", p.Name)
			assert.Equal(t, filepath.Join(dir, "src", "index.ts"), p.Main)
			assert.Equal(t, "2025-04-01", p.CompatibilityDate)
			assert.Equal(t, []string{"nodejs_compat"}, p.CompatibilityFlags)
			assert.Equal(t, map[string]any{
				"GREETING": "hello", "LIMIT": float64(3), "NESTED": map[string]any{"a": []any{float64(1), "x"}},
			}, p.Vars)
			assert.Equal(t, []Binding{{"COUNTER", "Counter"}, {"ROOM", "Room"}}, p.DurableObjects)
			assert.Equal(t, map[string]Class{"Counter": {"Counter", false}, "Room": {"Room", true}}, p.Classes)
			assert.Equal(t, StyleNone, p.Style)
			assert.Equal(t, IsolateTest, p.Isolation)
			assert.Empty(t, p.Warnings)
		})
	}
}

func TestLoadMigrations(t *testing.T) {
	tests := []struct {
		name       string
		migrations string
		want       map[string]Class
	}{
		{"kv and sqlite", `[{"tag":"v1","new_classes":["A"],"new_sqlite_classes":["B"]}]`,
			map[string]Class{"A": {"A", false}, "B": {"B", true}}},
		{"rename keeps the backend", `[{"tag":"v1","new_sqlite_classes":["A"]},
			{"tag":"v2","renamed_classes":[{"from":"A","to":"C"}]}]`,
			map[string]Class{"C": {"C", true}}},
		{"delete then create again", `[{"tag":"v1","new_classes":["A"]},{"tag":"v2","deleted_classes":["A"]},
			{"tag":"v3","new_sqlite_classes":["A"]}]`,
			map[string]Class{"A": {"A", true}}},
		{"deletions before creations in one migration", `[{"tag":"v1","new_classes":["A"]},
			{"tag":"v2","deleted_classes":["A"],"new_sqlite_classes":["A"]}]`,
			map[string]Class{"A": {"A", true}}},
		{"transfers are ignored", `[{"tag":"v1","new_sqlite_classes":["A"],
			"transferred_classes":[{"from":"X","from_script":"other","to":"Y"}]}]`,
			map[string]Class{"A": {"A", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustLoad(t, minimal.with(tree{"wrangler.jsonc": `{"name":"w","main":"src/index.ts",
				"compatibility_date":"2025-01-01","migrations":` + tt.migrations + `}`}), Options{})
			assert.Equal(t, tt.want, p.Classes)
			assert.Empty(t, p.Warnings)
		})
	}
}

func TestLoadDeclarativeExports(t *testing.T) {
	p := mustLoad(t, minimal.with(tree{"wrangler.jsonc": `{"name":"w","main":"src/index.ts",
		"compatibility_date":"2025-01-01",
		"durable_objects":{"bindings":[{"name":"C","class_name":"Counter"}]},
		"exports":{
			"Counter":{"type":"durable-object","storage":"sqlite"},
			"Legacy":{"type":"durable-object"},
			"Gone":{"type":"durable-object","storage":"sqlite","state":"deleted"},
			"Entry":{"type":"worker-entrypoint"}}}`}), Options{})
	assert.Equal(t, map[string]Class{"Counter": {"Counter", true}, "Legacy": {"Legacy", false}}, p.Classes)
	assert.Empty(t, p.Warnings)
}

func TestLoadBoundClassWithoutMigration(t *testing.T) {
	p := mustLoad(t, minimal.with(tree{"wrangler.jsonc": `{"name":"w","main":"src/index.ts",
		"compatibility_date":"2025-01-01",
		"durable_objects":{"bindings":[{"name":"C","class_name":"Counter"}]}}`}), Options{})
	assert.Equal(t, map[string]Class{"Counter": {"Counter", false}}, p.Classes)
	require.Len(t, p.Warnings, 1)
	assert.Contains(t, p.Warnings[0].Text, `no migration creates the Durable Object class "Counter"`)
}

const envTOML = `name = "app"
main = "src/index.ts"
compatibility_date = "2025-01-01"
compatibility_flags = ["nodejs_compat"]

[vars]
MODE = "top"

[[durable_objects.bindings]]
name = "TOP"
class_name = "Counter"

[[migrations]]
tag = "v1"
new_sqlite_classes = ["Counter"]

[env.staging]
vars = { MODE = "staging" }
durable_objects.bindings = [{ name = "STAGED", class_name = "Counter" }]

[env.named]
name = "custom"
compatibility_date = "2025-06-01"

[env.empty]
`

func TestLoadEnvironments(t *testing.T) {
	tests := []struct {
		env      string
		name     string
		date     string
		vars     map[string]any
		bindings []Binding
		warnings int
	}{
		{"", "app", "2025-01-01", map[string]any{"MODE": "top"}, []Binding{{"TOP", "Counter"}}, 0},
		{"staging", "app-staging", "2025-01-01", map[string]any{"MODE": "staging"},
			[]Binding{{"STAGED", "Counter"}}, 0},
		// vars and durable_objects are not inherited: each is reported.
		{"named", "custom", "2025-06-01", map[string]any{}, nil, 2},
		{"empty", "app-empty", "2025-01-01", map[string]any{}, nil, 2},
	}
	for _, tt := range tests {
		t.Run("env="+tt.env, func(t *testing.T) {
			p := mustLoad(t, tree{"wrangler.toml": envTOML, "src/index.ts": ""}, Options{Env: tt.env})
			assert.Equal(t, tt.env, p.Env)
			assert.Equal(t, tt.name, p.Name)
			assert.Equal(t, tt.date, p.CompatibilityDate)
			assert.Equal(t, []string{"nodejs_compat"}, p.CompatibilityFlags)
			assert.Equal(t, tt.vars, p.Vars)
			assert.Equal(t, tt.bindings, p.DurableObjects)
			assert.Equal(t, map[string]Class{"Counter": {"Counter", true}}, p.Classes, "migrations are inherited")
			assert.Len(t, p.Warnings, tt.warnings, render(p.Root, p.Warnings))
		})
	}
}

func TestLoadUndefinedEnvWithoutEnvironments(t *testing.T) {
	p := mustLoad(t, minimal, Options{Env: "prod"})
	assert.Equal(t, "w-prod", p.Name)
	require.Len(t, p.Warnings, 1)
	assert.Contains(t, p.Warnings[0].Text, `no environment named "prod"`)
}

func TestLoadConfigPathOption(t *testing.T) {
	p, dir, err := load(t, tree{
		"wrangler.jsonc":         `{"name":"root","main":"src/index.ts","compatibility_date":"2025-01-01"}`,
		"config/other.toml":      "name = \"other\"\nmain = \"../src/index.ts\"\ncompatibility_date = \"2025-02-02\"\n",
		"config/.dev.vars":       "TOKEN=abc\n",
		"src/index.ts":           "export default {}",
		"test/a.test.ts":         "",
		"test/b.spec.mjs":        "",
		"node_modules/x.test.ts": "",
	}, Options{ConfigPath: "config/other.toml"})
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "config", "other.toml"), p.ConfigFile)
	assert.Equal(t, "other", p.Name)
	assert.Equal(t, filepath.Join(dir, "src", "index.ts"), p.Main)
	assert.Equal(t, map[string]string{"TOKEN": "abc"}, p.Secrets, ".dev.vars is read next to the config")
	assert.Equal(t, "abc", p.Vars["TOKEN"])
}

func TestCompatibilityHelpers(t *testing.T) {
	p := mustLoad(t, minimal.with(tree{"wrangler.jsonc": `{"name":"w","main":"src/index.ts",
		"compatibility_date":"2025-04-01","compatibility_flags":["nodejs_compat","enable_ctx_exports"]}`}),
		Options{})
	assert.True(t, p.HasFlag("nodejs_compat"))
	assert.True(t, p.HasFlag("enable_ctx_exports"))
	assert.False(t, p.HasFlag("nodejs"))
	assert.True(t, p.CompatAtLeast("2025-04-01"))
	assert.True(t, p.CompatAtLeast("2022-10-31"))
	assert.False(t, p.CompatAtLeast("2025-04-02"))
}

func TestLoadDefaultCompatibilityDate(t *testing.T) {
	p := mustLoad(t, minimal.with(tree{"wrangler.jsonc": `{"name":"w","main":"src/index.ts"}`}), Options{})
	assert.Equal(t, DefaultCompatibilityDate, p.CompatibilityDate)
	require.Len(t, p.Warnings, 1)
	assert.Contains(t, p.Warnings[0].Text, "no compatibility date is set")
}

func TestLoadNotADirectory(t *testing.T) {
	dir := minimal.write(t)
	_, err := Load(filepath.Join(dir, "wrangler.jsonc"), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is not a directory")

	_, err = Load(filepath.Join(dir, "missing"), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "failed to open the project")
}
