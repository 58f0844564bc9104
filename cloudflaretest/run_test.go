package cloudflaretest_test

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/cloudflaretest"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata")

// TestRunChild runs the failing project; TestRun runs it in a child process and checks what
// go test prints.
func TestRunChild(t *testing.T) {
	switch os.Getenv("CLOUDFLARETEST_CHILD") {
	case "":
		t.Skip("run by TestRun in a child process: it fails on purpose")
	case "bad pattern":
		cloudflaretest.Run(t, "testdata/failing", cloudflaretest.WithTestNamePattern("("))
	case "no files":
		cloudflaretest.Run(t, "testdata/failing", cloudflaretest.WithFiles("nothing like it"))
	case "no project":
		cloudflaretest.Run(t, "testdata/none")
	default:
		cloudflaretest.Run(t, "testdata/failing")
	}
}

// durations are the times go test prints, which change from run to run.
var durations = regexp.MustCompile(`\(\d+\.\d+s\)`)

// runChild runs TestRunChild with the -run pattern run, and returns the output of go test -v
// with durations zeroed, and whether it failed.
func runChild(t *testing.T, run string) (string, bool) {
	t.Helper()
	return runChildAs(t, "run", run)
}

// runChildAs is runChild with the mode of TestRunChild.
func runChildAs(t *testing.T, mode, run string) (string, bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run", run, "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), "CLOUDFLARETEST_CHILD="+mode, "CI=")
	out, err := cmd.CombinedOutput()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		require.NoError(t, err)
	}
	return durations.ReplaceAllString(string(out), "(0.00s)"), err != nil
}

// TestRun checks, one file at a time so that the output does not depend on the order parallel
// subtests run in, what go test prints for the JS tests: failures with their location, diff
// and code, logs, skipped and todo tests, file errors, and directories as levels.
func TestRun(t *testing.T) {
	tests := []struct {
		name   string
		run    string
		failed bool
	}{
		{"math", "^TestRunChild$/^math.test.ts$", true},
		{"broken", "^TestRunChild$/^broken.test.ts$", true},
		{"nested", "^TestRunChild$/^nested$/^deep.test.ts$/^is_found_below$", false},
		{"one-test", "^TestRunChild$/^math.test.ts$/^math$/^passes$", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, failed := runChild(t, tt.run)
			assert.Equal(t, tt.failed, failed)
			golden := filepath.Join("testdata", "run-"+tt.name+".golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(out), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), out)
		})
	}
}

// TestRunSkipsFilesThatCannotMatch checks that a -run pattern keeps Run from running the files
// it cannot select: their subtests do not even appear.
func TestRunSkipsFilesThatCannotMatch(t *testing.T) {
	out, failed := runChild(t, "^TestRunChild$/^other")
	assert.False(t, failed)
	assert.Contains(t, out, "--- PASS: TestRunChild/other.test.ts/passes_too")
	assert.NotContains(t, out, "math.test.ts")
	assert.NotContains(t, out, "broken.test.ts")
	assert.NotContains(t, out, "nested")

	out, failed = runChild(t, "^TestRunChild$/other|^TestRunChild$/nested/deep")
	assert.False(t, failed)
	assert.Contains(t, out, "--- PASS: TestRunChild/other.test.ts")
	assert.Contains(t, out, "--- PASS: TestRunChild/nested/deep.test.ts")
	assert.NotContains(t, out, "math.test.ts")
}

func TestRunOptions(t *testing.T) {
	// Only math.test.ts runs, and in it only the test the pattern names: the others are
	// skipped subtests, so nothing fails.
	cloudflaretest.Run(t, "testdata/failing", cloudflaretest.WithFiles("math"),
		cloudflaretest.WithTestNamePattern("^math passes$"))
}

func TestRunBadInput(t *testing.T) {
	tests := []struct {
		mode string
		want string
	}{
		{"bad pattern", "cloudflaretest.Run: WithTestNamePattern(\"(\"): error parsing regexp: missing closing ): `(`"},
		{"no files", "cloudflaretest.Run: no test files found in "},
		{"no project", "cloudflaretest.Run: failed to load the project in "},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			out, failed := runChildAs(t, tt.mode, "^TestRunChild$")
			assert.True(t, failed)
			assert.Contains(t, out, tt.want)
		})
	}
}
