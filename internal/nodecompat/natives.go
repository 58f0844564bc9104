package nodecompat

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// newNatives builds the Go functions the scripts receive as their first argument.
func (c *compat) newNatives() *goja.Object {
	vm := c.rt.VM
	obj := vm.NewObject()
	env := vm.NewObject()
	for k, v := range c.opts.Env {
		_ = env.Set(k, v)
	}
	for name, fn := range map[string]any{
		"encode":      c.encode,
		"decode":      c.decode,
		"byteLength":  c.byteLength,
		"hashNew":     c.hashNew,
		"hmacNew":     c.hmacNew,
		"hashUpdate":  c.hashUpdate,
		"hashDigest":  c.hashDigest,
		"hashCopy":    c.hashCopy,
		"randomBytes": c.randomBytes,
		"isUtf8": func(buf goja.Value, offset, length int) bool {
			return utf8.Valid(c.bytesOf(c.exportBuffer(buf), offset, length))
		},
		"inspect":    func(v goja.Value) string { return c.rt.Inspect(v) },
		"asyncHooks": c.asyncHooks,
		"promiseState": func(v goja.Value) []any {
			p, ok := v.Export().(*goja.Promise)
			switch {
			case !ok || p.State() == goja.PromiseStatePending:
				return []any{"pending", goja.Undefined()}
			case p.State() == goja.PromiseStateRejected:
				return []any{"rejected", p.Result()}
			}
			return []any{"fulfilled", p.Result()}
		},
	} {
		_ = obj.Set(name, fn)
	}
	_ = obj.Set("env", env)
	return obj
}

// bytesOf returns the bytes a Uint8Array views, sharing its memory.
func (c *compat) bytesOf(buf goja.ArrayBuffer, offset, length int) []byte {
	b := buf.Bytes()
	if offset < 0 || length < 0 || offset+length > len(b) {
		panic(c.rt.VM.NewTypeError("offset or length out of the buffer"))
	}
	return b[offset : offset+length]
}

func (c *compat) exportBuffer(v goja.Value) goja.ArrayBuffer {
	ab, ok := v.Export().(goja.ArrayBuffer)
	if !ok {
		panic(c.rt.VM.NewTypeError("expected an ArrayBuffer"))
	}
	return ab
}

// encode turns bytes into a string in a Node encoding (already normalized by the caller).
func (c *compat) encode(bufV goja.Value, offset, length int, enc string) goja.Value {
	b := c.bytesOf(c.exportBuffer(bufV), offset, length)
	switch enc {
	case "hex":
		return c.rt.VM.ToValue(hex.EncodeToString(b))
	case "base64":
		return c.rt.VM.ToValue(base64.StdEncoding.EncodeToString(b))
	case "base64url":
		return c.rt.VM.ToValue(base64.RawURLEncoding.EncodeToString(b))
	case "latin1", "ascii":
		units := make([]uint16, len(b))
		for i, x := range b {
			if enc == "ascii" {
				x &= 0x7f
			}
			units[i] = uint16(x)
		}
		return c.rt.VM.ToValue(goja.StringFromUTF16(units))
	case "utf16le":
		units := make([]uint16, len(b)/2)
		for i := range units {
			units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
		return c.rt.VM.ToValue(goja.StringFromUTF16(units))
	}
	return c.rt.VM.ToValue(decodeUTF8(b))
}

// decodeUTF8 decodes as WHATWG's decoder does: each maximal invalid subsequence becomes
// one U+FFFD.
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			size = max(invalidPrefix(b), 1)
		}
		sb.WriteRune(r)
		b = b[size:]
	}
	return sb.String()
}

// invalidPrefix is the length of the truncated sequence at the start of b: a lead byte and
// the continuation bytes that could still have completed it.
func invalidPrefix(b []byte) int {
	var need int
	switch x := b[0]; {
	case x >= 0xC2 && x <= 0xDF:
		need = 1
	case x >= 0xE0 && x <= 0xEF:
		need = 2
	case x >= 0xF0 && x <= 0xF4:
		need = 3
	default:
		return 1
	}
	n := 1
	for ; n <= need && n < len(b); n++ {
		lo, hi := byte(0x80), byte(0xBF)
		if n == 1 {
			switch b[0] {
			case 0xE0:
				lo = 0xA0
			case 0xED:
				hi = 0x9F
			case 0xF0:
				lo = 0x90
			case 0xF4:
				hi = 0x8F
			}
		}
		if b[n] < lo || b[n] > hi {
			break
		}
	}
	return n
}

// decode turns a string into the bytes of a Node encoding, in a new ArrayBuffer.
func (c *compat) decode(s goja.Value, enc string) goja.Value {
	return c.rt.VM.ToValue(c.rt.VM.NewArrayBuffer(c.stringBytes(s, enc)))
}

func (c *compat) byteLength(s goja.Value, enc string) int {
	switch enc {
	case "utf8":
		return len(s.String())
	case "utf16le":
		return 2 * len(units(s))
	case "latin1", "ascii":
		return len(units(s))
	}
	return len(c.stringBytes(s, enc))
}

func units(v goja.Value) []uint16 {
	s, _ := v.ToString().(goja.String)
	out := make([]uint16, s.Length())
	for i := range out {
		out[i] = s.CharAt(i)
	}
	return out
}

func (c *compat) stringBytes(s goja.Value, enc string) []byte {
	switch enc {
	case "hex":
		str := s.String()
		n := 0
		for n+1 < len(str) && isHex(str[n]) && isHex(str[n+1]) {
			n += 2
		}
		b, _ := hex.DecodeString(str[:n])
		return b
	case "base64", "base64url":
		return decodeBase64(s.String())
	case "latin1", "ascii":
		u := units(s)
		b := make([]byte, len(u))
		for i, x := range u {
			b[i] = byte(x)
		}
		return b
	case "utf16le":
		u := units(s)
		b := make([]byte, 2*len(u))
		for i, x := range u {
			b[2*i], b[2*i+1] = byte(x), byte(x>>8)
		}
		return b
	}
	return []byte(s.String())
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// decodeBase64 reads base64 and base64url as Node does: both alphabets, padding optional,
// anything else skipped, stopping at the first '='.
func decodeBase64(s string) []byte {
	var clean strings.Builder
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '=':
			i = len(s)
		case ch == '-':
			clean.WriteByte('+')
		case ch == '_':
			clean.WriteByte('/')
		case ch >= 'A' && ch <= 'Z', ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9', ch == '+', ch == '/':
			clean.WriteByte(ch)
		}
	}
	str := clean.String()
	if len(str)%4 == 1 {
		str = str[:len(str)-1]
	}
	b, _ := base64.RawStdEncoding.DecodeString(str)
	return b
}

// hashes are the digests createHash and createHmac accept, by OpenSSL's lower-case names.
var hashes = map[string]func() hash.Hash{
	"md5": md5.New, "sha1": sha1.New, "sha224": sha256.New224, "sha256": sha256.New,
	"sha384": sha512.New384, "sha512": sha512.New, "sha512-224": sha512.New512_224,
	"sha512-256": sha512.New512_256,
	"sha3-224":   func() hash.Hash { return sha3.New224() },
	"sha3-256":   func() hash.Hash { return sha3.New256() },
	"sha3-384":   func() hash.Hash { return sha3.New384() },
	"sha3-512":   func() hash.Hash { return sha3.New512() },
	"rsa-md5":    md5.New, "rsa-sha1": sha1.New, "rsa-sha256": sha256.New, "rsa-sha384": sha512.New384,
	"rsa-sha512": sha512.New,
}

// hashState is a Hash or Hmac in progress; make builds a fresh one of its kind.
type hashState struct {
	h    hash.Hash
	make func() hash.Hash
}

func (c *compat) newHash(alg string, make func(func() hash.Hash) hash.Hash) goja.Value {
	f, ok := hashes[strings.ToLower(alg)]
	if !ok {
		return goja.Undefined()
	}
	mk := func() hash.Hash { return make(f) }
	return c.rt.VM.ToValue(&hashState{h: mk(), make: mk})
}

func (c *compat) hashNew(alg string) goja.Value {
	return c.newHash(alg, func(f func() hash.Hash) hash.Hash { return f() })
}

func (c *compat) hmacNew(alg string, key goja.Value, offset, length int) goja.Value {
	k := append([]byte(nil), c.bytesOf(c.exportBuffer(key), offset, length)...)
	return c.newHash(alg, func(f func() hash.Hash) hash.Hash { return hmac.New(f, k) })
}

func (c *compat) state(v goja.Value) *hashState {
	s, ok := v.Export().(*hashState)
	if !ok {
		panic(c.rt.VM.NewTypeError("not a hash"))
	}
	return s
}

func (c *compat) hashUpdate(h, buf goja.Value, offset, length int) {
	s := c.state(h)
	b := c.bytesOf(c.exportBuffer(buf), offset, length)
	s.h.Write(b)
}

func (c *compat) hashDigest(h goja.Value) goja.Value {
	s := c.state(h)
	return c.rt.VM.ToValue(c.rt.VM.NewArrayBuffer(s.h.Sum(nil)))
}

// hashCopy clones a Hash through the state every digest of the standard library can save.
func (c *compat) hashCopy(h goja.Value) goja.Value {
	s := c.state(h)
	m, ok := s.h.(encoding.BinaryMarshaler)
	cp := &hashState{h: s.make(), make: s.make}
	u, ok2 := cp.h.(encoding.BinaryUnmarshaler)
	if !ok || !ok2 {
		panic(c.rt.VM.NewTypeError("this digest cannot be copied"))
	}
	state, err := m.MarshalBinary()
	if err == nil {
		err = u.UnmarshalBinary(state)
	}
	if err != nil {
		panic(c.rt.VM.NewGoError(err))
	}
	return c.rt.VM.ToValue(cp)
}

func (c *compat) randomBytes(n int) goja.Value {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return c.rt.VM.ToValue(c.rt.VM.NewArrayBuffer(b))
}
