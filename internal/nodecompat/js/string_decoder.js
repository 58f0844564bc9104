// node:string_decoder: StringDecoder, which holds back the bytes of a character split across
// writes.
"use strict";
(function (natives, load) {
  const { Buffer } = load("buffer");

  function normalize(enc) {
    const e = String(enc ?? "utf8").toLowerCase();
    const map = { "utf-8": "utf8", utf8: "utf8", ucs2: "utf16le", "ucs-2": "utf16le", "utf-16le": "utf16le",
      utf16le: "utf16le", binary: "latin1", latin1: "latin1", base64: "base64", base64url: "base64url",
      hex: "hex", ascii: "ascii" };
    if (map[e] === undefined) throw load("errors").unknownEncoding(enc);
    return map[e];
  }

  // complete returns how many leading bytes of buf form whole characters.
  function complete(buf, enc) {
    const n = buf.length;
    if (enc === "utf8") {
      for (let back = 1; back <= Math.min(3, n); back++) {
        const b = buf[n - back];
        if ((b & 0xc0) === 0x80) continue;
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return need > back ? n - back : n;
      }
      return n;
    }
    if (enc === "utf16le") {
      // Node holds back a trailing high surrogate only when no odd byte follows it.
      let end = n - (n % 2);
      if (end >= 2 && n % 2 === 0) {
        const unit = buf[end - 2] | (buf[end - 1] << 8);
        if (unit >= 0xd800 && unit <= 0xdbff) end -= 2;
      }
      return end;
    }
    if (enc === "base64" || enc === "base64url") return n - (n % 3);
    return n;
  }

  class StringDecoder {
    constructor(encoding) {
      this.encoding = normalize(encoding);
      this.pending = Buffer.alloc(0);
    }

    write(buf) {
      if (typeof buf === "string") return buf;
      const all = Buffer.concat([this.pending, Buffer.from(buf.buffer ?? buf, buf.byteOffset ?? 0, buf.byteLength)]);
      const cut = complete(all, this.encoding);
      this.pending = Buffer.from(all.subarray(cut));
      return all.subarray(0, cut).toString(this.encoding);
    }

    end(buf) {
      let out = buf === undefined ? "" : this.write(buf);
      if (this.pending.length > 0) {
        out += this.pending.toString(this.encoding);
        this.pending = Buffer.alloc(0);
      }
      return out;
    }

    text(buf, offset) {
      return this.write(buf.subarray(offset));
    }

    get lastNeed() {
      return this.pending.length;
    }
  }

  return { StringDecoder, default: { StringDecoder } };
})
