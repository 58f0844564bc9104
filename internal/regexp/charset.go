package regexp

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// maxRune is the largest code point a pattern can name.
const maxRune = unicode.MaxRune

// span is an inclusive range of code points.
type span struct{ lo, hi rune }

// charSet is a set of code points as sorted, disjoint, non-adjacent spans.
type charSet []span

// setOf builds a set from spans in any order, merging overlaps.
func setOf(spans ...span) charSet {
	s := append(charSet(nil), spans...)
	sort.Slice(s, func(i, j int) bool { return s[i].lo < s[j].lo })
	out := s[:0]
	for _, r := range s {
		if n := len(out); n > 0 && r.lo <= out[n-1].hi+1 {
			out[n-1].hi = max(out[n-1].hi, r.hi)
			continue
		}
		out = append(out, r)
	}
	return out
}

// fromTable converts one of Go's unicode tables.
func fromTable(t *unicode.RangeTable) charSet {
	var spans []span
	for _, r := range t.R16 {
		spans = appendStrided(spans, rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	for _, r := range t.R32 {
		spans = appendStrided(spans, rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	return setOf(spans...)
}

func appendStrided(spans []span, lo, hi, stride rune) []span {
	if stride == 1 {
		return append(spans, span{lo, hi})
	}
	for c := lo; c <= hi; c += stride {
		spans = append(spans, span{c, c})
	}
	return spans
}

func (s charSet) union(o charSet) charSet { return setOf(append(append(charSet(nil), s...), o...)...) }

func (s charSet) complement() charSet {
	var out charSet
	next := rune(0)
	for _, r := range s {
		if r.lo > next {
			out = append(out, span{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= maxRune {
		out = append(out, span{next, maxRune})
	}
	return out
}

func (s charSet) intersect(o charSet) charSet {
	var out charSet
	for i, j := 0, 0; i < len(s) && j < len(o); {
		lo, hi := max(s[i].lo, o[j].lo), min(s[i].hi, o[j].hi)
		if lo <= hi {
			out = append(out, span{lo, hi})
		}
		if s[i].hi < o[j].hi {
			i++
		} else {
			j++
		}
	}
	return out
}

func (s charSet) subtract(o charSet) charSet { return s.intersect(o.complement()) }

func (s charSet) contains(c rune) bool {
	i := sort.Search(len(s), func(i int) bool { return s[i].hi >= c })
	return i < len(s) && s[i].lo <= c
}

// closed adds to the set every character that simple case folding makes equal to a member.
// Under the v and i flags, set operations work on such sets: every operation on them gives
// a closed set again, so the result reads the same to an engine that folds case itself.
func (s charSet) closed() charSet {
	var spans []span
	for _, r := range s {
		spans = append(spans, r)
		for c := r.lo; c <= r.hi; c++ {
			for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
				spans = append(spans, span{f, f})
			}
		}
	}
	return setOf(spans...)
}

// classBody writes the set as the inside of a character class that goja reads in u mode.
func (s charSet) classBody() string {
	var b strings.Builder
	for _, r := range s {
		writeClassChar(&b, r.lo)
		if r.hi > r.lo {
			if r.hi > r.lo+1 {
				b.WriteByte('-')
			}
			writeClassChar(&b, r.hi)
		}
	}
	return b.String()
}

// class writes the set as a whole character class; an empty set is a class nothing matches.
func (s charSet) class() string {
	if len(s) == 0 {
		return `[^\u{0}-\u{10FFFF}]`
	}
	return "[" + s.classBody() + "]"
}

func writeClassChar(b *strings.Builder, c rune) {
	if c < 0x80 && (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		b.WriteRune(c)
		return
	}
	b.WriteString(`\u{`)
	b.WriteString(strings.ToUpper(strconv.FormatInt(int64(c), 16)))
	b.WriteByte('}')
}
