package expect

import "testing"

// TestMatcherCases runs testdata/cases.js and compares pass/fail, the
// messages, the printed actual/expected values and the diffs with the golden
// file, which was checked against vitest 4.1's own output.
func TestMatcherCases(t *testing.T) {
	got := runCasesFile(t, "testdata/cases.js")
	checkGolden(t, "testdata/cases.golden.json", got)
}
