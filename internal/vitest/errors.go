package vitest

import (
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/pool/event"
)

// mapError describes a thrown value for reporters: its name and message, its stack mapped
// to the user's files, where it points in the project, and what an assertion compared.
func (r *Runner) mapError(v goja.Value, origin string) *event.TestError {
	ex := r.rt.Exception(v)
	te := &event.TestError{Name: ex.Name, Message: ex.Message, Origin: origin}
	if obj, ok := v.(*goja.Object); ok {
		if ex.Name == "" && !has(obj, "message") {
			// A thrown object that is no Error: print it whole, as vitest does.
			te.Message = r.rt.Inspect(v)
		}
		r.comparison(obj, te)
	}
	te.Stack = r.userFrames(ex.Stack)
	te.Location = r.location(te.Stack)
	return te
}

func has(obj *goja.Object, name string) bool {
	v := obj.Get(name)
	return v != nil && !goja.IsUndefined(v)
}

// comparison copies what an assertion compared: the printed actual and expected values, and
// the diff that the expect library made of them.
func (r *Runner) comparison(obj *goja.Object, te *event.TestError) {
	actual, expected := obj.Get("actual"), obj.Get("expected")
	showDiff := obj.Get("showDiff")
	switch {
	case showDiff != nil && !goja.IsUndefined(showDiff):
		te.ShowDiff = showDiff.ToBoolean()
	default:
		te.ShowDiff = has(obj, "actual") && has(obj, "expected")
	}
	if has(obj, "actual") {
		te.Actual = r.printed(actual)
	}
	if has(obj, "expected") {
		te.Expected = r.printed(expected)
	}
	if d := obj.Get("diff"); d != nil {
		if s, ok := d.Export().(string); ok {
			te.Diff = s
		}
	}
}

func (r *Runner) printed(v goja.Value) string {
	if s, ok := v.Export().(string); ok {
		return s
	}
	return r.rt.Inspect(v)
}

// userFrames keeps the frames of the user's code: dotest's own scripts and the frames of the
// bundle that no source map covered are dropped. Mapped columns are 0-based; frames carry
// them 1-based, at the start of the called name for a call, as V8 reports them.
func (r *Runner) userFrames(stack string) []event.Frame {
	var out []event.Frame
	for _, f := range jsrt.ParseStack(stack) {
		if strings.HasPrefix(f.File, "dotest:") || isBundlePath(f.File) {
			continue
		}
		col := r.callColumn(f.File, f.Line, f.Column+1)
		out = append(out, event.Frame{Function: f.Function, File: f.File, Line: f.Line, Column: col})
	}
	return out
}

// callColumn moves a call's position to the start of the called name. goja places a call
// just after its "(", where V8 (and so vitest) points at the name: "toBe" in
// expect(x).toBe(y), "it" in it("name", ...).
func (r *Runner) callColumn(file string, line, column int) int {
	text := r.lineText(file, line)
	i := utf16Index(text, column-1)
	if i < 1 || i > len(text) || text[i-1] != '(' {
		return column
	}
	j := i - 1
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	end := j
	for j > 0 && isIdentByte(text[j-1]) {
		j--
	}
	if j == end {
		return column
	}
	return column - utf16Len(text[j:i])
}

// utf16Index is the byte index of a 0-based UTF-16 column of text.
func utf16Index(text string, col int) int {
	if col < 0 {
		return -1
	}
	return utf16ColumnToByte(text, col)
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func isBundlePath(file string) bool {
	return strings.Contains(filepath.ToSlash(file), "/.dotest/")
}

// location is the first frame in the project outside node_modules, with its source line.
func (r *Runner) location(frames []event.Frame) *diag.Location {
	for _, f := range frames {
		if !r.inProject(f.File) {
			continue
		}
		return r.at(f.File, f.Line, f.Column)
	}
	return nil
}

func (r *Runner) inProject(file string) bool {
	slashed := filepath.ToSlash(file)
	if strings.Contains(slashed, "/node_modules/") {
		return false
	}
	root := filepath.ToSlash(r.root)
	return root != "" && strings.HasPrefix(slashed, strings.TrimSuffix(root, "/")+"/")
}

// lineText returns line n of file, reading each file once.
func (r *Runner) lineText(file string, n int) string {
	lines, ok := r.source[file]
	if !ok {
		data, err := os.ReadFile(file)
		if err == nil {
			lines = strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
		}
		r.source[file] = lines
	}
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}
