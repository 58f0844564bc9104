package project

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dotest-dev/dotest/internal/diag"
)

// source is a file that diagnostics point into.
type source struct {
	path  string // absolute
	shown string // as diagnostics show it: relative to the root when inside it
	lines []string
}

func newSource(root, path, text string) *source {
	return &source{path: path, shown: displayPath(root, path), lines: strings.Split(text, "\n")}
}

// displayPath shows path relative to root when it is inside root.
func displayPath(root, path string) string {
	rel, err := filepath.Rel(root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return path
	}
	return filepath.ToSlash(rel)
}

// at returns the location of p in the file; a zero p points at the file alone.
func (s *source) at(p pos) *diag.Location {
	loc := &diag.Location{File: s.shown, Line: p.line, Column: p.col}
	if p.line > 0 && p.line <= len(s.lines) {
		loc.LineText = strings.TrimRight(s.lines[p.line-1], "\r")
	}
	return loc
}

// collector gathers the diagnostics of one load.
type collector struct {
	diags diag.List
}

func (c *collector) add(kind diag.Kind, loc *diag.Location, hint, format string, args ...any) {
	c.diags = append(c.diags, diag.Diagnostic{
		Kind:     kind,
		Text:     fmt.Sprintf(format, args...),
		Location: loc,
		Hint:     hint,
	})
}

func (c *collector) errorf(loc *diag.Location, hint, format string, args ...any) {
	c.add(diag.Error, loc, hint, format, args...)
}

func (c *collector) warnf(loc *diag.Location, hint, format string, args ...any) {
	c.add(diag.Warning, loc, hint, format, args...)
}

// errors returns the errors (with the warnings, so that nothing found is lost) when there
// is any error, else nil.
func (c *collector) errors() error {
	if !c.diags.HasErrors() {
		return nil
	}
	return c.diags
}

// warnings returns the warnings alone.
func (c *collector) warnings() diag.List {
	var out diag.List
	for _, d := range c.diags {
		if d.Kind != diag.Error {
			out = append(out, d)
		}
	}
	return out
}
