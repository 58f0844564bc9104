package reporters

import (
	"slices"
	"time"

	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/pool/event"
)

// run is what a reporter has learnt from the events so far. Every reporter keeps one, so
// that each can render the whole run at its end from the stream alone, whether the events
// come live from the pool or are read back from a log.
type run struct {
	paths    paths
	now      func() time.Time
	started  time.Time
	duration time.Duration
	ended    bool
	planned  []string
	shard    string
	files    map[string]*fileRun
	arrival  []string
	warnings diag.List
	snaps    *event.SnapshotSummary
	results  []*event.FileResult // RunInfo.Results, used when no FileEnd was seen
}

// fileRun is one test file as the events describe it.
type fileRun struct {
	path    string
	started time.Time
	tasks   []event.Task
	starts  map[string]time.Time
	ended   []*event.TestResult
	seen    map[string]bool
	result  *event.FileResult
	logs    []event.LogEntry
}

func newRun(opts Options) *run {
	return &run{paths: paths{root: opts.Root}, now: opts.Now, files: map[string]*fileRun{}}
}

// observe records one event.
func (r *run) observe(e event.Event) {
	switch e.Kind {
	case event.RunStart:
		r.observeRun(e)
	case event.RunEnd:
		r.observeRun(e)
		r.ended = true
	case event.FileStart:
		r.file(e.File).started = e.Time
	case event.FileCollected:
		r.file(e.File).tasks = e.Tasks
	case event.TestStart:
		if e.Test != nil {
			r.file(e.File).starts[e.Test.ID] = e.Time
		}
	case event.TestEnd:
		r.observeTest(e)
	case event.Log:
		if e.Entry != nil {
			f := r.file(e.File)
			f.logs = append(f.logs, *e.Entry)
		}
	case event.FileEnd:
		if e.Result != nil {
			r.file(e.File).result = e.Result
		}
	}
}

func (r *run) observeRun(e event.Event) {
	if r.started.IsZero() {
		r.started = e.Time
	}
	info := e.Run
	if info == nil {
		return
	}
	if r.paths.root == "" {
		r.paths.root = info.Root
	}
	if !info.Started.IsZero() {
		r.started = info.Started
	}
	if info.Duration > 0 {
		r.duration = info.Duration
	}
	if len(info.Files) > 0 {
		r.planned = info.Files
	}
	if info.Shard != "" {
		r.shard = info.Shard
	}
	if info.Snapshots != nil {
		r.snaps = info.Snapshots
	}
	if len(info.Results) > 0 {
		r.results = info.Results
	}
	for _, w := range info.Warnings {
		if !slices.ContainsFunc(r.warnings, func(d diag.Diagnostic) bool { return d.Error() == w.Error() }) {
			r.warnings = append(r.warnings, w)
		}
	}
}

func (r *run) observeTest(e event.Event) {
	if e.Test == nil {
		return
	}
	f := r.file(e.File)
	if f.seen[e.Test.ID] {
		return
	}
	f.seen[e.Test.ID] = true
	f.ended = append(f.ended, e.Test)
}

// file returns the record of a file, creating it at its first event.
func (r *run) file(path string) *fileRun {
	f, ok := r.files[path]
	if !ok {
		f = &fileRun{path: path, starts: map[string]time.Time{}, seen: map[string]bool{}}
		r.files[path] = f
		r.arrival = append(r.arrival, path)
	}
	return f
}

// fileList returns the files that produced events, in the planned order when the run
// announced one (so that reports do not depend on which worker finished first), then in the
// order they arrived.
func (r *run) fileList() []*fileRun {
	if len(r.files) == 0 {
		r.adoptResults()
	}
	out := make([]*fileRun, 0, len(r.files))
	done := map[string]bool{}
	for _, p := range r.planned {
		if f, ok := r.files[p]; ok && !done[p] {
			out = append(out, f)
			done[p] = true
		}
	}
	for _, p := range r.arrival {
		if !done[p] {
			out = append(out, r.files[p])
			done[p] = true
		}
	}
	return out
}

// adoptResults fills the files from RunInfo.Results for a stream that carried only the
// run's end, as a Go caller replaying a finished run may send.
func (r *run) adoptResults() {
	for _, res := range r.results {
		if res != nil {
			r.file(res.File).result = res
		}
	}
}

// elapsed is the length of the run: what RunEnd said, or the time since it started.
func (r *run) elapsed() time.Duration {
	if r.duration > 0 || r.started.IsZero() {
		return r.duration
	}
	return max(0, r.now().Sub(r.started))
}

// startTime is when the run started, or now when no event said so.
func (r *run) startTime() time.Time {
	if r.started.IsZero() {
		r.started = r.now()
	}
	return r.started
}

// tests returns the file's test results: the final list of FileEnd, which also holds the
// tests that never ran, or else those reported one by one so far.
func (f *fileRun) tests() []*event.TestResult {
	if f.result != nil && len(f.result.Tests) > 0 {
		return f.result.Tests
	}
	return f.ended
}

// errors returns the failures of the file that belong to no single test.
func (f *fileRun) errors() []*event.TestError {
	if f.result == nil {
		return nil
	}
	return f.result.Errors
}

// duration is how long the file took.
func (f *fileRun) duration() time.Duration {
	if f.result == nil {
		return 0
	}
	return f.result.Duration
}

// failed reports whether the file failed: by its own state, an error of its own, or a
// failed test.
func (f *fileRun) failed() bool {
	if f.result != nil && f.result.State == event.Fail || len(f.errors()) > 0 {
		return true
	}
	return slices.ContainsFunc(f.tests(), func(t *event.TestResult) bool { return t.State == event.Fail })
}

// state is the file's outcome as the summary counts it.
func (f *fileRun) state() event.State {
	switch {
	case f.failed():
		return event.Fail
	case f.result != nil && f.result.State != "":
		return f.result.State
	case f.result == nil:
		return event.NotRun
	default:
		return event.Pass
	}
}

// task finds a collected test or suite by id.
func (f *fileRun) task(id string) (event.Task, bool) {
	for _, t := range f.tasks {
		if t.ID == id {
			return t, true
		}
	}
	for _, t := range f.tests() {
		if t.ID == id {
			return t.Task, true
		}
	}
	return event.Task{}, false
}

// testState is a test's state, with a test that never reported an end counted as not run.
func testState(t *event.TestResult) event.State {
	if t.State == "" {
		return event.NotRun
	}
	return t.State
}
