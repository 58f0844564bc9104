package vitest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChaiAssertMessages(t *testing.T) {
	o := runFile(t, testdata(t), "assert.test.ts", nil)
	tests := []struct{ name, message string }{
		{"assert", "custom message"},
		{"assert without message", "Unspecified AssertionError"},
		{"ok", "expected +0 to be truthy"},
		{"ok with message", "needs a value: expected '' to be truthy"},
		{"equal", "expected 1 to equal 2"},
		{"equal coerces", ""},
		{"notEqual", "expected 3 to not equal 3"},
		{"strictEqual", "expected '1' to equal 1"},
		{"deepEqual", "expected { a: 1 } to deeply equal { a: 2 }"},
		{"deepEqual passes", ""},
		{"notDeepEqual", "expected [ 1 ] to not deeply equal [ 1 ]"},
		{"isTrue", "expected 1 to be true"},
		{"isFalse", "expected +0 to be false"},
		{"isNull", "expected undefined to equal null"},
		{"isUndefined", "expected null to equal undefined"},
		{"isDefined", "expected undefined to not equal undefined"},
		{"isFunction", "expected {} to be a callable function"},
		{"isObject", "expected null to be an object"},
		{"isString", "expected 1 to be a string"},
		{"isNumber", "expected '1' to be a number"},
		{"instanceOf", "expected {} to be an instance of Tea"},
		{"include string", "expected 'foobar' to include 'baz'"},
		{"include array", "expected [ 1, 2 ] to include 3"},
		{"include object", "expected { a: 1 } to have property 'b'"},
		{"include object value", "expected { a: 1 } to have property 'a' of 2, but got 1"},
		{"throws nothing", "expected [Function] to throw an error"},
		{"throws wrong type", "expected [Function] to throw 'RangeError' but 'TypeError: x' was thrown"},
		{"throws wrong message", "expected [Function] to throw error including 'xyz' but got 'abc'"},
		{"throws returns the error", ""},
		{"fail", "explicit"},
		{"fail without message", "assert.fail()"},
	}
	require.Len(t, o.result.Tests, len(tests))
	for _, tt := range tests {
		errs := o.test(t, tt.name).Errors
		if tt.message == "" {
			assert.Empty(t, errs, tt.name)
			continue
		}
		if assert.Len(t, errs, 1, tt.name) {
			assert.Equal(t, "AssertionError", errs[0].Name, tt.name)
			assert.Equal(t, tt.message, errs[0].Message, tt.name)
		}
	}
	deep := o.test(t, "deepEqual").Errors[0]
	assert.True(t, deep.ShowDiff)
	assert.Contains(t, deep.Diff, `"a": 2`)
	assert.False(t, o.test(t, "isDefined").Errors[0].ShowDiff)
}
