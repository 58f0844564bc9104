package cftest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/pool"
	"github.com/dotest-dev/dotest/pool/event"
)

// The behaviour of cloudflare:test is tested by the test files of testdata/helpers, run
// through dotest itself; these tests check what each file reported.

// runProject runs every test file of a testdata project and returns the results by file.
func runProject(t *testing.T, dir string) map[string]*event.FileResult {
	t.Helper()
	proj, err := project.Load(dir, project.Options{})
	require.NoError(t, err)
	res, err := pool.New(pool.Options{Project: proj, CI: true}).Run(context.Background())
	require.NoError(t, err)
	out := map[string]*event.FileResult{}
	for _, f := range res.Files {
		out[f.File] = f
	}
	return out
}

// outcomes maps each test's full name to its state and the messages of its errors.
func outcomes(f *event.FileResult) map[string]string {
	out := map[string]string{}
	for _, tr := range f.Tests {
		var msgs []string
		for _, e := range tr.Errors {
			msgs = append(msgs, e.Message)
		}
		out[tr.FullName()] = string(tr.State) + strings.Join(append([]string{""}, msgs...), "\n")
	}
	return out
}

func TestHelpersPass(t *testing.T) {
	files := runProject(t, "testdata/helpers")
	counts := map[string]int{
		"test/durable-objects.test.ts": 21,
		"test/events.test.ts":          9,
		"test/fetch-mock.test.ts":      16,
		"test/self.test.ts":            3,
	}
	for file, n := range counts {
		f := files[file]
		require.NotNil(t, f, file)
		assert.Empty(t, f.Errors, file)
		got := outcomes(f)
		assert.Len(t, got, n, file)
		for name, outcome := range got {
			assert.Equal(t, string(event.Pass), outcome, "%s > %s", file, name)
		}
	}
}

func TestHelpersFail(t *testing.T) {
	f := runProject(t, "testdata/helpers")["test/failing.test.ts"]
	require.NotNil(t, f)
	const pending = "failed to leave the test isolation scope: work handed to waitUntil() was still pending " +
		"when the test ended: "
	const advice = ". Isolation cannot wait for it: await it before the test ends (waitOnExecutionContext(ctx), " +
		"or vi.waitUntil() for work the worker started)"
	want := map[string]string{
		"fails with the callback's error":     "fail\nboom from the callback",
		"has the failed test's writes undone": "pass",
		"leaves work in the worker's waitUntil": "fail\n" + pending +
			"the work came from ctx.waitUntil() in the worker or a Durable Object" + advice,
		"lets the work of the test before settle": "pass",
		"leaves work in an ExecutionContext": "fail\n" + pending + "the promise passed to ctx.waitUntil() at " +
			"test/failing.test.ts:28:16" + advice,
		"fetches what no interceptor matches": "fail\nMock dispatch not matched for path '/unmocked?q=1': " +
			"subsequent request to origin https://api.example.com was not allowed (net.connect disabled)",
		"has an alarm that fails every time it runs": "fail\nthe alarm of Durable Object Counter " +
			"629f66a3ab09071b61a9d553848d9f4a3233a7711cc2398288216483c7f6a123 failed 7 times and was abandoned " +
			"after 6 retries: Error: the alarm failed",
	}
	assert.Equal(t, want, outcomes(f))

	var callback *event.TestResult
	for _, tr := range f.Tests {
		if tr.Name == "fails with the callback's error" {
			callback = tr
		}
	}
	require.NotNil(t, callback)
	require.NotNil(t, callback.Errors[0].Location, "the error keeps its stack")
	assert.Equal(t, 9, callback.Errors[0].Location.Line)
}

func TestSelfWithoutMain(t *testing.T) {
	f := runProject(t, "testdata/nomain")["test/self.test.ts"]
	require.NotNil(t, f)
	assert.Equal(t, map[string]string{"says that SELF needs main": "pass"}, outcomes(f))
}

// TestResetEmptiesKV: reset() empties the KV namespaces with the Durable Objects, through
// the frame stack, so the next test gets back what its hooks wrote.
func TestResetEmptiesKV(t *testing.T) {
	f := runProject(t, "testdata/kv")["test/reset.test.ts"]
	require.NotNil(t, f)
	assert.Equal(t, map[string]string{
		"empties every namespace":                "pass",
		"gets back what the test before emptied": "pass",
	},
		outcomes(f))
}
