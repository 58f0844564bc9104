package project

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
)

// DefaultInclude is vitest's default test-file glob, `**/*.{test,spec}.?(c|m)[jt]s?(x)`,
// spelled out.
var DefaultInclude = []string{"**/*.{test,spec}.{js,mjs,cjs,ts,mts,cts,jsx,tsx}"}

// DefaultExclude is vitest's default exclusion. As in vitest, a `test.exclude` replaces it
// rather than adding to it.
var DefaultExclude = []string{"**/node_modules/**", "**/.git/**"}

// matcher is the compiled form of a project's include and exclude globs.
type matcher struct {
	include, exclude []*glob
}

func compileMatcher(include, exclude []string) (*matcher, error) {
	m := &matcher{}
	for _, p := range include {
		// A leading "!" in an include list excludes, as in the glob library vitest uses.
		if rest, ok := strings.CutPrefix(p, "!"); ok {
			exclude = append(exclude, rest)
			continue
		}
		g, err := compileGlob(p)
		if err != nil {
			return nil, err
		}
		m.include = append(m.include, g)
	}
	for _, p := range exclude {
		g, err := compileGlob(p)
		if err != nil {
			return nil, err
		}
		m.exclude = append(m.exclude, g)
	}
	return m, nil
}

func matchesAny(globs []*glob, path string) bool {
	for _, g := range globs {
		if g.match(path) {
			return true
		}
	}
	return false
}

// TestFiles returns the test files of the project: the files under TestDir that match an
// Include glob and no Exclude glob, narrowed by the filters as vitest's command line
// narrows them (a case-insensitive substring of the path relative to TestDir, or a path
// prefix). The result is sorted, relative to Root, with forward slashes.
//
// Directories reached through symbolic links are not searched.
func (p *Project) TestFiles(filters []string) ([]string, error) {
	m := p.matcher
	if m == nil {
		var err error
		if m, err = compileMatcher(p.Include, p.Exclude); err != nil {
			return nil, err
		}
	}

	var found []string
	err := filepath.WalkDir(p.TestDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(mustRel(p.TestDir, path))
		if d.IsDir() {
			// A directory whose contents are all excluded is not searched at all.
			if rel != "." && matchesAny(m.exclude, rel+"/") {
				return filepath.SkipDir
			}
			return nil
		}
		if matchesAny(m.include, rel) && !matchesAny(m.exclude, rel) && p.passesFilters(path, rel, filters) {
			found = append(found, filepath.ToSlash(mustRel(p.Root, path)))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("failed to list the test files: %w", err)
	}
	slices.Sort(found)
	return found, nil
}

func (p *Project) passesFilters(abs, rel string, filters []string) bool {
	if len(filters) == 0 {
		return true
	}
	lower := strings.ToLower(rel)
	for _, f := range filters {
		if filepath.IsAbs(f) && strings.HasPrefix(abs, f) {
			return true
		}
		if strings.Contains(lower, strings.ToLower(filepath.ToSlash(f))) {
			return true
		}
		// A filter written as a path from the root, like ./test/a, names the same file.
		if !filepath.IsAbs(f) {
			fromDir := filepath.ToSlash(mustRel(p.TestDir, filepath.Join(p.Root, f)))
			if strings.HasSuffix(f, "/") {
				fromDir += "/"
			}
			if fromDir != "." && strings.Contains(lower, strings.ToLower(fromDir)) {
				return true
			}
		}
	}
	return false
}

// mustRel is filepath.Rel for paths known to share a root.
func mustRel(base, path string) string {
	rel, err := filepath.Rel(base, path)
	if err != nil {
		return path
	}
	return rel
}
