package vitest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBasicRun(t *testing.T) {
	o := runFile(t, testdata(t), "basic.test.ts", nil)
	assert.Equal(t, []string{"math > adds: pass", "math > fails: fail", "math > awaits: pass", "skipped: skip", "later: todo"}, o.states())
	assert.Empty(t, o.result.Errors)
	f := o.test(t, "math > fails")
	t.Logf("%+v", f.Errors[0])
	t.Logf("%+v", f.Errors[0].Location)
	t.Log(o.logs())
}
