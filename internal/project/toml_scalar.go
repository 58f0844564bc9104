package project

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// anyString parses any of the four kinds of TOML string.
func (p *tomlParser) anyString() (string, error) {
	s := p.s
	switch {
	case s.hasPrefix(`"""`):
		return p.multilineString(`"""`, true)
	case s.hasPrefix(`'''`):
		return p.multilineString(`'''`, false)
	case s.peek() == '"':
		return p.basicString()
	default:
		return p.literalString()
	}
}

func (p *tomlParser) basicString() (string, error) {
	s := p.s
	start := s.pos()
	s.advance(1)
	var b strings.Builder
	for {
		c := s.peek()
		switch {
		case s.eof() || c == '\n' || c == '\r':
			return "", s.errorf(start, "unterminated string")
		case c == '"':
			s.advance(1)
			return b.String(), nil
		case c == '\\':
			if err := p.escape(&b); err != nil {
				return "", err
			}
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", s.errorf(s.pos(), "control character %#02x in a string", c)
		default:
			r, size := utf8.DecodeRuneInString(s.src[s.off:])
			b.WriteRune(r)
			s.advance(size)
		}
	}
}

func (p *tomlParser) literalString() (string, error) {
	s := p.s
	start := s.pos()
	s.advance(1)
	begin := s.off
	for {
		c := s.peek()
		switch {
		case s.eof() || c == '\n' || c == '\r':
			return "", s.errorf(start, "unterminated string")
		case c == '\'':
			text := s.src[begin:s.off]
			s.advance(1)
			return text, nil
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", s.errorf(s.pos(), "control character %#02x in a string", c)
		default:
			s.advance(1)
		}
	}
}

// multilineString parses a string between triple double quotes or triple single quotes.
// A newline right after the opening delimiter is dropped; in basic strings a backslash at
// the end of a line joins it to the next non-blank text.
func (p *tomlParser) multilineString(delim string, basic bool) (string, error) {
	s := p.s
	start := s.pos()
	s.advance(3)
	if s.hasPrefix("\r\n") {
		s.advance(2)
	} else if s.peek() == '\n' {
		s.advance(1)
	}

	var b strings.Builder
	for {
		if s.eof() {
			return "", s.errorf(start, "unterminated multi-line string")
		}
		if s.hasPrefix(delim) {
			// Up to two quotes just before the closing delimiter belong to the string.
			extra := 0
			for extra < 2 && s.peekAt(3+extra) == delim[0] {
				extra++
			}
			b.WriteString(s.src[s.off : s.off+extra])
			s.advance(3 + extra)
			return b.String(), nil
		}

		c := s.peek()
		switch {
		case basic && c == '\\' && p.atLineEndingBackslash():
			s.advance(1)
			for c := s.peek(); c == ' ' || c == '\t' || c == '\n' || c == '\r'; c = s.peek() {
				s.advance(1)
			}
		case basic && c == '\\':
			if err := p.escape(&b); err != nil {
				return "", err
			}
		case c == '\r' && s.peekAt(1) == '\n':
			b.WriteByte('\n')
			s.advance(2)
		case c < 0x20 && c != '\t' && c != '\n' || c == 0x7f:
			return "", s.errorf(s.pos(), "control character %#02x in a string", c)
		default:
			r, size := utf8.DecodeRuneInString(s.src[s.off:])
			b.WriteRune(r)
			s.advance(size)
		}
	}
}

// atLineEndingBackslash reports whether the backslash at the scanner is followed only by
// white space up to the end of its line.
func (p *tomlParser) atLineEndingBackslash() bool {
	rest := p.s.src[p.s.off+1:]
	trimmed := strings.TrimLeft(rest, " \t")
	return strings.HasPrefix(trimmed, "\n") || strings.HasPrefix(trimmed, "\r\n")
}

func (p *tomlParser) escape(b *strings.Builder) error {
	s := p.s
	at := s.pos()
	s.advance(1)
	c := s.peek()
	simple := map[byte]byte{'b': '\b', 't': '\t', 'n': '\n', 'f': '\f', 'r': '\r', '"': '"', '\\': '\\', 'e': 0x1b}
	if r, ok := simple[c]; ok {
		b.WriteByte(r)
		s.advance(1)
		return nil
	}

	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
	if digits == 0 {
		return s.errorf(at, "invalid escape sequence \\%s", s.describe())
	}
	s.advance(1)
	if s.off+digits > len(s.src) {
		return s.errorf(at, "invalid unicode escape")
	}
	n, err := strconv.ParseUint(s.src[s.off:s.off+digits], 16, 32)
	if err != nil || !utf8.ValidRune(rune(n)) {
		return s.errorf(at, "invalid unicode escape \\%c%s", c, s.src[s.off:s.off+digits])
	}
	s.advance(digits)
	b.WriteRune(rune(n))
	return nil
}

var (
	tomlDate     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)
	tomlTime     = regexp.MustCompile(`^\d{2}:\d{2}(:\d{2}(\.\d+)?)?`)
	tomlOffset   = regexp.MustCompile(`^([Zz]|[+-]\d{2}:\d{2})`)
	tomlDecimal  = regexp.MustCompile(`^[+-]?(0|[1-9](_?\d)*)$`)
	tomlFloat    = regexp.MustCompile(`^[+-]?(0|[1-9](_?\d)*)(\.\d(_?\d)*)?([eE][+-]?\d(_?\d)*)?$`)
	tomlPrefixed = map[string]*regexp.Regexp{
		"0x": regexp.MustCompile(`^0x[0-9A-Fa-f](_?[0-9A-Fa-f])*$`),
		"0o": regexp.MustCompile(`^0o[0-7](_?[0-7])*$`),
		"0b": regexp.MustCompile(`^0b[01](_?[01])*$`),
	}
)

// numberOrDate parses an integer, a float, or a date and time (kept as text).
func (p *tomlParser) numberOrDate() (*value, error) {
	s := p.s
	at := s.pos()
	rest := s.src[s.off:]
	if tomlDate.MatchString(rest) || tomlTime.MatchString(rest) {
		return p.datetime()
	}

	begin := s.off
	for c := s.peek(); isBareKeyChar(c) || c == '+' || c == '.'; c = s.peek() {
		s.advance(1)
	}
	text := s.src[begin:s.off]
	v, ok := parseTOMLNumber(text)
	if !ok {
		return nil, s.errorf(at, "invalid number %q", text)
	}
	v.pos = at
	return v, nil
}

func parseTOMLNumber(text string) (*value, bool) {
	body := text
	if text[0] == '+' || text[0] == '-' {
		body = text[1:]
	}
	switch body {
	case "inf":
		sign := 1
		if text[0] == '-' {
			sign = -1
		}
		return &value{kind: kindFloat, float: math.Inf(sign)}, true
	case "nan":
		return &value{kind: kindFloat, float: math.NaN()}, true
	}
	clean := strings.ReplaceAll(text, "_", "")

	if len(text) > 2 {
		if re, ok := tomlPrefixed[text[:2]]; ok {
			if !re.MatchString(text) {
				return nil, false
			}
			n, err := strconv.ParseInt(clean[2:], map[string]int{"0x": 16, "0o": 8, "0b": 2}[text[:2]], 64)
			return &value{kind: kindInt, integer: n}, err == nil
		}
	}
	if tomlDecimal.MatchString(text) {
		n, err := strconv.ParseInt(clean, 10, 64)
		return &value{kind: kindInt, integer: n}, err == nil
	}
	if tomlFloat.MatchString(text) {
		f, err := strconv.ParseFloat(clean, 64)
		return &value{kind: kindFloat, float: f}, err == nil
	}
	return nil, false
}

// datetime reads an offset or local date-time, a local date, or a local time.
func (p *tomlParser) datetime() (*value, error) {
	s := p.s
	at := s.pos()
	begin := s.off
	take := func(re *regexp.Regexp) bool {
		m := re.FindString(s.src[s.off:])
		s.advance(len(m))
		return m != ""
	}

	if take(tomlDate) {
		// The time may follow a T or a single space.
		c := s.peek()
		if (c == 'T' || c == 't' || c == ' ') && tomlTime.MatchString(s.src[min(len(s.src), s.off+1):]) {
			s.advance(1)
			take(tomlTime)
			take(tomlOffset)
		}
	} else {
		take(tomlTime)
	}
	if isBareKeyChar(s.peek()) || s.peek() == ':' || s.peek() == '.' {
		return nil, s.errorf(at, "invalid date or time %q", s.src[begin:s.off+1])
	}
	return &value{kind: kindDatetime, pos: at, str: s.src[begin:s.off]}, nil
}
