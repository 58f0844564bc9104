package vitest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/pool/event"
)

func TestEscapedErrorsFailTheRunningTest(t *testing.T) {
	o := runFile(t, testdata(t), "escaped.test.ts", nil)
	assert.Equal(t, []string{
		"waits for the beforeAll timer: fail",
		"timer error: fail",
		"unhandled rejection: fail",
		"microtask error: fail",
		"handled rejection is fine: pass",
		"throws a string: fail",
		"throws an object: fail",
		"throws an aggregate: fail",
		"soft assertions: fail",
		"expect.assertions: fail",
	}, o.states())

	check := func(name, origin, message string) {
		t.Helper()
		errs := o.test(t, name).Errors
		require.Len(t, errs, 1, name)
		assert.Equal(t, origin, errs[0].Origin, name)
		assert.Equal(t, message, errs[0].Name+": "+errs[0].Message, name)
	}
	// The beforeAll's timer fires while the first test runs, so that test gets it.
	check("waits for the beforeAll timer", "timer", "Error: from a timer in beforeAll")
	check("timer error", "timer", "TypeError: boom in a timer")
	check("unhandled rejection", "unhandled rejection", "RangeError: nobody caught me")
	check("microtask error", "queueMicrotask", "Error: from queueMicrotask")
	check("throws a string", "", ": just a string")
	check("throws an object", "", ": { code: 42, reason: 'nope' }")
	check("expect.assertions", "", "Error: expected number of assertions to be 2, but got 1")

	assert.Equal(t, []string{"Error: first", "Error: second"}, errorMessages(o.test(t, "throws an aggregate").Errors))
	soft := o.test(t, "soft assertions").Errors
	assert.Equal(t, []string{
		"AssertionError: expected 1 to be 2 // Object.is equality",
		"AssertionError: expected 2 to be 3 // Object.is equality",
	}, errorMessages(soft))
	assert.Equal(t, "2", soft[0].Expected)
	assert.Equal(t, "1", soft[0].Actual)
	assert.True(t, soft[0].ShowDiff)
	assert.Contains(t, soft[0].Diff, "- Expected")

	timer := o.test(t, "timer error").Errors[0]
	require.NotNil(t, timer.Location)
	assert.Equal(t, 15, timer.Location.Line)
	assert.Equal(t, `    throw new TypeError("boom in a timer");`, timer.Location.LineText)
	for _, f := range timer.Stack {
		assert.Equal(t, o.runner.cfg.File, f.File, "only frames of the test file remain")
	}

	// After the last test, an error belongs to the file.
	require.Len(t, o.result.Errors, 1)
	assert.Equal(t, "unhandled rejection", o.result.Errors[0].Origin)
	assert.Equal(t, "rejected in afterAll", o.result.Errors[0].Message)
}

func TestLoadAndCollectionErrors(t *testing.T) {
	tests := []struct {
		file, origin, message string
		line                  int
	}{
		{"load-error.test.ts", "load", "SyntaxError: bad top-level code", 6},
		{"describe-error.test.ts", "collect", "Error: describe callback failed", 5},
		{"no-tests.test.ts", "", "Error: No test suite found in file ", 0},
		{"empty.test.ts", "", "Error: No test found in suite nothing here", 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			o := runFile(t, testdata(t), tt.file, nil)
			assert.Empty(t, o.result.Tests)
			assert.Equal(t, event.Fail, o.result.State)
			require.Len(t, o.result.Errors, 1)
			e := o.result.Errors[0]
			assert.Contains(t, e.Name+": "+e.Message, tt.message)
			assert.Equal(t, tt.origin, e.Origin)
			if tt.line > 0 {
				require.NotNil(t, e.Location)
				assert.Equal(t, tt.line, e.Location.Line)
			}
		})
	}
}

func TestFailingBeforeAllSkipsItsSuite(t *testing.T) {
	o := runFile(t, testdata(t), "before-all-fails.test.ts", nil)
	assert.Equal(t, []string{
		"broken setup > skipped 1: skip",
		"broken setup > skipped 2: skip",
		"unaffected: pass",
	}, o.states())
	assert.Equal(t, []string{"Error: setup failed"}, errorMessages(o.result.Errors))
	assert.Equal(t, "beforeAll", o.result.Errors[0].Origin)
	assert.Equal(t, []string{"afterAll still runs"}, o.logs())
	assert.Equal(t, event.Fail, o.result.State)
}
