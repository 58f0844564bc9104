package vitest

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/pool/event"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), got)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

func editFile(t *testing.T, path string, replacements ...string) {
	t.Helper()
	text := readFile(t, path)
	for i := 0; i < len(replacements); i += 2 {
		require.Contains(t, text, replacements[i])
		text = strings.Replace(text, replacements[i], replacements[i+1], 1)
	}
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
}

func ci(c *Config)           { c.CI = true }
func updating(c *Config)     { c.UpdateSnapshots = true }
func allPass(o outcome) bool { return o.result.State == event.Pass }

func TestFileSnapshots(t *testing.T) {
	dir := copyTestdata(t, "snapshots/file.test.ts")
	rel := "snapshots/file.test.ts"
	snap := filepath.Join(dir, "snapshots", "__snapshots__", "file.test.ts.snap")

	o := runFile(t, dir, rel, nil)
	require.True(t, allPass(o), "%v %v", o.states(), o.result.Errors)
	assert.Equal(t, event.SnapshotSummary{Written: 6}, o.runner.Snapshots())
	golden(t, "snapshots/file.snap.golden", readFile(t, snap))

	o = runFile(t, dir, rel, ci)
	require.True(t, allPass(o), "%v", o.states())
	assert.Equal(t, event.SnapshotSummary{}, o.runner.Snapshots())

	// A changed value fails, and a removed test leaves an obsolete snapshot.
	editFile(t, filepath.Join(dir, rel), "expect(42)", "expect(43)", `it("test 9 sorts before test 10"`, `it.skip("x"`)
	editFile(t, filepath.Join(dir, rel), `it.skip("x"`, `it("renamed"`)
	o = runFile(t, dir, rel, nil)
	failed := o.test(t, "file snapshots > names with hints")
	require.Len(t, failed.Errors, 1)
	assert.Equal(t, "Snapshot `file snapshots > names with hints 1` mismatched", failed.Errors[0].Message)
	assert.Equal(t, "42", failed.Errors[0].Expected)
	assert.Equal(t, "43", failed.Errors[0].Actual)
	assert.Equal(t, event.SnapshotSummary{Written: 1, Failed: 1, Obsolete: 1}, o.runner.Snapshots())

	o = runFile(t, dir, rel, ci)
	require.Len(t, o.result.Errors, 1)
	assert.Equal(t, "Obsolete snapshots found when no snapshot update is expected.\n"+
		"· file snapshots > test 9 sorts before test 10 1\n", o.result.Errors[0].Message)

	// -u rewrites the mismatch and removes the obsolete snapshot, which is still counted, as
	// vitest counts it (its reporter says "removed" when updating).
	o = runFile(t, dir, rel, updating)
	require.True(t, allPass(o), "%v", o.states())
	assert.Equal(t, event.SnapshotSummary{Updated: 1, Obsolete: 1}, o.runner.Snapshots())
	golden(t, "snapshots/file.snap.updated.golden", readFile(t, snap))
}

func TestSnapshotsMissingInCI(t *testing.T) {
	dir := copyTestdata(t, "snapshots/file.test.ts", "snapshots/inline.test.ts")
	o := runFile(t, dir, "snapshots/file.test.ts", ci)
	msg := o.test(t, "file snapshots > stores objects").Errors[0].Message
	assert.Equal(t, "Snapshot `file snapshots > stores objects 1` mismatched", msg)
	assert.NoFileExists(t, filepath.Join(dir, "snapshots", "__snapshots__", "file.test.ts.snap"))

	before := readFile(t, filepath.Join(dir, "snapshots/inline.test.ts"))
	o = runFile(t, dir, "snapshots/inline.test.ts", ci)
	assert.Equal(t, "fail", string(o.test(t, "inline > fills empty snapshots").State))
	assert.Equal(t, before, readFile(t, filepath.Join(dir, "snapshots/inline.test.ts")))
}

func TestInlineSnapshots(t *testing.T) {
	dir := copyTestdata(t, "snapshots/inline.test.ts")
	rel := "snapshots/inline.test.ts"
	path := filepath.Join(dir, rel)

	o := runFile(t, dir, rel, nil)
	assert.Equal(t, []string{
		"inline > fills empty snapshots: pass",
		"inline > keeps matching snapshots as they are: pass",
		"inline > rewrites a mismatch only under -u: fail",
		"inline > writes after properties: pass",
		"inline > escapes backticks: pass",
		"keeps tab indentation: pass",
	}, o.states())
	assert.Equal(t, event.SnapshotSummary{Written: 6, Failed: 1}, o.runner.Snapshots())
	golden(t, "snapshots/inline.written.golden", readFile(t, path))

	o = runFile(t, dir, rel, updating)
	require.True(t, allPass(o), "%v %v", o.states(), o.result.Errors)
	assert.Equal(t, event.SnapshotSummary{Updated: 1}, o.runner.Snapshots())
	golden(t, "snapshots/inline.updated.golden", readFile(t, path))

	o = runFile(t, dir, rel, ci)
	require.True(t, allPass(o), "%v %v", o.states(), o.result.Errors)
}

func TestSnapshotsOfRetriesAndLoops(t *testing.T) {
	dir := copyTestdata(t, "snapshots/retry.test.ts")
	o := runFile(t, dir, "snapshots/retry.test.ts", nil)
	assert.Equal(t, []string{"snapshots once per attempt: pass", "one call site, two values: fail"}, o.states())
	assert.Equal(t, "// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html\n\n"+
		"exports[`snapshots once per attempt 1`] = `\"value\"`;\n",
		readFile(t, filepath.Join(dir, "snapshots", "__snapshots__", "retry.test.ts.snap")))
	loop := o.test(t, "one call site, two values").Errors
	require.Len(t, loop, 1)
	assert.Equal(t, "toMatchInlineSnapshot with different snapshots cannot be called at the same location",
		loop[0].Message)
	assert.Equal(t, "2", loop[0].Actual)
	assert.Equal(t, "1", loop[0].Expected)
}
