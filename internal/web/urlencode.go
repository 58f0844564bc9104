package web

import (
	"strings"
	"unicode/utf8"
)

// percentSet is a WHATWG percent-encode set: the code points above the ASCII range always
// belong to it; below, the ones the table marks.
type percentSet [128]bool

func newPercentSet(base *percentSet, extra string) *percentSet {
	var s percentSet
	if base != nil {
		s = *base
	} else {
		for c := 0; c < 0x20; c++ {
			s[c] = true
		}
		s[0x7f] = true
	}
	for _, c := range extra {
		s[c] = true
	}
	return &s
}

var (
	c0ControlSet    = newPercentSet(nil, "")
	fragmentSet     = newPercentSet(c0ControlSet, " \"<>`")
	querySet        = newPercentSet(c0ControlSet, " \"#<>")
	specialQuerySet = newPercentSet(querySet, "'")
	pathSet         = newPercentSet(querySet, "?^`{}")
	userinfoSet     = newPercentSet(pathSet, "/:;=@[\\]|")
	componentSet    = newPercentSet(userinfoSet, "$%&+,")
	formSet         = newPercentSet(componentSet, "!'()~")
)

const upperHex = "0123456789ABCDEF"

// appendPercentEncoded appends c, UTF-8 encoded and percent-encoded when set says so.
func appendPercentEncoded(b *strings.Builder, c rune, set *percentSet) {
	if c < 0x80 && !set[c] {
		b.WriteRune(c)
		return
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], c)
	for _, x := range buf[:n] {
		b.WriteByte('%')
		b.WriteByte(upperHex[x>>4])
		b.WriteByte(upperHex[x&15])
	}
}

func percentEncodeString(s string, set *percentSet) string {
	var b strings.Builder
	for _, c := range s {
		appendPercentEncoded(&b, c, set)
	}
	return b.String()
}

// formEncode serializes one name or value of application/x-www-form-urlencoded.
func formEncode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		if c == ' ' {
			b.WriteByte('+')
			continue
		}
		appendPercentEncoded(&b, c, formSet)
	}
	return b.String()
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// percentDecode decodes %XX sequences into bytes, leaving malformed ones as they are.
func percentDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				out = append(out, hi<<4|lo)
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return out
}

// formDecode parses application/x-www-form-urlencoded into name/value pairs.
func formDecode(s string) [][2]string {
	var pairs [][2]string
	for _, seq := range strings.Split(s, "&") {
		if seq == "" {
			continue
		}
		name, value, _ := strings.Cut(seq, "=")
		name = strings.ReplaceAll(name, "+", " ")
		value = strings.ReplaceAll(value, "+", " ")
		pairs = append(pairs, [2]string{decodeUTF8Lossy(percentDecode(name)), decodeUTF8Lossy(percentDecode(value))})
	}
	return pairs
}
