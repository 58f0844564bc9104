package vitest

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode/utf16"
)

// writeInlineSnapshots rewrites each test file in place with its new inline snapshots, all
// the edits to one file computed on its original text and applied together.
func writeInlineSnapshots(list []inlineSnapshot) []error {
	byFile := map[string][]inlineSnapshot{}
	var files []string
	for _, s := range list {
		if _, ok := byFile[s.file]; !ok {
			files = append(files, s.file)
		}
		byFile[s.file] = append(byFile[s.file], s)
	}
	var errs []error
	for _, file := range files {
		if err := rewriteFile(file, byFile[file]); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

func rewriteFile(file string, snaps []inlineSnapshot) error {
	info, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("failed to read %s to save inline snapshots: %w", file, err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("failed to read %s to save inline snapshots: %w", file, err)
	}
	code := string(data)
	var edits []textEdit
	for _, s := range snaps {
		e, ok := inlineEdit(code, s)
		if !ok {
			return fmt.Errorf("failed to save an inline snapshot: no toMatchInlineSnapshot call found at %s:%d:%d",
				file, s.line, s.column+1)
		}
		edits = append(edits, e)
	}
	out := applyEdits(code, edits)
	if out == code {
		return nil
	}
	if err := os.WriteFile(file, []byte(out), info.Mode().Perm()); err != nil {
		return fmt.Errorf("failed to save inline snapshots: %w", err)
	}
	return nil
}

// textEdit replaces code[start:end] with text.
type textEdit struct {
	start, end int
	text       string
}

func applyEdits(code string, edits []textEdit) string {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	for _, e := range edits {
		code = code[:e.start] + e.text + code[e.end:]
	}
	return code
}

var inlineCallRE = regexp.MustCompile(`(toMatchInlineSnapshot|toThrowErrorMatchingInlineSnapshot)\s*\(`)

// inlineEdit computes the edit that puts s.snapshot as the snapshot argument of the call at
// s's position: inserted into an empty call, replacing a string literal, or after an object
// of properties.
func inlineEdit(code string, s inlineSnapshot) (textEdit, bool) {
	offset := positionToOffset(code, s.line, s.column)
	call := findInlineCall(code, offset)
	if call == nil {
		return textEdit{}, false
	}
	nameStart, paren := call[0], call[1]-1
	text := prepareInlineSnapshot(s.snapshot, lineIndent(code, nameStart))
	i := skipSpaceAndComments(code, paren+1)
	if i >= len(code) {
		return textEdit{}, false
	}
	switch code[i] {
	case ')':
		return textEdit{i, i, text}, true
	case '{':
		end := objectEnd(code, i+1)
		closing := callEnd(code, paren)
		if closing < 0 || end > closing {
			return textEdit{}, false
		}
		return textEdit{end, closing, ", " + text}, true
	}
	j := i
	for j < len(code) && isIdentByte(code[j]) {
		j++
	}
	if j >= len(code) || !strings.ContainsRune("'\"`", rune(code[j])) {
		return textEdit{}, false
	}
	end := stringEnd(code, j)
	if end < 0 {
		return textEdit{}, false
	}
	return textEdit{j, end + 1, text}, true
}

// positionToOffset turns a 1-based line and a 0-based UTF-16 column into a byte offset.
func positionToOffset(code string, line, column int) int {
	start := 0
	for n := 1; n < line; n++ {
		i := strings.IndexByte(code[start:], '\n')
		if i < 0 {
			return len(code)
		}
		start += i + 1
	}
	end := strings.IndexByte(code[start:], '\n')
	if end < 0 {
		end = len(code) - start
	}
	return start + utf16ColumnToByte(code[start:start+end], column)
}

func utf16ColumnToByte(line string, column int) int {
	units := 0
	for i, r := range line {
		if units >= column {
			return i
		}
		units += utf16.RuneLen(r)
	}
	return len(line)
}

// findInlineCall returns the bounds of the matcher name and "(" of the inline snapshot call
// the position points into. goja reports a call at or just after its "(", so the nearest call
// starting before the position on its line is the one; failing that, the next on the line,
// then the nearest before it anywhere.
func findInlineCall(code string, offset int) []int {
	matches := inlineCallRE.FindAllStringIndex(code, -1)
	lineStart := strings.LastIndexByte(code[:min(offset, len(code))], '\n') + 1
	lineEnd := len(code)
	if i := strings.IndexByte(code[lineStart:], '\n'); i >= 0 {
		lineEnd = lineStart + i
	}
	var before, afterOnLine, lastBefore []int
	for _, m := range matches {
		switch {
		case m[0] <= offset && m[0] >= lineStart:
			before = m
		case m[0] > offset && m[0] < lineEnd && afterOnLine == nil:
			afterOnLine = m
		case m[0] <= offset:
			lastBefore = m
		}
	}
	for _, m := range [][]int{before, afterOnLine, lastBefore} {
		if m != nil {
			return m
		}
	}
	return nil
}

func lineIndent(code string, at int) string {
	start := strings.LastIndexByte(code[:at], '\n') + 1
	end := start
	for end < len(code) && (code[end] == ' ' || code[end] == '\t') {
		end++
	}
	return code[start:end]
}

func skipSpaceAndComments(code string, i int) int {
	for i < len(code) {
		switch {
		case code[i] == ' ' || code[i] == '\t' || code[i] == '\n' || code[i] == '\r':
			i++
		case strings.HasPrefix(code[i:], "//"):
			nl := strings.IndexByte(code[i:], '\n')
			if nl < 0 {
				return len(code)
			}
			i += nl + 1
		case strings.HasPrefix(code[i:], "/*"):
			end := strings.Index(code[i+2:], "*/")
			if end < 0 {
				return len(code)
			}
			i += end + 4
		default:
			return i
		}
	}
	return i
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// stringEnd is the index of the quote that closes the string literal opening at start.
func stringEnd(code string, start int) int {
	q := code[start]
	for i := start + 1; i < len(code); i++ {
		switch code[i] {
		case '\\':
			i++
		case q:
			return i
		}
	}
	return -1
}

// objectEnd counts braces from just inside an object literal to just past its end, as
// vitest does.
func objectEnd(code string, i int) int {
	depth := 1
	for ; i < len(code) && depth > 0; i++ {
		switch code[i] {
		case '{':
			depth++
		case '}':
			depth--
		}
	}
	return i
}

// callEnd is the index of the ")" that closes the call whose "(" is at paren.
func callEnd(code string, paren int) int {
	depth := 0
	for i := paren; i < len(code); i++ {
		switch c := code[i]; c {
		case '"', '\'', '`':
			end := stringEnd(code, i)
			if end < 0 {
				return -1
			}
			i = end
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// prepareInlineSnapshot is the template literal vitest writes for a snapshot: one line as it
// is, several lines each indented one step deeper than the line of the call, the closing
// backtick at the call's indentation.
func prepareInlineSnapshot(snapshot, indent string) string {
	next := indent + "  "
	if strings.Contains(indent, "\t") {
		next = indent + "\t"
	}
	lines := strings.Split(strings.ReplaceAll(strings.TrimSpace(snapshot), `\`, `\\`), "\n")
	escape := strings.NewReplacer("`", "\\`", "${", "\\${").Replace
	if len(lines) <= 1 {
		return "`" + escape(strings.Join(lines, "\n")) + "`"
	}
	for i, l := range lines {
		if l != "" {
			lines[i] = next + l
		}
	}
	return "`\n" + escape(strings.Join(lines, "\n")) + "\n" + indent + "`"
}
