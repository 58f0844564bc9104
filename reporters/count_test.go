package reporters

import (
	"testing"

	"github.com/dotest-dev/dotest/pool/event"
	"github.com/stretchr/testify/assert"
)

// fileOf builds a finished file from its test states and whether it has an error of its own.
func fileOf(state event.State, fileErr bool, tests ...event.State) *fileRun {
	res := &event.FileResult{File: "a.test.ts", State: state}
	for i, s := range tests {
		res.Tests = append(res.Tests, &event.TestResult{Task: event.Task{ID: itoa(i)}, State: s})
	}
	if fileErr {
		res.Errors = []*event.TestError{{Name: "Error", Message: "boom"}}
	}
	return &fileRun{path: res.File, result: res}
}

func TestFinalLine(t *testing.T) {
	P, F, S, T, N := event.Pass, event.Fail, event.Skip, event.Todo, event.NotRun
	tests := []struct {
		name  string
		files []*fileRun
		want  string
	}{
		{"no files", nil, "0 passed, 0 failed"},
		{"all pass", []*fileRun{fileOf(P, false, P, P)}, "2 passed, 0 failed"},
		{"skip and todo both count as skipped", []*fileRun{fileOf(P, false, P, S, T)}, "1 passed, 0 failed, 2 skipped"},
		{"failures", []*fileRun{fileOf(F, false, P, F, F), fileOf(P, false, P)}, "2 passed, 2 failed"},
		{
			"tests a failed runtime left out count as failed",
			[]*fileRun{fileOf(F, true, P, F, N, N)},
			"1 passed, 3 failed",
		},
		{
			"tests left out by a file that did not fail count as skipped",
			[]*fileRun{fileOf(P, false, P, N)},
			"1 passed, 0 failed, 1 skipped",
		},
		{
			"a file that failed to load counts as one failure",
			[]*fileRun{fileOf(F, true), fileOf(P, false, P)},
			"1 passed, 1 failed",
		},
		{
			"a failing afterAll with passing tests counts as one failure",
			[]*fileRun{fileOf(F, true, P, P)},
			"2 passed, 1 failed",
		},
		{
			"a test that never ended counts as not run",
			[]*fileRun{fileOf(F, true, P, "")},
			"1 passed, 1 failed",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, finalLine(tt.files))
		})
	}
}

func TestCountFiles(t *testing.T) {
	files := []*fileRun{
		fileOf(event.Pass, false, event.Pass),
		fileOf(event.Fail, false, event.Fail),
		fileOf(event.Pass, true, event.Pass), // failed by its own error
		fileOf(event.Skip, false, event.Skip),
		{path: "never.test.ts"}, // started, never ended
	}
	assert.Equal(t, tally{passed: 1, failed: 2, skipped: 2}, countFiles(files))
}
