package web

import "testing"

func TestEncoding(t *testing.T) {
	runCases(t, []jsCase{
		{name: "encode", src: `return Array.from(new TextEncoder().encode("a€\uD800"))`,
			want: `[97,226,130,172,239,191,189]`},
		{name: "encodeInto stops at whole code points", src: `
			const dst = new Uint8Array(4);
			return [new TextEncoder().encodeInto("a€b", dst), Array.from(dst)]`,
			want: `[{"read":2,"written":4},[97,226,130,172]]`},
		{name: "encodeInto with a surrogate pair", src: `
			return new TextEncoder().encodeInto("😀x", new Uint8Array(4))`,
			want: `{"read":2,"written":4}`},
		{name: "decode utf-8 with replacement", src: `
			return new TextDecoder().decode(new Uint8Array([0x61, 0xE2, 0x82, 0x62, 0xFF]))`,
			want: "a\uFFFDb\uFFFD"},
		{name: "decode drops the BOM", src: `
			const d = new TextDecoder();
			return [d.decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x61])), new TextDecoder("utf-8",
				{ignoreBOM: true}).decode(new Uint8Array([0xEF, 0xBB, 0xBF])).length]`,
			want: `["a",1]`},
		{name: "fatal", src: `new TextDecoder("utf-8", {fatal: true}).decode(new Uint8Array([0xC0]))`,
			wantErr: "TypeError: Failed to decode input."},
		{name: "streaming keeps partial sequences", src: `
			const d = new TextDecoder();
			const bytes = new TextEncoder().encode("€");
			return d.decode(bytes.subarray(0, 1), {stream: true}) + "|" + d.decode(bytes.subarray(1))`,
			want: "|€"},
		{name: "utf-16le", src: `
			const d = new TextDecoder("utf-16le");
			return [d.encoding, d.decode(new Uint8Array([0x3D, 0xD8, 0x00, 0xDE, 0x41, 0x00]))]`,
			want: `["utf-16le","😀A"]`},
		{name: "latin1 is windows-1252", src: `
			const d = new TextDecoder("latin1");
			return [d.encoding, d.decode(new Uint8Array([0x80, 0xE9]))]`,
			want: `["windows-1252","€é"]`},
		{name: "unknown label", src: `new TextDecoder("nope")`, wantErr: `RangeError: "nope" is not a valid encoding.`},
		{name: "decode a DataView and an ArrayBuffer", src: `
			const b = new TextEncoder().encode("hey").buffer;
			return new TextDecoder().decode(new DataView(b, 1)) + new TextDecoder().decode(b)`,
			want: "eyhey"},
		{name: "btoa and atob", src: `return [btoa("hi\xff"), atob(" aGk=\n"), atob("aGk")]`,
			want: `["aGn/","hi","hi"]`},
		{name: "btoa outside latin1", src: `
			try { btoa("€") } catch (e) { return [e.name, e.code, e.message, e instanceof DOMException] }`,
			want: `["InvalidCharacterError",5,"btoa() can only operate on characters in the Latin1 (ISO/IEC ` +
				`8859-1) range.",` +
				`true]`},
		{name: "atob of bad data", src: `atob("a")`,
			wantErr: "InvalidCharacterError: atob() called with invalid base64-encoded data. (Only whitespace, " +
				"'+', '/', alphanumeric ASCII, and up to two terminal '=' signs when the input data length " +
				"is divisible by 4 are allowed.)"},
	})
}
