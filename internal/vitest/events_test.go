package vitest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/pool/event"
)

func TestEventsOfAFile(t *testing.T) {
	o := runFile(t, testdata(t), "basic.test.ts", nil)
	var kinds []string
	for _, e := range o.events {
		kinds = append(kinds, string(e.Kind))
		assert.Equal(t, "basic.test.ts", e.File)
		assert.False(t, e.Time.IsZero())
	}
	assert.Equal(t, []string{
		"file-collected",
		"test-start", "test-end",
		"test-start", "test-end",
		"test-start", "log", "test-end",
		"test-start", "test-end",
		"test-start", "test-end",
	}, kinds)
	assertPaired(t, o.events)

	tasks := o.events[0].Tasks
	require.Len(t, tasks, 6)
	// Ids are vitest's: a hash of the file's relative path, then the position in each suite.
	assert.Equal(t, event.Task{ID: "-109630565_0", Name: "math", Suite: true, Mode: "run", Line: 3, Column: 1},
		tasks[0])
	assert.Equal(t, event.Task{ID: "-109630565_0_0", Name: "adds", Suites: []string{"math"}, Mode: "run",
		Line: 4, Column: 3}, tasks[1])
	assert.Equal(t, "skip", tasks[4].Mode)
	assert.Equal(t, "todo", tasks[5].Mode)

	var log *event.LogEntry
	for _, e := range o.events {
		if e.Kind == event.Log {
			log = e.Entry
		}
	}
	require.NotNil(t, log)
	assert.Equal(t, event.LogEntry{TestID: "-109630565_0_2", Stream: "stdout", Text: "after await"}, *log)

	failed := o.test(t, "math > fails").Errors[0]
	assert.Equal(t, "    expect(1 + 1).toBe(3);", failed.Location.LineText)
	assert.Equal(t, 9, failed.Location.Line)
	assert.Equal(t, 19, failed.Location.Column, "at toBe, as V8 reports the call")
}

func TestGlobalsAndTheOtherExports(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "globals.test.ts", `
		describe("globals", () => {
			it("has the API without imports", () => {
				expect(typeof vi.fn).toBe("function");
				expect(typeof assert.equal).toBe("function");
				expectTypeOf(1).toEqualTypeOf<number>();
				assertType<number>(1);
				onTestFinished(() => {});
			});
		});
	`)
	o := runFile(t, dir, "globals.test.ts", func(c *Config) { c.Globals = true })
	assert.Equal(t, []string{"globals > has the API without imports: pass"}, o.states())

	write(t, dir, "exports.test.ts", `
		import { bench, inject, it, expect, vitest, vi } from "vitest";
		it("inject gives undefined", () => {
			expect(inject("anything")).toBeUndefined();
			expect(vitest).toBe(vi);
		});
		bench("a benchmark", () => {});
		bench.skip("a skipped benchmark", () => {});
	`)
	o = runFile(t, dir, "exports.test.ts", nil)
	assert.Equal(t, []string{
		"inject gives undefined: pass", "a benchmark: fail", "a skipped benchmark: skip",
	}, o.states())
	assert.Contains(t, o.test(t, "a benchmark").Errors[0].Message, "dotest does not run benchmarks")

	o = runFile(t, dir, "globals.test.ts", nil)
	assert.Empty(t, o.result.Tests, "without globals: true, describe is not defined")
	assert.Contains(t, o.result.Errors[0].Message, "describe")
}
