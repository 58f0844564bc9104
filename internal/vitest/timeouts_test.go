package vitest

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/pool/event"
)

func timeouts(test, hook time.Duration) func(*Config) {
	return func(c *Config) { c.TestTimeout, c.HookTimeout = test, hook }
}

func TestNeverSettlingTestsTimeOut(t *testing.T) {
	o := runFile(t, testdata(t), "timeouts.test.ts", timeouts(50*time.Millisecond, time.Second))
	assert.Equal(t, []string{
		"never settles: fail",
		"never settles under fake timers: fail",
		"runs after a timeout: pass",
		"hooks > is failed by its hook: fail",
		"suite options > inherits the suite's timeout: fail",
		"suite timeout argument > inherits the third argument: fail",
		"no timeout > waits for nothing and never ends: fail",
		"no timeout > never runs: notrun",
	}, o.states())
	assert.True(t, strings.HasPrefix(o.test(t, "suite options > inherits the suite's timeout").Errors[0].Message,
		"Test timed out in 10ms."))
	assert.True(t, strings.HasPrefix(
		o.test(t, "suite timeout argument > inherits the third argument").Errors[0].Message,
		"Test timed out in 15ms."))
	assert.Equal(t, "The test never finished: nothing left on the event loop can settle what it waits for, and "+
		"it has no timeout.", o.test(t, "no timeout > waits for nothing and never ends").Errors[0].Message)
	want := "Test timed out in 50ms.\nIf this is a long-running test, pass a timeout value as the last argument " +
		`or configure it globally with "testTimeout".`
	assert.Equal(t, []string{"Error: " + want}, errorMessages(o.test(t, "never settles").Errors))
	assert.Equal(t, []string{"Error: " + want}, errorMessages(o.test(t, "never settles under fake timers").Errors))

	hook := o.test(t, "hooks > is failed by its hook").Errors
	require.Len(t, hook, 1)
	assert.Equal(t, "Hook timed out in 20ms.\nIf this is a long-running hook, pass a timeout value as the last "+
		`argument or configure it globally with "hookTimeout".`, hook[0].Message)
	assert.Equal(t, "beforeEach", hook[0].Origin)
	require.NotNil(t, hook[0].Location)
	assert.Equal(t, 18, hook[0].Location.Line, "a hook timeout points at the hook")
}

func TestInfiniteLoopInterruptsTheRuntime(t *testing.T) {
	o := runFile(t, testdata(t), "loop.test.ts", timeouts(50*time.Millisecond, time.Second))
	assert.Equal(t, []string{
		"passes first: pass",
		"stuck > loops forever: fail",
		"stuck > never runs: notrun",
		"never runs either: notrun",
	}, o.states())
	loop := o.test(t, "stuck > loops forever")
	require.Len(t, loop.Errors, 1)
	assert.True(t, strings.HasPrefix(loop.Errors[0].Message, "Test timed out in 50ms."))
	assert.Equal(t, 6, loop.Errors[0].Location.Line)
	assert.Equal(t, `not run: "stuck > loops forever" hung the runtime before this test could run`,
		o.test(t, "never runs either").Note)
	require.Len(t, o.result.Errors, 1)
	assert.Contains(t, o.result.Errors[0].Message, `"stuck > loops forever" was still running synchronously`)
	assert.Equal(t, event.Fail, o.result.State)
	assert.Empty(t, o.logs(), "nothing runs after the interrupt")
	assertPaired(t, o.events)
}

func TestInfiniteLoopInAPromiseJob(t *testing.T) {
	o := runFile(t, testdata(t), "loop-async.test.ts", timeouts(50*time.Millisecond, time.Second))
	assert.Equal(t, []string{"loops in a promise job: fail", "not run: notrun"}, o.states())
}

func TestInfiniteLoopWhileLoading(t *testing.T) {
	o := runFile(t, testdata(t), "loop-load.test.ts", timeouts(time.Second, 50*time.Millisecond))
	assert.Empty(t, o.result.Tests)
	assert.Equal(t, event.Fail, o.result.State)
	require.NotEmpty(t, o.result.Errors)
	assert.True(t, strings.HasPrefix(o.result.Errors[0].Message, "Loading the test file timed out in 50ms."),
		o.result.Errors[0].Message)
}

// assertPaired checks that every test has one TestStart and then one TestEnd.
func assertPaired(t *testing.T, events []event.Event) {
	t.Helper()
	open := map[string]bool{}
	ended := map[string]bool{}
	for _, e := range events {
		switch e.Kind {
		case event.TestStart:
			assert.False(t, open[e.Test.ID] || ended[e.Test.ID], "second start of %s", e.Test.FullName())
			open[e.Test.ID] = true
		case event.TestEnd:
			assert.True(t, open[e.Test.ID], "end without start: %s", e.Test.FullName())
			delete(open, e.Test.ID)
			ended[e.Test.ID] = true
		}
	}
	assert.Empty(t, open)
}

func TestTimeoutAbortsTheSignal(t *testing.T) {
	o := runFile(t, testdata(t), "signal.test.ts", nil)
	assert.Equal(t, []string{"aborts its signal on timeout: fail", "saw the abort: pass"}, o.states())
}
