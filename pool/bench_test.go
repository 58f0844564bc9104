package pool

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/pool/event"
)

// benchProject writes a project with one test file of n trivial tests.
func benchProject(b *testing.B, n int) *project.Project {
	b.Helper()
	root := b.TempDir()
	var src strings.Builder
	src.WriteString("import { expect, it } from \"vitest\";\n")
	for i := range n {
		fmt.Fprintf(&src, "it(\"trivial %d\", () => { expect(%d).toBe(%d); });\n", i, i, i)
	}
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "test"), 0o755))
	config := `{"name":"b","compatibility_date":"2026-01-01"}`
	must(os.WriteFile(filepath.Join(root, "wrangler.jsonc"), []byte(config), 0o644))
	must(os.WriteFile(filepath.Join(root, "test", "trivial.test.ts"), []byte(src.String()), 0o644))
	proj, err := project.Load(root, project.Options{})
	must(err)
	return proj
}

func runOnce(b *testing.B, p *Pool) {
	res := p.RunFile(context.Background(), "test/trivial.test.ts")
	if res.State != event.Pass {
		b.Fatalf("the file did not pass: %+v", res.Errors)
	}
}

// BenchmarkFileCold is a file of 10 trivial tests from file to results, bundling included:
// every iteration uses a new pool, so nothing is cached.
func BenchmarkFileCold(b *testing.B) {
	proj := benchProject(b, 10)
	for b.Loop() {
		runOnce(b, New(Options{Project: proj}))
	}
}

// BenchmarkFileWarm is the same file with a warm bundle cache, as in watch mode and for every
// file after the first that shares its bundle.
func BenchmarkFileWarm(b *testing.B) {
	for _, n := range []int{10, 110} {
		b.Run(fmt.Sprintf("tests=%d", n), func(b *testing.B) {
			proj := benchProject(b, n)
			p := New(Options{Project: proj})
			runOnce(b, p)
			for b.Loop() {
				runOnce(b, p)
			}
		})
	}
}
