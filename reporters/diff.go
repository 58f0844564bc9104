package reporters

import (
	"fmt"
	"strings"

	"github.com/dotest-dev/dotest/pool/event"
)

// diffContext is how many unchanged lines a diff keeps around each change, as vitest's.
const diffContext = 5

// maxDiffCells bounds the work of the line diff (lines of one side times lines of the
// other); past it the two values are shown one after the other rather than aligned.
const maxDiffCells = 4_000_000

// renderDiff returns the diff block of an error, without surrounding blank lines, or "" when
// the error has none. A ready-made Diff is used as it is (given the "- Expected" header when
// it lacks one, and coloured when it is plain text); otherwise a line diff of Expected and
// Actual is built when the error asks for one and they differ: when they print the same
// (`expect(1).not.toBe(1)`) vitest shows no diff, and the matchers say so themselves in a
// ready-made diff when distinct values print alike.
//
// Note: vitest also highlights the changed characters inside a changed line of a string;
// this diff works on whole lines only.
func renderDiff(c palette, e *event.TestError) string {
	switch {
	case e.Diff != "":
		text := strings.TrimRight(e.Diff, "\n")
		if strings.Contains(text, "\x1b[") {
			return text
		}
		lines := strings.Split(text, "\n")
		if !strings.HasPrefix(text, "- Expected") {
			lines = append([]string{"- Expected", "+ Received", ""}, lines...)
		}
		for i, l := range lines {
			lines[i] = colorDiffLine(c, l)
		}
		return strings.Join(lines, "\n")
	case !e.ShowDiff || e.Expected == e.Actual:
		return ""
	}
	header := c.green("- Expected") + "\n" + c.red("+ Received") + "\n\n"
	return header + lineDiff(c, strings.Split(e.Expected, "\n"), strings.Split(e.Actual, "\n"))
}

// colorDiffLine colours one line of a ready-made diff by its first character.
func colorDiffLine(c palette, l string) string {
	switch {
	case strings.HasPrefix(l, "@@"):
		return c.yellow(l)
	case strings.HasPrefix(l, "-"):
		return c.green(l)
	case strings.HasPrefix(l, "+"):
		return c.red(l)
	default:
		return c.dim(l)
	}
}

// op is one line of an aligned diff: '-' only in the expected value, '+' only in the
// received one, ' ' in both.
type op struct {
	kind byte
	text string
}

// lineDiff renders the difference between the lines of the expected (a) and received (b)
// values: deletions before insertions in each change, diffContext common lines around
// changes, and "@@ -a,n +b,m @@" marks when common lines were left out.
func lineDiff(c palette, a, b []string) string {
	ops := alignLines(a, b)
	hunks := hunksOf(ops)
	var out []string
	for _, h := range hunks {
		if len(hunks) > 1 || h.lo > 0 || h.hi < len(ops) {
			out = append(out, c.yellow(h.mark(ops)))
		}
		for _, o := range ops[h.lo:h.hi] {
			out = append(out, printOp(c, o))
		}
	}
	return strings.Join(out, "\n")
}

func printOp(c palette, o op) string {
	color := c.dim
	switch o.kind {
	case '-':
		color = c.green
	case '+':
		color = c.red
	}
	switch {
	case o.text != "":
		return color(string(o.kind) + " " + o.text)
	case o.kind != ' ':
		return color(string(o.kind))
	default:
		return ""
	}
}

// hunk is a range of ops to print.
type hunk struct{ lo, hi int }

// mark is the "@@ -a,n +b,m @@" line of h, with one-based line numbers.
func (h hunk) mark(ops []op) string {
	aStart, bStart := 0, 0
	for _, o := range ops[:h.lo] {
		if o.kind != '+' {
			aStart++
		}
		if o.kind != '-' {
			bStart++
		}
	}
	aLen, bLen := 0, 0
	for _, o := range ops[h.lo:h.hi] {
		if o.kind != '+' {
			aLen++
		}
		if o.kind != '-' {
			bLen++
		}
	}
	return fmt.Sprintf("@@ -%d,%d +%d,%d @@", aStart+1, aLen, bStart+1, bLen)
}

// hunksOf groups the changes of ops with their context, merging changes whose gap is at
// most twice the context.
func hunksOf(ops []op) []hunk {
	var hunks []hunk
	for i := 0; i < len(ops); i++ {
		if ops[i].kind == ' ' {
			continue
		}
		lo := max(0, i-diffContext)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j
			} else if j-end > 2*diffContext {
				break
			}
		}
		hi := min(len(ops), end+1+diffContext)
		if n := len(hunks); n > 0 && lo <= hunks[n-1].hi {
			hunks[n-1].hi = hi
		} else {
			hunks = append(hunks, hunk{lo, hi})
		}
		i = end
	}
	if len(hunks) == 0 {
		hunks = []hunk{{0, len(ops)}}
	}
	return hunks
}

// alignLines aligns two lists of lines on a longest common subsequence, with each run of
// changes written as its deletions followed by its insertions.
func alignLines(a, b []string) []op {
	if len(a)*len(b) > maxDiffCells {
		return changeRun(a, b)
	}

	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
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

	var ops []op
	var dels, ins []string
	flush := func() {
		ops = append(ops, changeRun(dels, ins)...)
		dels, ins = dels[:0], ins[:0]
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			flush()
			ops = append(ops, op{' ', a[i]})
			i, j = i+1, j+1
		case j == len(b) || i < len(a) && lcs[i+1][j] >= lcs[i][j+1]:
			dels = append(dels, a[i])
			i++
		default:
			ins = append(ins, b[j])
			j++
		}
	}
	flush()
	return ops
}

// changeRun writes deletions then insertions.
func changeRun(dels, ins []string) []op {
	ops := make([]op, 0, len(dels)+len(ins))
	for _, d := range dels {
		ops = append(ops, op{'-', d})
	}
	for _, s := range ins {
		ops = append(ops, op{'+', s})
	}
	return ops
}

// Diff returns the diff block of an error as the default reporter prints it, without
// colour: "- Expected", "+ Received", then the changed lines with vitest's context. It is ""
// when the error has no diff. Other front ends (the Go API) use it so that every output of
// dotest shows a failure the same way.
func Diff(e *event.TestError) string { return renderDiff(palette{}, e) }
