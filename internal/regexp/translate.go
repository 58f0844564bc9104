package regexp

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// translation is a JS pattern rewritten into one goja runs as V8 would run the original.
type translation struct {
	source string   // the pattern goja compiles
	flags  string   // the flags goja compiles: without d, and with u in place of v
	names  []string // names[i] names group i ("" when unnamed); nil when no group has a name

	// indices is the pattern the match-indices engine compiles, set only with the d flag: the
	// same as source, with ".", "\s" and "\S" spelled out so that engine reads them as V8 does.
	indices string

	patched bool // whether anything differs from what goja would do with the original
}

// regexpFlags are the flags of one pattern.
type regexpFlags struct {
	indices, global, ignoreCase, multiline, dotAll, unicode, sets, sticky bool
}

// whitespace is what \s matches in JS: WhiteSpace and LineTerminator.
const whitespace = `\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF`

// syntaxError is an invalid pattern, worded as V8 words it.
type syntaxError struct{ msg string }

func (e *syntaxError) Error() string { return e.msg }

func parseFlags(flags string) (regexpFlags, error) {
	var f regexpFlags
	for _, c := range flags {
		var p *bool
		switch c {
		case 'd':
			p = &f.indices
		case 'g':
			p = &f.global
		case 'i':
			p = &f.ignoreCase
		case 'm':
			p = &f.multiline
		case 's':
			p = &f.dotAll
		case 'u':
			p = &f.unicode
		case 'v':
			p = &f.sets
		case 'y':
			p = &f.sticky
		}
		if p == nil || *p {
			return f, &syntaxError{fmt.Sprintf("Invalid flags supplied to RegExp constructor '%s'", flags)}
		}
		*p = true
	}
	if f.unicode && f.sets {
		return f, &syntaxError{fmt.Sprintf("Invalid flags supplied to RegExp constructor '%s'", flags)}
	}
	return f, nil
}

// gojaFlags are the flags goja compiles for f, in V8's order.
func (f regexpFlags) gojaFlags() string {
	var b strings.Builder
	for _, x := range []struct {
		on bool
		c  byte
	}{
		{f.global, 'g'},
		{f.ignoreCase, 'i'},
		{f.multiline, 'm'},
		{f.dotAll, 's'},
		{f.unicode || f.sets, 'u'},
		{f.sticky, 'y'},
	} {
		if x.on {
			b.WriteByte(x.c)
		}
	}
	return b.String()
}

// translate rewrites a pattern for goja. A pattern goja would get wrong is rewritten or, when
// dotest cannot rewrite it, rejected with an error that says so: never run differently.
func translate(source, flags string) (*translation, error) {
	f, err := parseFlags(flags)
	if err != nil {
		return nil, err
	}
	t := &translator{src: []rune(source), flags: f}
	if err := t.collectGroups(); err != nil {
		return nil, t.wrap(source, flags, err)
	}
	out, err := t.emit(false)
	if err != nil {
		return nil, t.wrap(source, flags, err)
	}
	tr := &translation{source: out, flags: f.gojaFlags(), patched: t.changed || f.indices || f.sets}
	if t.named {
		tr.names = t.names
		tr.patched = true
	}
	if f.indices {
		if tr.indices, err = t.emit(true); err != nil {
			return nil, t.wrap(source, flags, err)
		}
	}
	return tr, nil
}

func (t *translator) wrap(source, flags string, err error) error {
	var se *syntaxError
	if errors.As(err, &se) {
		return &syntaxError{fmt.Sprintf("Invalid regular expression: /%s/%s: %s", source, flags, se.msg)}
	}
	return &syntaxError{fmt.Sprintf("Invalid regular expression: /%s/%s: %v", source, flags, err)}
}

// translator walks one pattern.
type translator struct {
	src   []rune
	pos   int
	flags regexpFlags

	names   []string // by group number; names[0] is the whole match
	named   bool
	changed bool

	out       strings.Builder
	forEngine bool // writing the match-indices engine's pattern
}

func (t *translator) unicodeMode() bool { return t.flags.unicode || t.flags.sets }

func (t *translator) peek(off int) rune {
	if t.pos+off < len(t.src) {
		return t.src[t.pos+off]
	}
	return -1
}

func (t *translator) hasPrefix(s string) bool {
	rs := []rune(s)
	if t.pos+len(rs) > len(t.src) {
		return false
	}
	for i, r := range rs {
		if t.src[t.pos+i] != r {
			return false
		}
	}
	return true
}

func fail(msg string) error { return &syntaxError{msg} }

// collectGroups numbers the capture groups and reads their names, since \k<name> may refer to
// a group that comes later.
func (t *translator) collectGroups() error {
	t.names = []string{""}
	depth := 0
	for i := 0; i < len(t.src); i++ {
		switch c := t.src[i]; {
		case c == '\\':
			i++
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
			if !t.flags.sets {
				depth = 0
			}
		case depth > 0:
		case c == '(':
			if i+1 < len(t.src) && t.src[i+1] == '?' {
				if !t.isNamedGroup(i) {
					continue
				}
				name, end, err := t.groupName(i + 3)
				if err != nil {
					return err
				}
				for _, n := range t.names {
					if n == name {
						return fail("Duplicate capture group name")
					}
				}
				t.names = append(t.names, name)
				t.named = true
				i = end
				continue
			}
			t.names = append(t.names, "")
		}
	}
	return nil
}

func (t *translator) isNamedGroup(i int) bool {
	return i+3 < len(t.src) && t.src[i+2] == '<' && t.src[i+3] != '=' && t.src[i+3] != '!'
}

// groupName reads a group name starting at i, up to its '>'; it returns the index of the '>'.
func (t *translator) groupName(i int) (string, int, error) {
	start := i
	for ; i < len(t.src) && t.src[i] != '>'; i++ {
		c := t.src[i]
		ok := c == '$' || c == '_' || unicode.In(c, unicode.L, unicode.Nl, unicode.Other_ID_Start)
		if i > start {
			ok = ok || c == '\u200C' || c == '\u200D' || unicode.In(c, unicode.Mn, unicode.Mc, unicode.Nd,
				unicode.Pc, unicode.Other_ID_Continue)
		}
		if !ok {
			return "", 0, fail("Invalid capture group name")
		}
	}
	if i >= len(t.src) || i == start {
		return "", 0, fail("Invalid capture group name")
	}
	return string(t.src[start:i]), i, nil
}

// emit writes the rewritten pattern.
func (t *translator) emit(forEngine bool) (string, error) {
	t.pos, t.forEngine = 0, forEngine
	t.out.Reset()
	for t.pos < len(t.src) {
		if err := t.emitAtom(); err != nil {
			return "", err
		}
	}
	return t.out.String(), nil
}

func (t *translator) emitAtom() error {
	c := t.src[t.pos]
	switch {
	case c == '\\':
		return t.emitEscape()
	case c == '[':
		return t.emitClass()
	case c == '(' && t.peek(1) == '?' && t.isNamedGroup(t.pos):
		_, end, _ := t.groupName(t.pos + 3)
		t.out.WriteByte('(')
		t.pos = end + 1
		t.changed = true
	case c == '.' && t.forEngine && !t.flags.dotAll:
		t.out.WriteString(`[^\n\r\u2028\u2029]`)
		t.pos++
	default:
		t.out.WriteRune(c)
		t.pos++
	}
	return nil
}

func (t *translator) emitEscape() error {
	next := t.peek(1)
	switch {
	case next == 'k' && (t.named || t.unicodeMode()):
		return t.emitNamedReference()
	case (next == 'p' || next == 'P') && t.unicodeMode():
		set, err := t.readProperty(next == 'P', false)
		if err != nil {
			return err
		}
		t.out.WriteString(set.class())
		t.changed = true
		return nil
	case (next == 's' || next == 'S') && t.forEngine:
		t.out.WriteString(map[rune]string{'s': "[" + whitespace + "]", 'S': "[^" + whitespace + "]"}[next])
		t.pos += 2
		return nil
	case next == 'q' && t.flags.sets:
		return fail("Invalid escape")
	case next == -1:
		return fail("\\ at end of pattern")
	}
	t.out.WriteRune('\\')
	t.out.WriteRune(next)
	t.pos += 2
	return nil
}

// emitNamedReference turns \k<name> into a numbered back reference.
func (t *translator) emitNamedReference() error {
	if t.peek(2) != '<' {
		return fail("Invalid named reference")
	}
	end := t.pos + 3
	for end < len(t.src) && t.src[end] != '>' {
		end++
	}
	if end >= len(t.src) {
		return fail("Invalid named reference")
	}
	name := string(t.src[t.pos+3 : end])
	for i, n := range t.names {
		if i > 0 && n == name {
			fmt.Fprintf(&t.out, `(?:\%d)`, i)
			t.pos = end + 1
			t.changed = true
			return nil
		}
	}
	return fail("Invalid named capture referenced")
}

// readProperty reads \p{…} or \P{…} at pos and returns the set it matches.
func (t *translator) readProperty(negated, inClass bool) (charSet, error) {
	invalid := "Invalid property name"
	if inClass {
		invalid += " in character class"
	}
	if t.peek(2) != '{' {
		return nil, fail(invalid)
	}
	end := t.pos + 3
	for end < len(t.src) && t.src[end] != '}' {
		end++
	}
	if end >= len(t.src) {
		return nil, fail(invalid)
	}
	text := string(t.src[t.pos+3 : end])
	if stringProperties[text] {
		if !t.flags.sets || negated {
			return nil, fail(invalid)
		}
		return nil, fmt.Errorf("dotest does not support the property of strings \\p{%s}", text)
	}
	set, err := property(text)
	if errors.Is(err, errUnknownProperty) {
		return nil, fail(invalid)
	}
	if err != nil {
		return nil, err
	}
	t.pos = end + 1
	if t.flags.sets && t.flags.ignoreCase {
		// The v flag folds case before it takes the complement.
		set = set.closed()
	}
	if negated {
		return set.complement(), nil
	}
	return set, nil
}

// emitClass writes a character class: as written when goja reads it right, else computed.
func (t *translator) emitClass() error {
	if t.flags.sets {
		return t.emitSetClass()
	}
	end, hasProperty := t.scanClass()
	if end < 0 {
		return fail("Unterminated character class")
	}
	if !hasProperty || !t.unicodeMode() {
		t.writeRaw(t.pos, end+1)
		t.pos = end + 1
		return nil
	}

	t.pos++
	negated := t.peek(0) == '^'
	if negated {
		t.pos++
	}
	set, err := t.classRanges()
	if err != nil {
		return err
	}
	t.pos++ // ']'
	t.changed = true
	switch {
	case negated && len(set) > 0:
		// goja applies the i flag before negating, as V8 does: the complement is its to take.
		t.out.WriteString("[^" + set.classBody() + "]")
	case negated:
		t.out.WriteString(charSet{{0, maxRune}}.class())
	default:
		t.out.WriteString(set.class())
	}
	return nil
}

// writeRaw copies src[from:to], spelling out \s for the match-indices engine.
func (t *translator) writeRaw(from, to int) {
	for i := from; i < to; i++ {
		c := t.src[i]
		if c == '\\' && i+1 < to {
			if t.forEngine && t.src[i+1] == 's' {
				t.out.WriteString(whitespace)
			} else {
				t.out.WriteRune(c)
				t.out.WriteRune(t.src[i+1])
			}
			i++
			continue
		}
		t.out.WriteRune(c)
	}
}

// scanClass finds the ']' that closes the class at pos (u mode and legacy mode), and whether
// the class holds a property escape.
func (t *translator) scanClass() (end int, hasProperty bool) {
	for i := t.pos + 1; i < len(t.src); i++ {
		switch t.src[i] {
		case '\\':
			if i+1 < len(t.src) && (t.src[i+1] == 'p' || t.src[i+1] == 'P') {
				hasProperty = true
			}
			i++
		case ']':
			return i, hasProperty
		}
	}
	return -1, hasProperty
}

// classRanges reads the ranges of a u-mode class up to its ']'.
func (t *translator) classRanges() (charSet, error) {
	var set charSet
	for t.peek(0) != ']' {
		lo, loSet, err := t.classAtom()
		if err != nil {
			return nil, err
		}
		if t.peek(0) == '-' && t.peek(1) != ']' && t.peek(1) != -1 {
			t.pos++
			hi, hiSet, err := t.classAtom()
			if err != nil {
				return nil, err
			}
			if loSet != nil || hiSet != nil {
				return nil, fail("Invalid character class")
			}
			if lo > hi {
				return nil, fail("Range out of order in character class")
			}
			set = set.union(charSet{{lo, hi}})
			continue
		}
		if loSet != nil {
			set = set.union(loSet)
		} else {
			set = set.union(charSet{{lo, lo}})
		}
	}
	return set, nil
}

// classAtom reads one class character, or a class escape that stands for a set.
func (t *translator) classAtom() (rune, charSet, error) {
	c := t.peek(0)
	if c == -1 {
		return 0, nil, fail("Unterminated character class")
	}
	if c != '\\' {
		t.pos++
		return c, nil, nil
	}
	switch next := t.peek(1); next {
	case 'p', 'P':
		set, err := t.readProperty(next == 'P', true)
		return 0, set, err
	case 'd', 'D', 'w', 'W', 's', 'S':
		t.pos += 2
		return 0, classEscape(next), nil
	case 'b':
		t.pos += 2
		return '\b', nil, nil
	case '-':
		t.pos += 2
		return '-', nil, nil
	}
	r, err := t.characterEscape()
	return r, nil, err
}

// classEscape is the set of \d, \w, \s and their complements.
func classEscape(c rune) charSet {
	var s charSet
	switch unicode.ToLower(c) {
	case 'd':
		s = charSet{{'0', '9'}}
	case 'w':
		s = setOf(span{'0', '9'}, span{'A', 'Z'}, span{'_', '_'}, span{'a', 'z'})
	case 's':
		s = setOf(span{'\t', '\r'}, span{' ', ' '}, span{0xA0, 0xA0}, span{0x1680, 0x1680},
			span{0x2000, 0x200A}, span{0x2028, 0x2029}, span{0x202F, 0x202F}, span{0x205F, 0x205F},
			span{0x3000, 0x3000}, span{0xFEFF, 0xFEFF})
	}
	if unicode.IsUpper(c) {
		return s.complement()
	}
	return s
}

// characterEscape reads an escape that stands for one character, in u or v mode.
func (t *translator) characterEscape() (rune, error) {
	next := t.peek(1)
	t.pos += 2
	switch next {
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'v':
		return '\v', nil
	case '0':
		if d := t.peek(0); d >= '0' && d <= '9' {
			return 0, fail("Invalid class escape")
		}
		return 0, nil
	case 'c':
		if l := t.peek(0); l >= 'a' && l <= 'z' || l >= 'A' && l <= 'Z' {
			t.pos++
			return l % 32, nil
		}
		return 0, fail("Invalid class escape")
	case 'x':
		return t.hexDigits(2)
	case 'u':
		return t.unicodeEscape()
	}
	if strings.ContainsRune(`^$\.*+?()[]{}|/`, next) ||
		t.flags.sets && strings.ContainsRune("&-!#%,:;<=>@`~", next) {
		return next, nil
	}
	return 0, fail("Invalid escape")
}

func (t *translator) hexDigits(n int) (rune, error) {
	if t.pos+n > len(t.src) {
		return 0, fail("Invalid escape")
	}
	v, err := strconv.ParseUint(string(t.src[t.pos:t.pos+n]), 16, 32)
	if err != nil {
		return 0, fail("Invalid escape")
	}
	t.pos += n
	return rune(v), nil
}

func (t *translator) unicodeEscape() (rune, error) {
	if t.peek(0) == '{' {
		end := t.pos + 1
		for end < len(t.src) && t.src[end] != '}' {
			end++
		}
		v, err := strconv.ParseUint(string(t.src[t.pos+1:end]), 16, 32)
		if end >= len(t.src) || err != nil || v > maxRune {
			return 0, fail("Invalid Unicode escape")
		}
		t.pos = end + 1
		return rune(v), nil
	}
	hi, err := t.hexDigits(4)
	if err != nil {
		return 0, fail("Invalid Unicode escape")
	}
	if hi >= 0xD800 && hi <= 0xDBFF && t.hasPrefix(`\u`) {
		save := t.pos
		t.pos += 2
		if lo, err := t.hexDigits(4); err == nil && lo >= 0xDC00 && lo <= 0xDFFF {
			return (hi-0xD800)<<10 + (lo - 0xDC00) + 0x10000, nil
		}
		t.pos = save
	}
	return hi, nil
}
