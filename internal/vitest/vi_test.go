package vitest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVi(t *testing.T) {
	o := runFile(t, testdata(t), "vi.test.ts", nil)
	for _, tr := range o.result.Tests {
		assert.Equal(t, "pass", string(tr.State), "%s: %v", tr.FullName(), errorMessages(tr.Errors))
	}
	assert.Len(t, o.result.Tests, 15)
	assert.Empty(t, o.result.Errors)
}

func TestFakeTimersEndWithTheFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "fake.test.ts", `
		import { it, vi } from "vitest";
		it("leaves fake timers on", () => {
			vi.useFakeTimers();
			setTimeout(() => {}, 1000);
		});
	`)
	o := runFile(t, dir, "fake.test.ts", nil)
	assert.Equal(t, []string{"leaves fake timers on: pass"}, o.states())
	assert.False(t, o.runner.rt.Clock.Fake())
	assert.Equal(t, 0, o.runner.rt.Loop.PendingTimers())
}
