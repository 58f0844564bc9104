package reporters

import (
	"fmt"

	"github.com/dotest-dev/dotest/pool/event"
)

// tally counts tests or files by outcome.
type tally struct {
	passed, failed, skipped, todo, notRun int
}

func (t *tally) add(s event.State) {
	switch s {
	case event.Pass:
		t.passed++
	case event.Fail:
		t.failed++
	case event.Skip:
		t.skipped++
	case event.Todo:
		t.todo++
	default:
		t.notRun++
	}
}

func (t tally) total() int {
	return t.passed + t.failed + t.skipped + t.todo + t.notRun
}

// countTests tallies the tests of one file.
func countTests(f *fileRun) tally {
	var t tally
	for _, r := range f.tests() {
		t.add(testState(r))
	}
	return t
}

// countFiles tallies files by outcome. A file that did not run without an error of its own
// (a run stopped early) counts as skipped, as vitest counts the files a bail left out.
func countFiles(files []*fileRun) tally {
	var t tally
	for _, f := range files {
		s := f.state()
		if s == event.NotRun {
			s = event.Skip
		}
		t.add(s)
	}
	return t
}

// finalLine is the last line of every terminal report, "N passed, N failed" with
// ", N skipped" when any test was skipped or todo, which CI scripts read.
//
// It counts tests, with two additions so that it never says "0 failed" about a failed run:
// tests that did not run count as failed when their file failed (their runtime was
// discarded after an error, which the file's errors show) and as skipped otherwise; and a
// failed file none of whose tests is counted as failed (a syntax error, a failing afterAll)
// counts as one failure, as the JUnit report shows it as one failing test case.
func finalLine(files []*fileRun) string {
	var passed, failed, skipped int
	for _, f := range files {
		t := countTests(f)
		passed += t.passed
		failed += t.failed
		skipped += t.skipped + t.todo
		switch {
		case !f.failed():
			skipped += t.notRun
		case t.failed+t.notRun == 0:
			failed++
		default:
			failed += t.notRun
		}
	}
	line := fmt.Sprintf("%d passed, %d failed", passed, failed)
	if skipped > 0 {
		line += fmt.Sprintf(", %d skipped", skipped)
	}
	return line
}
