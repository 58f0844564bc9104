package web

import (
	"encoding/base64"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
)

func encodingNatives(e *env) goja.Value {
	return e.natives(map[string]any{
		"encode":     e.encodeUTF8,
		"encodeInto": e.encodeInto,
		"decodeUTF8": e.decodeUTF8,
		"newDecoder": e.newDecoder,
		"atob":       e.atob,
		"btoa":       e.btoa,
	})
}

// encodeUTF8 is TextEncoder.encode: lone surrogates become U+FFFD, as goja's conversion to a
// Go string already does.
func (e *env) encodeUTF8(s goja.Value) goja.Value {
	return e.newUint8Array([]byte(s.String()))
}

// encodeInto writes as many whole code points of s as fit into dst and reports the UTF-16
// units read and the bytes written.
func (e *env) encodeInto(v, dst goja.Value) []int {
	s := jsString(v)
	buf, _ := e.bytesOf(dst)
	read, written := 0, 0
	n := s.Length()
	for read < n {
		r := rune(s.CharAt(read))
		units := 1
		if utf16.IsSurrogate(r) {
			r = utf8.RuneError
			if read+1 < n {
				if pair := utf16.DecodeRune(rune(s.CharAt(read)), rune(s.CharAt(read+1))); pair != utf8.RuneError {
					r, units = pair, 2
				}
			}
		}
		size := utf8.RuneLen(r)
		if written+size > len(buf) {
			break
		}
		utf8.EncodeRune(buf[written:], r)
		written += size
		read += units
	}
	return []int{read, written}
}

// decodeUTF8 decodes bytes with replacement and drops a leading BOM, as Body.text() does.
func (e *env) decodeUTF8(v goja.Value) goja.Value {
	b, _ := e.bytesOf(v)
	return e.vm.ToValue(decodeUTF8Lossy(trimBOM(b)))
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// textDecoder is the state of one TextDecoder: the encoding, its streaming decoder, and
// whether the BOM has been dealt with.
type textDecoder struct {
	e         *env
	name      string
	fatal     bool
	ignoreBOM bool
	bomSeen   bool

	utf8   *utf8Decoder
	utf16  *utf16Decoder
	single *charmap.Charmap
	other  transform.Transformer
}

// newDecoder returns the decoder for a WHATWG encoding label, or null when the label names
// no encoding workerd supports.
func (e *env) newDecoder(label string, fatal, ignoreBOM bool) goja.Value {
	enc, err := htmlindex.Get(strings.TrimSpace(label))
	if err != nil {
		return goja.Null()
	}
	name, err := htmlindex.Name(enc)
	if err != nil || name == "replacement" {
		return goja.Null()
	}
	d := &textDecoder{e: e, name: name, fatal: fatal, ignoreBOM: ignoreBOM}
	switch name {
	case "utf-8":
		d.utf8 = &utf8Decoder{}
	case "utf-16le", "utf-16be":
		d.utf16 = newUTF16Decoder(name == "utf-16be")
	default:
		if cm, ok := enc.(*charmap.Charmap); ok {
			d.single = cm
		} else {
			d.other = enc.NewDecoder().Transformer
		}
	}
	obj := e.vm.NewObject()
	_ = obj.Set("encoding", name)
	_ = obj.Set("decode", d.decode)
	return obj
}

// decode returns the text of b, or null when a fatal decoder meets invalid input.
func (d *textDecoder) decode(v goja.Value, stream bool) goja.Value {
	b, _ := d.e.bytesOf(v)
	flush := !stream
	var out goja.Value
	bad := false
	switch {
	case d.utf8 != nil:
		out, bad = d.decodeUTF8(b, flush)
	case d.utf16 != nil:
		var units []uint16
		units, bad = d.utf16.decode(make([]uint16, 0, len(b)/2+1), b, flush)
		units = d.dropBOM16(units)
		out = goja.StringFromUTF16(units)
	case d.single != nil:
		out, bad = d.decodeSingleByte(b)
	default:
		out, bad = d.decodeOther(b, flush)
	}
	if flush {
		d.bomSeen = false
	}
	if bad && d.fatal {
		d.reset()
		return goja.Null()
	}
	return out
}

// reset drops the streaming state after a fatal error, as the standard requires.
func (d *textDecoder) reset() {
	d.bomSeen = false
	if d.utf8 != nil {
		*d.utf8 = utf8Decoder{}
	}
	if d.utf16 != nil {
		*d.utf16 = *newUTF16Decoder(d.utf16.bigEndian)
	}
	if d.other != nil {
		d.other.Reset()
	}
}

func (d *textDecoder) decodeUTF8(b []byte, flush bool) (goja.Value, bool) {
	var sb strings.Builder
	sb.Grow(len(b))
	bad := d.utf8.decode(&sb, b, flush)
	s := sb.String()
	if !d.ignoreBOM && !d.bomSeen && s != "" {
		s = strings.TrimPrefix(s, "\uFEFF")
		d.bomSeen = true
	}
	return d.e.vm.ToValue(s), bad
}

func (d *textDecoder) dropBOM16(units []uint16) []uint16 {
	if d.ignoreBOM || d.bomSeen || len(units) == 0 {
		return units
	}
	d.bomSeen = true
	if units[0] == 0xFEFF {
		return units[1:]
	}
	return units
}

func (d *textDecoder) decodeSingleByte(b []byte) (goja.Value, bool) {
	units := make([]uint16, len(b))
	bad := false
	for i, c := range b {
		r := d.single.DecodeByte(c)
		if r == utf8.RuneError {
			bad = true
		}
		units[i] = uint16(r)
	}
	return goja.StringFromUTF16(units), bad
}

// decodeOther runs the legacy multi-byte decoders of x/text. Note: they report no errors, so
// a fatal decoder treats any U+FFFD in the output as one; input that really encodes U+FFFD
// is rare in these encodings.
func (d *textDecoder) decodeOther(b []byte, flush bool) (goja.Value, bool) {
	if flush {
		defer d.other.Reset()
	}
	out := make([]byte, 0, len(b)*2+8)
	buf := make([]byte, 4096)
	for {
		n, consumed, err := d.other.Transform(buf, b, flush)
		out = append(out, buf[:n]...)
		b = b[consumed:]
		if err != transform.ErrShortDst {
			break
		}
	}
	s := string(out)
	return d.e.vm.ToValue(s), strings.ContainsRune(s, utf8.RuneError)
}

// atob is the forgiving-base64 decode, returning a string of Latin-1 code units or null.
func (e *env) atob(s string) goja.Value {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\f', '\r':
			return -1
		}
		return r
	}, s)
	if len(s)%4 == 0 {
		s = strings.TrimSuffix(s, "=")
		s = strings.TrimSuffix(s, "=")
	}
	if len(s)%4 == 1 || strings.ContainsRune(s, '=') {
		return goja.Null()
	}
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return goja.Null()
	}
	return latin1String(b)
}

func latin1String(b []byte) goja.Value {
	units := make([]uint16, len(b))
	for i, c := range b {
		units[i] = uint16(c)
	}
	return goja.StringFromUTF16(units)
}

// btoa encodes a string of Latin-1 code units as base64, or returns null when one is wider.
func (e *env) btoa(v goja.Value) goja.Value {
	s := jsString(v)
	n := s.Length()
	b := make([]byte, n)
	for i := 0; i < n; i++ {
		c := s.CharAt(i)
		if c > 0xFF {
			return goja.Null()
		}
		b[i] = byte(c)
	}
	return e.vm.ToValue(base64.StdEncoding.EncodeToString(b))
}

// jsString returns v as goja's string type, whose UTF-16 code units can be read one by one.
func jsString(v goja.Value) goja.String {
	if s, ok := v.(goja.String); ok {
		return s
	}
	s, _ := v.ToString().(goja.String)
	return s
}
