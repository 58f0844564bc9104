package expect

import (
	"os"
	"testing"
)

// TestPrinting compares how values print (error values, messages,
// snapshots) and the diffs of pairs with testdata/printing.golden, which
// vitest 4.1's own functions produce byte for byte.
func TestPrinting(t *testing.T) {
	src, err := os.ReadFile("testdata/printing.js")
	must(t, err)
	vm, _ := newRuntime(t)
	runJS(t, vm, string(src))
	got := runJS(t, vm, `render({
		format: lib.format, stringify: lib.stringify, inspect: lib.inspect,
		objDisplay: lib.objDisplay, serializeSnapshot: lib.serializeSnapshot, diff: lib.diff,
	})`).String()
	checkText(t, "testdata/printing.golden", got)
}

// checkText compares got with a golden text file, or rewrites it with
// -update. On a difference it reports the first differing line.
func checkText(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		must(t, os.WriteFile(golden, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(golden)
	must(t, err)
	if string(want) == got {
		return
	}
	wantLines, gotLines := splitText(string(want)), splitText(got)
	for i := 0; i < len(wantLines) || i < len(gotLines); i++ {
		w, g := lineAt(wantLines, i), lineAt(gotLines, i)
		if w != g {
			t.Fatalf("%s differs at line %d:\n got: %q\nwant: %q", golden, i+1, g, w)
		}
	}
}
