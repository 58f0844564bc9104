package cloudflaretest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dotest-dev/dotest/pool/event"
)

func TestRenderDiff(t *testing.T) {
	tests := []struct {
		name string
		err  event.TestError
		want string
	}{
		{"no diff", event.TestError{Message: "boom"}, ""},
		{"same text", event.TestError{ShowDiff: true, Expected: "1", Actual: "1"}, ""},
		{"ready-made", event.TestError{Diff: "- a\n+ b\n"}, "- Expected\n+ Received\n\n- a\n+ b"},
		{"ready-made with header", event.TestError{Diff: "- Expected\n+ Received\n\n- a"},
			"- Expected\n+ Received\n\n- a"},
		{"lines", event.TestError{ShowDiff: true, Expected: "[\n  1,\n  2,\n]", Actual: "[\n  1,\n  3,\n  4,\n]"},
			"- Expected\n+ Received\n\n  [\n    1,\n-   2,\n+   3,\n+   4,\n  ]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, renderDiff(&tt.err))
		})
	}
}

func TestLineDiffOfLargeValues(t *testing.T) {
	a := strings.Split(strings.Repeat("a\n", 1000)+"a", "\n")
	b := strings.Split(strings.Repeat("b\n", 1000)+"b", "\n")
	out := strings.Split(lineDiff(a, b), "\n")
	assert.Len(t, out, len(a)+len(b))
	assert.Equal(t, "- a", out[0])
	assert.Equal(t, "+ b", out[len(out)-1])
}
