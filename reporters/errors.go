package reporters

import (
	"fmt"
	"os"
	"strings"

	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/pool/event"
)

// codeFrameContext is how many lines a code frame shows on each side of the failing one.
const codeFrameContext = 2

// errorPrinter renders a TestError as vitest prints one: the name and message, the diff,
// then the stack with a code frame under the user's frame.
type errorPrinter struct {
	c       palette
	paths   paths
	sources map[string]string // file contents read for code frames, by path
}

func newErrorPrinter(c palette, p paths) *errorPrinter {
	return &errorPrinter{c: c, paths: p, sources: map[string]string{}}
}

// print writes the block of e to b. With frame, the user's line is shown as a code frame
// under its stack frame; reports meant for tools leave it out, as vitest does.
func (p *errorPrinter) print(b *strings.Builder, e *event.TestError, frame bool) {
	c := p.c
	name := e.Name
	if name == "" {
		name = "Unknown Error"
	}
	if e.Message == "" {
		b.WriteString(c.red(c.bold(name)) + "\n")
	} else {
		b.WriteString(c.red(c.bold(name)+": "+e.Message) + "\n")
	}
	if e.Origin != "" {
		b.WriteString(c.dim("Origin: "+e.Origin) + "\n")
	}

	if d := renderDiff(c, e); d != "" {
		b.WriteString("\n" + d + "\n\n")
	}

	stack, nearest := p.stack(e)
	for i, f := range stack {
		color := c.gray
		if i == nearest {
			color = c.cyan
		}
		b.WriteString(color(" "+c.dim("❯")+" "+p.frameText(f)) + "\n")
		if i == nearest && frame {
			b.WriteString(p.codeFrame(*e.Location))
		}
	}
	if len(stack) > 0 {
		b.WriteString("\n")
	}
}

// plain renders e without colour or code frame, the text the JUnit and GitHub reports
// carry.
func (p *errorPrinter) plain(e *event.TestError) string {
	var b strings.Builder
	q := errorPrinter{paths: p.paths, sources: p.sources}
	q.print(&b, e, false)
	return b.String()
}

// stack returns the frames to print and the index of the user's frame among them (-1 when
// there is none). The frame of Location is added in front when the stack lacks it.
func (p *errorPrinter) stack(e *event.TestError) ([]event.Frame, int) {
	frames := make([]event.Frame, 0, len(e.Stack)+1)
	for _, f := range e.Stack {
		if !internalFrame(f) {
			frames = append(frames, f)
		}
	}
	if e.Location == nil || e.Location.File == "" {
		return frames, -1
	}
	loc := e.Location
	for i, f := range frames {
		if p.paths.rel(f.File) == p.paths.rel(loc.File) && f.Line == loc.Line && f.Column == loc.Column {
			return frames, i
		}
	}
	first := event.Frame{File: loc.File, Line: loc.Line, Column: loc.Column}
	return append([]event.Frame{first}, frames...), 0
}

// internalFrame reports whether a frame is in dotest's own JavaScript (the expect library,
// the test API), whose programs are named "dotest:<file>". Printed errors leave those frames
// out, as vitest leaves out its own; the JSON report keeps the whole stack.
func internalFrame(f event.Frame) bool {
	return strings.HasPrefix(f.File, "dotest:")
}

// frameText is "function file:line:col", the function left out when anonymous.
func (p *errorPrinter) frameText(f event.Frame) string {
	pos := p.paths.rel(f.File) + ":" + p.c.dim(fmt.Sprintf("%d:%d", f.Line, f.Column))
	if f.Function == "" {
		return pos
	}
	return f.Function + " " + pos
}

// codeFrame renders the lines around loc, indented under the stack frame as vitest does.
// The file is read from disk; when it cannot be, the line the error carries is shown alone.
func (p *errorPrinter) codeFrame(loc diag.Location) string {
	context := codeFrameContext
	src, ok := p.source(loc.File)
	if !ok {
		if loc.LineText == "" || loc.Line <= 0 {
			return ""
		}
		src, context = strings.Repeat("\n", loc.Line-1)+loc.LineText, 0
	}
	frame := diag.CodeFrame(loc, src, context)
	if frame == "" {
		return ""
	}

	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSuffix(frame, "\n"), "\n") {
		// A blank source line leaves a space after its gutter, which vitest does not print.
		b.WriteString("    " + p.colorFrameLine(strings.TrimRight(line, " ")) + "\n")
	}
	return b.String()
}

// source returns the contents of a file, read once.
func (p *errorPrinter) source(file string) (string, bool) {
	path := p.paths.abs(file)
	if src, ok := p.sources[path]; ok {
		return src, src != ""
	}
	data, err := os.ReadFile(path)
	if err != nil {
		p.sources[path] = ""
		return "", false
	}
	p.sources[path] = string(data)
	return string(data), len(data) > 0
}

// isCaretLine reports whether a line of a code frame is the one with the caret.
func isCaretLine(line string) bool {
	i := strings.Index(line, "|")
	return i >= 0 && strings.TrimSpace(line[:i]) == "" && strings.TrimSpace(line[i+1:]) == "^"
}

// colorFrameLine greys the gutter of a code frame line and reddens its caret.
func (p *errorPrinter) colorFrameLine(line string) string {
	i := strings.Index(line, "|")
	if i < 0 || !p.c.on {
		return line
	}
	gutter, text := line[:i+1], line[i+1:]
	if isCaretLine(line) {
		text = strings.Replace(text, "^", p.c.red("^"), 1)
	}
	return p.c.gray(gutter) + text
}
