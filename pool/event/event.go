// Package event defines what a dotest run reports as it goes: the events that the pool emits
// for each file and test, and the results they carry. Reporters and the Go API consume them;
// the test runner produces them. It is a leaf package so that every stage can share it.
package event

import (
	"time"

	"github.com/dotest-dev/dotest/internal/diag"
)

// EventKind names what an Event reports.
type EventKind string

// The kinds of event, in the order a run emits them. For each file: FileStart, then
// FileCollected once its tests are known, TestStart/TestEnd per test (Log in between), and
// FileEnd. RunStart comes first and RunEnd last.
const (
	RunStart      EventKind = "run-start"
	FileStart     EventKind = "file-start"
	FileCollected EventKind = "file-collected"
	TestStart     EventKind = "test-start"
	TestEnd       EventKind = "test-end"
	Log           EventKind = "log"
	FileEnd       EventKind = "file-end"
	RunEnd        EventKind = "run-end"
)

// State is the outcome of a test or a file.
type State string

// The outcomes. NotRun is for tests that could not run because their runtime had to be
// discarded (an interrupted infinite loop, a panic); the reason is in the file's errors.
const (
	Pass   State = "pass"
	Fail   State = "fail"
	Skip   State = "skip"
	Todo   State = "todo"
	NotRun State = "notrun"
)

// Event is one thing that happened in a run. Only the fields of its Kind are set.
type Event struct {
	Kind EventKind `json:"kind"`
	Time time.Time `json:"time"`

	// File is the test file's path relative to the project root; empty for run events.
	File string `json:"file,omitempty"`

	Run    *RunInfo    `json:"run,omitempty"`    // RunStart, RunEnd
	Tasks  []Task      `json:"tasks,omitempty"`  // FileCollected: every test and suite of the file
	Test   *TestResult `json:"test,omitempty"`   // TestStart (State empty), TestEnd
	Entry  *LogEntry   `json:"log,omitempty"`    // Log
	Result *FileResult `json:"result,omitempty"` // FileEnd
}

// RunInfo describes the whole run: at RunStart what is planned, at RunEnd what happened.
type RunInfo struct {
	Root      string           `json:"root"`
	Files     []string         `json:"files"`
	Shard     string           `json:"shard,omitempty"` // "i/n" when sharded
	Started   time.Time        `json:"started"`
	Duration  time.Duration    `json:"duration,omitempty"`
	Results   []*FileResult    `json:"-"`
	Warnings  diag.List        `json:"warnings,omitempty"`
	Snapshots *SnapshotSummary `json:"snapshots,omitempty"`
}

// SnapshotSummary counts what happened to snapshots in a file or a run.
type SnapshotSummary struct {
	Written  int `json:"written"`
	Updated  int `json:"updated"`
	Obsolete int `json:"obsolete"`
	Failed   int `json:"failed"`
}

// Add counts o's snapshots in s too.
func (s *SnapshotSummary) Add(o SnapshotSummary) {
	s.Written += o.Written
	s.Updated += o.Updated
	s.Obsolete += o.Obsolete
	s.Failed += o.Failed
}

// Task is a test or a suite as collected, before it runs.
type Task struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Suites []string `json:"suites,omitempty"` // names of the enclosing describes, outermost first
	Suite  bool     `json:"suite,omitempty"`  // a describe block rather than a test
	Mode   string   `json:"mode"`             // "run", "skip", "only" or "todo"
	Line   int      `json:"line,omitempty"`   // where it was declared in the test file
	Column int      `json:"column,omitempty"`
}

// FullName is the task's name prefixed by its suites, separated by " > " as vitest prints it.
func (t Task) FullName() string {
	name := ""
	for _, s := range t.Suites {
		name += s + " > "
	}
	return name + t.Name
}

// TestResult is the outcome of one test.
type TestResult struct {
	Task
	State    State         `json:"state,omitempty"`
	Duration time.Duration `json:"duration"`
	Retries  int           `json:"retries,omitempty"`
	Errors   []*TestError  `json:"errors,omitempty"`
	Note     string        `json:"note,omitempty"` // why a test was skipped or not run
}

// TestError is one failure: an assertion, a thrown value, a timeout, an error in a hook or an
// unhandled rejection.
type TestError struct {
	Name     string  `json:"name"`    // "AssertionError", "TypeError", ...
	Message  string  `json:"message"` // first line(s) of the error, without the name
	Stack    []Frame `json:"stack,omitempty"`
	Actual   string  `json:"actual,omitempty"` // printed values, for the diff
	Expected string  `json:"expected,omitempty"`
	ShowDiff bool    `json:"showDiff,omitempty"`
	Diff     string  `json:"diff,omitempty"` // a ready-made diff when the matcher built one

	// Location is the user's frame the failure points at (the first stack frame in a project
	// file other than node_modules), with its source line.
	Location *diag.Location `json:"location,omitempty"`

	// Origin says where it was caught when that is not the test body: "beforeAll",
	// "afterEach", "unhandled rejection", "timer", ...
	Origin string `json:"origin,omitempty"`
}

// Title is "Name: message", or the part of it that is known: a thrown non-Error has no name.
func (e *TestError) Title() string {
	switch {
	case e.Name == "":
		return e.Message
	case e.Message == "":
		return e.Name
	default:
		return e.Name + ": " + e.Message
	}
}

// Frame is one stack frame, mapped through source maps to the user's file.
type Frame struct {
	Function string `json:"function,omitempty"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
}

// FileResult is the outcome of one test file.
type FileResult struct {
	File     string        `json:"file"`
	State    State         `json:"state"`
	Duration time.Duration `json:"duration"`
	Tests    []*TestResult `json:"tests"`

	// Snapshots counts what the file did to its snapshots.
	Snapshots SnapshotSummary `json:"snapshots"`

	// Errors are the failures that belong to no single test: a syntax error, an unresolved
	// import, a failing beforeAll/afterAll, an error after the tests ended, an interrupted
	// runtime, a Go panic.
	Errors []*TestError `json:"errors,omitempty"`
}

// LogEntry is one line of console output from a test file, attributed to the test that was
// running when it was printed (TestID empty outside any test).
type LogEntry struct {
	TestID string `json:"testId,omitempty"`
	Stream string `json:"stream"` // "stdout" or "stderr"
	Text   string `json:"text"`
}
