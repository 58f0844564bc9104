package project

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGlob(t *testing.T) {
	tests := []struct {
		pattern string
		path    string
		want    bool
	}{
		{"*.ts", "a.ts", true},
		{"*.ts", "dir/a.ts", false},
		{"*.ts", ".hidden.ts", true},
		{"a?c", "abc", true},
		{"a?c", "a/c", false},
		{"**/*.test.ts", "a.test.ts", true},
		{"**/*.test.ts", "x/y/a.test.ts", true},
		{"**/*.test.ts", "x/y/a.test.tsx", false},
		{"test/**", "test/a/b.ts", true},
		{"test/**", "testing/a.ts", false},
		{"**", "any/thing", true},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/y/b", true},
		{"a**b", "aXXb", true},
		{"a**b", "a/b", false},
		{"**/node_modules/**", "node_modules/x/a.test.ts", true},
		{"**/node_modules/**", "pkg/node_modules/", true},
		{"**/node_modules/**", "node_modulesx/a.ts", false},
		{"./src/*.ts", "src/a.ts", true},
		{"*.{test,spec}.{ts,js}", "a.spec.js", true},
		{"*.{test,spec}.{ts,js}", "a.bench.js", false},
		{"{a,b/{c,d}}/*.ts", "b/d/x.ts", true},
		{"{a,b/{c,d}}/*.ts", "b/e/x.ts", false},
		{"{solo}.ts", "{solo}.ts", true},
		{"{open.ts", "{open.ts", true},
		{"[abc].ts", "b.ts", true},
		{"[abc].ts", "d.ts", false},
		{"[!abc].ts", "d.ts", true},
		{"[^abc].ts", "a.ts", false},
		{"[a-c]x", "bx", true},
		{"[[:digit:]].ts", "7.ts", true},
		{"[!a]", "/", false},
		{"[unclosed", "[unclosed", true},
		{`\*.ts`, "*.ts", true},
		{`\*.ts`, "a.ts", false},
		{"**/*.{test,spec}.?(c|m)[jt]s?(x)", "t/a.test.ts", true},
		{"**/*.{test,spec}.?(c|m)[jt]s?(x)", "t/a.spec.mjs", true},
		{"**/*.{test,spec}.?(c|m)[jt]s?(x)", "t/a.test.ctsx", true},
		{"**/*.{test,spec}.?(c|m)[jt]s?(x)", "t/a.test.xts", false},
		{"*(a|b)c", "ababc", true},
		{"+(a|b)c", "c", false},
		{"@(x|y).ts", "y.ts", true},
		{"a.(b)", "a.(b)", true},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+" "+tt.path, func(t *testing.T) {
			g, err := compileGlob(tt.pattern)
			require.NoError(t, err)
			assert.Equal(t, tt.want, g.match(tt.path))
		})
	}
}

func TestGlobErrors(t *testing.T) {
	for _, pattern := range []string{"!(a).ts", "?(a|b", "x/+(y"} {
		_, err := compileGlob(pattern)
		assert.Error(t, err, pattern)
	}
}

func TestTestFiles(t *testing.T) {
	files := tree{
		"wrangler.jsonc":               `{"name":"w","compatibility_date":"2025-01-01"}`,
		"a.test.ts":                    "",
		"test/counter.test.ts":         "",
		"test/Counter.spec.mjs":        "",
		"test/room.test.tsx":           "",
		"test/helper.ts":               "",
		"test/nested/deep/x.test.js":   "",
		"test/.hidden/y.test.ts":       "",
		"node_modules/pkg/z.test.ts":   "",
		"src/node_modules/q.test.ts":   "",
		".git/objects/w.test.ts":       "",
		"e2e/flow.test.ts":             "",
		"bench/speed.bench.ts":         "",
		"test/fixtures/data.test.json": "",
		"test/fixtures/not-a-test.ts":  "",
		"packages/a/test/one.spec.cts": "",
		"packages/a/test/two.spec.jsx": "",
	}
	dir := files.write(t)
	p, err := Load(dir, Options{})
	require.NoError(t, err)

	tests := []struct {
		name             string
		include, exclude []string
		filters          []string
		want             []string
	}{
		{name: "defaults", want: []string{"a.test.ts", "e2e/flow.test.ts", "packages/a/test/one.spec.cts",
			"packages/a/test/two.spec.jsx", "test/.hidden/y.test.ts", "test/Counter.spec.mjs",
			"test/counter.test.ts", "test/nested/deep/x.test.js", "test/room.test.tsx"}},
		{name: "include replaces the default", include: []string{"test/*.test.ts", "e2e/**/*.ts"},
			want: []string{"e2e/flow.test.ts", "test/counter.test.ts"}},
		{name: "exclude replaces the default", include: []string{"**/*.test.ts"}, exclude: []string{"test/**"},
			want: []string{".git/objects/w.test.ts", "a.test.ts", "e2e/flow.test.ts", "node_modules/pkg/z.test.ts",
				"src/node_modules/q.test.ts"}},
		{name: "negated include", include: []string{"test/**/*.test.*", "!test/nested/**"},
			want: []string{"test/.hidden/y.test.ts", "test/counter.test.ts", "test/fixtures/data.test.json",
				"test/room.test.tsx"}},
		{name: "filter substring", filters: []string{"counter"},
			want: []string{"test/Counter.spec.mjs", "test/counter.test.ts"}},
		{name: "several filters", filters: []string{"deep/", "flow"},
			want: []string{"e2e/flow.test.ts", "test/nested/deep/x.test.js"}},
		{name: "filter as a relative path", filters: []string{"./test/room"}, want: []string{"test/room.test.tsx"}},
		{name: "filter as an absolute path", filters: []string{filepath.Join(dir, "packages")},
			want: []string{"packages/a/test/one.spec.cts", "packages/a/test/two.spec.jsx"}},
		{name: "filter matching nothing", filters: []string{"nothing"}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := *p
			q.matcher = nil
			if tt.include != nil {
				q.Include = tt.include
			}
			if tt.exclude != nil {
				q.Exclude = tt.exclude
			}
			got, err := q.TestFiles(tt.filters)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestTestFilesErrors(t *testing.T) {
	p := &Project{Root: "/nowhere", TestDir: "/nowhere/at/all", Include: DefaultInclude}
	_, err := p.TestFiles(nil)
	assert.ErrorContains(t, err, "failed to list the test files")

	p = &Project{Root: t.TempDir(), Include: []string{"t/!(x)"}}
	p.TestDir = p.Root
	_, err = p.TestFiles(nil)
	assert.ErrorContains(t, err, "not supported")
}

func TestParseDotenv(t *testing.T) {
	text := "# comment\n" +
		"PLAIN=value\n" +
		"export EXPORTED=yes\n" +
		"SPACED = spaced value   \n" +
		"COLON: colon\n" +
		"EMPTY=\n" +
		"INLINE=value # a comment\n" +
		"SINGLE='single # not a comment'\n" +
		"DOUBLE=\"line1\\nline2\"\n" +
		"BACK=`back`\n" +
		"MULTI=\"first\nsecond\"\n" +
		"dotted.key-name=ok\n" +
		"CRLF=crlf\r\n" +
		"not a line\n" +
		"PLAIN=override\n"
	assert.Equal(t, map[string]string{
		"PLAIN":           "override",
		"EXPORTED":        "yes",
		"SPACED":          "spaced value",
		"COLON":           "colon",
		"EMPTY":           "",
		"INLINE":          "value",
		"SINGLE":          "single # not a comment",
		"DOUBLE":          "line1\nline2",
		"BACK":            "back",
		"MULTI":           "first\nsecond",
		"dotted.key-name": "ok",
		"CRLF":            "crlf",
	}, parseDotenv(text))
}

func TestLoadSecrets(t *testing.T) {
	base := tree{"wrangler.jsonc": `{"name":"w","compatibility_date":"2025-01-01","vars":{"A":"config","B":"config"}}`}
	tests := []struct {
		name    string
		files   tree
		env     string
		secrets map[string]string
		vars    map[string]any
	}{
		{"none", tree{}, "", map[string]string{}, map[string]any{"A": "config", "B": "config"}},
		{".dev.vars overrides vars", tree{".dev.vars": "A=secret\nC=new\n"}, "",
			map[string]string{"A": "secret", "C": "new"}, map[string]any{"A": "secret", "B": "config", "C": "new"}},
		{".dev.vars.<env> wins over .dev.vars", tree{".dev.vars": "A=plain\n", ".dev.vars.staging": "A=staged\n"},
			"staging", map[string]string{"A": "staged"}, map[string]any{"A": "staged", "B": "config"}},
		{".dev.vars without the env file", tree{".dev.vars": "A=plain\n"}, "staging",
			map[string]string{"A": "plain"}, map[string]any{"A": "plain", "B": "config"}},
		{".env files when there is no .dev.vars", tree{".env": "A=env\nC=env\n", ".env.local": "C=local\n",
			".env.staging": "D=staged\n", ".env.staging.local": "D=staged-local\n"}, "staging",
			map[string]string{"A": "env", "C": "local", "D": "staged-local"},
			map[string]any{"A": "env", "B": "config", "C": "local", "D": "staged-local"}},
		{".dev.vars hides .env", tree{".dev.vars": "A=dev\n", ".env": "C=env\n"}, "",
			map[string]string{"A": "dev"}, map[string]any{"A": "dev", "B": "config"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustLoad(t, base.with(tt.files), Options{Env: tt.env})
			assert.Equal(t, tt.secrets, p.Secrets)
			assert.Equal(t, tt.vars, p.Vars)
		})
	}
}

func TestLoadSecretsDeclared(t *testing.T) {
	// With `secrets` declared, only vars and required secrets are taken from .dev.vars.
	p := mustLoad(t, tree{
		"wrangler.jsonc": `{"name":"w","compatibility_date":"2025-01-01","vars":{"A":"config"},
			"secrets":{"required":["TOKEN"]}}`,
		".dev.vars": "A=secret\nTOKEN=t\nSTRAY=x\n",
	}, Options{})
	assert.Equal(t, map[string]string{"A": "secret", "TOKEN": "t"}, p.Secrets)
	assert.Equal(t, map[string]any{"A": "secret", "TOKEN": "t"}, p.Vars)
	assert.Empty(t, p.Warnings)
}

func TestLoadDotEnvDisabled(t *testing.T) {
	t.Setenv("CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV", "false")
	p := mustLoad(t, tree{"wrangler.jsonc": `{"name":"w","compatibility_date":"2025-01-01"}`, ".env": "A=1\n"},
		Options{})
	assert.Empty(t, p.Secrets)
}

func TestSuggest(t *testing.T) {
	known := allWranglerKeys(true)
	tests := map[string]string{
		"compatability_date":  "compatibility_date",
		"durable_object":      "durable_objects",
		"mian":                "main",
		"Vars":                "vars",
		"kv_namespace":        "kv_namespaces",
		"something_else":      "",
		"x":                   "",
		"compatibility_flagz": "compatibility_flags",
	}
	for key, want := range tests {
		assert.Equal(t, want, suggest(key, known), key)
	}
	assert.Equal(t, 1, editDistance("ab", "ba"))
	assert.Equal(t, 3, editDistance("", "abc"))
	assert.Equal(t, 0, editDistance("same", "same"))
}
