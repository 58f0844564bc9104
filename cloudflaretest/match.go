package cloudflaretest

import (
	"flag"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// subtestName is what the testing package makes of a subtest's name: white space becomes an
// underscore and unprintable runes their Go escapes. Slashes stay, and since -run splits its
// pattern at slashes, a JS name with a slash is matched by a part of it without the slash.
func subtestName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			b.WriteByte('_')
		case !strconv.IsPrint(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// runFilter is Go's -run pattern, read as the testing package reads it: alternatives split at
// top-level "|", each a list of patterns split at top-level "/", one per level of the test
// name. Run uses it only to skip test files that no alternative can match; the testing
// package still decides which subtests run.
type runFilter [][]*regexp.Regexp

// currentRunFilter reads the -run flag of the test binary; nil when it is empty or does not
// compile (then every file runs).
func currentRunFilter() runFilter {
	f := flag.Lookup("test.run")
	if f == nil || f.Value.String() == "" {
		return nil
	}
	return parseRunFilter(f.Value.String())
}

func parseRunFilter(pattern string) runFilter {
	var out runFilter
	for _, alt := range splitTopLevel(pattern, '|') {
		var levels []*regexp.Regexp
		for _, p := range splitTopLevel(alt, '/') {
			re, err := regexp.Compile(p)
			if err != nil {
				return nil
			}
			levels = append(levels, re)
		}
		out = append(out, levels)
	}
	return out
}

// splitTopLevel splits s at sep where it is outside brackets and parentheses, and not escaped.
func splitTopLevel(s string, sep byte) []string {
	var parts []string
	brackets, parens, start := 0, 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case c == '[':
			brackets++
		case c == ']' && brackets > 0:
			brackets--
		case c == '(' && brackets == 0:
			parens++
		case c == ')' && brackets == 0 && parens > 0:
			parens--
		case c == sep && brackets == 0 && parens == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// mayMatch reports whether a test named by these levels, or one of its subtests, can match
// the filter: some alternative matches every level it has a pattern for.
func (f runFilter) mayMatch(levels []string) bool {
	if f == nil {
		return true
	}
	for _, alt := range f {
		ok := true
		for i, re := range alt {
			if i >= len(levels) {
				break
			}
			if !re.MatchString(levels[i]) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
