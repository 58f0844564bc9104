package reporters

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dotest-dev/dotest/pool/event"
)

func TestDiffIsPlain(t *testing.T) {
	e := &event.TestError{ShowDiff: true, Expected: "[\n  1,\n  2,\n]", Actual: "[\n  1,\n  3,\n]"}
	assert.Equal(t, "- Expected\n+ Received\n\n  [\n    1,\n-   2,\n+   3,\n  ]", Diff(e))
	assert.Empty(t, Diff(&event.TestError{Message: "no diff"}))
}
