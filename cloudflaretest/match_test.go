package cloudflaretest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSubtestName(t *testing.T) {
	tests := map[string]string{
		"adds one":         "adds_one",
		"tab\tand\nnew":    "tab_and_new",
		"GET /users":       "GET_/users",
		"bell\a":           `bell\a`,
		"naïve — ok":       "naïve_—_ok",
		"counter.test.ts":  "counter.test.ts",
		"no\u00a0break":    "no_break",
		"zero\u200bwidth?": `zero\u200bwidth?`,
	}
	for in, want := range tests {
		assert.Equal(t, want, subtestName(in), in)
	}
}

func TestRunFilter(t *testing.T) {
	tests := []struct {
		pattern string
		levels  []string
		want    bool
	}{
		{"", []string{"TestX", "a.test.ts"}, true},
		{"TestX", []string{"TestX", "a.test.ts"}, true},
		{"TestY", []string{"TestX", "a.test.ts"}, false},
		{"TestX/a", []string{"TestX", "a.test.ts"}, true},
		{"TestX/b", []string{"TestX", "a.test.ts"}, false},
		{"TestX/a.test.ts/deep/er", []string{"TestX", "a.test.ts"}, true},
		{"TestX/b|TestX/a", []string{"TestX", "a.test.ts"}, true},
		{"TestX/(a|b)", []string{"TestX", "b.test.ts"}, true},
		{"TestX/[/]", []string{"TestX", "a/b"}, true},
		{`TestX/a\/b`, []string{"TestX", "a/b"}, true},
		{"TestX/(", []string{"TestX", "a.test.ts"}, true}, // does not compile: every file runs
		{"^TestX$/^dir$/^x", []string{"TestX", "dir", "y.test.ts"}, false},
	}
	for _, tt := range tests {
		f := parseRunFilter(tt.pattern)
		if tt.pattern == "" {
			f = nil
		}
		assert.Equal(t, tt.want, f.mayMatch(tt.levels), "%q on %v", tt.pattern, tt.levels)
	}
}

func TestCommonDirAndTree(t *testing.T) {
	assert.Equal(t, "test/", commonDir([]string{"test/a.test.ts", "test/api/b.test.ts"}))
	assert.Equal(t, "test/api/", commonDir([]string{"test/api/a.test.ts", "test/api/b.test.ts"}))
	assert.Equal(t, "", commonDir([]string{"a.test.ts", "test/b.test.ts"}))
	assert.Equal(t, "", commonDir(nil))

	tree := buildTree([]string{"test/a.test.ts", "test/api/b.test.ts", "test/api/c.test.ts"}, "test/")
	var names []string
	var walk func(n *fileNode, prefix string)
	walk = func(n *fileNode, prefix string) {
		for _, c := range n.children {
			names = append(names, prefix+c.name+"="+c.rel)
			walk(c, prefix+c.name+"/")
		}
	}
	walk(tree, "")
	assert.Equal(t, []string{"a.test.ts=test/a.test.ts", "api=", "api/b.test.ts=test/api/b.test.ts",
		"api/c.test.ts=test/api/c.test.ts"}, names)
}
