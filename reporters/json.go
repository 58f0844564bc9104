package reporters

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/dotest-dev/dotest/pool/event"
)

// jsonReporter writes vitest's JSON report (itself the shape of Jest's --json) at RunEnd.
type jsonReporter struct {
	out  sink
	opts Options
	run  *run
	done bool
}

func newJSON(w io.Writer, opts Options) *jsonReporter {
	return &jsonReporter{out: sink{w: w}, opts: opts, run: newRun(opts)}
}

func (r *jsonReporter) Event(e event.Event) {
	if r.done {
		return
	}
	r.run.observe(e)
	if e.Kind == event.RunEnd {
		r.finish()
	}
}

func (r *jsonReporter) Close() error {
	if !r.done {
		r.finish()
	}
	return r.out.err
}

func (r *jsonReporter) finish() {
	r.done = true
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r.report()); err != nil {
		r.out.err = fmt.Errorf("failed to encode json report: %w", err)
		return
	}
	writeReport(&r.out, r.opts, r.run.paths.root, "JSON", buf.String())
}

// The report's types; field order is vitest's, so the two reports diff cleanly.
type (
	jsonReport struct {
		NumTotalTestSuites   int          `json:"numTotalTestSuites"`
		NumPassedTestSuites  int          `json:"numPassedTestSuites"`
		NumFailedTestSuites  int          `json:"numFailedTestSuites"`
		NumPendingTestSuites int          `json:"numPendingTestSuites"`
		NumTotalTests        int          `json:"numTotalTests"`
		NumPassedTests       int          `json:"numPassedTests"`
		NumFailedTests       int          `json:"numFailedTests"`
		NumPendingTests      int          `json:"numPendingTests"`
		NumTodoTests         int          `json:"numTodoTests"`
		Snapshot             jsonSnapshot `json:"snapshot"`
		StartTime            int64        `json:"startTime"`
		Success              bool         `json:"success"`
		TestResults          []jsonFile   `json:"testResults"`
	}

	jsonFile struct {
		AssertionResults []jsonAssertion `json:"assertionResults"`
		StartTime        int64           `json:"startTime"`
		EndTime          int64           `json:"endTime"`
		Status           string          `json:"status"`
		Message          string          `json:"message"`
		Name             string          `json:"name"`
	}

	jsonAssertion struct {
		AncestorTitles  []string       `json:"ancestorTitles"`
		FullName        string         `json:"fullName"`
		Status          string         `json:"status"`
		Title           string         `json:"title"`
		Duration        *float64       `json:"duration,omitempty"`
		FailureMessages []string       `json:"failureMessages"`
		Location        *jsonLocation  `json:"location,omitempty"`
		Meta            map[string]any `json:"meta"`
		Tags            []string       `json:"tags"`
	}

	jsonLocation struct {
		Line   int `json:"line"`
		Column int `json:"column"`
	}

	// jsonSnapshot is vitest's snapshot summary. The events count written, updated,
	// obsolete and failed snapshots only: matched and the per-file counts stay zero.
	jsonSnapshot struct {
		Added               int      `json:"added"`
		DidUpdate           bool     `json:"didUpdate"`
		Failure             bool     `json:"failure"`
		FilesAdded          int      `json:"filesAdded"`
		FilesRemoved        int      `json:"filesRemoved"`
		FilesRemovedList    []string `json:"filesRemovedList"`
		FilesUnmatched      int      `json:"filesUnmatched"`
		FilesUpdated        int      `json:"filesUpdated"`
		Matched             int      `json:"matched"`
		Total               int      `json:"total"`
		Unchecked           int      `json:"unchecked"`
		UncheckedKeysByFile []any    `json:"uncheckedKeysByFile"`
		Unmatched           int      `json:"unmatched"`
		Updated             int      `json:"updated"`
	}
)

func (r *jsonReporter) report() jsonReport {
	start := r.run.startTime()
	rep := jsonReport{
		StartTime:   start.UnixMilli(),
		Snapshot:    snapshotJSON(r.run.snaps),
		TestResults: []jsonFile{},
	}
	files := r.run.fileList()
	for _, f := range files {
		r.countSuites(&rep, f)
		rep.TestResults = append(rep.TestResults, r.file(&rep, f, start))
	}
	rep.Success = len(files) > 0 && rep.NumFailedTestSuites == 0 && rep.NumFailedTests == 0
	return rep
}

// countSuites counts the file and its describe blocks, which vitest all calls suites.
func (r *jsonReporter) countSuites(rep *jsonReport, f *fileRun) {
	count := func(s event.State, mode string) {
		rep.NumTotalTestSuites++
		switch {
		case s == event.Fail:
			rep.NumFailedTestSuites++
		case mode == "todo":
			rep.NumPendingTestSuites++
		default:
			rep.NumPassedTestSuites++
		}
	}
	count(f.state(), "")
	var visit func(n *node)
	visit = func(n *node) {
		for _, c := range n.children {
			if c.suite {
				count(c.state(), c.mode)
				visit(c)
			}
		}
	}
	visit(buildTree(f))
}

// file is the entry of one test file, counting its tests into rep.
func (r *jsonReporter) file(rep *jsonReport, f *fileRun, runStart time.Time) jsonFile {
	tests := f.tests()
	out := jsonFile{AssertionResults: []jsonAssertion{}, Status: "passed", Name: r.run.paths.abs(f.path)}
	if f.failed() {
		out.Status = "failed"
	}
	if errs := f.errors(); len(errs) > 0 {
		out.Message = errs[0].Message
	}

	first := int64(math.MaxInt64)
	for _, t := range tests {
		if at, ok := f.starts[t.ID]; ok {
			first = min(first, at.UnixMilli())
		}
	}
	if first == math.MaxInt64 {
		first = runStart.UnixMilli()
	}
	out.StartTime, out.EndTime = first, first
	for _, t := range tests {
		if at, ok := f.starts[t.ID]; ok {
			out.EndTime = max(out.EndTime, at.Add(t.Duration).UnixMilli())
		}
		out.AssertionResults = append(out.AssertionResults, r.assertion(rep, t))
	}
	return out
}

// assertion is the entry of one test, counted into rep.
func (r *jsonReporter) assertion(rep *jsonReport, t *event.TestResult) jsonAssertion {
	rep.NumTotalTests++
	a := jsonAssertion{
		AncestorTitles:  append([]string{}, t.Suites...),
		FullName:        strings.Join(append(append([]string{}, t.Suites...), t.Name), " "),
		Title:           t.Name,
		FailureMessages: []string{},
		Meta:            map[string]any{},
		Tags:            []string{},
	}
	switch testState(t) {
	case event.Pass:
		a.Status = "passed"
		rep.NumPassedTests++
	case event.Fail:
		a.Status = "failed"
		rep.NumFailedTests++
	case event.Skip:
		a.Status = "skipped"
		rep.NumPendingTests++
	case event.Todo:
		a.Status = "todo"
		rep.NumTodoTests++
	default:
		// A test that never ran is pending, as vitest reports a test without a result.
		a.Status = "pending"
		rep.NumPendingTests++
	}
	if a.Status == "passed" || a.Status == "failed" {
		d := millis(t.Duration)
		a.Duration = &d
	}
	for _, e := range t.Errors {
		a.FailureMessages = append(a.FailureMessages, r.stackText(e))
	}
	if t.Line > 0 {
		a.Location = &jsonLocation{Line: t.Line, Column: t.Column}
	}
	return a
}

// stackText is the error as JavaScript's Error.stack prints it, "Name: message" then one
// "    at" line a frame, with absolute paths.
func (r *jsonReporter) stackText(e *event.TestError) string {
	var b strings.Builder
	b.WriteString(e.Title())
	for _, f := range e.Stack {
		pos := fmt.Sprintf("%s:%d:%d", r.run.paths.abs(f.File), f.Line, f.Column)
		if f.Function != "" {
			pos = f.Function + " (" + pos + ")"
		}
		b.WriteString("\n    at " + pos)
	}
	return b.String()
}

func snapshotJSON(s *event.SnapshotSummary) jsonSnapshot {
	out := jsonSnapshot{FilesRemovedList: []string{}, UncheckedKeysByFile: []any{}}
	if s == nil {
		return out
	}
	out.Added = s.Written
	out.Updated = s.Updated
	out.Unchecked = s.Obsolete
	out.Unmatched = s.Failed
	out.Failure = s.Failed > 0
	out.DidUpdate = s.Updated > 0
	out.Total = s.Written + s.Updated + s.Failed
	return out
}
