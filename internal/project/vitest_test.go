package project

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// worker is a worker project without a vitest configuration.
var worker = tree{
	"wrangler.toml": `name = "counter"
main = "src/index.ts"
compatibility_date = "2025-04-01"
compatibility_flags = ["nodejs_compat"]

[vars]
GREETING = "hello"

[[durable_objects.bindings]]
name = "COUNTER"
class_name = "Counter"

[[migrations]]
tag = "v1"
new_sqlite_classes = ["Counter"]

[env.staging]
vars = { GREETING = "staging" }
durable_objects.bindings = [{ name = "COUNTER", class_name = "Counter" }]
`,
	"src/index.ts":             "export class Counter {}\nexport class Other {}\nexport default {};\n",
	"test/counter.test.ts":     "",
	"test/setup.ts":            "",
	"test/helpers/seed.ts":     "",
	"node_modules/x/a.test.ts": "",
}

func TestVitestClassic(t *testing.T) {
	p, dir, err := load(t, worker.with(tree{"vitest.config.ts": `
import { defineWorkersProject } from "@cloudflare/vitest-pool-workers/config";

export default defineWorkersProject({
  test: {
    setupFiles: ["./test/setup"],
    poolOptions: {
      workers: {
        singleWorker: true,
        isolatedStorage: true,
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          compatibilityFlags: ["service_binding_extra_handlers", "nodejs_compat"],
          bindings: { EXTRA: "yes", GREETING: "overridden" },
          durableObjects: { OTHER: { className: "Other", useSQLite: false }, PLAIN: "Plain" },
        },
      },
    },
  },
});
`}), Options{})
	require.NoError(t, err)

	assert.Equal(t, filepath.Join(dir, "vitest.config.ts"), p.VitestConfigFile)
	assert.Equal(t, filepath.Join(dir, "wrangler.toml"), p.ConfigFile)
	assert.Equal(t, StyleClassic, p.Style)
	assert.Equal(t, IsolateTest, p.Isolation)
	assert.Equal(t, []string{"nodejs_compat", "service_binding_extra_handlers"}, p.CompatibilityFlags)
	assert.Equal(t, map[string]any{"GREETING": "overridden", "EXTRA": "yes"}, p.Vars)
	assert.Equal(t, []Binding{{"COUNTER", "Counter"}, {"OTHER", "Other"}, {"PLAIN", "Plain"}}, p.DurableObjects)
	assert.Equal(t, map[string]Class{"Counter": {"Counter", true}, "Other": {"Other", false},
		"Plain": {"Plain", false}}, p.Classes)
	assert.Equal(t, []string{filepath.Join(dir, "test", "setup.ts")}, p.SetupFiles)
	assert.Empty(t, p.Warnings, render(dir, p.Warnings))
}

func TestVitestClassicIsolation(t *testing.T) {
	tests := []struct {
		options string
		want    Isolation
	}{
		{`{}`, IsolateTest},
		{`{ isolatedStorage: true }`, IsolateTest},
		{`{ isolatedStorage: false }`, IsolateFile},
		{`{ isolatedStorage: false, singleWorker: true }`, IsolateFile},
	}
	for _, tt := range tests {
		t.Run(tt.options, func(t *testing.T) {
			p := mustLoad(t, worker.with(tree{"vitest.config.mts": `
import { defineWorkersConfig } from "@cloudflare/vitest-pool-workers/config";
const workers = ` + tt.options + `;
export default defineWorkersConfig({
  test: { poolOptions: { workers: { ...workers, wrangler: { configPath: "wrangler.toml" } } } },
});
`}), Options{})
			assert.Equal(t, StyleClassic, p.Style)
			assert.Equal(t, tt.want, p.Isolation)
		})
	}
}

func TestVitestClassicFunctions(t *testing.T) {
	// The config is an async function of the mode, and the pool options a function of
	// { inject }; there is no wrangler configuration, so main comes from the pool.
	p, dir, err := load(t, tree{
		"src/worker.ts": "export class Counter {}\nexport default {};\n",
		"vitest.config.js": `
import { defineWorkersConfig } from "@cloudflare/vitest-pool-workers/config";
export default defineWorkersConfig(async ({ mode }) => ({
  test: {
    testTimeout: 1500,
    poolOptions: {
      workers: async ({ inject }) => ({
        main: "./src/worker.ts",
        miniflare: {
          compatibilityDate: "2024-09-23",
          bindings: { MODE: mode, PORT: inject("port") ?? 8787 },
          durableObjects: { COUNTER: { className: "Counter", useSQLite: true } },
        },
      }),
    },
  },
}));
`}, Options{})
	require.NoError(t, err)

	assert.Equal(t, StyleClassic, p.Style)
	assert.Equal(t, "", p.ConfigFile)
	assert.Equal(t, filepath.Join(dir, "src", "worker.ts"), p.Main)
	assert.Equal(t, "2024-09-23", p.CompatibilityDate)
	assert.Equal(t, map[string]any{"MODE": "test", "PORT": float64(8787)}, p.Vars)
	assert.Equal(t, []Binding{{"COUNTER", "Counter"}}, p.DurableObjects)
	assert.Equal(t, map[string]Class{"Counter": {"Counter", true}}, p.Classes)
	assert.Equal(t, 1500*time.Millisecond, p.TestTimeout)
	require.Len(t, p.Warnings, 1, render(dir, p.Warnings))
	assert.Equal(t, `inject("port") returns undefined: dotest does not run globalSetup, which provides it`,
		p.Warnings[0].Text)
}

func TestVitestCurrent(t *testing.T) {
	for _, pkg := range []string{"@cloudflare/vitest-pool-workers", "@cloudflare/vitest-plugin"} {
		t.Run(pkg, func(t *testing.T) {
			p, dir, err := load(t, worker.with(tree{"vitest.config.ts": `
import { cloudflareTest } from "` + pkg + `";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest(() => ({
      wrangler: { configPath: "./wrangler.toml", environment: "staging" },
      miniflare: { bindings: { TOKEN: "t" } },
    })),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/helpers/**"],
    testTimeout: 20_000,
    hookTimeout: 3_000,
    globals: true,
    setupFiles: "test/setup.ts",
  },
});
`}), Options{})
			require.NoError(t, err)

			assert.Equal(t, StyleCurrent, p.Style)
			assert.Equal(t, IsolateFile, p.Isolation)
			assert.Equal(t, "staging", p.Env)
			assert.Equal(t, "counter-staging", p.Name)
			assert.Equal(t, map[string]any{"GREETING": "staging", "TOKEN": "t"}, p.Vars)
			assert.Equal(t, []string{"test/**/*.test.ts"}, p.Include)
			assert.Equal(t, []string{"test/helpers/**"}, p.Exclude)
			assert.Equal(t, 20*time.Second, p.TestTimeout)
			assert.Equal(t, 3*time.Second, p.HookTimeout)
			assert.True(t, p.Globals)
			assert.Equal(t, []string{filepath.Join(dir, "test", "setup.ts")}, p.SetupFiles)
			assert.Empty(t, p.Warnings, render(dir, p.Warnings))

			files, err := p.TestFiles(nil)
			require.NoError(t, err)
			assert.Equal(t, []string{"test/counter.test.ts"}, files)
		})
	}
}

func TestVitestEnvOptionWins(t *testing.T) {
	p := mustLoad(t, worker.with(tree{"vitest.config.ts": `
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
export default { plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml", environment: "prod" } })] };
`}), Options{Env: "staging"})
	assert.Equal(t, "staging", p.Env)
	assert.Equal(t, "counter-staging", p.Name)
}

func TestVitestWithoutPool(t *testing.T) {
	p, dir, err := load(t, worker.with(tree{"vitest.config.ts": `
import { defineConfig } from "vitest/config";
export default defineConfig({ test: { include: ["test/**/*.test.ts"], hookTimeout: 0 } });
`}), Options{})
	require.NoError(t, err)
	assert.Equal(t, StyleNone, p.Style)
	assert.Equal(t, IsolateTest, p.Isolation)
	assert.Equal(t, filepath.Join(dir, "wrangler.toml"), p.ConfigFile, "the root configuration is read")
	assert.Equal(t, []string{"test/**/*.test.ts"}, p.Include)
	assert.Equal(t, time.Duration(0), p.HookTimeout)
	assert.Empty(t, p.Warnings)
}

func TestVitestNodeModulesAndSharedFiles(t *testing.T) {
	// A shared file in another directory sees its own __dirname and import.meta.url;
	// mergeConfig merges deeply and keeps the classic form.
	p, dir, err := load(t, worker.with(tree{
		"config/shared.ts": `
import { fileURLToPath } from "node:url";
import path from "path";
export const sharedDir = path.basename(__dirname);
export const here = fileURLToPath(new URL(".", import.meta.url));
export default { test: { include: ["test/**/*.test.ts"], setupFiles: ["test/setup.ts"] } };
`,
		"vitest.config.ts": `
import shared, { sharedDir, here } from "./config/shared";
import { mergeConfig } from "vitest/config";
import { defineWorkersConfig } from "@cloudflare/vitest-pool-workers/config";
import { resolve, join, dirname, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const fromURL = fileURLToPath(pathToFileURL(join(root, "a b", "..", "wrangler.toml")));
await Promise.resolve();

export default mergeConfig(shared, defineWorkersConfig({
  test: {
    include: ["test/extra/*.test.ts"],
    setupFiles: ["test/helpers/seed.ts"],
    poolOptions: { workers: {
      wrangler: { configPath: fromURL },
      miniflare: { bindings: { SHARED_DIR: sharedDir, REL: relative(root, here), R: resolve("x", "../y") } },
    } },
  },
}));
`}), Options{})
	require.NoError(t, err)

	assert.Equal(t, StyleClassic, p.Style)
	assert.Equal(t, filepath.Join(dir, "wrangler.toml"), p.ConfigFile)
	assert.Equal(t, []string{"test/**/*.test.ts", "test/extra/*.test.ts"}, p.Include)
	assert.Equal(t, []string{filepath.Join(dir, "test", "setup.ts"), filepath.Join(dir, "test", "helpers", "seed.ts")},
		p.SetupFiles)
	assert.Equal(t, "config", p.Vars["SHARED_DIR"])
	assert.Equal(t, "config", p.Vars["REL"])
	assert.Equal(t, filepath.ToSlash(filepath.Join(dir, "y")), p.Vars["R"])
}

func TestVitestProjects(t *testing.T) {
	p, dir, err := load(t, worker.with(tree{
		"vitest.config.ts": `
import { defineConfig, defineProject } from "vitest/config";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
export default defineConfig({
  test: {
    testTimeout: 9000,
    projects: [
      defineProject({ test: { name: "node", include: ["node/**/*.test.ts"] } }),
      { extends: true, plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: { name: "workers", include: ["test/**/*.test.ts"] } },
      { test: { name: "later" }, plugins: [cloudflareTest({})] },
    ],
  },
});
`}), Options{})
	require.NoError(t, err)
	assert.Equal(t, StyleCurrent, p.Style)
	assert.Equal(t, 9*time.Second, p.TestTimeout, "extends: true merges the root options")
	assert.Equal(t, []string{"test/**/*.test.ts"}, p.Include)
	require.Len(t, p.Warnings, 1, render(dir, p.Warnings))
	assert.Equal(t, `dotest runs the project "workers" only; it does not run "node", "later"`, p.Warnings[0].Text)
}

func TestVitestWorkspaceFiles(t *testing.T) {
	packages := tree{
		"packages/web/vitest.config.ts": `export default { test: { name: "web" } };`,
		"packages/api/vitest.config.ts": `
import { defineWorkersProject } from "@cloudflare/vitest-pool-workers/config";
export default defineWorkersProject({ test: {
  include: ["spec/**/*.spec.ts"],
  poolOptions: { workers: { isolatedStorage: false, wrangler: { configPath: "./wrangler.jsonc" } } },
} });
`,
		"packages/api/wrangler.jsonc":      `{"name":"api","main":"src/index.ts","compatibility_date":"2025-01-01"}`,
		"packages/api/src/index.ts":        "export default {}",
		"packages/api/spec/a.spec.ts":      "",
		"packages/api/spec/deep/b.spec.ts": "",
		"packages/web/spec/c.spec.ts":      "",
		"packages/docs/README.md":          "",
	}
	// A directory without a configuration is a project too, unless a negated glob drops it.
	for name, ws := range map[string][2]string{
		"vitest.workspace.ts": {`import { defineWorkspace } from "vitest/config";
export default defineWorkspace(["packages/*"]);`, `"packages/docs", "web"`},
		"vitest.workspace.json": {`["packages/*", "!packages/docs"]`, `"web"`},
	} {
		t.Run(name, func(t *testing.T) {
			p, dir, err := load(t, packages.with(tree{name: ws[0]}), Options{})
			require.NoError(t, err)
			assert.Equal(t, filepath.Join(dir, "packages", "api", "vitest.config.ts"), p.VitestConfigFile)
			assert.Equal(t, filepath.Join(dir, "packages", "api", "wrangler.jsonc"), p.ConfigFile)
			assert.Equal(t, "api", p.Name)
			assert.Equal(t, StyleClassic, p.Style)
			assert.Equal(t, IsolateFile, p.Isolation)
			assert.Equal(t, filepath.Join(dir, "packages", "api"), p.TestDir)
			require.Len(t, p.Warnings, 1, render(dir, p.Warnings))
			assert.Equal(t, `dotest runs the project "packages/api" only; it does not run `+ws[1], p.Warnings[0].Text)

			files, err := p.TestFiles(nil)
			require.NoError(t, err)
			assert.Equal(t, []string{"packages/api/spec/a.spec.ts", "packages/api/spec/deep/b.spec.ts"}, files)
		})
	}
}

func TestVitestConfigExtensions(t *testing.T) {
	for _, name := range []string{"vitest.config.mts", "vitest.config.js", "vitest.config.mjs", "vitest.config.cjs"} {
		t.Run(name, func(t *testing.T) {
			src := `import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
export default { plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })] };`
			if strings.HasSuffix(name, ".cjs") {
				src = `const { cloudflareTest } = require("@cloudflare/vitest-pool-workers");
module.exports = { plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })] };`
			}
			p := mustLoad(t, worker.with(tree{name: src}), Options{})
			assert.Equal(t, StyleCurrent, p.Style)
			assert.Equal(t, "counter", p.Name)
		})
	}
}
