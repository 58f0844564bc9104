package cloudflaretest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/pool/event"
	"github.com/dotest-dev/dotest/reporters"
)

// suiteNode is a describe block (or the file) with its tests and describe blocks in the order
// they were declared. Describe blocks of the same name at the same level are one subtest.
type suiteNode struct {
	items []suiteItem
}

type suiteItem struct {
	test  *event.TestResult
	name  string
	suite *suiteNode
}

func buildSuites(tests []*event.TestResult) *suiteNode {
	root := &suiteNode{}
	for _, tr := range tests {
		n := root
		for _, s := range tr.Suites {
			n = n.suite(s)
		}
		n.items = append(n.items, suiteItem{test: tr})
	}
	return root
}

func (n *suiteNode) suite(name string) *suiteNode {
	for _, it := range n.items {
		if it.suite != nil && it.name == name {
			return it.suite
		}
	}
	s := &suiteNode{}
	n.items = append(n.items, suiteItem{name: name, suite: s})
	return s
}

// report turns a file's results into subtests of t, the file's subtest.
func (r *runner) report(t *testing.T, res *event.FileResult, logs map[string][]event.LogEntry) {
	writeLogs(t, logs[""])
	for _, e := range res.Errors {
		fmt.Fprint(t.Output(), r.renderError(e))
		t.Fail()
	}
	r.reportSuite(t, buildSuites(res.Tests), logs)
}

func (r *runner) reportSuite(t *testing.T, n *suiteNode, logs map[string][]event.LogEntry) {
	for _, it := range n.items {
		if it.suite != nil {
			t.Run(it.name, func(t *testing.T) { r.reportSuite(t, it.suite, logs) })
			continue
		}
		tr := it.test
		t.Run(tr.Name, func(t *testing.T) { r.reportTest(t, tr, logs[tr.ID]) })
	}
}

func (r *runner) reportTest(t *testing.T, tr *event.TestResult, logs []event.LogEntry) {
	writeLogs(t, logs)
	if tr.Retries > 0 {
		fmt.Fprintf(t.Output(), "retried %d times\n", tr.Retries)
	}
	switch tr.State {
	case event.Fail:
		for _, e := range tr.Errors {
			fmt.Fprint(t.Output(), r.renderError(e))
		}
		t.Fail()
	case event.NotRun:
		t.Errorf("not run: %s", tr.Note)
	case event.Skip:
		note := tr.Note
		if note == "" {
			note = "skipped in JavaScript"
		}
		fmt.Fprintln(t.Output(), note)
		t.SkipNow()
	case event.Todo:
		fmt.Fprintln(t.Output(), "todo")
		t.SkipNow()
	}
}

func writeLogs(t *testing.T, logs []event.LogEntry) {
	for _, l := range logs {
		fmt.Fprintln(t.Output(), strings.TrimRight(l.Text, "\n"))
	}
}

// renderError prints a JS failure for a Go test log: where, what, the diff, the code around
// the line, and the user's stack frames.
func (r *runner) renderError(e *event.TestError) string {
	var b strings.Builder
	if e.Location != nil {
		b.WriteString(r.relative(e.Location.String()) + ": ")
	}
	b.WriteString(e.Title() + "\n")
	if e.Origin != "" {
		b.WriteString("origin: " + e.Origin + "\n")
	}
	if d := reporters.Diff(e); d != "" {
		b.WriteString("\n" + d + "\n")
	}
	if e.Location != nil {
		if frame := diag.CodeFrame(*e.Location, "", 2); frame != "" {
			b.WriteString("\n" + frame + "\n")
		}
	}
	for _, f := range e.Stack {
		if internalFrame(f) || atLocation(f, e.Location) {
			continue
		}
		loc := r.relative(fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column))
		if f.Function != "" {
			b.WriteString("    at " + f.Function + " (" + loc + ")\n")
		} else {
			b.WriteString("    at " + loc + "\n")
		}
	}
	return b.String()
}

// atLocation reports the frame that the location above the code frame already shows.
func atLocation(f event.Frame, loc *diag.Location) bool {
	return loc != nil && f.File == loc.File && f.Line == loc.Line && f.Column == loc.Column
}

// internalFrame reports frames of dotest itself and of dependencies, which say nothing about
// the user's code.
func internalFrame(f event.Frame) bool {
	return f.File == "" || strings.HasPrefix(f.File, "dotest:") || strings.Contains(f.File, "/node_modules/") ||
		strings.HasPrefix(f.File, "<")
}

// relative shortens an absolute location to the package directory, where go test runs, so
// that editors and terminals can open it.
func (r *runner) relative(loc string) string {
	if r.cwd == "" || !filepath.IsAbs(loc) {
		return loc
	}
	if rel, err := filepath.Rel(r.cwd, loc); err == nil {
		return rel
	}
	return loc
}
