package reporters

import (
	"slices"
	"strings"
	"time"

	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/pool/event"
)

// The scenarios the golden files show, each a run as the pool streams it, with fixed times.

// t0 is when every scenario starts.
var t0 = time.Date(2025, 3, 14, 13, 2, 1, 0, time.UTC)

// testRoot is the project the scenarios run in; its files give the code frames.
const testRoot = "testdata/project"

// fileSpec is one test file of a scenario.
type fileSpec struct {
	path     string
	suites   []event.Task                // collected describe blocks
	tests    []*event.TestResult         // reported one by one, in order
	notRun   []*event.TestResult         // only in the file's final result
	logs     map[string][]event.LogEntry // printed before the test of that id ends; "" at the start
	state    event.State
	duration time.Duration
	errors   []*event.TestError
}

// scenario is a whole run.
type scenario struct {
	name     string
	files    []fileSpec
	warnings diag.List
	snaps    *event.SnapshotSummary
	// interleave streams the files' events alternately, as parallel workers do.
	interleave bool
}

// test builds a test result; name is "suite > suite > test".
func test(id, name string, line int, state event.State, ms int, errs ...*event.TestError) *event.TestResult {
	parts := strings.Split(name, " > ")
	mode := "run"
	switch state {
	case event.Skip:
		mode = "skip"
	case event.Todo:
		mode = "todo"
	}
	return &event.TestResult{
		Task: event.Task{ID: id, Name: parts[len(parts)-1], Suites: parts[:len(parts)-1], Mode: mode,
			Line: line, Column: 3},
		State:    state,
		Duration: time.Duration(ms) * time.Millisecond,
		Errors:   errs,
	}
}

// suite builds a collected describe block; name is "outer > inner".
func suite(id, name, mode string, line int) event.Task {
	parts := strings.Split(name, " > ")
	return event.Task{ID: id, Name: parts[len(parts)-1], Suites: parts[:len(parts)-1], Suite: true, Mode: mode,
		Line: line, Column: 1}
}

// events streams a scenario.
func (s scenario) events() []event.Event {
	clock := t0
	tick := func(d time.Duration) time.Time { clock = clock.Add(d); return clock }
	var paths []string
	for _, f := range s.files {
		paths = append(paths, f.path)
	}
	info := &event.RunInfo{Root: testRoot, Files: paths, Started: t0, Warnings: s.warnings}
	evs := []event.Event{{Kind: event.RunStart, Time: t0, Run: info}}

	streams := make([][]event.Event, len(s.files))
	var results []*event.FileResult
	for i, f := range s.files {
		var res *event.FileResult
		streams[i], res = f.events(tick)
		results = append(results, res)
	}
	if s.interleave {
		evs = append(evs, interleave(streams)...)
	} else {
		for _, st := range streams {
			evs = append(evs, st...)
		}
	}

	end := &event.RunInfo{Root: testRoot, Files: paths, Started: t0, Duration: 1260 * time.Millisecond,
		Results: results, Warnings: s.warnings, Snapshots: s.snaps}
	return append(evs, event.Event{Kind: event.RunEnd, Time: t0.Add(1260 * time.Millisecond), Run: end})
}

// events streams one file and returns its final result.
func (f fileSpec) events(tick func(time.Duration) time.Time) ([]event.Event, *event.FileResult) {
	at := tick(time.Millisecond)
	evs := []event.Event{{Kind: event.FileStart, Time: at, File: f.path}}
	for _, l := range f.logs[""] {
		evs = append(evs, event.Event{Kind: event.Log, Time: at, File: f.path, Entry: &l})
	}

	tasks := append([]event.Task{}, f.suites...)
	for _, t := range append(append([]*event.TestResult{}, f.tests...), f.notRun...) {
		tasks = append(tasks, t.Task)
	}
	// The pool collects in declaration order.
	slices.SortStableFunc(tasks, func(a, b event.Task) int { return a.Line - b.Line })
	evs = append(evs, event.Event{Kind: event.FileCollected, Time: at, File: f.path, Tasks: tasks})

	for _, t := range f.tests {
		start := tick(time.Millisecond)
		started := &event.TestResult{Task: t.Task}
		evs = append(evs, event.Event{Kind: event.TestStart, Time: start, File: f.path, Test: started})
		for _, l := range f.logs[t.ID] {
			evs = append(evs, event.Event{Kind: event.Log, Time: start, File: f.path, Entry: &l})
		}
		evs = append(evs, event.Event{Kind: event.TestEnd, Time: tick(t.Duration), File: f.path, Test: t})
	}

	state := f.state
	if state == "" {
		state = event.Pass
	}
	res := &event.FileResult{File: f.path, State: state, Duration: f.duration,
		Tests: append(append([]*event.TestResult{}, f.tests...), f.notRun...), Errors: f.errors}
	evs = append(evs, event.Event{Kind: event.FileEnd, Time: tick(time.Millisecond), File: f.path, Result: res})
	return evs, res
}

// interleave takes one event of each stream in turn.
func interleave(streams [][]event.Event) []event.Event {
	var out []event.Event
	for more := true; more; {
		more = false
		for i := range streams {
			if len(streams[i]) > 0 {
				out = append(out, streams[i][0])
				streams[i] = streams[i][1:]
				more = true
			}
		}
	}
	return out
}

// counterFile is a file whose tests all pass, one of them slow, one after two retries.
func counterFile() fileSpec {
	retried := test("c4", "Counter > increment > adds one", 11, event.Pass, 2)
	retried.Retries = 2
	return fileSpec{
		path: "test/counter.test.ts",
		suites: []event.Task{
			suite("c1", "Counter", "run", 4),
			suite("c2", "Counter > increment", "run", 10),
		},
		tests: []*event.TestResult{
			test("c3", "Counter > starts at zero", 5, event.Pass, 3),
			retried,
			test("c5", "Counter > increment > persists across evictions", 16, event.Pass, 352),
		},
		duration: 361 * time.Millisecond,
	}
}

func storageFile() fileSpec {
	return fileSpec{
		path: "test/storage.test.ts",
		tests: []*event.TestResult{
			test("s1", "writes and reads a key", 4, event.Pass, 4),
			test("s2", "lists keys", 10, event.Pass, 1),
		},
		duration: 9 * time.Millisecond,
	}
}

func loc(file string, line, col int) *diag.Location {
	return &diag.Location{File: file, Line: line, Column: col}
}

// mathFile fails in several ways: a diff built from the values, a ready-made diff, an
// error thrown in the code under test, and two cases of test.each failing the same way.
func mathFile() fileSpec {
	negative := &event.TestError{
		Name: "AssertionError", Message: "expected -2 to be -1 // Object.is equality",
		Expected: "-1", Actual: "-2", ShowDiff: true,
		Location: loc("test/math.test.ts", 10, 25),
		Stack:    []event.Frame{{File: "test/math.test.ts", Line: 10, Column: 25}},
	}
	divide := &event.TestError{
		Name: "RangeError", Message: "cannot divide by zero",
		Location: loc("src/math.ts", 7, 11),
		Stack: []event.Frame{
			{Function: "divide", File: "src/math.ts", Line: 7, Column: 11},
			{File: "test/math.test.ts", Line: 16, Column: 12},
		},
	}
	equal := &event.TestError{
		Name: "AssertionError",
		Message: "expected { quotient: 3, remainder: 1, exact: false } " +
			"to deeply equal { quotient: 3, remainder: 1, exact: true }",
		Expected: "{\n  \"exact\": true,\n  \"quotient\": 3,\n  \"remainder\": 1,\n}",
		Actual:   "{\n  \"exact\": false,\n  \"quotient\": 3,\n  \"remainder\": 1,\n}",
		ShowDiff: true,
		Diff:     "  {\n-   \"exact\": true,\n+   \"exact\": false,\n    \"quotient\": 3,\n    \"remainder\": 1,\n  }",
		Location: loc("test/math.test.ts", 21, 20),
		Stack:    []event.Frame{{File: "test/math.test.ts", Line: 21, Column: 20}},
	}
	fraction := func() *event.TestError {
		return &event.TestError{
			Name: "AssertionError", Message: "expected +0 not to be +0 // Object.is equality",
			Location: loc("test/math.test.ts", 26, 28),
			Stack:    []event.Frame{{File: "test/math.test.ts", Line: 26, Column: 28}},
		}
	}
	return fileSpec{
		path: "test/math.test.ts",
		suites: []event.Task{
			suite("m1", "add", "run", 4),
			suite("m2", "divide", "run", 14),
		},
		tests: []*event.TestResult{
			test("m3", "add > adds two numbers", 5, event.Pass, 1),
			test("m4", "add > adds negative numbers", 9, event.Fail, 4, negative),
			test("m5", "divide > divides by zero", 15, event.Fail, 2, divide),
			test("m6", "divide > describes a division", 19, event.Fail, 5, equal),
			test("m7", "rounds 0.5 to a fraction", 25, event.Fail, 1, fraction()),
			test("m8", "rounds 1.5 to a fraction", 25, event.Fail, 1, fraction()),
		},
		state:    event.Fail,
		duration: 18 * time.Millisecond,
	}
}

// scenarios are the runs every reporter is shown.
func scenarios() []scenario {
	return []scenario{
		{
			name:  "pass",
			files: []fileSpec{counterFile(), storageFile()},
			snaps: &event.SnapshotSummary{Written: 2},
		},
		{
			name:  "fail",
			files: []fileSpec{mathFile(), counterFile()},
			snaps: &event.SnapshotSummary{Failed: 1, Obsolete: 1},
		},
		skipScenario(),
		syntaxScenario(),
		logsScenario(),
		notRunScenario(),
		{name: "empty"},
	}
}

func skipScenario() scenario {
	skip := test("k2", "skips with a reason", 7, event.Skip, 0)
	skip.Note = "needs a network"
	return scenario{
		name: "skip",
		files: []fileSpec{
			{
				path:   "test/skip.test.ts",
				suites: []event.Task{suite("k4", "later", "skip", 12)},
				tests: []*event.TestResult{
					test("k1", "runs", 3, event.Pass, 2),
					skip,
					test("k3", "is planned", 10, event.Todo, 0),
					test("k5", "later > first", 13, event.Skip, 0),
					test("k6", "later > second", 14, event.Skip, 0),
				},
				duration: 5 * time.Millisecond,
			},
			{
				path:     "test/off.test.ts",
				tests:    []*event.TestResult{test("o1", "is off", 3, event.Skip, 0)},
				state:    event.Skip,
				duration: 1 * time.Millisecond,
			},
		},
		warnings: diag.List{{
			Kind: diag.Warning, Text: "compatibility_date is in the future",
			Location: loc("wrangler.jsonc", 4, 25), Hint: "set compatibility_date to today's date or earlier",
		}},
	}
}

func syntaxScenario() scenario {
	return scenario{
		name: "syntax",
		files: []fileSpec{
			{
				path:  "test/broken.test.ts",
				state: event.Fail,
				errors: []*event.TestError{{
					Name: "SyntaxError", Message: "Expected \"}\" but found \"b\"",
					Location: &diag.Location{File: "test/broken.test.ts", Line: 4, Column: 24,
						LineText: "  const value = { a: 1 b: 2 };"},
				}},
				duration: 2 * time.Millisecond,
			},
			storageFile(),
		},
	}
}

func logsScenario() scenario {
	counter := counterFile()
	counter.logs = map[string][]event.LogEntry{
		"":   {{Stream: "stdout", Text: "setting up the counter namespace"}},
		"c3": {{TestID: "c3", Stream: "stdout", Text: "count is 0\n"}},
		"c5": {
			{TestID: "c5", Stream: "stdout", Text: "evicting <Counter c>"},
			{TestID: "c5", Stream: "stderr", Text: "warning: alarm still pending & will be cancelled"},
		},
	}
	storage := storageFile()
	storage.logs = map[string][]event.LogEntry{"s2": {{TestID: "s2", Stream: "stdout", Text: "keys: []"}}}
	return scenario{name: "logs", files: []fileSpec{counter, storage}, interleave: true}
}

func notRunScenario() scenario {
	timeout := &event.TestError{
		Name: "Error", Message: "Test timed out in 5000ms.",
		Location: loc("test/loop.test.ts", 7, 1),
		Stack:    []event.Frame{{File: "test/loop.test.ts", Line: 7, Column: 1}},
	}
	never := test("l3", "never runs", 11, event.NotRun, 0)
	never.Note = "runtime discarded"
	return scenario{
		name: "notrun",
		files: []fileSpec{
			{
				path: "test/loop.test.ts",
				tests: []*event.TestResult{
					test("l1", "returns", 3, event.Pass, 1),
					test("l2", "spins", 7, event.Fail, 5000, timeout),
				},
				notRun: []*event.TestResult{never, test("l4", "never runs either", 13, event.NotRun, 0)},
				state:  event.Fail,
				errors: []*event.TestError{{
					Name: "Error",
					Message: "the runtime of test/loop.test.ts was discarded: " +
						"a test did not yield for 5000ms (an infinite loop?)",
				}},
				duration: 5012 * time.Millisecond,
			},
			storageFile(),
		},
	}
}
