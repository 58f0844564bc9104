package reporters

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// formatDuration renders a run's length as vitest's summary does: whole milliseconds up to
// a second, then seconds with two decimals ("120ms", "1.26s").
func formatDuration(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	if ms > 1000 {
		return strconv.FormatFloat(ms/1000, 'f', 2, 64) + "s"
	}
	return fmt.Sprintf("%dms", int64(math.Round(ms)))
}

// formatMillis renders the duration of one test or file, which vitest always prints in
// whole milliseconds, however long it is.
func formatMillis(d time.Duration) string {
	return fmt.Sprintf("%dms", int64(math.Round(float64(d)/float64(time.Millisecond))))
}

// millis is a duration in milliseconds with its fraction, the unit of vitest's JSON report.
func millis(d time.Duration) float64 {
	return float64(d) / float64(time.Millisecond)
}

// seconds renders a duration in seconds with at most ten decimals and no trailing zeros,
// the unit of JUnit's time attributes.
func seconds(d time.Duration) string {
	s := math.Round(d.Seconds()*1e10) / 1e10
	return strconv.FormatFloat(s, 'f', -1, 64)
}

// plural returns "1 test" or "2 tests".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// paths turns the file names of events and stack frames into the two forms reports need:
// relative to the project root for people, absolute (root-joined) for tools.
type paths struct {
	root string
}

// rel returns file relative to the root, with forward slashes; files outside the root
// stay as they are.
func (p paths) rel(file string) string {
	if file == "" || !filepath.IsAbs(file) || p.root == "" {
		return filepath.ToSlash(file)
	}
	r, err := filepath.Rel(p.root, file)
	if err != nil || strings.HasPrefix(r, "..") {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(r)
}

// abs returns file joined to the root when it is relative.
func (p paths) abs(file string) string {
	if file == "" || filepath.IsAbs(file) || p.root == "" {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(filepath.Join(p.root, file))
}
