package bundle

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cacheProject is a project whose test file imports the main module.
var cacheProject = map[string]string{
	"tsconfig.json":  `{"compilerOptions": {}}`,
	"src/index.ts":   counterModule,
	"test/a.test.ts": `import { Counter } from "../src/index"; console.log(typeof Counter);`,
}

func TestCache(t *testing.T) {
	past := time.Now().Add(-time.Hour)
	tests := []struct {
		name    string
		change  func(t *testing.T, root string)
		rebuilt bool
	}{
		{"nothing changed", func(*testing.T, string) {}, false},
		{"touched without an edit", func(t *testing.T, root string) {
			require.NoError(t, os.Chtimes(filepath.Join(root, "src/index.ts"), time.Now(), time.Now()))
		}, false},
		{"test file edited", func(t *testing.T, root string) {
			write(t, filepath.Join(root, "test/a.test.ts"), `console.log("edited");`)
		}, true},
		{"imported module edited", func(t *testing.T, root string) {
			write(t, filepath.Join(root, "src/index.ts"), counterModule+"\nexport const more = 1;")
		}, true},
		{"tsconfig edited", func(t *testing.T, root string) {
			write(t, filepath.Join(root, "tsconfig.json"), `{"compilerOptions": {"useDefineForClassFields": false}}`)
		}, true},
		{"same size and mtime, new contents", func(t *testing.T, root string) {
			// A coarse file system clock can give an edit the mtime of the version before:
			// a recent file is checked by contents.
			path := filepath.Join(root, "test/a.test.ts")
			info, err := os.Stat(path)
			require.NoError(t, err)
			write(t, path, `import { Counter } from "../src/index"; console.log(typeof Counted);`)
			require.NoError(t, os.Chtimes(path, info.ModTime(), info.ModTime()))
		}, true},
		{"imported module deleted", func(t *testing.T, root string) {
			require.NoError(t, os.Remove(filepath.Join(root, "src/index.ts")))
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := project(t, cacheProject)
			if tt.name == "touched without an edit" {
				require.NoError(t, os.Chtimes(filepath.Join(root, "src/index.ts"), past, past))
			}
			bundler := New(root, Options{})
			req := Request{TestFile: "test/a.test.ts", Main: "src/index.ts"}
			first, err := bundler.Build(req)
			require.NoError(t, err)

			tt.change(t, root)
			second, err := bundler.Build(req)
			if tt.name == "imported module deleted" {
				diagnostics(t, err)
				return
			}
			require.NoError(t, err)
			if tt.rebuilt {
				assert.NotSame(t, first, second)
				assert.NotEqual(t, first.Code, second.Code)
			} else {
				assert.Same(t, first, second)
			}
		})
	}
}

func TestCacheKeyedByRequest(t *testing.T) {
	root := project(t, cacheProject)
	bundler := New(root, Options{})
	plain, err := bundler.Build(Request{TestFile: "test/a.test.ts"})
	require.NoError(t, err)
	withMain, err := bundler.Build(Request{TestFile: "test/a.test.ts", Main: "src/index.ts"})
	require.NoError(t, err)
	defined, err := bundler.Build(Request{TestFile: "test/a.test.ts", Define: map[string]string{"X": "1"}})
	require.NoError(t, err)

	assert.NotSame(t, plain, withMain)
	assert.NotSame(t, plain, defined)
	again, err := bundler.Build(Request{TestFile: filepath.Join(root, "test/a.test.ts")})
	require.NoError(t, err)
	assert.Same(t, plain, again, "a relative and an absolute path name the same test file")
}

func TestCacheInputs(t *testing.T) {
	root := project(t, cacheProject)
	b, err := New(root, Options{}).Build(Request{TestFile: "test/a.test.ts", Main: "src/index.ts"})
	require.NoError(t, err)
	assert.Equal(t, []string{
		filepath.Join(root, "src/index.ts"), filepath.Join(root, "test/a.test.ts"), filepath.Join(root, "tsconfig.json"),
	}, b.Inputs)
}

// TestConcurrentBuilds builds the same and different requests from several goroutines, as
// the pool's workers do; run it with -race.
func TestConcurrentBuilds(t *testing.T) {
	files := map[string]string{"src/index.ts": counterModule}
	for _, name := range []string{"a", "b", "c"} {
		files["test/"+name+".test.ts"] = `import { Counter } from "../src/index"; console.log("` + name + `", typeof Counter);`
	}
	root := project(t, files)
	bundler := New(root, Options{})

	var wg sync.WaitGroup
	results := make([]*Bundle, 12)
	for i := range results {
		wg.Go(func() {
			name := []string{"a", "b", "c"}[i%3]
			b, err := bundler.Build(Request{TestFile: "test/" + name + ".test.ts", Main: "src/index.ts"})
			assert.NoError(t, err)
			results[i] = b
		})
	}
	wg.Wait()

	for i := 3; i < len(results); i++ {
		assert.Same(t, results[i%3], results[i], "one build per request")
	}
}
