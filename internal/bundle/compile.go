package bundle

import (
	"encoding/base64"
	"errors"
	"os"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
	"github.com/go-sourcemap/sourcemap"

	"github.com/dotest-dev/dotest/internal/diag"
)

// compileHint is the hint of a bundle that goja rejects: esbuild accepted the code, so the
// syntax is one goja lacks and GojaSupported does not lower.
const compileHint = "goja, the JavaScript engine of dotest, does not support this syntax: " +
	"please report it to dotest with the line above"

// compile compiles a bundle as strict code, since every module of it is an ES module or
// bundled into one, as in workerd. A failure comes back as a diag.List located in the user's
// file when the source map covers it.
func compile(path, code string) (*goja.Program, error) {
	ast, err := parser.ParseFile(nil, path, code, 0)
	if err != nil {
		return nil, parseDiagnostics(path, code, err)
	}

	prg, err := goja.CompileAST(ast, true)
	if err != nil {
		return nil, compileDiagnostics(err)
	}
	return prg, nil
}

// parseDiagnostics turns goja parse errors into diagnostics. goja reads the source map only
// after a successful parse, so the positions are mapped here.
func parseDiagnostics(path, code string, err error) diag.List {
	var list parser.ErrorList
	if !errors.As(err, &list) {
		return diag.List{{Text: err.Error(), Hint: compileHint}}
	}

	consumer := inlineSourceMap(path, code)
	var out diag.List
	for _, e := range list {
		out = append(out, diag.Diagnostic{
			Text:     e.Message,
			Location: mapPosition(consumer, path, e.Position),
			Hint:     compileHint,
		})
	}
	return out
}

// compileDiagnostics turns a goja compile error into a diagnostic. Its position is already
// mapped through the source map that the parser read.
func compileDiagnostics(err error) diag.List {
	var syntax *goja.CompilerSyntaxError
	var reference *goja.CompilerReferenceError
	var ce *goja.CompilerError
	switch {
	case errors.As(err, &syntax):
		ce = &syntax.CompilerError
	case errors.As(err, &reference):
		ce = &reference.CompilerError
	}
	if ce == nil || ce.File == nil {
		return diag.List{{Text: err.Error(), Hint: compileHint}}
	}

	pos := ce.File.Position(ce.Offset)
	if pos.Filename != ce.File.Name() {
		pos.Column++ // a mapped column is 0-based
	}
	return diag.List{{Text: ce.Message, Location: located(pos.Filename, pos.Line, pos.Column), Hint: compileHint}}
}

// inlineSourceMap decodes the inline source map at the end of code, or returns nil.
func inlineSourceMap(path, code string) *sourcemap.Consumer {
	const marker = "//# sourceMappingURL=data:application/json;base64,"
	i := strings.LastIndex(code, marker)
	if i < 0 {
		return nil
	}
	data, err := base64.StdEncoding.DecodeString(strings.TrimSpace(code[i+len(marker):]))
	if err != nil {
		return nil
	}
	consumer, err := sourcemap.Parse(path, data)
	if err != nil {
		return nil
	}
	return consumer
}

// mapPosition maps a position in the bundle to the user's file when the source map covers
// it. Source map columns are 0-based; goja's and diagnostics' are 1-based.
func mapPosition(consumer *sourcemap.Consumer, path string, pos file.Position) *diag.Location {
	if consumer != nil {
		if source, _, line, col, ok := consumer.Source(pos.Line, pos.Column-1); ok {
			if u := file.ResolveSourcemapURL(path, source); u != nil {
				source = u.Path
			}
			return located(source, line, col+1)
		}
	}
	return located(pos.Filename, pos.Line, pos.Column)
}

// located builds a location, with the text of the line when the file can be read.
func located(path string, line, col int) *diag.Location {
	loc := &diag.Location{File: path, Line: line, Column: col}
	if data, err := os.ReadFile(path); err == nil {
		lines := strings.Split(string(data), "\n")
		if line >= 1 && line <= len(lines) {
			loc.LineText = strings.TrimRight(lines[line-1], "\r")
		}
	}
	return loc
}
