package cloudflaretest

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dotest-dev/dotest/pool"
	"github.com/dotest-dev/dotest/pool/event"
)

// Run runs the JS test files of the project in dir, as `dotest run` does, and reports each
// JS test as a Go subtest of t named after its file, its describe blocks and its title:
//
//	TestWorker/counter.test.ts/counter/increments
//
// The file's name is its path below the directory that holds all the project's test files
// (test/counter.test.ts becomes counter.test.ts; test/api/users.test.ts becomes the two levels
// api/users.test.ts). Go rewrites names as it rewrites every subtest's: spaces become
// underscores, so `it("adds one")` is TestWorker/math.test.ts/adds_one, and a duplicate name
// gets a #01 suffix. A slash in a JS name stays, and since -run splits patterns at slashes,
// such a test is selected by a part of its name without the slash.
//
// Each file runs in a fresh runtime, in a parallel subtest, so -parallel bounds how many run at
// once; like every parallel subtest, they start once the test function that called Run returns,
// so code after Run in the same function runs first (wrap Run in t.Run to wait for the files).
// A file that cannot match -run is not run at all. A failing JS test fails its subtest
// with the error, the diff and the source-mapped location (file:line:col, relative to the
// package directory) with the lines around it; a skipped or todo test is a skipped subtest;
// console output goes to the test's log (shown with -v or on failure). An error that belongs to
// no test (a syntax error, a failing beforeAll) fails the file's subtest. -count, -failfast,
// -json, -v and -timeout work as for any Go test; -short is the caller's to honour (skip before
// Run when testing.Short()). Snapshots are written unless CI is set, as vitest does.
func Run(t *testing.T, dir string, opts ...Option) {
	t.Helper()
	cfg := newConfig(opts)
	root, err := filepath.Abs(dir)
	if err != nil {
		t.Fatalf("cloudflaretest.Run: %v", err)
	}
	proj, err := loadProject(root, cfg)
	if err != nil {
		t.Fatalf("cloudflaretest.Run: %v", err)
	}
	var pattern *regexp.Regexp
	if cfg.pattern != "" {
		if pattern, err = regexp.Compile(cfg.pattern); err != nil {
			t.Fatalf("cloudflaretest.Run: WithTestNamePattern(%q): %v", cfg.pattern, err)
		}
	}

	logs := &logBook{byFile: map[string][]event.LogEntry{}}
	ci := os.Getenv("CI") != "" && os.Getenv("CI") != "false"
	p := pool.New(pool.Options{
		Project: proj, Filters: cfg.files, TestNamePattern: pattern, UpdateSnapshots: cfg.update,
		TestTimeout: cfg.timeout, CI: ci, AllowOnly: !ci, Logger: cfg.logger, Emit: logs.emit,
	})
	files, err := p.Files()
	if err != nil {
		t.Fatalf("cloudflaretest.Run: failed to find the test files: %v", err)
	}
	if len(files) == 0 {
		t.Fatalf("cloudflaretest.Run: no test files found in %s (include: %s)%s", proj.Root,
			strings.Join(proj.Include, ", "), filterNote(cfg.files))
	}

	all, _ := proj.TestFiles(nil)
	r := &runner{pool: p, logs: logs, cwd: workingDir(), filter: currentRunFilter()}
	r.runDir(t, buildTree(files, commonDir(all)), strings.Split(t.Name(), "/"))
}

func filterNote(filters []string) string {
	if len(filters) == 0 {
		return ""
	}
	return " matching " + strings.Join(filters, ", ") + " (WithFiles)"
}

func workingDir() string {
	wd, _ := os.Getwd()
	return wd
}

// runner runs the files of one Run.
type runner struct {
	pool   *pool.Pool
	logs   *logBook
	cwd    string
	filter runFilter
}

// fileNode is a directory or a test file in the tree of subtests.
type fileNode struct {
	name     string
	rel      string // the file's path from the project root; "" for a directory
	children []*fileNode
}

// buildTree arranges files (relative to the project root, with slashes) by their directories
// below base.
func buildTree(files []string, base string) *fileNode {
	root := &fileNode{}
	for _, f := range files {
		rel := strings.TrimPrefix(f, base)
		parts := strings.Split(rel, "/")
		n := root
		for _, dir := range parts[:len(parts)-1] {
			n = n.child(dir)
		}
		n.children = append(n.children, &fileNode{name: parts[len(parts)-1], rel: f})
	}
	return root
}

func (n *fileNode) child(name string) *fileNode {
	for _, c := range n.children {
		if c.rel == "" && c.name == name {
			return c
		}
	}
	c := &fileNode{name: name}
	n.children = append(n.children, c)
	return c
}

// commonDir is the deepest directory, ending with a slash, that holds every file; "" when
// they share none.
func commonDir(files []string) string {
	if len(files) == 0 {
		return ""
	}
	dir := path.Dir(files[0])
	for _, f := range files[1:] {
		for dir != "." && !strings.HasPrefix(f, dir+"/") {
			dir = path.Dir(dir)
		}
	}
	if dir == "." {
		return ""
	}
	return dir + "/"
}

// runDir runs the files below n, each in a parallel subtest; levels is the name of t split
// at its slashes, for the -run filter.
func (r *runner) runDir(t *testing.T, n *fileNode, levels []string) {
	for _, c := range n.children {
		sub := append(levels[:len(levels):len(levels)], subtestName(c.name))
		if !r.filter.mayMatch(sub) || !r.anyFile(c, sub) {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if c.rel == "" {
				r.runDir(t, c, sub)
				return
			}
			res := r.pool.RunFile(t.Context(), c.rel)
			r.report(t, res, r.logs.take(c.rel))
		})
	}
}

// anyFile reports whether a directory holds a file that the filter may match.
func (r *runner) anyFile(n *fileNode, levels []string) bool {
	if n.rel != "" {
		return true
	}
	for _, c := range n.children {
		sub := append(levels[:len(levels):len(levels)], subtestName(c.name))
		if r.filter.mayMatch(sub) && r.anyFile(c, sub) {
			return true
		}
	}
	return false
}

// logBook keeps the console output of each file, which the pool emits with the file's other
// events once the file has run.
type logBook struct {
	mu     sync.Mutex
	byFile map[string][]event.LogEntry
}

func (l *logBook) emit(e event.Event) {
	if e.Kind != event.Log || e.Entry == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.byFile[e.File] = append(l.byFile[e.File], *e.Entry)
}

// take returns a file's log by test id, and forgets it.
func (l *logBook) take(file string) map[string][]event.LogEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string][]event.LogEntry{}
	for _, e := range l.byFile[file] {
		out[e.TestID] = append(out[e.TestID], e)
	}
	delete(l.byFile, file)
	return out
}
