package regexp

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/dlclark/regexp2"
)

// matcher runs a pattern of the d flag. goja keeps the positions of groups to itself, so
// patterns that need them run on regexp2, the backtracking engine goja itself uses for the
// patterns its main engine cannot run, fed the same code units or code points as goja feeds it.
type matcher struct {
	rx      *regexp2.Regexp
	unicode bool
}

var matchers sync.Map // translated source + "/" + flags → *matcher

// compileMatcher compiles the indices pattern of t, once per process.
func compileMatcher(t *translation) (*matcher, error) {
	key := t.indices + "/" + t.flags
	if m, ok := matchers.Load(key); ok {
		return m.(*matcher), nil
	}
	opts := regexp2.RegexOptions(regexp2.ECMAScript)
	m := &matcher{unicode: strings.Contains(t.flags, "u")}
	for _, f := range t.flags {
		switch f {
		case 'i':
			opts |= regexp2.IgnoreCase
		case 'm':
			opts |= regexp2.Multiline
		case 's':
			opts |= regexp2.Singleline
		case 'u':
			opts |= regexp2.Unicode
		}
	}
	src := t.indices
	if !m.unicode {
		src = surrogateEscapes(src)
	}
	rx, err := regexp2.Compile(src, opts)
	if err != nil {
		return nil, fmt.Errorf("dotest cannot compute match indices for this pattern: %w", err)
	}
	m.rx = rx
	actual, _ := matchers.LoadOrStore(key, m)
	return actual.(*matcher), nil
}

// surrogateEscapes spells characters outside the BMP as two \u escapes, since without the u
// flag a pattern matches UTF-16 code units.
func surrogateEscapes(src string) string {
	var b strings.Builder
	for _, r := range src {
		if r <= 0xFFFF {
			b.WriteRune(r)
			continue
		}
		hi, lo := utf16.EncodeRune(r)
		fmt.Fprintf(&b, `\u%04X\u%04X`, hi, lo)
	}
	return b.String()
}

// match finds the first match in s (UTF-16 code units) at or after start, and returns the
// start and end of the match and of each group in code units, -1 for groups that did not
// take part; nil when nothing matches.
func (m *matcher) match(s []uint16, start int) ([]int, error) {
	runes, offsets := m.runes(s)
	at := 0
	for at < len(runes) && offsets[at] < start {
		at++
	}
	found, err := m.rx.FindRunesMatchStartingAt(runes, at)
	if err != nil || found == nil {
		return nil, err
	}
	groups := found.Groups()
	out := make([]int, 0, 2*len(groups))
	for _, g := range groups {
		if len(g.Captures) == 0 {
			out = append(out, -1, -1)
			continue
		}
		out = append(out, offsets[g.Index], offsets[g.Index+g.Length])
	}
	return out, nil
}

// runes is what the engine reads: code units, or code points with the u flag; offsets maps
// each rune index, and the end, to a code unit index.
func (m *matcher) runes(s []uint16) ([]rune, []int) {
	runes := make([]rune, 0, len(s))
	offsets := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); i++ {
		offsets = append(offsets, i)
		c := rune(s[i])
		if m.unicode && utf16.IsSurrogate(c) && c < 0xDC00 && i+1 < len(s) {
			if r := utf16.DecodeRune(c, rune(s[i+1])); r != 0xFFFD {
				runes = append(runes, r)
				i++
				continue
			}
		}
		runes = append(runes, c)
	}
	return runes, append(offsets, len(s))
}
