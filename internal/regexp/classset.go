package regexp

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// classValue is what a class of the v flag matches: single characters, and strings of any
// other length from \q{…}.
type classValue struct {
	chars charSet
	strs  map[string]bool
}

func (v classValue) union(o classValue) classValue {
	out := classValue{chars: v.chars.union(o.chars), strs: map[string]bool{}}
	for s := range v.strs {
		out.strs[s] = true
	}
	for s := range o.strs {
		out.strs[s] = true
	}
	return out
}

func (v classValue) intersect(o classValue) classValue {
	out := classValue{chars: v.chars.intersect(o.chars), strs: map[string]bool{}}
	for s := range v.strs {
		if o.strs[s] {
			out.strs[s] = true
		}
	}
	return out
}

func (v classValue) subtract(o classValue) classValue {
	out := classValue{chars: v.chars.subtract(o.chars), strs: map[string]bool{}}
	for s := range v.strs {
		if !o.strs[s] {
			out.strs[s] = true
		}
	}
	return out
}

// emitSetClass computes a class of the v flag, with its set operations and strings, and
// writes it as a class goja reads, or as an alternation when it holds strings.
func (t *translator) emitSetClass() error {
	v, err := t.setClass()
	if err != nil {
		return err
	}
	t.changed = true
	if len(v.strs) == 0 {
		t.out.WriteString(v.chars.class())
		return nil
	}

	strs := make([]string, 0, len(v.strs))
	for s := range v.strs {
		strs = append(strs, s)
	}
	// Longer strings first, as V8 tries them; the empty string, if any, comes last.
	sort.Slice(strs, func(i, j int) bool {
		li, lj := utf8.RuneCountInString(strs[i]), utf8.RuneCountInString(strs[j])
		if li != lj {
			return li > lj
		}
		return strs[i] < strs[j]
	})
	var alts []string
	for _, s := range strs {
		if s == "" {
			continue
		}
		var b strings.Builder
		for _, c := range s {
			writeClassChar(&b, c)
		}
		alts = append(alts, b.String())
	}
	if len(v.chars) > 0 {
		alts = append(alts, v.chars.class())
	}
	if v.strs[""] {
		alts = append(alts, "")
	}
	t.out.WriteString("(?:" + strings.Join(alts, "|") + ")")
	return nil
}

// setClass reads a class of the v flag at pos, through its ']'.
func (t *translator) setClass() (classValue, error) {
	t.pos++
	negated := t.peek(0) == '^'
	if negated {
		t.pos++
	}
	v, err := t.classContents()
	if err != nil {
		return v, err
	}
	if t.peek(0) != ']' {
		return v, fail("Unterminated character class")
	}
	t.pos++
	if negated {
		if len(v.strs) > 0 {
			return v, fail("Negated character class may contain strings")
		}
		v.chars = v.chars.complement()
	}
	return v, nil
}

// classContents reads a union, an intersection (&&) or a subtraction (--) of operands.
func (t *translator) classContents() (classValue, error) {
	acc := classValue{strs: map[string]bool{}}
	if t.peek(0) == ']' {
		return acc, nil
	}
	first, single, err := t.setOperand()
	if err != nil {
		return acc, err
	}
	switch {
	case t.hasPrefix("&&"):
		return t.setOperation(first, "&&", classValue.intersect)
	case t.hasPrefix("--"):
		return t.setOperation(first, "--", classValue.subtract)
	}

	acc = first
	for {
		if single >= 0 && t.peek(0) == '-' && t.peek(1) != '-' {
			hi, err := t.rangeEnd(single)
			if err != nil {
				return acc, err
			}
			acc = acc.union(hi)
		}
		if t.peek(0) == ']' || t.peek(0) == -1 {
			return acc, nil
		}
		if t.hasPrefix("&&") || t.hasPrefix("--") {
			return acc, fail("Invalid set operation in character class")
		}
		first, single, err = t.setOperand()
		if err != nil {
			return acc, err
		}
		acc = acc.union(first)
	}
}

// rangeEnd reads "-z" after the single character from and returns the range.
func (t *translator) rangeEnd(from rune) (classValue, error) {
	t.pos++
	hi, to, err := t.setOperand()
	if err != nil {
		return hi, err
	}
	if to < 0 {
		return hi, fail("Invalid character class")
	}
	if from > to {
		return hi, fail("Range out of order in character class")
	}
	set := charSet{{from, to}}
	if t.flags.ignoreCase {
		set = set.closed()
	}
	return classValue{chars: set, strs: map[string]bool{}}, nil
}

// setOperation reads the rest of an intersection or a subtraction.
func (t *translator) setOperation(
	acc classValue, op string, apply func(a, b classValue) classValue,
) (classValue, error) {
	for t.hasPrefix(op) {
		t.pos += 2
		if t.peek(0) == '&' {
			return acc, fail("Invalid character in character class")
		}
		next, _, err := t.setOperand()
		if err != nil {
			return acc, err
		}
		acc = apply(acc, next)
	}
	if t.peek(0) != ']' {
		return acc, fail("Invalid set operation in character class")
	}
	return acc, nil
}

// setOperand reads a nested class, a class escape, \q{…} or one character. single is that
// lone character, which may start a range, or -1.
func (t *translator) setOperand() (v classValue, single rune, err error) {
	v.strs = map[string]bool{}
	c := t.peek(0)
	switch {
	case c == -1:
		return v, -1, fail("Unterminated character class")
	case c == '[':
		v, err = t.setClass()
		return v, -1, err
	case c == '\\' && t.peek(1) == 'q':
		v, err = t.stringDisjunction()
		return v, -1, err
	case c == '\\':
		if set, ok, err := t.setEscape(); ok || err != nil {
			v.chars = set
			return v, -1, err
		}
	}
	r, err := t.setCharacter()
	if err != nil {
		return v, -1, err
	}
	v.chars = t.charClass(r)
	return v, r, nil
}

// charClass is the set of one character; under i, with its case variants.
func (t *translator) charClass(r rune) charSet {
	set := charSet{{r, r}}
	if t.flags.ignoreCase {
		return set.closed()
	}
	return set
}

// setEscape reads a class escape that stands for a set: \d, \p{…} and the like.
func (t *translator) setEscape() (charSet, bool, error) {
	var set charSet
	switch next := t.peek(1); next {
	case 'p', 'P':
		s, err := t.readProperty(next == 'P', true)
		if err != nil {
			return nil, false, err
		}
		set = s
	case 'd', 'D', 'w', 'W', 's', 'S':
		t.pos += 2
		set = classEscape(next)
		if t.flags.ignoreCase {
			set = classEscape(next | 0x20).closed()
			if next != next|0x20 {
				set = set.complement()
			}
		}
	default:
		return nil, false, nil
	}
	return set, true, nil
}

// setCharacter reads one ClassSetCharacter.
func (t *translator) setCharacter() (rune, error) {
	c := t.peek(0)
	if c == '\\' {
		if t.peek(1) == 'b' {
			t.pos += 2
			return '\b', nil
		}
		return t.characterEscape()
	}
	if strings.ContainsRune("()[]{}/-|", c) {
		return 0, fail("Invalid character in character class")
	}
	if n := t.peek(1); n == c && strings.ContainsRune("&!#$%*+,.:;<=>?@^`~", c) {
		return 0, fail("Invalid set operation in character class")
	}
	t.pos++
	return c, nil
}

// stringDisjunction reads \q{abc|d|}.
func (t *translator) stringDisjunction() (classValue, error) {
	v := classValue{strs: map[string]bool{}}
	if t.peek(2) != '{' {
		return v, fail("Invalid escape")
	}
	t.pos += 3
	var cur []rune
	flush := func() {
		if len(cur) == 1 {
			v.chars = v.chars.union(t.charClass(cur[0]))
		} else {
			v.strs[string(cur)] = true
		}
		cur = cur[:0]
	}
	for {
		switch c := t.peek(0); c {
		case -1:
			return v, fail("Unterminated character class")
		case '}':
			t.pos++
			flush()
			return v, nil
		case '|':
			t.pos++
			flush()
		default:
			r, err := t.setCharacter()
			if err != nil {
				return v, err
			}
			cur = append(cur, r)
		}
	}
}
