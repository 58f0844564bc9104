package reporters

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dotest-dev/dotest/pool/event"
	"github.com/stretchr/testify/assert"
)

func TestRenderDiff(t *testing.T) {
	header := "- Expected\n+ Received\n\n"
	tests := []struct {
		name string
		err  event.TestError
		want string
	}{
		{"no diff asked", event.TestError{Expected: "1", Actual: "2"}, ""},
		{"one line", event.TestError{Expected: "2", Actual: "1", ShowDiff: true}, header + "- 2\n+ 1"},
		{
			"common lines dimmed and kept",
			event.TestError{
				Expected: "{\n  \"a\": 1,\n  \"b\": 2,\n}",
				Actual:   "{\n  \"a\": 1,\n  \"b\": 3,\n}",
				ShowDiff: true,
			},
			header + "  {\n    \"a\": 1,\n-   \"b\": 2,\n+   \"b\": 3,\n  }",
		},
		{
			"deletions before insertions",
			event.TestError{Expected: "a\nb\nc", Actual: "x\ny\nc", ShowDiff: true},
			header + "- a\n- b\n+ x\n+ y\n  c",
		},
		{
			"empty lines",
			event.TestError{Expected: "a\n\nb", Actual: "a\nb", ShowDiff: true},
			header + "  a\n-\n  b",
		},
		{"same print", event.TestError{Expected: "1", Actual: "1", ShowDiff: true}, ""},
		{
			"the matcher's diff, header included, as the expect library writes it",
			event.TestError{Diff: "- Expected\n+ Received\n\n- 2\n+ 1", Expected: "2", Actual: "1", ShowDiff: true},
			header + "- 2\n+ 1",
		},
		{
			"ready-made without header",
			event.TestError{Diff: "- 1\n+ 2\n"},
			header + "- 1\n+ 2",
		},
		{
			"ready-made with header wins over the values",
			event.TestError{Diff: header + "- 1\n+ 2", Expected: "x", Actual: "y", ShowDiff: true},
			header + "- 1\n+ 2",
		},
		{
			"ready-made in colour kept as it is",
			event.TestError{Diff: "\x1b[32m- 1\x1b[39m"},
			"\x1b[32m- 1\x1b[39m",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, renderDiff(palette{}, &tt.err))
		})
	}
}

func TestRenderDiffColor(t *testing.T) {
	got := renderDiff(palette{on: true}, &event.TestError{Expected: "a\nb", Actual: "a\nc", ShowDiff: true})
	want := "\x1b[32m- Expected\x1b[39m\n\x1b[31m+ Received\x1b[39m\n\n" +
		"\x1b[2m  a\x1b[22m\n\x1b[32m- b\x1b[39m\n\x1b[31m+ c\x1b[39m"
	assert.Equal(t, want, got)
}

// lines returns "l1\nl2..." for n lines, with the ones in changed replaced by "X".
func lines(n int, changed ...int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("l%d", i+1)
	}
	for _, c := range changed {
		out[c-1] = "X"
	}
	return strings.Join(out, "\n")
}

func TestLineDiffHunks(t *testing.T) {
	tests := []struct {
		name     string
		a, b     string
		want     []string // lines of the diff
		wantMark int      // how many @@ marks
	}{
		{
			name: "change in the middle of a long value keeps five lines each side",
			a:    lines(20), b: lines(20, 10),
			want: []string{"@@ -5,11 +5,11 @@", "  l5", "  l6", "  l7", "  l8", "  l9", "- l10", "+ X",
				"  l11", "  l12", "  l13", "  l14", "  l15"},
			wantMark: 1,
		},
		{
			name: "two distant changes make two hunks",
			a:    lines(30), b: lines(30, 2, 28),
			wantMark: 2,
		},
		{
			name: "changes ten lines apart stay in one hunk",
			a:    lines(30), b: lines(30, 10, 21),
			wantMark: 1,
		},
		{
			name: "a short value needs no mark",
			a:    lines(6), b: lines(6, 3),
			want:     []string{"  l1", "  l2", "- l3", "+ X", "  l4", "  l5", "  l6"},
			wantMark: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lineDiff(palette{}, strings.Split(tt.a, "\n"), strings.Split(tt.b, "\n"))
			if tt.want != nil {
				assert.Equal(t, strings.Join(tt.want, "\n"), got)
			}
			assert.Equal(t, tt.wantMark, strings.Count(got, "@@ -"), got)
		})
	}
}

func TestLineDiffTwoHunkMarks(t *testing.T) {
	got := lineDiff(palette{}, strings.Split(lines(30), "\n"), strings.Split(lines(30, 2, 28), "\n"))
	assert.Contains(t, got, "@@ -1,7 +1,7 @@\n  l1\n- l2\n+ X\n")
	assert.Contains(t, got, "@@ -23,8 +23,8 @@\n  l23")
}

func TestLineDiffLargeValues(t *testing.T) {
	// Past the size limit the values are not aligned, but the diff is still complete.
	a := strings.Split(lines(3000), "\n")
	b := strings.Split(lines(3000, 1500), "\n")
	var dels, ins int
	for _, l := range strings.Split(lineDiff(palette{}, a, b), "\n") {
		switch {
		case strings.HasPrefix(l, "- "):
			dels++
		case strings.HasPrefix(l, "+ "):
			ins++
		}
	}
	assert.Equal(t, 3000, dels, "every expected line shown as removed")
	assert.Equal(t, 3000, ins, "every received line shown as added")
}

func BenchmarkLineDiff(b *testing.B) {
	x := strings.Split(lines(500, 10, 200, 400), "\n")
	y := strings.Split(lines(500, 11, 250), "\n")
	for b.Loop() {
		lineDiff(palette{}, x, y)
	}
}
