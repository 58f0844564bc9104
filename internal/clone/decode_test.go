package clone

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

// decodeOnly are inputs Serialize never writes but workerd, older V8 versions or other
// writers do; Deserialize must read them.
var decodeOnly = []struct {
	name  string
	hex   string
	check string // a JavaScript function (undefined, copy)
}{
	{"no header is version 13", "6f22016149027b01", `(_, c) => eq(c.a, 1)`},
	{"version 13 views have no flags", "4101420201025642000224" + "0001",
		`(_, c) => { eq(c.length, 1); eq(c[0][1], 2) }`},
	{"version 13 data written with flags", "ff0d" + "4101" + "420201025642000201" + "240001",
		`(_, c) => { eq(c.length, 1); eq(c[0].length, 2) }`},
	{"uint32", "ff0f55ffffffff0f", `(_, c) => eq(c, 4294967295)`},
	{"utf-8 string", "ff0f5303e697a5", `(_, c) => eq(c, "日")`},
	{"invalid utf-8", "ff0f5302ff61", `(_, c) => eq(c, "\ufffda")`},
	{"verify count", "ff0f3f055f", `(_, c) => eq(c, undefined)`},
	{"padding", "ff0f000054", `(_, c) => eq(c, true)`},
	{"cause before stack", "ff0f7254" + "6d2204626f6f6d" + "634902" + "73220153" + "2e", `(_, c) => {
		eq(Object.getPrototypeOf(c), TypeError.prototype);
		eq(c.message, "boom"); eq(c.cause, 1); eq(c.stack, "S");
	}`},
	{"message after the cause", "ff0f72" + "634902" + "6d220178" + "52" + "2e", `(_, c) => {
		eq(Object.getPrototypeOf(c), RangeError.prototype); eq(c.message, "x"); eq(c.cause, 1);
	}`},
	{"cause refers to its error", "ff0f72" + "6d220178" + "635e00" + "2e", `(_, c) => eq(c.cause, c)`},
	{"resizable buffer", "ff0f7e02080102", `(_, c) => { eq(c.byteLength, 2); eq(new Uint8Array(c)[1], 2) }`},
	{"sparse array", "ff0f6105" + "49025f" + "400105",
		`(_, c) => { eq(c.length, 5); assert(1 in c, "1 present") }`},
	{"hole tag", "ff0f4103" + "49022d4906" + "240003",
		`(_, c) => { eq(c.length, 3); assert(!(1 in c), "hole") }`},
	{"version 10 undefined is a hole", "ff0a4102" + "5f4902" + "240002", `(_, c) => {
		eq(c.length, 2); assert(!(0 in c), "hole"); eq(c[1], 1);
	}`},
	{"version 11 strings in a RegExp", "ff0b5201" + "61" + "01",
		`(_, c) => { eq(c.source, "a"); eq(c.flags, "g") }`},
	{"version 11 String object", "ff0b730161", `(_, c) => eq(c.valueOf(), "a")`},
	{"array holding itself", "ff0f4101" + "5e00" + "240001", `(_, c) => eq(c[0], c)`},
	{"array holding itself and a hole", "ff0f4102" + "5e002d" + "240002", `(_, c) => {
		eq(c[0], c); eq(c.length, 2); assert(!(1 in c), "hole");
	}`},
	{"double key", "ff0f6f" + "4e000000000000f83f" + "4902" + "7b01", `(_, c) => eq(c["1.5"], 1)`},
	{"latin-1 key", "ff0f6f" + "2201e9" + "4902" + "7b01", `(_, c) => eq(c["é"], 1)`},
	{"trailing bytes", "ff0f54ffff", `(_, c) => eq(c, true)`},
}

func TestDecodeOnly(t *testing.T) {
	for _, tc := range decodeOnly {
		t.Run(tc.name, func(t *testing.T) {
			vm := newRuntime(t)
			data, err := hex.DecodeString(tc.hex)
			if err != nil {
				t.Fatal(err)
			}
			v, err := Deserialize(vm, data)
			if err != nil {
				t.Fatalf("Deserialize: %v", err)
			}
			jsCheck(t, vm, tc.check, nil, v)
		})
	}
}

// malformedInputs must fail with ErrMalformed, never panic.
var malformedInputs = []struct {
	name string
	hex  string
	want string // part of the error
}{
	{"empty", "", "empty data"},
	{"header only", "ff0f", "end of data"},
	{"truncated object", "ff0f6f", "end of data"},
	{"wrong property count", "ff0f6f7b01", "1 properties announced, 0 read"},
	{"unknown reference", "ff0f5e00", "unknown object 0"},
	{"huge dense array", "ff0f41ffffffff0f", "past the end"},
	{"buffer past the end", "ff0f42ffffffff0f", "past the end"},
	{"view past its buffer", "ff0f42020102" + "5642010200", "past its buffer"},
	{"misaligned view", "ff0f4203010203" + "5657000300", "not aligned"},
	{"unknown view type", "ff0f42020102" + "5678000200", "unknown view type"},
	{"host object", "ff0f5c00", "unsupported tag"},
	{"shared buffer", "ff0f7500", "unsupported tag"},
	{"object key", "ff0f6f" + "6f7b00" + "4902" + "7b01", "invalid property key"},
	{"array length key", "ff0f6100" + "22066c656e677468" + "4902" + "400100", "invalid property key"},
	{"odd two-byte string", "ff0f6303616263", "odd length"},
	{"bad RegExp flags", "ff0f52220161" + "8004", "invalid regular expression flags"},
	{"flag goja lacks", "ff0f52220161" + "8001", "not supported"},
	{"bad RegExp source", "ff0f52220128" + "00", "invalid regular expression"},
	{"unknown error field", "ff0f727a2e", "unknown error field"},
	{"error message is an object", "ff0f726d6f7b002e", "expected a string"},
	{"reference to an error being read", "ff0f726d5e002e", "while it is being read"},
	{"unknown tag", "ff0f01", "unknown tag"},
	{"wrong array length", "ff0f4100240001", "array length 1 announced, 0 read"},
	{"map count", "ff0f3b3a01", "1 properties announced, 0 read"},
	{"truncated varint", "ff0f4980", "end of data"},
	{"truncated double", "ff0f4e0000", "past the end"},
	{"truncated bigint", "ff0f5a10", "past the end"},
}

func TestDecodeMalformed(t *testing.T) {
	for _, tc := range malformedInputs {
		t.Run(tc.name, func(t *testing.T) {
			vm := newRuntime(t)
			data, err := hex.DecodeString(tc.hex)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Deserialize(vm, data)
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("got %v, want ErrMalformed", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestDecodeNewerVersion(t *testing.T) {
	vm := newRuntime(t)
	if _, err := Deserialize(vm, []byte{0xFF, 0x10, '_'}); !errors.Is(err, ErrUnsupportedVersion) {
		t.Errorf("got %v, want ErrUnsupportedVersion", err)
	}
}

func TestDecodeDeepNesting(t *testing.T) {
	vm := newRuntime(t)
	data := []byte{0xFF, 0x0F}
	for i := 0; i < maxDepth+1; i++ {
		data = append(data, 'A', 1)
	}
	if _, err := Deserialize(vm, data); !errors.Is(err, ErrTooDeep) {
		t.Errorf("got %v, want ErrTooDeep", err)
	}
}
