package pool

import (
	"crypto/sha1"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Shard selects part of the test files, so that CI can split a suite over machines with
// --shard i/n. The zero Shard takes every file.
type Shard struct {
	Index, Count int
}

// ParseShard reads "i/n" with 1 ≤ i ≤ n.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, errI := strconv.Atoi(a)
	n, errN := strconv.Atoi(b)
	if !ok || errI != nil || errN != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("--shard must be <index>/<count> with 1 <= index <= count, like 1/3; got %q", s)
	}
	return Shard{Index: i, Count: n}, nil
}

// String is "i/n", or "" for the zero Shard.
func (s Shard) String() string {
	if s.Count == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// Apply returns the files of this shard. Files are ordered by a hash of their path, as
// vitest orders them, so shards stay balanced when files are added, then cut into Count
// runs of equal size; the result is sorted by path again.
func (s Shard) Apply(files []string) []string {
	if s.Count <= 1 {
		return files
	}
	ordered := slices.Clone(files)
	slices.SortFunc(ordered, func(a, b string) int {
		return strings.Compare(hashOf(a), hashOf(b))
	})
	size := (len(ordered) + s.Count - 1) / s.Count
	start := min(len(ordered), size*(s.Index-1))
	end := min(len(ordered), size*s.Index)
	part := ordered[start:end]
	slices.Sort(part)
	return part
}

func hashOf(path string) string {
	sum := sha1.Sum([]byte(path))
	return fmt.Sprintf("%x", sum)
}
