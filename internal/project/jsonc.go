package project

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// parseJSONC parses JSON with comments and trailing commas, the dialect of wrangler.jsonc
// (wrangler reads wrangler.json with the same parser). A repeated key keeps its last value,
// as JSON.parse does.
func parseJSONC(src string) (*value, error) {
	p := &jsoncParser{s: newScanner(src)}
	if err := p.skipSpace(); err != nil {
		return nil, err
	}
	if p.s.eof() {
		return nil, p.s.errorf(p.s.pos(), "expected a value but found end of file")
	}

	v, err := p.value()
	if err != nil {
		return nil, err
	}
	if err := p.skipSpace(); err != nil {
		return nil, err
	}
	if !p.s.eof() {
		return nil, p.s.errorf(p.s.pos(), "expected end of file but found %s", p.s.describe())
	}
	return v, nil
}

type jsoncParser struct {
	s *scanner
}

// skipSpace skips white space and comments.
func (p *jsoncParser) skipSpace() error {
	s := p.s
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			s.advance(1)
		case s.hasPrefix("//"):
			for !s.eof() && s.peek() != '\n' {
				s.advance(1)
			}
		case s.hasPrefix("/*"):
			start := s.pos()
			end := strings.Index(s.src[s.off+2:], "*/")
			if end < 0 {
				return s.errorf(start, "unterminated comment")
			}
			s.advance(end + 4)
		default:
			return nil
		}
	}
	return nil
}

func (p *jsoncParser) value() (*value, error) {
	s := p.s
	start := s.pos()
	switch c := s.peek(); {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		str, err := p.string()
		if err != nil {
			return nil, err
		}
		return &value{kind: kindString, pos: start, str: str}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case s.hasPrefix("true"):
		s.advance(4)
		return &value{kind: kindBool, pos: start, boolean: true}, nil
	case s.hasPrefix("false"):
		s.advance(5)
		return &value{kind: kindBool, pos: start}, nil
	case s.hasPrefix("null"):
		s.advance(4)
		return &value{kind: kindNull, pos: start}, nil
	default:
		return nil, s.errorf(start, "expected a value but found %s", s.describe())
	}
}

func (p *jsoncParser) object() (*value, error) {
	s := p.s
	obj := &value{kind: kindObject, pos: s.pos()}
	s.advance(1)
	for {
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if s.peek() == '}' {
			s.advance(1)
			return obj, nil
		}
		if s.peek() != '"' {
			return nil, s.errorf(s.pos(), "expected a property name in double quotes but found %s", s.describe())
		}

		keyPos := s.pos()
		key, err := p.string()
		if err != nil {
			return nil, err
		}
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if s.peek() != ':' {
			return nil, s.errorf(s.pos(), "expected \":\" after the property name but found %s", s.describe())
		}
		s.advance(1)
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		val, err := p.value()
		if err != nil {
			return nil, err
		}
		obj.set(key, keyPos, val)

		if done, err := p.separator('}'); err != nil || done {
			return obj, err
		}
	}
}

func (p *jsoncParser) array() (*value, error) {
	s := p.s
	arr := &value{kind: kindArray, pos: s.pos()}
	s.advance(1)
	for {
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if s.peek() == ']' {
			s.advance(1)
			return arr, nil
		}
		val, err := p.value()
		if err != nil {
			return nil, err
		}
		arr.items = append(arr.items, val)

		if done, err := p.separator(']'); err != nil || done {
			return arr, err
		}
	}
}

// separator reads the comma or the closing bracket after an element. A comma may be
// followed by the closing bracket: trailing commas are allowed.
func (p *jsoncParser) separator(closing byte) (done bool, err error) {
	s := p.s
	if err := p.skipSpace(); err != nil {
		return false, err
	}
	switch s.peek() {
	case ',':
		s.advance(1)
		return false, nil
	case closing:
		s.advance(1)
		return true, nil
	default:
		return false, s.errorf(s.pos(), "expected \",\" or %q but found %s", string(closing), s.describe())
	}
}

func (p *jsoncParser) string() (string, error) {
	s := p.s
	start := s.pos()
	s.advance(1)
	var b strings.Builder
	for {
		if s.eof() || s.peek() == '\n' {
			return "", s.errorf(start, "unterminated string")
		}
		c := s.peek()
		switch {
		case c == '"':
			s.advance(1)
			return b.String(), nil
		case c == '\\':
			if err := p.escape(&b); err != nil {
				return "", err
			}
		case c < 0x20:
			return "", s.errorf(s.pos(), "control character %#02x in a string", c)
		default:
			r, size := utf8.DecodeRuneInString(s.src[s.off:])
			b.WriteRune(r)
			s.advance(size)
		}
	}
}

func (p *jsoncParser) escape(b *strings.Builder) error {
	s := p.s
	at := s.pos()
	s.advance(1)
	c := s.peek()
	simple := map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
	if r, ok := simple[c]; ok {
		b.WriteByte(r)
		s.advance(1)
		return nil
	}
	if c != 'u' {
		return s.errorf(at, "invalid escape sequence \\%c", c)
	}

	r, err := p.hex4(at)
	if err != nil {
		return err
	}
	// A character outside the basic plane is written as two \u escapes.
	if r >= 0xD800 && r < 0xDC00 && s.hasPrefix(`\u`) {
		s.advance(1)
		low, err := p.hex4(at)
		if err != nil {
			return err
		}
		if low >= 0xDC00 && low < 0xE000 {
			r = (r-0xD800)<<10 + (low - 0xDC00) + 0x10000
		}
	}
	b.WriteRune(r)
	return nil
}

// hex4 reads "uXXXX", with the scanner on the u.
func (p *jsoncParser) hex4(at pos) (rune, error) {
	s := p.s
	s.advance(1)
	if s.off+4 > len(s.src) {
		return 0, s.errorf(at, "invalid unicode escape")
	}
	n, err := strconv.ParseUint(s.src[s.off:s.off+4], 16, 32)
	if err != nil {
		return 0, s.errorf(at, "invalid unicode escape")
	}
	s.advance(4)
	return rune(n), nil
}

func (p *jsoncParser) number() (*value, error) {
	s := p.s
	start := s.pos()
	begin := s.off
	if s.peek() == '-' {
		s.advance(1)
	}
	digits := func() int {
		n := 0
		for c := s.peek(); c >= '0' && c <= '9'; c = s.peek() {
			s.advance(1)
			n++
		}
		return n
	}
	if digits() == 0 {
		return nil, s.errorf(start, "invalid number")
	}
	isFloat := false
	if s.peek() == '.' {
		isFloat = true
		s.advance(1)
		if digits() == 0 {
			return nil, s.errorf(start, "invalid number")
		}
	}
	if c := s.peek(); c == 'e' || c == 'E' {
		isFloat = true
		s.advance(1)
		if c := s.peek(); c == '+' || c == '-' {
			s.advance(1)
		}
		if digits() == 0 {
			return nil, s.errorf(start, "invalid number")
		}
	}

	text := s.src[begin:s.off]
	if !isFloat {
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return &value{kind: kindInt, pos: start, integer: n}, nil
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return nil, s.errorf(start, "invalid number %s", text)
	}
	return &value{kind: kindFloat, pos: start, float: f}, nil
}
