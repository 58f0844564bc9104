package project

import (
	"fmt"
	"strings"
)

// pos is a place in a config file: 1-based line and 1-based byte column.
type pos struct {
	line, col int
}

// kind is the type of a parsed config value.
type kind int

const (
	kindNull kind = iota
	kindBool
	kindString
	kindInt
	kindFloat
	kindDatetime // TOML dates and times, kept as their source text
	kindArray
	kindObject
)

func (k kind) String() string {
	switch k {
	case kindBool:
		return "a boolean"
	case kindString:
		return "a string"
	case kindInt, kindFloat:
		return "a number"
	case kindDatetime:
		return "a date"
	case kindArray:
		return "an array"
	case kindObject:
		return "an object"
	default:
		return "null"
	}
}

// value is a config value that remembers where it was written, so that a problem found
// long after parsing can still point at the right line. JSONC and TOML both parse into it.
type value struct {
	kind    kind
	pos     pos
	str     string // kindString, and the source text of kindDatetime
	boolean bool
	integer int64
	float   float64
	items   []*value
	members []member

	// For TOML: how the table or array came to exist, to reject redefinitions.
	origin origin
}

// member is one key of an object, with the place of the key itself.
type member struct {
	key    string
	keyPos pos
	val    *value
}

// origin records how a TOML table or array was created.
type origin int

const (
	originValue    origin = iota // written as a value: inline table, array literal, JSON
	originImplicit               // created as the parent of a dotted key or header
	originDotted                 // created by a dotted key inside a table body
	originHeader                 // defined by a [table] header
	originArrayOfTables
)

// get returns the member value for key, or nil.
func (v *value) get(key string) *value {
	if v == nil || v.kind != kindObject {
		return nil
	}
	for i := range v.members {
		if v.members[i].key == key {
			return v.members[i].val
		}
	}
	return nil
}

// lookup returns the member for key, or nil.
func (v *value) lookup(key string) *member {
	if v == nil || v.kind != kindObject {
		return nil
	}
	for i := range v.members {
		if v.members[i].key == key {
			return &v.members[i]
		}
	}
	return nil
}

// set adds or replaces a member.
func (v *value) set(key string, keyPos pos, val *value) {
	for i := range v.members {
		if v.members[i].key == key {
			v.members[i].val = val
			return
		}
	}
	v.members = append(v.members, member{key: key, keyPos: keyPos, val: val})
}

// plain converts the value into the JSON-like Go values that Project.Vars holds:
// map[string]any, []any, string, float64, bool and nil.
func (v *value) plain() any {
	switch v.kind {
	case kindBool:
		return v.boolean
	case kindString, kindDatetime:
		return v.str
	case kindInt:
		return float64(v.integer)
	case kindFloat:
		return v.float
	case kindArray:
		out := make([]any, len(v.items))
		for i, it := range v.items {
			out[i] = it.plain()
		}
		return out
	case kindObject:
		out := make(map[string]any, len(v.members))
		for _, m := range v.members {
			out[m.key] = m.val.plain()
		}
		return out
	default:
		return nil
	}
}

// syntaxError is a parse failure at a place in the source.
type syntaxError struct {
	pos pos
	msg string
}

func (e *syntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.pos.line, e.pos.col, e.msg)
}

// scanner walks a source text and tracks line and column for the parsers.
type scanner struct {
	src       string
	off       int
	line      int
	lineStart int
}

func newScanner(src string) *scanner {
	// A UTF-8 byte order mark is not part of the document.
	src = strings.TrimPrefix(src, "\uFEFF")
	return &scanner{src: src, line: 1}
}

func (s *scanner) eof() bool { return s.off >= len(s.src) }

func (s *scanner) peek() byte {
	if s.off >= len(s.src) {
		return 0
	}
	return s.src[s.off]
}

func (s *scanner) peekAt(n int) byte {
	if s.off+n >= len(s.src) {
		return 0
	}
	return s.src[s.off+n]
}

func (s *scanner) hasPrefix(p string) bool { return strings.HasPrefix(s.src[s.off:], p) }

func (s *scanner) pos() pos { return pos{line: s.line, col: s.off - s.lineStart + 1} }

// advance moves past n bytes, counting newlines.
func (s *scanner) advance(n int) {
	for i := 0; i < n && s.off < len(s.src); i++ {
		if s.src[s.off] == '\n' {
			s.line++
			s.lineStart = s.off + 1
		}
		s.off++
	}
}

func (s *scanner) errorf(p pos, format string, args ...any) error {
	return &syntaxError{pos: p, msg: fmt.Sprintf(format, args...)}
}

// describe names the character at the scanner for an error message.
func (s *scanner) describe() string {
	if s.eof() {
		return "end of file"
	}
	c := s.peek()
	switch {
	case c == '\n' || c == '\r':
		return "end of line"
	case c < 0x20 || c == 0x7f:
		return fmt.Sprintf("control character %#02x", c)
	default:
		r := []rune(s.src[s.off:min(len(s.src), s.off+4)])
		return fmt.Sprintf("%q", string(r[0]))
	}
}
