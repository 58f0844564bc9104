package objects

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
)

// ID is the 32 bytes that identify a Durable Object within its namespace: 16 bytes that
// name it and 16 bytes of MAC that tie it to the namespace, derived as workerd derives them
// (see idFactory), so that an id printed by dotest matches the one wrangler dev prints.
type ID [32]byte

// String returns the id as 64 lowercase hex digits, as id.toString() does.
func (id ID) String() string { return hex.EncodeToString(id[:]) }

// The texts of workerd's TypeErrors for idFromString.
const (
	msgIDNotHex       = "Invalid Durable Object ID: must be 64 hex digits"
	msgIDNotNamespace = "Durable Object ID is not valid for this namespace."
)

// Errors of ParseID, whose messages are workerd's texts.
var (
	ErrIDNotHex       = errors.New(msgIDNotHex)
	ErrIDNotNamespace = errors.New(msgIDNotNamespace)
)

// idFactory derives the ids of one namespace. Its key is SHA-256 of the namespace's unique
// key ("<worker name>-<class name>"); a name's id is a = HMAC(key, name)[:16] followed by
// b = HMAC(key, a)[:16], and a unique id is 16 random bytes followed by their MAC.
type idFactory struct {
	key [32]byte
}

func newIDFactory(uniqueKey string) idFactory {
	return idFactory{key: sha256.Sum256([]byte(uniqueKey))}
}

// fromName returns the id of a name.
func (f idFactory) fromName(name string) ID {
	var id ID
	copy(id[:16], f.mac([]byte(name)))
	copy(id[16:], f.mac(id[:16]))
	return id
}

// unique returns a new random id.
func (f idFactory) unique() ID {
	var id ID
	_, _ = rand.Read(id[:16]) // crypto/rand.Read never fails
	copy(id[16:], f.mac(id[:16]))
	return id
}

// parse reads the text of an id and checks that it belongs to the namespace. Hex digits may
// be upper-case, as workerd accepts them; the id prints them lower-case.
func (f idFactory) parse(s string) (ID, error) {
	var id ID
	if len(s) != 64 {
		return id, ErrIDNotHex
	}
	if _, err := hex.Decode(id[:], []byte(s)); err != nil {
		return id, ErrIDNotHex
	}
	if !hmac.Equal(id[16:], f.mac(id[:16])) {
		return id, ErrIDNotNamespace
	}
	return id, nil
}

func (f idFactory) mac(data []byte) []byte {
	h := hmac.New(sha256.New, f.key[:])
	h.Write(data)
	return h.Sum(nil)[:16]
}
