// Package diag holds diagnostics: problems found in a user's project (a syntax error, an
// unresolved import, a bad config key, a failed assertion) as values with a location, so that
// each front end can render them its own way: a code frame for a terminal, file:line:col for
// editors and CI, plain text for tests.
package diag

import (
	"fmt"
	"strings"
)

// Kind says how bad a diagnostic is.
type Kind int

// The kinds of diagnostic.
const (
	Error Kind = iota
	Warning
	Note
)

func (k Kind) String() string {
	switch k {
	case Warning:
		return "warning"
	case Note:
		return "note"
	default:
		return "error"
	}
}

// Location points into a source file. Line and Column are 1-based; zero means unknown.
type Location struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	LineText string `json:"lineText,omitempty"` // the source line, when known
}

// String renders the location as file:line:col, dropping the parts that are unknown.
func (l Location) String() string {
	switch {
	case l.File == "":
		return ""
	case l.Line == 0:
		return l.File
	case l.Column == 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
	}
}

// Diagnostic is one problem with where it is and what to do about it.
type Diagnostic struct {
	Kind     Kind      `json:"kind"`
	Text     string    `json:"text"`
	Location *Location `json:"location,omitempty"`
	Hint     string    `json:"hint,omitempty"` // what the user can change: a flag, a config key, an import
	Notes    []string  `json:"notes,omitempty"`
}

// Error renders the diagnostic on one line, as file:line:col: kind: text.
func (d Diagnostic) Error() string {
	var b strings.Builder
	if d.Location != nil && d.Location.File != "" {
		b.WriteString(d.Location.String())
		b.WriteString(": ")
	}
	b.WriteString(d.Kind.String())
	b.WriteString(": ")
	b.WriteString(d.Text)
	return b.String()
}

// List is a set of diagnostics that is itself an error, so that a stage can report every
// problem it found at once.
type List []Diagnostic

// Error joins the diagnostics one per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

// HasErrors reports whether any diagnostic of the list is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Kind == Error {
			return true
		}
	}
	return false
}
