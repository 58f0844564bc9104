package reporters

import (
	"slices"
	"time"

	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/pool"
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
	snaps    *pool.SnapshotSummary
	results  []*pool.FileResult // RunInfo.Results, used when no FileEnd was seen
}

// fileRun is one test file as the events describe it.
type fileRun struct {
	path    string
	started time.Time
	tasks   []pool.Task
	starts  map[string]time.Time
	ended   []*pool.TestResult
	seen    map[string]bool
	result  *pool.FileResult
	logs    []pool.LogEntry
}

func newRun(opts Options) *run {
	return &run{paths: paths{root: opts.Root}, now: opts.Now, files: map[string]*fileRun{}}
}

// observe records one event.
func (r *run) observe(e pool.Event) {
	switch e.Kind {
	case pool.RunStart:
		r.observeRun(e)
	case pool.RunEnd:
		r.observeRun(e)
		r.ended = true
	case pool.FileStart:
		r.file(e.File).started = e.Time
	case pool.FileCollected:
		r.file(e.File).tasks = e.Tasks
	case pool.TestStart:
		if e.Test != nil {
			r.file(e.File).starts[e.Test.ID] = e.Time
		}
	case pool.TestEnd:
		r.observeTest(e)
	case pool.Log:
		if e.Entry != nil {
			f := r.file(e.File)
			f.logs = append(f.logs, *e.Entry)
		}
	case pool.FileEnd:
		if e.Result != nil {
			r.file(e.File).result = e.Result
		}
	}
}

func (r *run) observeRun(e pool.Event) {
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

func (r *run) observeTest(e pool.Event) {
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
func (f *fileRun) tests() []*pool.TestResult {
	if f.result != nil && len(f.result.Tests) > 0 {
		return f.result.Tests
	}
	return f.ended
}

// errors returns the failures of the file that belong to no single test.
func (f *fileRun) errors() []*pool.TestError {
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
	if f.result != nil && f.result.State == pool.Fail || len(f.errors()) > 0 {
		return true
	}
	return slices.ContainsFunc(f.tests(), func(t *pool.TestResult) bool { return t.State == pool.Fail })
}

// state is the file's outcome as the summary counts it.
func (f *fileRun) state() pool.State {
	switch {
	case f.failed():
		return pool.Fail
	case f.result != nil && f.result.State != "":
		return f.result.State
	case f.result == nil:
		return pool.NotRun
	default:
		return pool.Pass
	}
}

// task finds a collected test or suite by id.
func (f *fileRun) task(id string) (pool.Task, bool) {
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
	return pool.Task{}, false
}

// testState is a test's state, with a test that never reported an end counted as not run.
func testState(t *pool.TestResult) pool.State {
	if t.State == "" {
		return pool.NotRun
	}
	return t.State
}
