package reporters

import (
	"time"

	"github.com/dotest-dev/dotest/pool/event"
)

// node is a suite or a test in the tree of a file, rebuilt from the collected tasks and the
// suite names of each result.
type node struct {
	name     string
	suite    bool
	mode     string
	test     *event.TestResult // set for tests
	children []*node
}

// buildTree returns the describe blocks and tests of a file as a tree under a root that
// stands for the file. Collected tasks give the order and the empty suites; results that
// no collected task announced are placed by their suite names.
func buildTree(f *fileRun) *node {
	root := &node{name: f.path, suite: true, mode: "run"}
	byID := map[string]*event.TestResult{}
	for _, t := range f.tests() {
		byID[t.ID] = t
	}

	placed := map[string]bool{}
	for _, task := range f.tasks {
		parent := root.path(task.Suites)
		if task.Suite {
			parent.child(task.Name).mode = task.Mode
			continue
		}
		res, ok := byID[task.ID]
		if !ok {
			res = &event.TestResult{Task: task, State: modeState(task.Mode)}
		}
		parent.children = append(parent.children, &node{name: task.Name, mode: task.Mode, test: res})
		placed[task.ID] = true
	}
	for _, t := range f.tests() {
		if !placed[t.ID] {
			parent := root.path(t.Suites)
			parent.children = append(parent.children, &node{name: t.Name, mode: t.Mode, test: t})
		}
	}
	return root
}

// modeState is the state of a collected test that never reported a result: skipped and todo
// tests are known from their mode, anything else did not run.
func modeState(mode string) event.State {
	switch mode {
	case "skip":
		return event.Skip
	case "todo":
		return event.Todo
	default:
		return event.NotRun
	}
}

// path returns the suite at names under n, creating the suites that are missing.
func (n *node) path(names []string) *node {
	cur := n
	for _, name := range names {
		cur = cur.child(name)
	}
	return cur
}

// child returns the suite called name directly under n, creating it when missing.
func (n *node) child(name string) *node {
	for _, c := range n.children {
		if c.suite && c.name == name {
			return c
		}
	}
	c := &node{name: name, suite: true, mode: "run"}
	n.children = append(n.children, c)
	return c
}

// state is a test's state, or for a suite the worst of its tests: a failure, then a test
// that did not run, then a pass; a suite whose tests were all skipped is skipped, as vitest
// marks a suite that has nothing to run.
func (n *node) state() event.State {
	if !n.suite {
		return testState(n.test)
	}
	if n.mode == "todo" {
		return event.Todo
	}
	var t tally
	n.walk(func(c *node) { t.add(c.state()) })
	switch {
	case t.failed > 0:
		return event.Fail
	case t.notRun > 0:
		return event.NotRun
	case t.passed > 0:
		return event.Pass
	default:
		return event.Skip
	}
}

// walk calls fn for every test under n.
func (n *node) walk(fn func(*node)) {
	for _, c := range n.children {
		if c.suite {
			c.walk(fn)
		} else {
			fn(c)
		}
	}
}

// countTests is the number of tests under n.
func (n *node) countTests() int {
	count := 0
	n.walk(func(*node) { count++ })
	return count
}

// duration is a test's duration, or the sum of those of a suite's tests.
func (n *node) duration() time.Duration {
	if !n.suite {
		return n.test.Duration
	}
	var d time.Duration
	n.walk(func(c *node) { d += c.test.Duration })
	return d
}
