package bundle

import (
	"path/filepath"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/diag"
)

func TestSyntaxError(t *testing.T) {
	root := project(t, map[string]string{
		"test/bad.test.ts": `import { it } from "vitest";

it("adds", () => {
  const total: number = 1 +;
});
`,
	})
	_, err := New(root, Options{}).Build(Request{TestFile: "test/bad.test.ts"})
	list := diagnostics(t, err)

	require.Len(t, list, 1)
	assert.Equal(t, diag.Error, list[0].Kind)
	assert.Equal(t, &diag.Location{
		File: filepath.Join(root, "test", "bad.test.ts"), Line: 4, Column: 28,
		LineText: "  const total: number = 1 +;",
	}, list[0].Location)
	golden(t, "syntax_error.golden", render(list, root))
}

func TestUnresolvedImports(t *testing.T) {
	root := project(t, map[string]string{
		"test/a.test.ts": `import { a } from "./missing";
import { b } from "@scope/absent/sub";
import { c } from "cloudflare:nope";
import wasm from "./add.wasm";
console.log(a, b, c, wasm);
`,
	})
	_, err := New(root, Options{}).Build(Request{TestFile: "test/a.test.ts"})
	list := diagnostics(t, err)

	require.Len(t, list, 4)
	for i, col := range []int{19, 19, 19, 18} {
		assert.Equal(t, i+1, list[i].Location.Line, list[i].Text)
		assert.Equal(t, col, list[i].Location.Column, list[i].Text)
		assert.NotEmpty(t, list[i].Hint, list[i].Text)
	}
	golden(t, "unresolved.golden", render(list, root))
}

func TestMissingEntryFile(t *testing.T) {
	root := project(t, map[string]string{"test/a.test.ts": `console.log(1);`})
	_, err := New(root, Options{}).Build(Request{TestFile: "test/a.test.ts", SetupFiles: []string{"test/setup.ts"}})
	list := diagnostics(t, err)

	require.Len(t, list, 1)
	assert.Equal(t, `Could not resolve "`+filepath.Join(root, "test", "setup.ts")+`"`, list[0].Text)
	assert.Nil(t, list[0].Location)
	assert.Contains(t, list[0].Hint, "setup file")
}

func TestNodeCompatWarning(t *testing.T) {
	files := map[string]string{
		"src/util.ts": `import { Buffer } from "node:buffer"; export const b = Buffer;`,
		"test/a.test.ts": `import { b } from "../src/util";
import { Buffer } from "buffer";
console.log(b === Buffer);`,
	}
	tests := []struct {
		name       string
		nodeCompat bool
		warnings   int
	}{
		{"without nodejs_compat, one warning", false, 1},
		{"with nodejs_compat, none", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := project(t, files)
			b, err := New(root, Options{}).Build(Request{TestFile: "test/a.test.ts", NodeCompat: tt.nodeCompat})
			require.NoError(t, err)
			require.Len(t, b.Warnings, tt.warnings)
			if tt.warnings > 0 {
				w := b.Warnings[0]
				assert.Equal(t, diag.Warning, w.Kind)
				assert.Contains(t, w.Text, `needs the "nodejs_compat" compatibility flag`)
				assert.NotNil(t, w.Location)
				assert.Contains(t, w.Hint, "compatibility_flags")
			}

			logs, loadErr := run(t, b)
			require.Nil(t, loadErr)
			assert.Equal(t, []string{"true"}, logs)
		})
	}
}

// TestCompileErrorMapped checks that a goja compile error of a bundle is reported at the
// position of the user's file that the source map gives.
func TestCompileErrorMapped(t *testing.T) {
	root := project(t, map[string]string{
		"src/gen.ts": "const a: number = 1;\n\nasync function* gen() { yield a; }\n",
	})
	src := filepath.Join(root, "src", "gen.ts")
	out := filepath.Join(root, ".dotest", "gen.js")
	// Transform without GojaSupported leaves the async generator that goja cannot parse.
	result := api.Build(api.BuildOptions{
		EntryPoints: []string{src}, Outfile: out, AbsWorkingDir: root, Bundle: true, Format: api.FormatESModule,
		Sourcemap: api.SourceMapInline, SourcesContent: api.SourcesContentExclude,
		Banner: map[string]string{"js": banner}, Footer: map[string]string{"js": footer},
		TreeShaking: api.TreeShakingFalse,
	})
	require.Empty(t, result.Errors)

	_, err := compile(out, string(result.OutputFiles[0].Contents))
	list := diagnostics(t, err)
	require.NotEmpty(t, list)
	require.NotNil(t, list[0].Location)
	assert.Equal(t, src, list[0].Location.File)
	assert.Equal(t, 3, list[0].Location.Line)
	assert.Equal(t, compileHint, list[0].Hint)
}

func TestPackageName(t *testing.T) {
	tests := map[string]string{
		`"lodash"`: "lodash", `"lodash/fp"`: "lodash", `"@scope/pkg/deep/file"`: "@scope/pkg", `"@scope"`: "@scope",
	}
	for spec, want := range tests {
		assert.Equal(t, want, packageName(spec), spec)
	}
}

func TestUnknownLoader(t *testing.T) {
	root := project(t, map[string]string{
		"test/style.css": `b { color: red }`,
		"test/a.test.ts": "\nimport css from \"./style.css\";\nconsole.log(css);\n",
	})
	_, err := New(root, Options{}).Build(Request{TestFile: "test/a.test.ts"})
	list := diagnostics(t, err)

	require.Len(t, list, 1)
	assert.Equal(t, `No loader is configured for ".css" files: style.css`, list[0].Text)
	assert.Equal(t, &diag.Location{
		File: filepath.Join(root, "test", "a.test.ts"), Line: 2, Column: 17,
		LineText: `import css from "./style.css";`,
	}, list[0].Location)
	assert.Contains(t, list[0].Hint, "Text modules")
}
