package project

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestVitestErrors checks every way a vitest configuration can fail, against the rendered
// diagnostics in testdata/golden/vitest_errors.txt.
func TestVitestErrors(t *testing.T) {
	tests := []struct {
		name   string
		config string
		file   string // default vitest.config.ts
		extra  tree
	}{
		{name: "syntax error", config: "export default {\n  test: { include: [\"a\" }\n};\n"},
		{name: "type syntax error", config: "const x: = 1;\nexport default {};\n"},
		{name: "missing import", config: "import shared from \"./missing\";\nexport default shared;\n"},
		{name: "missing named stand-in export", config: "import { nothing } from \"vitest/config\";\n" +
			"export default nothing({});\n"},
		{name: "throws", config: "const options = undefined;\n\nexport default {\n" +
			"  test: { include: options.include },\n};\n"},
		{name: "throws on the first line", config: "throw new Error(\"boom\"); export default {};\n"},
		{name: "throws in a shared file", config: "import s from \"./shared\";\nexport default s;\n",
			extra: tree{"shared.ts": "export default (() => {\n  throw new TypeError(\"bad shared\");\n})();\n"}},
		{name: "async function rejects", config: "export default async () => {\n  await null;\n" +
			"  throw new Error(\"no config for you\");\n};\n"},
		{name: "throws a string", config: "export default () => { throw \"plain\"; };\n"},
		{name: "never settles", config: "export default new Promise(() => {});\n"},
		{name: "loops forever", config: "while (true) {}\nexport default {};\n"},
		{name: "no default export", config: "export const config = {};\n"},
		{name: "default export is a number", config: "export default 42;\n"},
		{name: "node module", config: "import fs from \"node:fs\";\n" +
			"export default JSON.parse(fs.readFileSync(\"x.json\", \"utf8\"));\n"},
		{name: "bad option types", config: `export default {
  test: {
    include: 3,
    exclude: ["a", 2],
    testTimeout: "5s",
    globals: "yes",
    setupFiles: ["./test/missing-setup.ts"],
  },
};
`},
		{name: "bad pool options", config: `import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
export default {
  plugins: [cloudflareTest({
    main: "./src/nope.ts",
    wrangler: { configPath: 7 },
    miniflare: {
      compatibilityDate: "yesterday",
      compatibilityFlags: "x",
      bindings: [1],
      durableObjects: { A: 1, B: { useSQLite: true } },
    },
  })],
};
`},
		{name: "unsupported glob", config: "export default { test: { include: [\"test/!(skip).test.ts\"] } };\n"},
	}

	var cases []goldenCase
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "vitest.config.ts"
			}
			tr := minimal.with(tree{file: tt.config}).with(tt.extra)
			_, dir, err := load(t, tr, Options{evalTimeout: 200 * time.Millisecond})
			require.Error(t, err)
			list := diagnosticsOf(t, err)
			require.True(t, list.HasErrors())
			cases = append(cases, goldenCase{tt.name, render(dir, list)})
		})
	}
	checkGolden(t, "vitest_errors", cases)
}

// TestVitestWarnings checks the warnings of vitest configurations that load, against
// testdata/golden/vitest_warnings.txt.
func TestVitestWarnings(t *testing.T) {
	tests := []struct {
		name   string
		config string
	}{
		{"options dotest does not support", `import {
  defineWorkersConfig,
  readD1Migrations,
} from "@cloudflare/vitest-pool-workers/config";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineWorkersConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  return {
    plugins: [tsconfigPaths()],
    resolve: { alias: { "@": "./src" } },
    define: { __DEV__: "true" },
    test: {
      globalSetup: ["./global-setup.ts"],
      coverage: { provider: "istanbul" },
      retry: 2,
      pool: "@cloudflare/vitest-pool-workers",
      poolOptions: {
        threads: { singleThread: true },
        workers: {
          remoteBindings: false,
          additionalExports: { Foo: "DurableObject" },
          wrangler: { configPath: "./wrangler.jsonc", enviroment: "x" },
          miniflare: {
            kvNamespaces: ["KV"],
            bindings: { TEST_MIGRATIONS: migrations },
            durableObjects: {
              REMOTE: { className: "Remote", scriptName: "other" },
              KEY: { className: "Key", unsafeUniqueKey: "k" },
            },
          },
        },
      },
    },
  };
});
`},
		{"classic options in the current plugin", `import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
export default {
  plugins: [cloudflareTest({
    isolatedStorage: false,
    singleWorker: true,
    wrangler: { configPath: "./wrangler.jsonc" },
  })],
  test: { pool: "threads" },
};
`},
		{"wrangler configuration not named", `import { cloudflareTest } from "@cloudflare/vitest-plugin";
export default {
  plugins: [cloudflareTest({ main: "./src/index.ts", miniflare: { compatibilityDate: "2025-01-01" } })],
};
`},
		{"node module imported but unused", `import os from "node:os";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
export default { plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.jsonc" } })] };
`},
		{"console output is not a warning", `import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
console.log("loading", { a: 1 });
console.warn("careful");
export default {
  plugins: [[cloudflareTest({ wrangler: { configPath: "./wrangler.jsonc" } }), null, false]],
  logLevel: "info",
};
`},
		{"no project uses the pool", `export default { test: { projects: [{ test: { name: "a" } }, "./missing"] } };
`},
	}

	var cases []goldenCase
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, dir, err := load(t, minimal.with(tree{"vitest.config.ts": tt.config}), Options{})
			require.NoError(t, err)
			cases = append(cases, goldenCase{tt.name, render(dir, p.Warnings)})
		})
	}
	checkGolden(t, "vitest_warnings", cases)
}
