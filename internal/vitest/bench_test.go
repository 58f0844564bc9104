package vitest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/pool/event"
)

// trivialFile is a test file of n tests that each make one assertion.
func trivialFile(n int) string {
	var b strings.Builder
	b.WriteString("import { describe, expect, it } from \"vitest\";\n\ndescribe(\"trivial\", () => {\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  it(\"test %d\", () => {\n    expect(%d).toBe(%d);\n  });\n", i, i, i)
	}
	b.WriteString("});\n")
	return b.String()
}

// BenchmarkFile runs a file of n trivial tests end to end from a compiled program: a fresh
// runtime, Install, Run. The tests=1 case is the fixed cost of a file; the difference
// between tests=100 and tests=10, over 90, is the cost of one more trivial test.
func BenchmarkFile(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("tests=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			write(b, dir, "trivial.test.ts", trivialFile(n))
			prg := compile(b, dir, "trivial.test.ts")
			cfg := Config{File: dir + "/trivial.test.ts", RelFile: "trivial.test.ts", Emit: func(event.Event) {}}
			b.ReportAllocs()
			for b.Loop() {
				rt, err := jsrt.New(jsrt.Options{})
				if err != nil {
					b.Fatal(err)
				}
				r, err := Install(rt, cfg)
				if err != nil {
					b.Fatal(err)
				}
				if res := r.Run(prg); res.State != event.Pass {
					b.Fatalf("%+v", res)
				}
			}
		})
	}
}

// BenchmarkInstall is the cost of Install alone: the expect library and the runner's
// JavaScript in a fresh runtime.
func BenchmarkInstall(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		rt, err := jsrt.New(jsrt.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Install(rt, Config{File: "/p/a.test.ts", RelFile: "a.test.ts"}); err != nil {
			b.Fatal(err)
		}
	}
}
