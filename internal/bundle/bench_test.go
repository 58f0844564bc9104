package bundle

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchProject is the 2-file project of the benchmarks: a worker module and its test.
var benchProject = map[string]string{
	"tsconfig.json": `{"compilerOptions": {"experimentalDecorators": true}}`,
	"src/index.ts":  counterModule,
	"test/counter.test.ts": `import { describe, it } from "vitest";
import { env } from "cloudflare:test";
import { Counter } from "../src/index";
describe("counter", () => {
  it("counts", async () => {
    for await (const n of (async function* () { yield 1; yield 2; })()) console.log(n);
    console.log(new Counter({}, env).increment(2));
  });
});`,
}

var benchRequest = Request{TestFile: "test/counter.test.ts", Main: "src/index.ts"}

// BenchmarkBuildCold measures a build that misses the cache: esbuild plus goja.Compile.
func BenchmarkBuildCold(b *testing.B) {
	root := project(b, benchProject)
	for b.Loop() {
		if _, err := New(root, Options{}).Build(benchRequest); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildWarm measures a build that hits the cache, for inputs last edited long ago:
// one stat per input. (An input edited in the last two seconds is also read and hashed.)
func BenchmarkBuildWarm(b *testing.B) {
	root := project(b, benchProject)
	age(b, root)
	bundler := New(root, Options{})
	if _, err := bundler.Build(benchRequest); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := bundler.Build(benchRequest); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile measures the goja.Compile share of a cold build, for the 2-file project
// and for one whose main module imports a large package.
func BenchmarkCompile(b *testing.B) {
	for _, size := range []string{"small", "large"} {
		b.Run(size, func(b *testing.B) {
			files := benchProject
			if size == "large" {
				files = withLargeDependency(benchProject)
			}
			bundle, err := New(project(b, files), Options{}).Build(benchRequest)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := compile(bundle.Path, bundle.Code); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(bundle.Code)), "script-bytes")
		})
	}
}

// BenchmarkRebuildAfterEdit measures the build that follows an edit of the test file, as in
// watch mode, with and without incremental contexts, for the 2-file project and for one
// whose main module imports a large package.
func BenchmarkRebuildAfterEdit(b *testing.B) {
	for _, size := range []string{"small", "large"} {
		for _, incremental := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/incremental=%v", size, incremental), func(b *testing.B) {
				files := benchProject
				if size == "large" {
					files = withLargeDependency(benchProject)
				}
				root := project(b, files)
				bundler := New(root, Options{Incremental: incremental})
				defer bundler.Close()

				test := filepath.Join(root, "test", "counter.test.ts")
				for i := 0; b.Loop(); i++ {
					b.StopTimer()
					write(b, test, benchProject["test/counter.test.ts"]+strings.Repeat("\n", i%2))
					b.StartTimer()
					if _, err := bundler.Build(benchRequest); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// withLargeDependency adds a package of about 350 KB of classes that the main module imports.
func withLargeDependency(files map[string]string) map[string]string {
	var big strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&big, "export class C%d { #x = %d; get x() { return this.#x; } "+
			"m(a, b) { return [a, b, %d].map((v) => v * 2).filter(Boolean); } }\n", i, i, i)
	}
	out := maps.Clone(files)
	out["node_modules/big/package.json"] = `{"name": "big", "main": "index.js"}`
	out["node_modules/big/index.js"] = big.String()
	out["src/index.ts"] = files["src/index.ts"] +
		"\nimport * as big from \"big\";\nexport const classes = Object.keys(big).length;\n"
	return out
}

// age sets the modification time of every file of root an hour back.
func age(b *testing.B, root string) {
	past := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(path, past, past)
	})
	if err != nil {
		b.Fatal(err)
	}
}
