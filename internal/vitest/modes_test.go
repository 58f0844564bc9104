package vitest

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/pool/event"
)

func allowOnly(c *Config) { c.AllowOnly = true }

func TestOnlyAcrossTheFile(t *testing.T) {
	o := runFile(t, testdata(t), "modes.test.ts", allowOnly)
	assert.Equal(t, []string{
		"a > one: skip",
		"a > two: pass",
		"a > nested only > three: pass",
		"a > nested only > four: skip",
		"a > plain > five: skip",
		"skipped suite > six: skip",
		"b > seven: skip",
		"b > eight: todo",
	}, o.states())
	assert.Equal(t, event.Pass, o.result.State)
}

// TestOnlyRefusedWhenNotAllowed: in CI vitest fails every test that .only selected, so that
// a forgotten .only cannot pass a run by skipping the rest.
func TestOnlyRefusedWhenNotAllowed(t *testing.T) {
	o := runFile(t, testdata(t), "modes.test.ts", nil)
	assert.Equal(t, []string{
		"a > one: skip",
		"a > two: fail",
		"a > nested only > three: fail",
		"a > nested only > four: skip",
		"a > plain > five: skip",
		"skipped suite > six: skip",
		"b > seven: skip",
		"b > eight: todo",
	}, o.states())
	assert.Equal(t, "[Vitest] Unexpected .only modifier. Remove it or pass --allowOnly argument to bypass this error",
		o.test(t, "a > two").Errors[0].Message)
}

func TestSkipTodoAndFilter(t *testing.T) {
	o := runFile(t, testdata(t), "filter.test.ts", nil)
	assert.Equal(t, []string{
		"users > can log in: pass",
		"users > can log out: pass",
		"users > admin > can ban: pass",
		"login page renders: pass",
		"skipIf true: skip",
		"skipIf false: pass",
		"runIf false: skip",
		"skipIf suite > inside: skip",
		"todo suite > inside todo: todo",
		"context skip: skip",
		"context skip false: pass",
		"no body: todo",
		"options skip: skip",
	}, o.states())
	assert.Equal(t, "not today", o.test(t, "context skip").Note)

	// -t matches the full name, suites and test joined by spaces.
	o = runFile(t, testdata(t), "filter.test.ts", func(c *Config) {
		c.TestNamePattern = regexp.MustCompile(`users.*log|admin can`)
	})
	var ran []string
	for _, tr := range o.result.Tests {
		if tr.State == event.Pass {
			ran = append(ran, tr.FullName())
		}
	}
	assert.Equal(t, []string{"users > can log in", "users > can log out", "users > admin > can ban"}, ran)
}

func TestRetryRepeatsAndFails(t *testing.T) {
	o := runFile(t, testdata(t), "retry.test.ts", nil)
	assert.Equal(t, []string{
		"passes on the third try: pass",
		"fails every try: fail",
		"retries only matching errors: fail",
		"repeats: pass",
		"counted: pass",
		"expected to fail: pass",
		"unexpectedly passes: fail",
		"timeout as third argument > gets 10ms: fail",
	}, o.states())

	flaky := o.test(t, "passes on the third try")
	assert.Equal(t, 2, flaky.Retries)
	assert.Empty(t, flaky.Errors)

	always := o.test(t, "fails every try")
	assert.Equal(t, 2, always.Retries)
	assert.Equal(t, []string{"Error: attempt 1", "Error: attempt 2", "Error: attempt 3"}, errorMessages(always.Errors))

	cond := o.test(t, "retries only matching errors")
	assert.Equal(t, 1, cond.Retries)
	assert.Equal(t, []string{"Error: flaky network", "Error: hard failure"}, errorMessages(cond.Errors))

	assert.Equal(t, []string{"Error: Expect test to fail"}, errorMessages(o.test(t, "unexpectedly passes").Errors))

	timeout := o.test(t, "timeout as third argument > gets 10ms")
	require.Len(t, timeout.Errors, 1)
	assert.Equal(t, "Test timed out in 10ms.\nIf this is a long-running test, pass a timeout value as the last "+
		`argument or configure it globally with "testTimeout".`, timeout.Errors[0].Message)
	// The timeout points at the declaration of the test.
	require.NotNil(t, timeout.Errors[0].Location)
	assert.Equal(t, 35, timeout.Errors[0].Location.Line)

	assert.Equal(t, []string{"try 1", "try 2", "try 3", "repeat done 1", "repeat done 2", "repeat done 3"}, o.logs())
}
