// Package reporters turns the event stream of a dotest run into what people and tools read:
// the terminal reports of vitest (default, verbose, tree, dot) and its machine reports (json,
// junit, tap, tap-flat, github-actions), in the same shapes, so that what reads vitest's
// output reads dotest's.
//
// A reporter is fed every event.Event of a run, in order, and writes as it goes; reports that
// describe the whole run are written at RunEnd. Every terminal report ends with one line,
// "N passed, N failed" (with ", N skipped" when any test was skipped), that CI scripts read.
package reporters

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dotest-dev/dotest/pool/event"
)

// Reporter consumes the events of a run. Event may be called from several goroutines; the
// reporters of this package serialise the calls. Close finishes the report (if the stream
// ended without RunEnd, with what was seen so far) and returns the first error met while
// writing it.
type Reporter interface {
	Event(e event.Event)
	Close() error
}

// Options configure a reporter.
type Options struct {
	// Color turns on ANSI colours in the terminal reports.
	Color bool

	// Root is the project root that file paths are relative to; when empty, the Root of the
	// RunStart event is used. Code frames read the user's files under it.
	Root string

	// OutputFile, when set, is where the json and junit reports are written instead of the
	// writer (relative to Root unless absolute; directories are created); the writer then
	// gets one line saying where the report went. Other reporters ignore it, as vitest's do.
	OutputFile string

	// Now is the clock, for the times no event carries; time.Now when nil.
	Now func() time.Time

	// Hostname is written in the JUnit report; os.Hostname when empty.
	Hostname string
}

// ErrUnknownReporter is returned by New for a name it does not know.
var ErrUnknownReporter = errors.New("unknown reporter")

// constructors maps each reporter name to the function that builds it.
var constructors = map[string]func(w io.Writer, opts Options) Reporter{
	"default":        func(w io.Writer, o Options) Reporter { return newTerminal(styleDefault, w, o) },
	"verbose":        func(w io.Writer, o Options) Reporter { return newTerminal(styleVerbose, w, o) },
	"tree":           func(w io.Writer, o Options) Reporter { return newTerminal(styleTree, w, o) },
	"dot":            func(w io.Writer, o Options) Reporter { return newTerminal(styleDot, w, o) },
	"json":           func(w io.Writer, o Options) Reporter { return newJSON(w, o) },
	"junit":          func(w io.Writer, o Options) Reporter { return newJUnit(w, o) },
	"tap":            func(w io.Writer, o Options) Reporter { return newTAP(false, w, o) },
	"tap-flat":       func(w io.Writer, o Options) Reporter { return newTAP(true, w, o) },
	"github-actions": func(w io.Writer, o Options) Reporter { return newGitHub(w, o) },
}

// Names returns the names New accepts, sorted.
func Names() []string {
	names := make([]string, 0, len(constructors))
	for n := range constructors {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// WritesReport reports whether the reporter called name writes one whole-run report (a
// file's worth, at the end of the run) rather than output for a terminal: the reporters that
// Options.OutputFile, or vitest's --outputFile, applies to.
func WritesReport(name string) bool {
	return name == "json" || name == "junit"
}

// New returns the reporter called name, writing to w.
func New(name string, w io.Writer, opts Options) (Reporter, error) {
	build, ok := constructors[name]
	if !ok {
		return nil, fmt.Errorf("%w %q: valid reporters are %s", ErrUnknownReporter, name,
			strings.Join(Names(), ", "))
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &serial{r: build(w, opts)}, nil
}

// serial makes a reporter safe to call from several goroutines.
type serial struct {
	mu sync.Mutex
	r  Reporter
}

func (s *serial) Event(e event.Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.r.Event(e)
}

func (s *serial) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.r.Close()
}

// Multi returns a reporter that passes every event to each of rs, in order, and closes them
// all, returning their errors joined.
func Multi(rs ...Reporter) Reporter {
	return multi(rs)
}

type multi []Reporter

func (m multi) Event(e event.Event) {
	for _, r := range m {
		r.Event(e)
	}
}

func (m multi) Close() error {
	var errs []error
	for _, r := range m {
		errs = append(errs, r.Close())
	}
	return errors.Join(errs...)
}

// sink is a writer that remembers its first error and then writes nothing more.
type sink struct {
	w   io.Writer
	err error
}

func (s *sink) write(text string) {
	if s.err != nil || text == "" {
		return
	}
	if _, err := io.WriteString(s.w, text); err != nil {
		s.err = fmt.Errorf("failed to write report: %w", err)
	}
}

// writeReport writes a whole-run report (json, junit) to opts.OutputFile when set, telling
// out where it went with a line starting with label, or else to out.
func writeReport(out *sink, opts Options, root, label, report string) {
	if opts.OutputFile == "" {
		out.write(report)
		return
	}
	path := opts.OutputFile
	if !filepath.IsAbs(path) && root != "" {
		path = filepath.Join(root, path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		out.err = errors.Join(out.err, fmt.Errorf("failed to create report directory: %w", err))
		return
	}
	if err := os.WriteFile(path, []byte(report), 0o644); err != nil {
		out.err = errors.Join(out.err, fmt.Errorf("failed to write report: %w", err))
		return
	}
	out.write(label + " report written to " + path + "\n")
}
