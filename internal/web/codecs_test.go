package web

import "testing"

func TestCodecStreams(t *testing.T) {
	collect := `
		const collect = async (rs) => { const out = []; for await (const c of rs) out.push(c); return out; };
		const concat = (chunks) => { const n = chunks.reduce((a, c) => a + c.byteLength,
			0); const o = new Uint8Array(n); let i = 0; for (const c of chunks) { o.set(c,
				i); i += c.byteLength; } return o; };`
	runCases(t, []jsCase{
		{name: "text encoder stream joins split surrogates", src: collect + `
			const ts = new TextEncoderStream();
			const w = ts.writable.getWriter(); w.write("a\uD83D"); w.write("\uDE00"); w.close();
			return Array.from(concat(await collect(ts.readable)))`,
			want: `[97,240,159,152,128]`},
		{name: "text decoder stream", src: collect + `
			const ts = new TextDecoderStream();
			const bytes = new TextEncoder().encode("h€");
			const w = ts.writable.getWriter(); w.write(bytes.subarray(0, 2)); w.write(bytes.subarray(2)); w.close();
			return (await collect(ts.readable)).join("|")`,
			want: "h|€"},
		{name: "text decoder stream with a string", src: `
			const ts = new TextDecoderStream();
			const read = ts.readable.getReader().read();
			await ts.writable.getWriter().write("x")`,
			wantErr: "TypeError: This TransformStream is being used as a byte stream, but received a value that " +
				"is not a BufferSource."},
		{name: "gzip round trip", src: collect + `
			const input = new TextEncoder().encode("hello hello hello hello");
			for (const format of ["gzip", "deflate", "deflate-raw"]) {
				const through = (bytes, t) => collect(new Blob([bytes]).stream().pipeThrough(t));
				const compressed = concat(await through(input, new CompressionStream(format)));
				const back = concat(await through(compressed, new DecompressionStream(format)));
				if (new TextDecoder().decode(back) !== "hello hello hello hello") return format + " failed";
			}
			return "ok"`,
			want: "ok"},
		{name: "gzip header", src: collect + `
			const out = concat(await collect(new Blob(["x"]).stream().pipeThrough(new CompressionStream("gzip"))));
			return [out[0], out[1]]`,
			want: `[31,139]`},
		{name: "decompress byte by byte", src: collect + `
			const gzip = new CompressionStream("gzip");
			const gz = concat(await collect(new Blob(["streamed text"]).stream().pipeThrough(gzip)));
			const ds = new DecompressionStream("gzip");
			const w = ds.writable.getWriter();
			(async () => { for (const b of gz) await w.write(new Uint8Array([b])); await w.close(); })();
			return new TextDecoder().decode(concat(await collect(ds.readable)))`,
			want: "streamed text"},
		{name: "corrupt data", src: collect + `
			await collect(new Blob([new Uint8Array([1, 2, 3,
				4])]).stream().pipeThrough(new DecompressionStream("deflate")))`,
			wantErr: "TypeError: Decompression failed."},
		{name: "truncated data", src: collect + `
			const gzip = new CompressionStream("gzip");
			const gz = concat(await collect(new Blob(["some text"]).stream().pipeThrough(gzip)));
			await collect(new Blob([gz.subarray(0,
				gz.length - 4)]).stream().pipeThrough(new DecompressionStream("gzip")))`,
			wantErr: "TypeError: Called close() on a decompression stream with incomplete data"},
		{name: "trailing bytes", src: collect + `
			const gz = concat(await collect(new Blob(["t"]).stream().pipeThrough(new CompressionStream("gzip"))));
			await collect(new Blob([gz, new Uint8Array([0])]).stream().pipeThrough(new DecompressionStream("gzip")))`,
			wantErr: "TypeError: Trailing bytes after end of compressed data"},
		{name: "bad format", src: `new CompressionStream("br")`,
			wantErr: "TypeError: The compression format must be either 'deflate', 'deflate-raw' or 'gzip'."},
	})
}
