package project

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const indexTS = "export class Counter {}\nexport default {};\n"

// TestWranglerErrors checks every way a wrangler configuration can fail to load, against
// the rendered diagnostics in testdata/golden/wrangler_errors.txt.
func TestWranglerErrors(t *testing.T) {
	tests := []struct {
		name string
		tree tree
		opts Options
	}{
		{"toml syntax", tree{"wrangler.toml": "name = \"w\"\nmain = src/index.ts\n"}, Options{}},
		{"jsonc syntax", tree{"wrangler.jsonc": "{\n  \"name\": \"w\",\n  main: \"x\"\n}"}, Options{}},
		{"json is parsed as jsonc", tree{"wrangler.json": "{\"name\": \"w\" \"main\": 1}"}, Options{}},
		{"not an object", tree{"wrangler.jsonc": "[1, 2]"}, Options{}},
		{"date not quoted", tree{"wrangler.toml": "name = \"w\"\ncompatibility_date = 2025-01-01\n"}, Options{}},
		{"invalid date", tree{"wrangler.jsonc": `{"name":"w","compatibility_date":"2025-02-30"}`}, Options{}},
		{"missing main", tree{"wrangler.toml": "name = \"w\"\nmain = \"src/missing.ts\"\n" +
			"compatibility_date = \"2025-01-01\"\n"}, Options{}},
		{"wrong types", tree{"wrangler.toml": "name = 1\ncompatibility_date = \"2025-01-01\"\n" +
			"compatibility_flags = \"nodejs_compat\"\nvars = [\"A\"]\n"}, Options{}},
		{"flag not a string", tree{"wrangler.jsonc": `{"name":"w","compatibility_date":"2025-01-01",
  "compatibility_flags": ["ok", 3]}`}, Options{}},
		{"unknown env", tree{"wrangler.toml": "name = \"w\"\n[env.staging]\n[env.production]\n"},
			Options{Env: "prod"}},
		{"env not a table", tree{"wrangler.jsonc": `{"name":"w","env":{"prod":"x"}}`}, Options{Env: "prod"}},
		{"binding without class", tree{"src/index.ts": indexTS, "wrangler.toml": "name = \"w\"\n" +
			"main = \"src/index.ts\"\ncompatibility_date = \"2025-01-01\"\n" +
			"[[durable_objects.bindings]]\nname = \"C\"\n"}, Options{}},
		{"binding not an object", tree{"src/index.ts": indexTS, "wrangler.jsonc": `{"name":"w","main":"src/index.ts",
  "compatibility_date":"2025-01-01","durable_objects":{"bindings":["C"]}}`}, Options{}},
		{"bindings not an array", tree{"src/index.ts": indexTS, "wrangler.jsonc": `{"name":"w","main":"src/index.ts",
  "compatibility_date":"2025-01-01","durable_objects":{"bindings":{"name":"C"}}}`}, Options{}},
		{"duplicate binding", tree{"src/index.ts": indexTS, "wrangler.toml": "name = \"w\"\n" +
			"main = \"src/index.ts\"\ncompatibility_date = \"2025-01-01\"\n" +
			"[[durable_objects.bindings]]\nname = \"C\"\nclass_name = \"Counter\"\n" +
			"[[durable_objects.bindings]]\nname = \"C\"\nclass_name = \"Counter\"\n" +
			"[[migrations]]\ntag = \"v1\"\nnew_sqlite_classes = [\"Counter\"]\n"}, Options{}},
		{"bindings without main", tree{"wrangler.toml": "name = \"w\"\ncompatibility_date = \"2025-01-01\"\n" +
			"[[durable_objects.bindings]]\nname = \"C\"\nclass_name = \"Counter\"\n" +
			"[[migrations]]\ntag = \"v1\"\nnew_sqlite_classes = [\"Counter\"]\n"}, Options{}},
		{"migration errors", tree{"wrangler.toml": `name = "w"
compatibility_date = "2025-01-01"

[[migrations]]
tag = "v1"
new_classes = ["A"]
deleted_classes = ["Ghost"]

[[migrations]]
tag = "v2"
new_sqlite_classes = ["A"]
renamed_classes = [{ from = "Nobody", to = "B" }, { from = "A" }]

[[migrations]]
new_classes = ["A", 7]
`}, Options{}},
		{"migrations not an array", tree{"wrangler.jsonc": `{"name":"w","compatibility_date":"2025-01-01",
  "migrations": {"tag": "v1"}}`}, Options{}},
		{"migrations and exports", tree{"wrangler.jsonc": `{"name":"w","compatibility_date":"2025-01-01",
  "migrations": [{"tag": "v1", "new_classes": ["A"]}],
  "exports": {"B": {"type": "durable-object", "storage": "sqlite"}}}`}, Options{}},
		{"no configuration", tree{"src/index.ts": ""}, Options{}},
		{"config path missing", tree{"src/index.ts": ""}, Options{ConfigPath: "nope.toml"}},
	}

	var cases []goldenCase
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, dir, err := load(t, tt.tree, tt.opts)
			require.Error(t, err)
			list := diagnosticsOf(t, err)
			require.True(t, list.HasErrors())
			cases = append(cases, goldenCase{tt.name, render(dir, list)})
		})
	}
	checkGolden(t, "wrangler_errors", cases)
}

// TestWranglerWarnings checks the warnings of configurations that load, against
// testdata/golden/wrangler_warnings.txt.
func TestWranglerWarnings(t *testing.T) {
	tests := []struct {
		name string
		tree tree
		opts Options
	}{
		{"keys dotest does not use", tree{"wrangler.toml": `name = "w"
compatibility_date = "2025-01-01"
compatability_flags = ["x"]
account_id = "abc"
routes = ["example.com/*"]
legacy_env = true
mystery_setting = 1
define = { DEBUG = "true" }
alias = { "a" = "b" }

[[r2_buckets]]
binding = "BUCKET"
bucket_name = "b"

[env.staging]
send_metrics = false
varz = { A = "1" }
`}, Options{Env: "staging"}},
		{"durable object details", tree{"src/index.ts": indexTS, "wrangler.jsonc": `{
  "name": "w",
  "main": "src/index.ts",
  "compatibility_date": "2025-01-01",
  "durable_objects": {
    "bindings": [
      { "name": "LOCAL", "class_name": "Counter", "clas": "x" },
      { "name": "REMOTE", "class_name": "Other", "script_name": "other-worker" }
    ],
    "extra": true
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Counter"], "new_clases": ["Y"] }]
}`}, Options{}},
		{"not inherited by the environment", tree{"src/index.ts": indexTS, "wrangler.toml": `name = "w"
main = "src/index.ts"
compatibility_date = "2025-01-01"
vars = { A = "1" }
secrets = { required = ["TOKEN"] }
durable_objects.bindings = [{ name = "C", class_name = "Counter" }]
migrations = [{ tag = "v1", new_sqlite_classes = ["Counter"] }]

[env.dev]
`}, Options{Env: "dev"}},
		{"several configurations", tree{"wrangler.json": `{"name":"a","compatibility_date":"2025-01-01"}`,
			"wrangler.jsonc": `{}`, "wrangler.toml": ``}, Options{}},
		{"missing required secrets", tree{"wrangler.jsonc": `{"name":"w","compatibility_date":"2025-01-01",
  "secrets": {"required": ["TOKEN", "KEY"]}}`, ".dev.vars": "KEY=1\n"}, Options{}},
		{"bound class without migration", tree{"src/index.ts": indexTS, "wrangler.toml": `name = "w"
main = "src/index.ts"
compatibility_date = "2025-01-01"

[[durable_objects.bindings]]
name = "C"
class_name = "Counter"
`}, Options{}},
	}

	var cases []goldenCase
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, dir, err := load(t, tt.tree, tt.opts)
			require.NoError(t, err)
			require.NotEmpty(t, p.Warnings)
			cases = append(cases, goldenCase{tt.name, render(dir, p.Warnings)})
		})
	}
	checkGolden(t, "wrangler_warnings", cases)
}
