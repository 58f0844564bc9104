package clone

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/dop251/goja"
)

// FuzzRoundTrip feeds arbitrary bytes to Deserialize, which must not panic, and checks that
// whatever it reads serializes to bytes that read back and serialize to the same bytes.
func FuzzRoundTrip(f *testing.F) {
	for _, tc := range goldens {
		f.Add(mustHex(tc.hex))
	}
	for _, tc := range decodeOnly {
		f.Add(mustHex(tc.hex))
	}
	for _, tc := range malformedInputs {
		f.Add(mustHex(tc.hex))
	}

	vm := goja.New()
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Deserialize(vm, data)
		if err != nil {
			return
		}
		first, err := Serialize(vm, v, Options{})
		if err != nil {
			t.Fatalf("Serialize of a value Deserialize read: %v", err)
		}
		back, err := Deserialize(vm, first)
		if err != nil {
			t.Fatalf("Deserialize of Serialize's output %x: %v", first, err)
		}
		second, err := Serialize(vm, back, Options{})
		if err != nil {
			t.Fatalf("second Serialize: %v", err)
		}
		if !bytes.Equal(first, second) {
			t.Fatalf("unstable round trip:\n first %x\nsecond %x", first, second)
		}
	})
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}
