package web

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/hex"
	"hash"

	"github.com/dop251/goja"
)

// hashes are the digests workerd's SubtleCrypto knows, MD5 included.
var hashes = map[string]func() hash.Hash{
	"SHA-1": sha1.New, "SHA-256": sha256.New, "SHA-384": sha512.New384, "SHA-512": sha512.New, "MD5": md5.New,
}

// cryptoNatives gives crypto.js the primitives; argument checks and errors live in JS.
func cryptoNatives(e *env) goja.Value {
	return e.natives(map[string]any{
		"digest":          e.digest,
		"digester":        e.digester,
		"hmac":            e.hmacSum,
		"aesGCM":          e.aesGCM,
		"aesCBC":          e.aesCBC,
		"aesCTR":          e.aesCTR,
		"pbkdf2":          e.pbkdf2,
		"hkdf":            e.hkdf,
		"random":          func(n int) goja.Value { return e.newUint8Array(randomBytes(n)) },
		"fill":            e.fillRandom,
		"uuid":            randomUUID,
		"timingSafeEqual": e.timingSafeEqual,
	})
}

// randomUUID is a version 4 UUID in its lower-case text form.
func randomUUID() string {
	b := randomBytes(16)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

func (e *env) bytesArg(v goja.Value) []byte {
	b, _ := e.bytesOf(v)
	return b
}

func (e *env) digest(alg string, data goja.Value) goja.Value {
	h := hashes[alg]()
	h.Write(e.bytesArg(data))
	return e.newUint8Array(h.Sum(nil))
}

// digester returns an incremental hash for crypto.DigestStream: update(bytes) and finish().
func (e *env) digester(alg string) goja.Value {
	h := hashes[alg]()
	obj := e.vm.NewObject()
	_ = obj.Set("update", func(v goja.Value) { h.Write(e.bytesArg(v)) })
	_ = obj.Set("finish", func() goja.Value { return e.newUint8Array(h.Sum(nil)) })
	return obj
}

func (e *env) hmacSum(alg string, key, data goja.Value) goja.Value {
	m := hmac.New(hashes[alg], e.bytesArg(key))
	m.Write(e.bytesArg(data))
	return e.newUint8Array(m.Sum(nil))
}

// aesGCM encrypts or decrypts; it returns null when decryption fails authentication and
// undefined when Go's GCM cannot do this IV and tag length together.
func (e *env) aesGCM(encrypt bool, key, iv, data, aad goja.Value, tagBytes int) goja.Value {
	block, err := aes.NewCipher(e.bytesArg(key))
	if err != nil {
		return goja.Undefined()
	}
	nonce := e.bytesArg(iv)
	var gcm cipher.AEAD
	switch {
	case tagBytes == 16:
		gcm, err = cipher.NewGCMWithNonceSize(block, len(nonce))
	case len(nonce) == 12:
		gcm, err = cipher.NewGCMWithTagSize(block, tagBytes)
	default:
		return goja.Undefined()
	}
	if err != nil {
		return goja.Undefined()
	}
	if encrypt {
		return e.newUint8Array(gcm.Seal(nil, nonce, e.bytesArg(data), e.bytesArg(aad)))
	}
	out, err := gcm.Open(nil, nonce, e.bytesArg(data), e.bytesArg(aad))
	if err != nil {
		return goja.Null()
	}
	return e.newUint8Array(out)
}

// aesCBC encrypts with PKCS#7 padding or decrypts and checks it; null means bad padding.
func (e *env) aesCBC(encrypt bool, key, iv, data goja.Value) goja.Value {
	block, err := aes.NewCipher(e.bytesArg(key))
	if err != nil {
		return goja.Null()
	}
	in := e.bytesArg(data)
	if encrypt {
		pad := aes.BlockSize - len(in)%aes.BlockSize
		buf := make([]byte, len(in)+pad)
		copy(buf, in)
		for i := len(in); i < len(buf); i++ {
			buf[i] = byte(pad)
		}
		cipher.NewCBCEncrypter(block, e.bytesArg(iv)).CryptBlocks(buf, buf)
		return e.newUint8Array(buf)
	}
	if len(in) == 0 || len(in)%aes.BlockSize != 0 {
		return goja.Null()
	}
	buf := make([]byte, len(in))
	cipher.NewCBCDecrypter(block, e.bytesArg(iv)).CryptBlocks(buf, in)
	pad := int(buf[len(buf)-1])
	if pad == 0 || pad > aes.BlockSize {
		return goja.Null()
	}
	for _, b := range buf[len(buf)-pad:] {
		if int(b) != pad {
			return goja.Null()
		}
	}
	return e.newUint8Array(buf[:len(buf)-pad])
}

// aesCTR encrypts or decrypts (the same operation) with a 128-bit counter block. Note: the
// counter length parameter is checked in JS but Go always wraps the whole block, which only
// differs from WebCrypto when the counter would overflow its bits within one message.
func (e *env) aesCTR(key, counter, data goja.Value) goja.Value {
	block, err := aes.NewCipher(e.bytesArg(key))
	if err != nil {
		return goja.Null()
	}
	in := e.bytesArg(data)
	out := make([]byte, len(in))
	cipher.NewCTR(block, e.bytesArg(counter)).XORKeyStream(out, in)
	return e.newUint8Array(out)
}

func (e *env) pbkdf2(alg string, password, salt goja.Value, iterations, bits int) goja.Value {
	out, err := pbkdf2.Key(hashes[alg], string(e.bytesArg(password)), e.bytesArg(salt), iterations, bits/8)
	if err != nil {
		return goja.Null()
	}
	return e.newUint8Array(out)
}

func (e *env) hkdf(alg string, key, salt, info goja.Value, bits int) goja.Value {
	out, err := hkdf.Key(hashes[alg], e.bytesArg(key), e.bytesArg(salt), string(e.bytesArg(info)), bits/8)
	if err != nil {
		return goja.Null()
	}
	return e.newUint8Array(out)
}

func (e *env) fillRandom(v goja.Value) {
	b, _ := e.bytesOf(v)
	_, _ = rand.Read(b)
}

func (e *env) timingSafeEqual(a, b goja.Value) bool {
	return subtle.ConstantTimeCompare(e.bytesArg(a), e.bytesArg(b)) == 1
}
