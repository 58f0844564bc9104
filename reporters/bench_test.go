package reporters

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/dotest-dev/dotest/pool/event"
)

// bigRun is a run of 50 files of 20 tests, one test in ten failing with a diff.
func bigRun() []event.Event {
	var files []fileSpec
	for i := range 50 {
		f := fileSpec{path: fmt.Sprintf("test/f%02d.test.ts", i), duration: 40 * time.Millisecond}
		for j := range 20 {
			id := fmt.Sprintf("%d-%d", i, j)
			name := fmt.Sprintf("suite %d > case %d", j%3, j)
			if j%10 == 9 {
				err := &event.TestError{Name: "AssertionError", Message: "expected 1 to be 2",
					Expected: "2", Actual: "1", ShowDiff: true,
					Stack: []event.Frame{{File: f.path, Line: j + 3, Column: 5}}}
				f.tests = append(f.tests, test(id, name, j+2, event.Fail, 2, err))
				f.state = event.Fail
				continue
			}
			f.tests = append(f.tests, test(id, name, j+2, event.Pass, 1))
		}
		files = append(files, f)
	}
	return scenario{name: "big", files: files}.events()
}

func BenchmarkReporters(b *testing.B) {
	evs := bigRun()
	for _, name := range Names() {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				r, _ := New(name, io.Discard, Options{Now: fixedNow, Hostname: "ci-runner"})
				for _, e := range evs {
					r.Event(e)
				}
				_ = r.Close()
			}
		})
	}
}
