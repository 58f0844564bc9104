package project

import (
	"strings"
)

// parseTOML parses the TOML that wrangler.toml files use: tables, arrays of tables, dotted
// keys, basic, literal and multi-line strings, integers, floats, booleans, dates (kept as
// text), arrays and inline tables. Redefining a key or a table is an error, as in TOML 1.0.
// Inline tables may span lines and end with a comma, as TOML 1.1 allows.
func parseTOML(src string) (*value, error) {
	p := &tomlParser{s: newScanner(src)}
	p.root = &value{kind: kindObject, pos: pos{1, 1}, origin: originHeader}
	p.current = p.root

	for {
		p.skipBlank()
		if p.s.eof() {
			return p.root, nil
		}
		if err := p.statement(); err != nil {
			return nil, err
		}
		if err := p.endOfLine(); err != nil {
			return nil, err
		}
	}
}

type tomlParser struct {
	s       *scanner
	root    *value
	current *value
}

// keyPart is one segment of a dotted key.
type keyPart struct {
	name string
	pos  pos
}

// skipBlank skips white space, newlines and comments between statements.
func (p *tomlParser) skipBlank() {
	s := p.s
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\n':
			s.advance(1)
		case c == '\r' && s.peekAt(1) == '\n':
			s.advance(2)
		case c == '#':
			p.skipComment()
		default:
			return
		}
	}
}

func (p *tomlParser) skipSpace() {
	for c := p.s.peek(); c == ' ' || c == '\t'; c = p.s.peek() {
		p.s.advance(1)
	}
}

func (p *tomlParser) skipComment() {
	for !p.s.eof() && p.s.peek() != '\n' && !p.s.hasPrefix("\r\n") {
		p.s.advance(1)
	}
}

// endOfLine requires that nothing but a comment follows a statement on its line.
func (p *tomlParser) endOfLine() error {
	s := p.s
	p.skipSpace()
	if s.peek() == '#' {
		p.skipComment()
	}
	switch {
	case s.eof():
		return nil
	case s.peek() == '\n':
		s.advance(1)
		return nil
	case s.hasPrefix("\r\n"):
		s.advance(2)
		return nil
	default:
		return s.errorf(s.pos(), "expected the end of the line but found %s", s.describe())
	}
}

func (p *tomlParser) statement() error {
	s := p.s
	switch {
	case s.hasPrefix("[["):
		return p.arrayTableHeader()
	case s.peek() == '[':
		return p.tableHeader()
	default:
		return p.keyValue(p.current)
	}
}

func (p *tomlParser) tableHeader() error {
	s := p.s
	s.advance(1)
	p.skipSpace()
	keys, err := p.key()
	if err != nil {
		return err
	}
	p.skipSpace()
	if s.peek() != ']' {
		return s.errorf(s.pos(), "expected \"]\" at the end of the table header but found %s", s.describe())
	}
	s.advance(1)

	parent, err := p.walk(p.root, keys[:len(keys)-1], true)
	if err != nil {
		return err
	}
	last := keys[len(keys)-1]
	existing := parent.get(last.name)
	switch {
	case existing == nil:
		t := &value{kind: kindObject, pos: last.pos, origin: originHeader}
		parent.set(last.name, last.pos, t)
		p.current = t
	case existing.kind == kindObject && existing.origin == originImplicit:
		existing.origin = originHeader
		p.current = existing
	default:
		return s.errorf(last.pos, "table [%s] is already defined", joinKeys(keys))
	}
	return nil
}

func (p *tomlParser) arrayTableHeader() error {
	s := p.s
	s.advance(2)
	p.skipSpace()
	keys, err := p.key()
	if err != nil {
		return err
	}
	p.skipSpace()
	if !s.hasPrefix("]]") {
		return s.errorf(s.pos(), "expected \"]]\" at the end of the array of tables header but found %s",
			s.describe())
	}
	s.advance(2)

	parent, err := p.walk(p.root, keys[:len(keys)-1], true)
	if err != nil {
		return err
	}
	last := keys[len(keys)-1]
	arr := parent.get(last.name)
	switch {
	case arr == nil:
		arr = &value{kind: kindArray, pos: last.pos, origin: originArrayOfTables}
		parent.set(last.name, last.pos, arr)
	case arr.kind != kindArray || arr.origin != originArrayOfTables:
		return s.errorf(last.pos, "cannot define [[%s]]: %s is already defined as %s",
			joinKeys(keys), last.name, arr.kind)
	}
	t := &value{kind: kindObject, pos: last.pos, origin: originHeader}
	arr.items = append(arr.items, t)
	p.current = t
	return nil
}

// walk descends from table through keys, creating the missing tables. Headers may pass
// through the last element of an array of tables; dotted keys may only extend tables that
// dotted keys created.
func (p *tomlParser) walk(table *value, keys []keyPart, header bool) (*value, error) {
	for i, k := range keys {
		next := table.get(k.name)
		switch {
		case next == nil:
			o := originImplicit
			if !header {
				o = originDotted
			}
			next = &value{kind: kindObject, pos: k.pos, origin: o}
			table.set(k.name, k.pos, next)
		case header && next.kind == kindArray && next.origin == originArrayOfTables:
			next = next.items[len(next.items)-1]
		case next.kind != kindObject:
			return nil, p.s.errorf(k.pos, "key %s is already defined as %s", joinKeys(keys[:i+1]), next.kind)
		case next.origin == originValue:
			return nil, p.s.errorf(k.pos, "cannot add keys to the inline table %s", joinKeys(keys[:i+1]))
		case !header && (next.origin == originHeader || next.origin == originArrayOfTables):
			return nil, p.s.errorf(k.pos, "table %s is already defined by a header", joinKeys(keys[:i+1]))
		}
		table = next
	}
	return table, nil
}

// keyValue parses `key = value` into table.
func (p *tomlParser) keyValue(table *value) error {
	s := p.s
	keys, err := p.key()
	if err != nil {
		return err
	}
	p.skipSpace()
	if s.peek() != '=' {
		return s.errorf(s.pos(), "expected \"=\" after the key but found %s", s.describe())
	}
	s.advance(1)
	p.skipSpace()

	val, err := p.value()
	if err != nil {
		return err
	}
	parent, err := p.walk(table, keys[:len(keys)-1], false)
	if err != nil {
		return err
	}
	last := keys[len(keys)-1]
	if parent.get(last.name) != nil {
		return s.errorf(last.pos, "key %s is already defined", joinKeys(keys))
	}
	parent.set(last.name, last.pos, val)
	return nil
}

// key parses a possibly dotted key.
func (p *tomlParser) key() ([]keyPart, error) {
	var parts []keyPart
	for {
		part, err := p.simpleKey()
		if err != nil {
			return nil, err
		}
		parts = append(parts, part)
		p.skipSpace()
		if p.s.peek() != '.' {
			return parts, nil
		}
		p.s.advance(1)
		p.skipSpace()
	}
}

func (p *tomlParser) simpleKey() (keyPart, error) {
	s := p.s
	at := s.pos()
	switch c := s.peek(); {
	case c == '"':
		str, err := p.basicString()
		return keyPart{name: str, pos: at}, err
	case c == '\'':
		str, err := p.literalString()
		return keyPart{name: str, pos: at}, err
	case isBareKeyChar(c):
		begin := s.off
		for isBareKeyChar(s.peek()) {
			s.advance(1)
		}
		return keyPart{name: s.src[begin:s.off], pos: at}, nil
	default:
		return keyPart{}, s.errorf(at, "expected a key but found %s", s.describe())
	}
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func joinKeys(keys []keyPart) string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.name
		if !isBareKey(k.name) {
			names[i] = `"` + k.name + `"`
		}
	}
	return strings.Join(names, ".")
}

func isBareKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isBareKeyChar(s[i]) {
			return false
		}
	}
	return true
}

func (p *tomlParser) value() (*value, error) {
	s := p.s
	at := s.pos()
	switch c := s.peek(); {
	case c == '"' || c == '\'':
		str, err := p.anyString()
		if err != nil {
			return nil, err
		}
		return &value{kind: kindString, pos: at, str: str}, nil
	case c == '[':
		return p.array()
	case c == '{':
		return p.inlineTable()
	case s.hasPrefix("true") && !isBareKeyChar(s.peekAt(4)):
		s.advance(4)
		return &value{kind: kindBool, pos: at, boolean: true}, nil
	case s.hasPrefix("false") && !isBareKeyChar(s.peekAt(5)):
		s.advance(5)
		return &value{kind: kindBool, pos: at}, nil
	case c == '+' || c == '-' || c >= '0' && c <= '9' || c == 'i' || c == 'n':
		return p.numberOrDate()
	default:
		return nil, s.errorf(at, "expected a value but found %s", s.describe())
	}
}

func (p *tomlParser) array() (*value, error) {
	s := p.s
	arr := &value{kind: kindArray, pos: s.pos()}
	s.advance(1)
	for {
		p.skipBlank()
		if s.peek() == ']' {
			s.advance(1)
			return arr, nil
		}
		if s.eof() {
			return nil, s.errorf(arr.pos, "unterminated array")
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		arr.items = append(arr.items, v)

		p.skipBlank()
		switch {
		case s.eof():
			return nil, s.errorf(arr.pos, "unterminated array")
		case s.peek() == ',':
			s.advance(1)
		case s.peek() == ']':
			s.advance(1)
			return arr, nil
		default:
			return nil, s.errorf(s.pos(), "expected \",\" or \"]\" in the array but found %s", s.describe())
		}
	}
}

func (p *tomlParser) inlineTable() (*value, error) {
	s := p.s
	t := &value{kind: kindObject, pos: s.pos(), origin: originValue}
	s.advance(1)

	// Dotted keys inside may extend each other's tables until the closing brace; then the
	// whole table is frozen as an inline value.
	for {
		p.skipBlank()
		if s.peek() == '}' {
			s.advance(1)
			freeze(t)
			return t, nil
		}
		if s.eof() {
			return nil, s.errorf(t.pos, "unterminated inline table")
		}
		if err := p.keyValue(t); err != nil {
			return nil, err
		}

		p.skipBlank()
		switch {
		case s.eof():
			return nil, s.errorf(t.pos, "unterminated inline table")
		case s.peek() == ',':
			s.advance(1)
		case s.peek() == '}':
			s.advance(1)
			freeze(t)
			return t, nil
		default:
			return nil, s.errorf(s.pos(), "expected \",\" or \"}\" in the inline table but found %s", s.describe())
		}
	}
}

// freeze marks an inline table and the tables inside it as values that no later header or
// dotted key may extend.
func freeze(v *value) {
	if v.kind != kindObject {
		return
	}
	v.origin = originValue
	for _, m := range v.members {
		freeze(m.val)
	}
}
