package clone

import (
	"encoding/hex"
	"testing"
)

// goldens are byte-exact encodings. Those marked "node" were produced by V8 itself (Node's
// v8.serialize writes the same bytes as workerd for these values); the others are derived
// from the format by hand, for what Node writes differently: Node turns views into host
// objects, and its V8 is older (the error cause came before the stack) and has 32-bit Smis,
// where workerd's has 31-bit ones.
var goldens = []struct {
	value string
	hex   string
}{
	// node
	{`undefined`, "ff0f5f"},
	{`null`, "ff0f30"},
	{`true`, "ff0f54"},
	{`false`, "ff0f46"},
	{`0`, "ff0f4900"},
	{`-1`, "ff0f4901"},
	{`1073741823`, "ff0f49feffffff07"},
	{`-1073741824`, "ff0f49ffffffff07"},
	{`1.5`, "ff0f4e000000000000f83f"},
	{`-0`, "ff0f4e0000000000000080"},
	{`NaN`, "ff0f4e000000000000f87f"},
	{`Infinity`, "ff0f4e000000000000f07f"},
	{`""`, "ff0f2200"},
	{`"abc"`, "ff0f2203616263"},
	{`"café"`, "ff0f2204636166e9"},
	{`"日本"`, "ff0f6304e5652c67"},
	{`"a\ud800b"`, "ff0f6306610000d86200"},
	{`0n`, "ff0f5a00"},
	{`1n`, "ff0f5a100100000000000000"},
	{`-1n`, "ff0f5a110100000000000000"},
	{`2n ** 64n`, "ff0f5a2000000000000000000100000000000000"},
	{`({a: 1})`, "ff0f6f22016149027b01"},
	{`({})`, "ff0f6f7b00"},
	{`({1: 2, b: 3, 4294967294: 1})`, "ff0f6f490249044e0000c0ffffffef41490222016249067b03"},
	{`({ab: "日"})`, "ff0f6f22026162006302e5657b01"}, // padding aligns the two-byte string
	{`[]`, "ff0f4100240000"},
	{`[1, 2, 3]`, "ff0f4103490249044906240003"},
	{`[1, , 3]`, "ff0f61034900490249044906400203"},
	{`[undefined]`, "ff0f41015f240001"},
	{`(() => { const a = [1]; a.x = 2; return a })()`, "ff0f410149022201784904240101"},
	{`new Date(0)`, "ff0f440000000000000000"},
	{`new Date(1700000000123)`, "ff0f4400b08756febc7842"},
	{`/a\/b/gimsuy`, "ff0f522204615c2f623f"},
	{`new Map([[1, 2]])`, "ff0f3b490249043a02"},
	{`new Set(["a"])`, "ff0f272201612c01"},
	{`new Uint8Array([1, 2]).buffer`, "ff0f42020102"},
	{`new Boolean(true)`, "ff0f79"},
	{`new Boolean(false)`, "ff0f78"},
	{`new Number(1)`, "ff0f6e000000000000f03f"},
	{`new String("s")`, "ff0f73220173"},
	{`Object(5n)`, "ff0f7a100500000000000000"},
	{`(() => { const o = {}; return [o, o] })()`, "ff0f41026f7b005e01240002"},
	{`(() => { const o = {}; o.self = o; return o })()`, "ff0f6f220473656c665e007b01"},
	{`(() => { const e = new TypeError("boom"); e.stack = "S"; return e })()`, "ff0f72546d2204626f6f6d732201532e"},
	{`(() => { const e = new Error(); e.stack = undefined; return e })()`, "ff0f722e"},

	// by hand
	{`2 ** 30`, "ff0f4e000000000000d041"},
	{`new Uint8Array([1, 2])`, "ff0f420201025642000200"},
	{`new DataView(new ArrayBuffer(4), 1, 2)`, "ff0f42040000000056" + "3f010200"},
	{`(() => { const b = new ArrayBuffer(4); return [new Uint8Array(b), new Uint16Array(b, 2, 1)] })()`,
		"ff0f4102" + "420400000000" + "5642000400" + "5e01" + "5657020200" + "240002"},
	{`(() => { const e = new TypeError("boom", {cause: 1}); e.stack = "S"; return e })()`,
		"ff0f7254" + "6d2204626f6f6d" + "73220153" + "634902" + "2e"},
}

func TestGoldenBytes(t *testing.T) {
	for _, tc := range goldens {
		t.Run(tc.value, func(t *testing.T) {
			vm := newRuntime(t)
			data, err := Serialize(vm, eval(t, vm, tc.value), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := hex.EncodeToString(data); got != tc.hex {
				t.Errorf("Serialize:\n got %s\nwant %s", got, tc.hex)
			}

			// Reading the bytes back and writing them again gives the same bytes.
			want, _ := hex.DecodeString(tc.hex)
			v, err := Deserialize(vm, want)
			if err != nil {
				t.Fatalf("Deserialize: %v", err)
			}
			again, err := Serialize(vm, v, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := hex.EncodeToString(again); got != tc.hex {
				t.Errorf("after a round trip:\n got %s\nwant %s", got, tc.hex)
			}
		})
	}
}
