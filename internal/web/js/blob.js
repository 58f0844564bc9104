// Blob and File. A blob keeps its bytes in one Uint8Array that nothing else writes to, so
// slices share it.
"use strict";
(function (natives, load) {
  let bytesOf;

  function normalizeType(type) {
    if (type === undefined) return "";
    const s = String(type);
    // Per the File API, a type with a non-printable character is discarded, else lower-cased.
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20 || s.charCodeAt(i) > 0x7e) return "";
    return s.toLowerCase();
  }

  function partBytes(part, endings) {
    if (part instanceof Blob) return bytesOf(part);
    if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
    if (ArrayBuffer.isView(part)) {
      return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
    }
    let s = String(part);
    if (endings === "native") s = s.replace(/\r\n|\r/g, "\n");
    return load("encoding").internal.encode(s);
  }

  function concat(chunks) {
    if (chunks.length === 1) return chunks[0];
    let n = 0;
    for (const c of chunks) n += c.byteLength;
    const out = new Uint8Array(n);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  }

  function fromParts(parts, endings) {
    if (parts === undefined) return new Uint8Array(0);
    if (parts === null || typeof parts !== "object" || typeof parts[Symbol.iterator] !== "function") {
      throw new TypeError("Failed to construct 'Blob': constructor parameter 1 is not of type 'Array'.");
    }
    const chunks = [];
    for (const part of parts) chunks.push(partBytes(part, endings));
    return chunks.length === 0 ? new Uint8Array(0) : concat(chunks);
  }

  const internal = Symbol("internal");

  class Blob {
    #bytes;
    #type;
    constructor(parts = undefined, options = {}) {
      if (parts === internal) {
        this.#bytes = options.bytes;
        this.#type = options.type;
        return;
      }
      this.#bytes = fromParts(parts, options?.endings);
      this.#type = normalizeType(options?.type);
    }
    get size() { return this.#bytes.byteLength; }
    get type() { return this.#type; }
    slice(start = undefined, end = undefined, type = undefined) {
      const size = this.#bytes.byteLength;
      const clamp = (v, dflt) => {
        if (v === undefined) return dflt;
        let n = Math.trunc(Number(v)) || 0;
        if (n < 0) n += size;
        return Math.max(0, Math.min(n, size));
      };
      const s = clamp(start, 0);
      const e = Math.max(s, clamp(end, size));
      return new Blob(internal, { bytes: this.#bytes.subarray(s, e), type: normalizeType(type) });
    }
    arrayBuffer() {
      const b = this.#bytes;
      return Promise.resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    }
    bytes() { return Promise.resolve(this.#bytes.slice()); }
    text() { return Promise.resolve(load("encoding").internal.decodeUTF8(this.#bytes)); }
    stream() {
      const bytes = this.#bytes;
      return new (load("streams").ReadableStream)({
        type: "bytes",
        start(c) {
          if (bytes.byteLength > 0) c.enqueue(bytes.slice());
          c.close();
        },
      });
    }
    static {
      bytesOf = (blob) => blob.#bytes;
    }
  }
  Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: "Blob", configurable: true });

  class File extends Blob {
    #name;
    #lastModified;
    constructor(bits, name, options = {}) {
      if (arguments.length < 2) {
        throw new TypeError("Failed to construct 'File': constructor parameter 2 is not of type 'string'.");
      }
      super(bits, options);
      this.#name = String(name);
      this.#lastModified = options?.lastModified === undefined ? Date.now() : Number(options.lastModified);
    }
    get name() { return this.#name; }
    get lastModified() { return this.#lastModified; }
  }
  Object.defineProperty(File.prototype, Symbol.toStringTag, { value: "File", configurable: true });

  return {
    Blob, File,
    internal: {
      bytesOf,
      fromBytes: (bytes, type = "") => new Blob(internal, { bytes, type: normalizeType(type) }),
      fileFromBytes: (bytes, name, type = "") => new File([bytes], name, { type }),
      concat,
    },
  };
})
