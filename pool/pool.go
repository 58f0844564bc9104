package pool

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"runtime"
	"sync"
	"time"

	"github.com/dotest-dev/dotest/internal/bundle"
	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/pool/event"
)

// ErrNoTestFiles is returned by Run when the project has no test file matching the filters.
var ErrNoTestFiles = errors.New("no test files found")

// Options configure a Pool.
type Options struct {
	Project *project.Project

	Filters         []string       // vitest-style file filters: substrings of the relative path
	TestNamePattern *regexp.Regexp // -t: run only the tests whose full name matches
	UpdateSnapshots bool           // -u
	TestTimeout     time.Duration  // overrides the project's testTimeout when set
	Workers         int            // files run at once; 0 means GOMAXPROCS
	Shard           Shard          // which part of the files this run takes
	CI              bool           // new snapshots fail instead of being written, as in vitest
	AllowOnly       bool           // let .only run; vitest refuses it in CI
	PersistDir      string         // keep Durable Object storage in .sqlite files under this directory

	// Isolation overrides the project's storage isolation (--isolate) when set.
	Isolation *project.Isolation

	Logger *slog.Logger

	// Emit receives every event of the run, one at a time. The events of one file arrive
	// together once the file has finished, so reporters never see two files interleaved.
	Emit func(event.Event)

	// Now is the clock for event times and durations; nil means time.Now.
	Now func() time.Time
}

// Pool runs the test files of one project. It is safe to use from one goroutine at a time;
// the files themselves run on worker goroutines of their own.
type Pool struct {
	opts    Options
	bundler *bundle.Bundler
	emitMu  sync.Mutex

	inputsMu sync.Mutex
	inputs   map[string][]string // the files each test file's last bundle read, for watch mode

	beforeFile func(rel string) // a test's hook into the start of each file
}

// New returns a pool for the project of opts. Its bundler, and so its bundle cache, lives as
// long as the pool, so watch mode reruns only pay for what changed.
func New(opts Options) *Pool {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Emit == nil {
		opts.Emit = func(event.Event) {}
	}
	return &Pool{
		opts:    opts,
		bundler: bundle.New(opts.Project.Root, bundle.Options{}),
		inputs:  map[string][]string{},
	}
}

// Files lists the test files this run takes: discovered, filtered and cut to the shard.
func (p *Pool) Files() ([]string, error) {
	files, err := p.opts.Project.TestFiles(p.opts.Filters)
	if err != nil {
		return nil, err
	}
	return p.opts.Shard.Apply(files), nil
}

// Result is what a run did.
type Result struct {
	Files    []*event.FileResult
	Started  time.Time
	Duration time.Duration
}

// Failed reports whether any file or test failed.
func (r *Result) Failed() bool {
	for _, f := range r.Files {
		if f.State == event.Fail {
			return true
		}
	}
	return false
}

// Run runs every test file of the run, GOMAXPROCS at a time, and returns their results in the
// order the files were planned. A file that breaks in any way (a syntax error, a panic)
// fails alone; the others still run. ctx cancels files that have not started yet.
func (p *Pool) Run(ctx context.Context) (*Result, error) {
	files, err := p.Files()
	if err != nil {
		return nil, err
	}
	return p.RunSome(ctx, files)
}

// RunSome runs the given files as one run, with its RunStart and RunEnd events; watch mode
// uses it for each rerun.
func (p *Pool) RunSome(ctx context.Context, files []string) (*Result, error) {
	start := p.opts.Now()
	info := &event.RunInfo{Root: p.opts.Project.Root, Files: files, Started: start,
		Shard: p.opts.Shard.String(), Warnings: p.opts.Project.Warnings}
	p.emit(event.Event{Kind: event.RunStart, Time: start, Run: info})
	if len(files) == 0 {
		return &Result{Started: start}, ErrNoTestFiles
	}

	results := p.RunFiles(ctx, files)

	res := &Result{Files: results, Started: start, Duration: p.opts.Now().Sub(start)}
	end := *info
	end.Duration = res.Duration
	end.Results = results
	end.Snapshots = &event.SnapshotSummary{}
	for _, f := range results {
		end.Snapshots.Add(f.Snapshots)
	}
	p.emit(event.Event{Kind: event.RunEnd, Time: p.opts.Now(), Run: &end})
	return res, nil
}

// RunFiles runs the given files on the workers and returns their results in the order given.
// Run uses it for a whole run; watch mode for each rerun.
func (p *Pool) RunFiles(ctx context.Context, files []string) []*event.FileResult {
	results := make([]*event.FileResult, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(p.opts.Workers, len(files)) {
		wg.Go(func() {
			for i := range next {
				results[i] = p.RunFile(ctx, files[i])
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// RunFile runs one test file, given relative to the project root, in a fresh runtime, and
// emits its events as one batch.
func (p *Pool) RunFile(ctx context.Context, rel string) *event.FileResult {
	var batch []event.Event
	collect := func(e event.Event) {
		e.File = rel
		if e.Time.IsZero() {
			e.Time = p.opts.Now()
		}
		batch = append(batch, e)
	}

	start := p.opts.Now()
	collect(event.Event{Kind: event.FileStart, Time: start})
	res := p.runFile(ctx, rel, collect)
	res.File = rel
	res.Duration = p.opts.Now().Sub(start)
	res.State = fileState(res)
	collect(event.Event{Kind: event.FileEnd, Result: res})

	p.emitMu.Lock()
	defer p.emitMu.Unlock()
	for _, e := range batch {
		p.opts.Emit(e)
	}
	return res
}

func (p *Pool) emit(e event.Event) {
	p.emitMu.Lock()
	defer p.emitMu.Unlock()
	p.opts.Emit(e)
}

// fileState is the file's outcome: failed if it or any test failed, skipped if nothing ran.
func fileState(res *event.FileResult) event.State {
	if len(res.Errors) > 0 {
		return event.Fail
	}
	ran := false
	for _, t := range res.Tests {
		switch t.State {
		case event.Fail, event.NotRun:
			return event.Fail
		case event.Pass:
			ran = true
		}
	}
	if !ran && len(res.Tests) > 0 {
		return event.Skip
	}
	return event.Pass
}

// errorResult is the result of a file that failed before or around its tests.
func errorResult(err *event.TestError) *event.FileResult {
	return &event.FileResult{State: event.Fail, Errors: []*event.TestError{err}}
}

// panicError describes a Go panic while running a file, with the Go stack for the bug report.
func panicError(v any, stack []byte) *event.TestError {
	return &event.TestError{
		Name:    "InternalError",
		Message: fmt.Sprintf("dotest panicked while running this file: %v\n\n%s", v, stack),
		Origin:  "dotest",
	}
}
