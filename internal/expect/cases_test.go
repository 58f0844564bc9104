package expect

import "testing"

// TestMatcherCases runs testdata/cases.js and compares pass/fail, the
// messages, the printed actual/expected values and the diffs with the golden
// file, which was checked against vitest 4.1's own output.
func TestMatcherCases(t *testing.T) {
	got := runCasesFile(t, "testdata/cases.js")
	checkGolden(t, "testdata/cases.golden.json", got)
}

// TestMockCases runs testdata/mocks.js: what tests observe of vi.fn and
// vi.spyOn, checked against vitest 4.1.
func TestMockCases(t *testing.T) {
	got := runCasesFile(t, "testdata/mocks.js")
	checkGolden(t, "testdata/mocks.golden.json", got)
}
