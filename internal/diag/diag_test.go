package diag

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDiagnosticError(t *testing.T) {
	tests := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"no location", Diagnostic{Text: "boom"}, "error: boom"},
		{"file only", Diagnostic{Kind: Warning, Text: "odd", Location: &Location{File: "a.ts"}}, "a.ts: warning: odd"},
		{"line", Diagnostic{Text: "x", Location: &Location{File: "a.ts", Line: 3}}, "a.ts:3: error: x"},
		{"column", Diagnostic{Text: "x", Location: &Location{File: "a.ts", Line: 3, Column: 7}}, "a.ts:3:7: error: x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.d.Error())
		})
	}
}

func TestCodeFrame(t *testing.T) {
	src := "one\n\ttwo(x)\nthree\nfour"
	got := CodeFrame(Location{File: "f.ts", Line: 2, Column: 5}, src, 1)
	want := "  1| one\n> 2| \ttwo(x)\n   | \t   ^\n  3| three\n"
	assert.Equal(t, want, got)
	assert.Empty(t, CodeFrame(Location{File: "f.ts", Line: 9}, src, 1))
}
