package vitest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestHookOrder checks the order of vitest 4's documented hook sequence ("stack"):
// beforeAll then tests then afterAll (last registered first) then beforeAll cleanups;
// for each test: beforeEach outer to inner, the body, afterEach inner to outer with each
// suite's hooks last-registered first, beforeEach cleanups in reverse, onTestFinished in
// reverse, and onTestFailed in reverse when the test failed.
func TestHookOrder(t *testing.T) {
	o := runFile(t, testdata(t), "hooks.test.ts", nil)
	assert.Equal(t, []string{
		"outer > first: pass", "outer > inner > second fails: fail", "top: pass",
	}, o.states())
	assert.Equal(t, []string{
		"file beforeAll",
		"outer beforeAll",

		"file beforeEach",
		"outer beforeEach 1",
		"outer beforeEach 2",
		"first body",
		"outer afterEach",
		"file afterEach 2",
		"file afterEach 1",
		"outer beforeEach 2 cleanup",
		"outer beforeEach 1 cleanup",
		"file beforeEach cleanup",
		"first onTestFinished 2",
		"first onTestFinished 1",

		"file beforeEach",
		"outer beforeEach 1",
		"outer beforeEach 2",
		"inner beforeEach",
		"second body",
		"inner afterEach",
		"outer afterEach",
		"file afterEach 2",
		"file afterEach 1",
		"outer beforeEach 2 cleanup",
		"outer beforeEach 1 cleanup",
		"file beforeEach cleanup",
		"second onTestFailed 2",
		"second onTestFailed 1",

		"outer afterAll",

		"file beforeEach",
		"top body",
		"file afterEach 2",
		"file afterEach 1",
		"file beforeEach cleanup",

		"file afterAll 2",
		"file afterAll 1",
		"file beforeAll cleanup",
	}, o.logs())
}
