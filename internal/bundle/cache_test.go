package bundle

import (
	"fmt"
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
		for _, incremental := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/incremental=%v", tt.name, incremental), func(t *testing.T) {
				root := project(t, cacheProject)
				if tt.name == "touched without an edit" {
					require.NoError(t, os.Chtimes(filepath.Join(root, "src/index.ts"), past, past))
				}
				bundler := New(root, Options{Incremental: incremental})
				defer bundler.Close()
				testCacheChange(t, bundler, root, tt.change, tt.rebuilt, tt.name == "imported module deleted")
			})
		}
	}
}

// testCacheChange builds, changes the project, builds again and checks whether the second
// build was a new one.
func testCacheChange(t *testing.T, bundler *Bundler, root string, change func(*testing.T, string),
	rebuilt, fails bool) {
	req := Request{TestFile: "test/a.test.ts", Main: "src/index.ts"}
	first, err := bundler.Build(req)
	require.NoError(t, err)

	change(t, root)
	second, err := bundler.Build(req)
	if fails {
		diagnostics(t, err)
		return
	}
	require.NoError(t, err)
	if rebuilt {
		assert.NotSame(t, first, second)
		assert.NotEqual(t, first.Code, second.Code)
	} else {
		assert.Same(t, first, second)
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
		filepath.Join(root, "src/index.ts"),
		filepath.Join(root, "test/a.test.ts"),
		filepath.Join(root, "tsconfig.json"),
	}, b.Inputs)
}

// TestConcurrentBuilds builds the same and different requests from several goroutines, as
// the pool's workers do; run it with -race.
func TestConcurrentBuilds(t *testing.T) {
	files := map[string]string{"src/index.ts": counterModule}
	for _, name := range []string{"a", "b", "c"} {
		files["test/"+name+".test.ts"] = `import { Counter } from "../src/index";
console.log("` + name + `", typeof Counter);`
	}
	for _, opts := range []Options{{}, {Incremental: true, MaxContexts: 2}} {
		t.Run(fmt.Sprintf("incremental=%v", opts.Incremental), func(t *testing.T) {
			bundler := New(project(t, files), opts)
			defer bundler.Close()

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
		})
	}
}

// TestIncrementalContexts checks that an incremental Bundler keeps at most MaxContexts
// contexts and still builds every request.
func TestIncrementalContexts(t *testing.T) {
	files := map[string]string{"src/index.ts": counterModule}
	for _, name := range []string{"a", "b", "c"} {
		files["test/"+name+".test.ts"] = `console.log("` + name + `");`
	}
	root := project(t, files)
	bundler := New(root, Options{Incremental: true, MaxContexts: 2})
	defer bundler.Close()

	for _, name := range []string{"a", "b", "c", "a"} {
		b, err := bundler.Build(Request{TestFile: "test/" + name + ".test.ts"})
		require.NoError(t, err)
		logs, loadErr := run(t, b)
		require.Nil(t, loadErr)
		assert.Equal(t, []string{name}, logs)
		assert.LessOrEqual(t, len(bundler.contexts), 2)
	}

	bundler.Close()
	assert.Empty(t, bundler.contexts)
	_, err := bundler.Build(Request{TestFile: "test/b.test.ts", Define: map[string]string{"X": "1"}})
	require.NoError(t, err, "a closed Bundler still builds")
}
