package web

import (
	"strings"
	"unicode/utf8"
)

// utf8Decoder is the WHATWG UTF-8 decoder, which replaces each maximal invalid subpart with
// one U+FFFD (Go's range loop would emit one per byte). It keeps a partial sequence between
// calls for streaming.
type utf8Decoder struct {
	cp, needed, seen int
	lower, upper     byte
}

// decode appends the text of b to out; with flush, an unfinished sequence becomes U+FFFD.
// bad reports whether any replacement happened, which fatal decoders turn into an error.
func (d *utf8Decoder) decode(out *strings.Builder, b []byte, flush bool) (bad bool) {
	if d.needed == 0 && utf8.Valid(b) {
		out.Write(b)
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if d.needed == 0 {
			switch {
			case c < 0x80:
				out.WriteByte(c)
			case c >= 0xC2 && c <= 0xDF:
				d.needed, d.cp = 1, int(c&0x1F)
			case c >= 0xE0 && c <= 0xEF:
				d.lower, d.upper = 0x80, 0xBF
				if c == 0xE0 {
					d.lower = 0xA0
				} else if c == 0xED {
					d.upper = 0x9F
				}
				d.needed, d.cp = 2, int(c&0xF)
			case c >= 0xF0 && c <= 0xF4:
				d.lower, d.upper = 0x80, 0xBF
				if c == 0xF0 {
					d.lower = 0x90
				} else if c == 0xF4 {
					d.upper = 0x8F
				}
				d.needed, d.cp = 3, int(c&0x7)
			default:
				out.WriteRune(utf8.RuneError)
				bad = true
			}
			if d.needed == 1 {
				d.lower, d.upper = 0x80, 0xBF
			}
			continue
		}
		if c < d.lower || c > d.upper {
			*d = utf8Decoder{}
			out.WriteRune(utf8.RuneError)
			bad = true
			i-- // the byte starts over as the first of a new sequence
			continue
		}
		d.lower, d.upper = 0x80, 0xBF
		d.cp = d.cp<<6 | int(c&0x3F)
		d.seen++
		if d.seen == d.needed {
			out.WriteRune(rune(d.cp))
			*d = utf8Decoder{}
		}
	}
	if flush && d.needed != 0 {
		*d = utf8Decoder{}
		out.WriteRune(utf8.RuneError)
		bad = true
	}
	return bad
}

// decodeUTF8Lossy decodes b as UTF-8 with replacement, in one go.
func decodeUTF8Lossy(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var d utf8Decoder
	var out strings.Builder
	out.Grow(len(b))
	d.decode(&out, b, true)
	return out.String()
}

// utf16Decoder decodes UTF-16 in either byte order, keeping an odd byte and a lead
// surrogate between calls.
type utf16Decoder struct {
	bigEndian bool
	odd       int // -1 when no byte is pending
	lead      uint16
}

func newUTF16Decoder(bigEndian bool) *utf16Decoder {
	return &utf16Decoder{bigEndian: bigEndian, odd: -1}
}

// decode appends code units to out; unpaired surrogates become U+FFFD.
func (d *utf16Decoder) decode(out []uint16, b []byte, flush bool) ([]uint16, bool) {
	bad := false
	unit := func(x, y byte) uint16 {
		if d.bigEndian {
			return uint16(x)<<8 | uint16(y)
		}
		return uint16(y)<<8 | uint16(x)
	}
	push := func(u uint16) {
		switch {
		case d.lead != 0 && u >= 0xDC00 && u <= 0xDFFF:
			out = append(out, d.lead, u)
			d.lead = 0
			return
		case d.lead != 0:
			out = append(out, 0xFFFD)
			bad = true
			d.lead = 0
		}
		switch {
		case u >= 0xD800 && u <= 0xDBFF:
			d.lead = u
		case u >= 0xDC00 && u <= 0xDFFF:
			out = append(out, 0xFFFD)
			bad = true
		default:
			out = append(out, u)
		}
	}
	i := 0
	if d.odd >= 0 && len(b) > 0 {
		push(unit(byte(d.odd), b[0]))
		d.odd = -1
		i = 1
	}
	for ; i+1 < len(b); i += 2 {
		push(unit(b[i], b[i+1]))
	}
	if i < len(b) {
		d.odd = int(b[i])
	}
	if flush {
		if d.odd >= 0 || d.lead != 0 {
			out = append(out, 0xFFFD)
			bad = true
		}
		d.odd, d.lead = -1, 0
	}
	return out, bad
}
