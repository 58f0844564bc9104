package cloudflaretest

import (
	"strings"

	"github.com/dotest-dev/dotest/pool/event"
)

// maxDiffCells bounds the work of the line diff; past it the values are shown one after the
// other.
const maxDiffCells = 1_000_000

// renderDiff returns the diff of a failed comparison in vitest's form ("- Expected",
// "+ Received", then the lines), or "" when the error has none. A diff the matcher made is
// used as it is.
//
// Note: unlike the terminal reporter, this diff shows every line of both values, without
// cutting long runs of unchanged lines and without colour, as go test output is plain text.
func renderDiff(e *event.TestError) string {
	const header = "- Expected\n+ Received\n\n"
	switch {
	case e.Diff != "":
		text := strings.TrimRight(e.Diff, "\n")
		if strings.HasPrefix(text, "- Expected") {
			return text
		}
		return header + text
	case !e.ShowDiff || e.Expected == e.Actual:
		return ""
	}
	return header + lineDiff(strings.Split(e.Expected, "\n"), strings.Split(e.Actual, "\n"))
}

// lineDiff aligns the lines of a (expected) and b (received) on their longest common
// subsequence and marks the others "-" and "+".
func lineDiff(a, b []string) string {
	var out []string
	if len(a)*len(b) > maxDiffCells {
		for _, l := range a {
			out = append(out, "- "+l)
		}
		for _, l := range b {
			out = append(out, "+ "+l)
		}
		return strings.Join(out, "\n")
	}

	// lcs[i][j] is the length of the common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}

	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, "  "+a[i])
			i, j = i+1, j+1
		case j == len(b) || (i < len(a) && lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, "- "+a[i])
			i++
		default:
			out = append(out, "+ "+b[j])
			j++
		}
	}
	return strings.Join(out, "\n")
}
