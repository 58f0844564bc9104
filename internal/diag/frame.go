package diag

import (
	"fmt"
	"os"
	"strings"
)

// CodeFrame renders the lines around loc with a caret under the column, the way a terminal
// reporter shows where a failure happened. src is the whole file; when it is empty the file
// is read from disk. It returns "" when the location cannot be shown.
func CodeFrame(loc Location, src string, context int) string {
	if loc.Line <= 0 || loc.File == "" {
		return ""
	}
	if src == "" {
		data, err := os.ReadFile(loc.File)
		if err != nil {
			return ""
		}
		src = string(data)
	}

	lines := strings.Split(src, "\n")
	if loc.Line > len(lines) {
		return ""
	}
	first := max(1, loc.Line-context)
	last := min(len(lines), loc.Line+context)
	width := len(fmt.Sprint(last))

	var b strings.Builder
	for n := first; n <= last; n++ {
		mark := " "
		if n == loc.Line {
			mark = ">"
		}
		text := strings.TrimRight(lines[n-1], "\r")
		fmt.Fprintf(&b, "%s %*d| %s\n", mark, width, n, text)
		if n == loc.Line && loc.Column > 0 {
			pad := caretPadding(text, loc.Column-1)
			fmt.Fprintf(&b, "  %*s| %s^\n", width, "", pad)
		}
	}
	return b.String()
}

// caretPadding returns the white space that puts a caret under column col of text, keeping
// the tabs of the line so that the caret lines up however the terminal renders them.
func caretPadding(text string, col int) string {
	var b strings.Builder
	for i, r := range text {
		if i >= col {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}
