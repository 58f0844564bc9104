package project

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const bindingsTOML = `name = "shop"
main = "src/index.ts"
compatibility_date = "2025-04-01"

[[kv_namespaces]]
binding = "CACHE"
id = "0f2ac74b498b48028cb68387c421e279"
preview_id = "preview"

[[kv_namespaces]]
binding = "SESSIONS"

[[services]]
binding = "SELF"
service = "shop"

[[services]]
binding = "ADMIN"
service = "shop"
entrypoint = "AdminEntrypoint"
props = { role = "admin", level = 2 }

[[services]]
binding = "AUTH"
service = "auth-worker"
`

const bindingsJSONC = `{
  "name": "shop",
  "main": "src/index.ts",
  "compatibility_date": "2025-04-01",
  "kv_namespaces": [
    { "binding": "CACHE", "id": "0f2ac74b498b48028cb68387c421e279", "preview_id": "preview" },
    { "binding": "SESSIONS" },
  ],
  "services": [
    { "binding": "SELF", "service": "shop" },
    { "binding": "ADMIN", "service": "shop", "entrypoint": "AdminEntrypoint",
      "props": { "role": "admin", "level": 2 } },
    { "binding": "AUTH", "service": "auth-worker" },
  ],
}
`

var shopSource = tree{"src/index.ts": "export class AdminEntrypoint {}\nexport default {};\n"}

func TestLoadKVAndServices(t *testing.T) {
	for name, text := range map[string]string{"wrangler.toml": bindingsTOML, "wrangler.jsonc": bindingsJSONC} {
		t.Run(name, func(t *testing.T) {
			p, dir, err := load(t, shopSource.with(tree{name: text}), Options{})
			require.NoError(t, err)

			assert.Equal(t, []KVNamespace{{"CACHE", "0f2ac74b498b48028cb68387c421e279"}, {"SESSIONS", "SESSIONS"}},
				p.KVNamespaces)
			assert.Equal(t, []Service{
				{Binding: "SELF"},
				{Binding: "ADMIN", Entrypoint: "AdminEntrypoint",
					Props: map[string]any{"role": "admin", "level": float64(2)}},
			}, p.Services)
			require.Len(t, p.Warnings, 1, render(dir, p.Warnings))
			assert.Contains(t, p.Warnings[0].Text, "env.AUTH will be missing")
		})
	}
}

func TestLoadServicesInEnvironment(t *testing.T) {
	p := mustLoad(t, shopSource.with(tree{"wrangler.toml": `name = "shop"
main = "src/index.ts"
compatibility_date = "2025-04-01"

[env.staging]
kv_namespaces = [{ binding = "CACHE", id = "staging-cache" }]
services = [
  { binding = "BY_NAME", service = "shop-staging" },
  { binding = "BY_ENVIRONMENT", service = "shop", environment = "staging", entrypoint = "AdminEntrypoint" },
]
`}), Options{Env: "staging"})

	assert.Equal(t, []KVNamespace{{"CACHE", "staging-cache"}}, p.KVNamespaces)
	assert.Equal(t, []Service{{Binding: "BY_NAME"}, {Binding: "BY_ENVIRONMENT", Entrypoint: "AdminEntrypoint"}},
		p.Services)
	assert.Empty(t, p.Warnings)
}

func TestVitestKVAndServices(t *testing.T) {
	for _, form := range []string{"classic", "current"} {
		t.Run(form, func(t *testing.T) {
			options := `{
  wrangler: { configPath: "./wrangler.toml" },
  miniflare: {
    kvNamespaces: { CACHE: "from-vitest", EXTRA: { id: "extra-id" } },
    serviceBindings: {
      SELF: { name: kCurrentWorker, entrypoint: "AdminEntrypoint", props: { from: "vitest" } },
      BY_NAME: "shop",
      ASSETS(request) { return new Response("assets"); },
      AUTH: { name: "auth-worker" },
      NET: { network: { allow: ["public"] } },
    },
  },
}`
			config := `import { defineWorkersProject } from "@cloudflare/vitest-pool-workers/config";
import { kCurrentWorker, Response } from "miniflare";
export default defineWorkersProject({ test: { poolOptions: { workers: ` + options + ` } } });
`
			if form == "current" {
				config = `import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { kCurrentWorker, Response } from "miniflare";
export default { plugins: [cloudflareTest(` + options + `)] };
`
			}
			p, dir, err := load(t, shopSource.with(tree{"wrangler.toml": bindingsTOML, "vitest.config.ts": config}),
				Options{})
			require.NoError(t, err)

			assert.Equal(t, []KVNamespace{{"CACHE", "from-vitest"}, {"SESSIONS", "SESSIONS"}, {"EXTRA", "extra-id"}},
				p.KVNamespaces)
			assert.Equal(t, []Service{
				{Binding: "ADMIN", Entrypoint: "AdminEntrypoint",
					Props: map[string]any{"role": "admin", "level": float64(2)}},
				{Binding: "BY_NAME"},
				{Binding: "SELF", Entrypoint: "AdminEntrypoint", Props: map[string]any{"from": "vitest"}},
			}, p.Services)

			// Besides these, the import of "miniflare" may be reported.
			all := render(dir, p.Warnings)
			assert.Contains(t, all, "services[2].service: bindings to other workers are not supported")
			assert.Contains(t, all, "serviceBindings.ASSETS is a function")
			assert.Contains(t, all,
				"serviceBindings.NET: dotest does not provide network services; env.NET will be missing")
			assert.Contains(t, all, `serviceBindings.AUTH: bindings to other workers ("auth-worker") are not supported`)
			assert.Equal(t, 4, strings.Count(all, "will be missing"), all)
		})
	}
}

func TestVitestKVNamespaceArray(t *testing.T) {
	p := mustLoad(t, shopSource.with(tree{"wrangler.toml": `name = "shop"
main = "src/index.ts"
compatibility_date = "2025-04-01"
`, "vitest.config.ts": `import { defineWorkersConfig } from "@cloudflare/vitest-pool-workers/config";
export default defineWorkersConfig({ test: { poolOptions: { workers: {
  wrangler: { configPath: "./wrangler.toml" },
  miniflare: { kvNamespaces: ["A", "B"] },
} } } });
`}), Options{})
	assert.Equal(t, []KVNamespace{{"A", "A"}, {"B", "B"}}, p.KVNamespaces)
	assert.Empty(t, p.Warnings)
}

// TestBindingDiagnostics checks the problems of KV and service bindings against
// testdata/golden/binding_diagnostics.txt.
func TestBindingDiagnostics(t *testing.T) {
	head := "name = \"shop\"\nmain = \"src/index.ts\"\ncompatibility_date = \"2025-04-01\"\n"
	tests := []struct {
		name string
		tree tree
	}{
		{"kv errors", tree{"wrangler.toml": head + `kv_namespaces = [
  { id = "x" },
  { binding = "A", id = "" },
  { binding = "B" },
  { binding = "B" },
  "C",
]
`}},
		{"kv not an array", tree{"wrangler.jsonc": `{"name": "shop", "main": "src/index.ts",
  "compatibility_date": "2025-04-01", "kv_namespaces": {"binding": "KV"}}`}},
		{"service errors", tree{"wrangler.toml": head + `services = [
  { binding = "A" },
  { service = "shop" },
  { binding = "", service = "shop" },
  { binding = "B", service = "shop", props = "p" },
  { binding = "C", service = 3 },
]
`}},
		{"vitest errors", tree{"wrangler.toml": head, "vitest.config.ts": `
import { defineWorkersProject } from "@cloudflare/vitest-pool-workers/config";
export default defineWorkersProject({ test: { poolOptions: { workers: {
  wrangler: { configPath: "./wrangler.toml" },
  miniflare: {
    kvNamespaces: ["KV", 1],
    serviceBindings: { SVC: 4, PROPS: { props: "x" } },
  },
} } } });
`}},
	}
	warnings := []struct {
		name string
		tree tree
	}{
		{"service warnings", tree{"wrangler.toml": head + `services = [
  { binding = "OTHER", service = "other-worker", entrypoint = "Api" },
  { binding = "REMOTE", service = "shop", remote = true, extra = 1 },
]
kv_namespaces = [{ binding = "KV", id = "1", remote = true }]
`}},
		{"unnamed worker", tree{"wrangler.toml": "main = \"src/index.ts\"\ncompatibility_date = \"2025-04-01\"\n" +
			"services = [{ binding = \"SELF\", service = \"shop\" }]\n"}},
		{"vitest warnings", tree{"wrangler.toml": head, "vitest.config.ts": `
import { defineWorkersProject } from "@cloudflare/vitest-pool-workers/config";
export default defineWorkersProject({ test: { poolOptions: { workers: {
  wrangler: { configPath: "./wrangler.toml" },
  miniflare: {
    kvNamespace: ["KV"],
    serviceBindings: {
      OTHER: "other-worker",
      FN: async function handler(request) { return fetch(request); },
      DISK: { disk: { path: "/tmp" } },
      SELF: { entrypoint: "AdminEntrypoint", entrypont: "x" },
    },
  },
} } } });
`}},
	}

	var cases []goldenCase
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, dir, err := load(t, shopSource.with(tt.tree), Options{})
			require.Error(t, err)
			cases = append(cases, goldenCase{tt.name, render(dir, diagnosticsOf(t, err))})
		})
	}
	for _, tt := range warnings {
		t.Run(tt.name, func(t *testing.T) {
			p, dir, err := load(t, shopSource.with(tt.tree), Options{})
			require.NoError(t, err)
			require.NotEmpty(t, p.Warnings)
			cases = append(cases, goldenCase{tt.name, render(dir, p.Warnings)})
		})
	}
	checkGolden(t, "binding_diagnostics", cases)
}
