package reporters

import (
	"strings"
	"testing"

	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/pool/event"
	"github.com/stretchr/testify/assert"
)

func TestErrorBlock(t *testing.T) {
	tests := []struct {
		name  string
		err   event.TestError
		frame bool
		want  string
	}{
		{
			name: "name only",
			err:  event.TestError{Name: "Error"},
			want: "Error\n",
		},
		{
			name: "no name",
			err:  event.TestError{Message: "boom"},
			want: "Unknown Error: boom\n",
		},
		{
			name: "origin",
			err: event.TestError{Name: "Error", Message: "rejected", Origin: "unhandled rejection",
				Stack: []event.Frame{{Function: "later", File: "/app/src/a.ts", Line: 3, Column: 9}}},
			want: "Error: rejected\nOrigin: unhandled rejection\n ❯ later src/a.ts:3:9\n\n",
		},
		{
			name: "dotest's own frames left out",
			err: event.TestError{Name: "AssertionError", Message: "x", Stack: []event.Frame{
				{Function: "toBe", File: "dotest:expect.js", Line: 812, Column: 7},
				{File: "/app/test/a.test.ts", Line: 4, Column: 13},
			}},
			want: "AssertionError: x\n ❯ test/a.test.ts:4:13\n\n",
		},
		{
			name: "location missing from the stack comes first",
			err: event.TestError{Name: "Error", Message: "x",
				Location: &diag.Location{File: "test/a.test.ts", Line: 2, Column: 5},
				Stack:    []event.Frame{{Function: "run", File: "node_modules/lib/index.js", Line: 40, Column: 1}}},
			want: "Error: x\n ❯ test/a.test.ts:2:5\n ❯ run node_modules/lib/index.js:40:1\n\n",
		},
		{
			name: "unreadable file shows the line the error carries",
			err: event.TestError{Name: "SyntaxError", Message: "Unexpected }",
				Location: &diag.Location{File: "test/gone.test.ts", Line: 12, Column: 3, LineText: "  }}"}},
			frame: true,
			want:  "SyntaxError: Unexpected }\n ❯ test/gone.test.ts:12:3\n    > 12|   }}\n        |   ^\n\n",
		},
		{
			name: "unreadable file without its line shows no frame",
			err: event.TestError{Name: "Error", Message: "x",
				Location: &diag.Location{File: "test/gone.test.ts", Line: 12, Column: 3}},
			frame: true,
			want:  "Error: x\n ❯ test/gone.test.ts:12:3\n\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newErrorPrinter(palette{}, paths{root: "/app"})
			var b strings.Builder
			p.print(&b, &tt.err, tt.frame)
			assert.Equal(t, tt.want, b.String())
		})
	}
}

func TestCodeFrameReadsOnce(t *testing.T) {
	p := newErrorPrinter(palette{}, paths{root: testRoot})
	loc := diag.Location{File: "src/math.ts", Line: 7, Column: 11}
	first := p.codeFrame(loc)
	assert.Contains(t, first, "    > 7|     throw new RangeError(\"cannot divide by zero\");\n")
	assert.Len(t, p.sources, 1)
	assert.Equal(t, first, p.codeFrame(loc))
}

func TestSameError(t *testing.T) {
	frame := []event.Frame{{File: "a.ts", Line: 1, Column: 1}}
	a := &event.TestError{Name: "Error", Message: "x", Stack: frame}
	b := &event.TestError{Name: "Error", Message: "x", Stack: []event.Frame{{File: "a.ts", Line: 1, Column: 1}}}
	assert.True(t, sameError(a, b))
	assert.False(t, sameError(a, &event.TestError{Name: "Error", Message: "y", Stack: frame}))
	assert.False(t, sameError(&event.TestError{Name: "Error"}, &event.TestError{Name: "Error"}),
		"errors without a stack are never merged")
}
