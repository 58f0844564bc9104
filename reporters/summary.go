package reporters

import (
	"strings"

	"github.com/dotest-dev/dotest/pool/event"
)

// dividerWidth is the width of vitest's dividers when it does not write to a terminal, as
// in CI.
const dividerWidth = 30

// finish writes the end of a terminal report: the failures in full, the summary, and the
// last line.
func (t *terminal) finish() {
	t.finished = true
	files := t.run.fileList()
	if t.style == styleDot {
		t.out.write("\n")
	}
	t.warnings()

	if len(files) == 0 {
		t.out.write(t.c.red("No test files found") + "\n\n" + finalLine(files) + "\n")
		return
	}
	t.out.write(t.failures(files))
	t.out.write(t.summary(files))
	t.out.write(finalLine(files) + "\n")
}

// failure is one error block of the failures section and the tests or files that share it.
type failure struct {
	err   *event.TestError
	heads []string
}

// failures renders the "Failed Suites" (errors of files) and "Failed Tests" sections, each
// error once with a FAIL line for every test that failed with the very same error.
func (t *terminal) failures(files []*fileRun) string {
	var suites, tests []*failure
	nSuites, nTests := 0, 0
	for _, f := range files {
		if errs := f.errors(); len(errs) > 0 {
			nSuites++
			head := f.path + t.c.dim(" [ "+f.path+" ]")
			for _, e := range errs {
				suites = mergeFailure(suites, e, head)
			}
		}
		for _, r := range f.tests() {
			if testState(r) != event.Fail {
				continue
			}
			nTests++
			head := t.fullName(f.path, r.Task)
			for _, e := range r.Errors {
				tests = mergeFailure(tests, e, head)
			}
		}
	}

	total := len(suites) + len(tests)
	var b strings.Builder
	n := 0
	section := func(title string, count int, list []*failure) {
		if count == 0 {
			return
		}
		b.WriteString("\n" + t.banner30(title+" "+itoa(count)) + "\n\n")
		for _, fl := range list {
			for _, h := range fl.heads {
				b.WriteString(t.c.bgRed(t.c.bold(" FAIL ")) + " " + h + "\n")
			}
			t.errs.print(&b, fl.err, true)
			n++
			b.WriteString(t.c.red(t.c.dim(divider("["+itoa(n)+"/"+itoa(total)+"]"))) + "\n\n")
		}
	}
	section("Failed Suites", nSuites, suites)
	section("Failed Tests", nTests, tests)
	return b.String()
}

// mergeFailure adds e under head, to the block of an identical earlier error when there is
// one, as vitest merges the failures of test.each cases that fail the same way.
func mergeFailure(list []*failure, e *event.TestError, head string) []*failure {
	for _, fl := range list {
		if sameError(fl.err, e) {
			fl.heads = append(fl.heads, head)
			return list
		}
	}
	return append(list, &failure{err: e, heads: []string{head}})
}

// sameError reports whether two errors would print the same block; only errors with a
// stack are merged, as vitest does.
func sameError(a, b *event.TestError) bool {
	if len(a.Stack) == 0 || len(a.Stack) != len(b.Stack) {
		return false
	}
	for i := range a.Stack {
		if a.Stack[i] != b.Stack[i] {
			return false
		}
	}
	return a.Name == b.Name && a.Message == b.Message && a.Diff == b.Diff &&
		a.Expected == b.Expected && a.Actual == b.Actual && a.ShowDiff == b.ShowDiff && a.Origin == b.Origin
}

// banner30 is vitest's error banner: the title on red, centred between dashes.
func (t *terminal) banner30(title string) string {
	text := " " + title + " "
	width := len([]rune(text))
	left := max(0, (dividerWidth-width)/2)
	right := max(0, dividerWidth-width-left)
	dashes := func(n int) string { return t.c.red(strings.Repeat(figDash, n)) }
	return dashes(left) + t.c.bold(t.c.bgRed(text)) + dashes(right)
}

// divider is a line of dashes with text near its right end, as between vitest's errors.
func divider(text string) string {
	left := max(0, dividerWidth-len([]rune(text))-1)
	return strings.Repeat(figDash, left) + text + figDash
}

// summary renders the closing block: snapshots, files, tests, start time and duration.
func (t *terminal) summary(files []*fileRun) string {
	c := t.c
	var b strings.Builder
	b.WriteString("\n")
	row := func(title, value string) {
		b.WriteString(c.dim(strings.Repeat(" ", max(0, 11-len(title)))+title+" ") + " " + value + "\n")
	}

	if snaps := t.snapshotLines(); len(snaps) > 0 {
		for i, s := range snaps {
			title := ""
			if i == 0 {
				title = "Snapshots"
			}
			row(title, s)
		}
		if len(snaps) > 1 {
			b.WriteString("\n")
		}
	}

	var tests tally
	for _, f := range files {
		n := countTests(f)
		tests.passed += n.passed
		tests.failed += n.failed
		tests.skipped += n.skipped
		tests.todo += n.todo
		tests.notRun += n.notRun
	}
	row("Test Files", t.stateString(countFiles(files)))
	row("Tests", t.stateString(tests))
	if tests.notRun > 0 {
		row("Not Run", t.notRunText(files, tests.notRun))
	}
	row("Start at", t.run.startTime().Format("15:04:05"))
	row("Duration", formatDuration(t.run.elapsed()))
	b.WriteString("\n")
	return b.String()
}

// notRunText describes the tests that did not run: red and pointing at the errors above
// when their file failed, which is why they did not run.
func (t *terminal) notRunText(files []*fileRun, n int) string {
	text := plural(n, "test")
	for _, f := range files {
		if f.failed() && countTests(f).notRun > 0 {
			return t.c.red(text + " (their file failed: see the errors above)")
		}
	}
	return t.c.yellow(text)
}

// stateString is "1 failed | 2 passed | 1 skipped (4)", vitest's count of files or tests.
func (t *terminal) stateString(n tally) string {
	c := t.c
	if n.total() == 0 {
		return c.dim("no tests")
	}
	var parts []string
	if n.failed > 0 {
		parts = append(parts, c.bold(c.red(itoa(n.failed)+" failed")))
	}
	if n.passed > 0 {
		parts = append(parts, c.bold(c.green(itoa(n.passed)+" passed")))
	}
	if n.skipped > 0 {
		parts = append(parts, c.yellow(itoa(n.skipped)+" skipped"))
	}
	if n.todo > 0 {
		parts = append(parts, c.gray(itoa(n.todo)+" todo"))
	}
	return strings.Join(parts, c.dim(" | ")) + c.gray(" ("+itoa(n.total())+")")
}

// snapshotLines are the parts of the snapshot summary, one a line, as vitest lists them.
func (t *terminal) snapshotLines() []string {
	s := t.run.snaps
	c := t.c
	if s == nil {
		return nil
	}
	var lines []string
	if s.Written > 0 {
		lines = append(lines, c.bold(c.green(itoa(s.Written)+" written")))
	}
	if s.Failed > 0 {
		lines = append(lines, c.bold(c.red(itoa(s.Failed)+" failed")))
	}
	if s.Updated > 0 {
		lines = append(lines, c.bold(c.green(itoa(s.Updated)+" updated")))
	}
	if s.Obsolete > 0 {
		lines = append(lines, c.bold(c.yellow(itoa(s.Obsolete)+" obsolete")))
	}
	return lines
}
