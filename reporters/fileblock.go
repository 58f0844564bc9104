package reporters

import (
	"strconv"
	"strings"

	"github.com/dotest-dev/dotest/pool/event"
)

// fileBlock renders a file as the default and tree reports show it when it ends: a line with
// its mark, path, counts and duration, then its tests. The tree style lists every suite and
// test, indented; the default one lists the tests of a file with failures (each by its full
// name) and, elsewhere, only the slow ones.
func (t *terminal) fileBlock(f *fileRun) string {
	var b strings.Builder
	b.WriteString(t.fileLine(f) + "\n")

	if t.style == styleTree {
		t.treeLines(&b, buildTree(f), 1)
		return b.String()
	}
	failed := f.failed()
	for _, r := range f.tests() {
		s := testState(r)
		switch {
		case s == event.Fail:
			b.WriteString(t.c.red("   "+figCross+" "+t.testName(r.Task)) + t.suffix(r) + "\n")
		case s == event.Pass && r.Duration > slowTest:
			mark := t.c.yellow(t.c.dim(figCheck))
			b.WriteString("   " + mark + " " + t.testName(r.Task) + t.suffix(r) + "\n")
		case failed:
			b.WriteString("   " + t.symbol(s, false) + " " + t.testName(r.Task) + t.suffix(r) + "\n")
		}
	}
	return b.String()
}

// fileLine is " ✓ test/a.test.ts (3 tests | 1 skipped) 12ms".
func (t *terminal) fileLine(f *fileRun) string {
	c := t.c
	n := countTests(f)

	// vitest writes "0 test" and "1 test": the plural starts at two.
	word := " test"
	if n.total() > 1 {
		word = " tests"
	}
	counts := c.dim(itoa(n.total()) + word)
	sep := c.dim(" | ")
	if n.failed > 0 {
		counts += sep + c.red(itoa(n.failed)+" failed")
	}
	if n.skipped > 0 {
		counts += sep + c.yellow(itoa(n.skipped)+" skipped")
	}
	if n.todo > 0 {
		counts += sep + c.gray(itoa(n.todo)+" todo")
	}
	if n.notRun > 0 {
		counts += sep + c.red(itoa(n.notRun)+" not run")
	}

	line := " " + t.symbol(f.state(), true) + " " + f.path + " " + c.dim("(") + counts + c.dim(")")
	if f.result != nil {
		line += t.duration(f.duration())
	}
	return line
}

// treeLines writes the suites and tests under n, indented two spaces a level.
func (t *terminal) treeLines(b *strings.Builder, n *node, depth int) {
	pad := strings.Repeat("  ", depth)
	for _, child := range n.children {
		if child.suite {
			b.WriteString(" " + pad + t.symbol(child.state(), true) + " " + child.name + " " +
				t.c.dim("("+itoa(child.countTests())+")") + "\n")
			t.treeLines(b, child, depth+1)
			continue
		}
		r := child.test
		if testState(r) == event.Fail {
			b.WriteString(t.c.red(" "+pad+figCross+" "+child.name) + t.suffix(r) + "\n")
			continue
		}
		mark := t.symbol(testState(r), false)
		if testState(r) == event.Pass && r.Duration > slowTest {
			mark = t.c.yellow(t.c.dim(figCheck))
		}
		b.WriteString(" " + pad + mark + " " + child.name + t.suffix(r) + "\n")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
