// node:buffer: Buffer as a subclass of Uint8Array, as in Node; the string encodings run in Go.
"use strict";
(function (natives, load) {
  const errors = load("errors");
  const kMaxLength = 2 ** 32;
  const encodings = {
    utf8: "utf8", "utf-8": "utf8", hex: "hex", base64: "base64", base64url: "base64url",
    latin1: "latin1", binary: "latin1", ascii: "ascii", utf16le: "utf16le", "utf-16le": "utf16le",
    ucs2: "utf16le", "ucs-2": "utf16le",
  };

  function normalizeEncoding(enc) {
    if (enc === undefined || enc === null || enc === "") return "utf8";
    const e = encodings[String(enc).toLowerCase()];
    if (e === undefined) throw errors.unknownEncoding(enc);
    return e;
  }

  class FastBuffer extends Uint8Array {}

  // Buffer is callable without new for old code; new code uses the static methods.
  function Buffer(arg, encodingOrOffset, length) {
    if (typeof arg === "number") {
      if (typeof encodingOrOffset === "string") {
        throw errors.invalidArgType("string", "string", arg);
      }
      return Buffer.alloc(arg);
    }
    return Buffer.from(arg, encodingOrOffset, length);
  }
  Object.setPrototypeOf(Buffer, Uint8Array);
  Buffer.prototype = FastBuffer.prototype;
  Object.defineProperty(FastBuffer.prototype, "constructor", { value: Buffer, writable: true, configurable: true });
  Object.defineProperty(Buffer, Symbol.species, { get() { return FastBuffer; }, configurable: true });
  Buffer.poolSize = 8192;

  function wrap(ab) {
    return new FastBuffer(ab);
  }

  function fromString(s, enc) {
    return wrap(natives.decode(s, normalizeEncoding(enc)));
  }

  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === "string") return fromString(value, encodingOrOffset);
    if (typeof value === "object" && value !== null) {
      if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && value instanceof SharedArrayBuffer)) {
        const offset = encodingOrOffset === undefined ? 0 : Math.trunc(Number(encodingOrOffset)) || 0;
        if (offset > value.byteLength) throw errors.bufferOutOfBounds("offset");
        const len = length === undefined ? value.byteLength - offset : Math.trunc(Number(length)) || 0;
        if (offset + len > value.byteLength) throw errors.bufferOutOfBounds("length");
        return new FastBuffer(value, offset, len);
      }
      if (ArrayBuffer.isView(value)) {
        const bytes = value instanceof Uint8Array ? value
          : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        if (value instanceof Uint8Array || value instanceof Int8Array || value instanceof Uint8ClampedArray) {
          return new FastBuffer(bytes);
        }
        return new FastBuffer(Array.from(value, (x) => Number(x) & 255));
      }
      const prim = value.valueOf?.();
      if (prim !== undefined && prim !== null && prim !== value && (typeof prim === "string" || typeof prim === "object")) {
        return Buffer.from(prim, encodingOrOffset, length);
      }
      if (value.type === "Buffer" && Array.isArray(value.data)) return new FastBuffer(value.data);
      if (typeof value.length === "number" || Array.isArray(value)) return new FastBuffer(Array.from(value, (x) => Number(x) & 255));
      if (typeof value[Symbol.toPrimitive] === "function") {
        const p = value[Symbol.toPrimitive]("string");
        if (typeof p === "string") return fromString(p, encodingOrOffset);
      }
    }
    throw errors.invalidArgType("first argument", ["string", "Buffer", "ArrayBuffer", "Array", "Array-like Object"], value);
  };

  function checkSize(size) {
    if (typeof size !== "number") throw errors.invalidArgType("size", "number", size);
    if (!(size >= 0 && size <= kMaxLength)) throw errors.outOfRange("size", `>= 0 && <= ${kMaxLength}`, size);
  }

  Buffer.alloc = function alloc(size, fill, encoding) {
    checkSize(size);
    const buf = new FastBuffer(size);
    if (fill !== undefined && fill !== 0 && size > 0) buf.fill(fill, encoding);
    return buf;
  };
  Buffer.allocUnsafe = function allocUnsafe(size) {
    checkSize(size);
    return new FastBuffer(size);
  };
  Buffer.allocUnsafeSlow = Buffer.allocUnsafe;

  Buffer.isBuffer = function isBuffer(b) { return b instanceof Buffer; };
  Buffer.isEncoding = function isEncoding(enc) {
    return typeof enc === "string" && enc !== "" && encodings[enc.toLowerCase()] !== undefined;
  };

  Buffer.byteLength = function byteLength(value, encoding) {
    if (typeof value !== "string") {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
      throw errors.invalidArgType("string", ["string", "Buffer", "ArrayBuffer"], value);
    }
    let enc;
    try {
      enc = normalizeEncoding(encoding);
    } catch {
      enc = "utf8";
    }
    return natives.byteLength(value, enc);
  };

  function checkUint8(v, name) {
    if (!(v instanceof Uint8Array)) throw errors.invalidArgType(name, ["Buffer", "Uint8Array"], v);
  }

  function compareBytes(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
  }

  Buffer.compare = function compare(a, b) {
    checkUint8(a, "buf1");
    checkUint8(b, "buf2");
    return compareBytes(a, b);
  };

  Buffer.concat = function concat(list, totalLength) {
    if (!Array.isArray(list)) throw errors.invalidArgType("list", "Array", list);
    if (list.length === 0) return new FastBuffer(0);
    list.forEach((b, i) => checkUint8(b, `list[${i}]`));
    const length = totalLength === undefined ? list.reduce((n, b) => n + b.length, 0) : totalLength;
    const out = Buffer.alloc(length);
    let pos = 0;
    for (const b of list) {
      if (pos >= length) break;
      const part = b.length > length - pos ? b.subarray(0, length - pos) : b;
      out.set(part, pos);
      pos += part.length;
    }
    return out;
  };

  Buffer.copyBytesFrom = function copyBytesFrom(view, offset = 0, length = view.length - offset) {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    const size = view.BYTES_PER_ELEMENT ?? 1;
    return new FastBuffer(bytes.slice(offset * size, (offset + length) * size));
  };

  const proto = Buffer.prototype;

  proto.toString = function toString(encoding, start, end) {
    if (arguments.length === 0) return natives.encode(this.buffer, this.byteOffset, this.length, "utf8");
    const len = this.length;
    start = start === undefined || start < 0 ? 0 : Math.min(Math.trunc(start) || 0, len);
    end = end === undefined || end > len ? len : Math.trunc(end) || 0;
    if (end <= start) return "";
    return natives.encode(this.buffer, this.byteOffset + start, end - start, normalizeEncoding(encoding));
  };
  proto.toLocaleString = proto.toString;

  proto.equals = function equals(other) {
    checkUint8(other, "otherBuffer");
    return this === other || compareBytes(this, other) === 0;
  };

  proto.compare = function compare(target, tStart = 0, tEnd = target.length, sStart = 0, sEnd = this.length) {
    checkUint8(target, "target");
    return compareBytes(this.subarray(sStart, sEnd), target.subarray(tStart, tEnd));
  };

  proto.toJSON = function toJSON() {
    return { type: "Buffer", data: Array.from(this) };
  };

  proto.slice = function slice(start, end) { return this.subarray(start, end); };

  proto.copy = function copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
    checkUint8(target, "target");
    if (sourceEnd > this.length) sourceEnd = this.length;
    if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
    const n = Math.min(sourceEnd - sourceStart, target.length - targetStart);
    target.set(this.subarray(sourceStart, sourceStart + n), targetStart);
    return n;
  };

  proto.write = function write(string, offset, length, encoding) {
    if (typeof offset === "string") {
      encoding = offset;
      offset = 0;
      length = this.length;
    } else if (typeof length === "string") {
      encoding = length;
      length = this.length - (offset ?? 0);
    }
    offset = offset === undefined ? 0 : offset >>> 0;
    if (offset > this.length) throw errors.bufferOutOfBounds("offset");
    const remaining = this.length - offset;
    length = length === undefined || length > remaining ? remaining : length >>> 0;
    const bytes = new Uint8Array(natives.decode(String(string), normalizeEncoding(encoding)));
    let n = Math.min(bytes.length, length);
    if (normalizeEncoding(encoding) === "utf8" && n < bytes.length) {
      while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
    }
    this.set(bytes.subarray(0, n), offset);
    return n;
  };

  proto.fill = function fill(value, offset, end, encoding) {
    if (typeof offset === "string") {
      encoding = offset;
      offset = 0;
      end = this.length;
    } else if (typeof end === "string") {
      encoding = end;
      end = this.length;
    }
    offset = offset === undefined ? 0 : offset;
    end = end === undefined ? this.length : end;
    if (offset < 0 || end > this.length) throw errors.outOfRange("offset", `>= 0 && <= ${this.length}`, offset);
    if (typeof value === "number" || typeof value === "boolean") {
      Uint8Array.prototype.fill.call(this, Number(value) & 255, offset, end);
      return this;
    }
    const bytes = typeof value === "string" ? new Uint8Array(natives.decode(value, normalizeEncoding(encoding)))
      : value instanceof Uint8Array ? value : new Uint8Array(0);
    if (bytes.length === 0) {
      if (typeof value === "string" && value.length > 0) {
        throw errors.invalidArgValue("value", value);
      }
      Uint8Array.prototype.fill.call(this, 0, offset, end);
      return this;
    }
    for (let i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
    return this;
  };

  function needle(value, encoding) {
    if (typeof value === "number") return new Uint8Array([value & 255]);
    if (typeof value === "string") return new Uint8Array(natives.decode(value, normalizeEncoding(encoding)));
    if (value instanceof Uint8Array) return value;
    throw errors.invalidArgType("value", ["number", "string", "Buffer", "Uint8Array"], value);
  }

  function search(buf, value, byteOffset, encoding, forward) {
    if (typeof byteOffset === "string") {
      encoding = byteOffset;
      byteOffset = undefined;
    }
    const n = needle(value, encoding);
    const len = buf.length;
    let from = byteOffset === undefined ? (forward ? 0 : len) : Number(byteOffset) || 0;
    if (from < 0) from += len;
    if (n.length === 0) return forward ? Math.min(Math.max(from, 0), len) : Math.min(Math.max(from, 0), len);
    if (forward) {
      for (let i = Math.max(from, 0); i <= len - n.length; i++) if (matchesAt(buf, n, i)) return i;
    } else {
      for (let i = Math.min(from, len - n.length); i >= 0; i--) if (matchesAt(buf, n, i)) return i;
    }
    return -1;
  }

  function matchesAt(buf, n, i) {
    for (let j = 0; j < n.length; j++) if (buf[i + j] !== n[j]) return false;
    return true;
  }

  proto.indexOf = function indexOf(value, byteOffset, encoding) { return search(this, value, byteOffset, encoding, true); };
  proto.lastIndexOf = function lastIndexOf(value, byteOffset, encoding) {
    return search(this, value, byteOffset, encoding, false);
  };
  proto.includes = function includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; };

  proto.swap16 = function swap16() { return swap(this, 2); };
  proto.swap32 = function swap32() { return swap(this, 4); };
  proto.swap64 = function swap64() { return swap(this, 8); };
  function swap(buf, size) {
    if (buf.length % size !== 0) {
      throw errors.makeError(RangeError, "ERR_INVALID_BUFFER_SIZE", `Buffer size must be a multiple of ${size * 8}-bits`);
    }
    for (let i = 0; i < buf.length; i += size) buf.subarray(i, i + size).reverse();
    return buf;
  }

  function view(buf) {
    return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  function checkOffset(buf, offset, size) {
    if (offset === undefined) offset = 0;
    if (typeof offset !== "number") throw errors.invalidArgType("offset", "number", offset);
    if (!Number.isInteger(offset)) throw errors.outOfRange("offset", "an integer", offset);
    if (offset < 0 || offset + size > buf.length) {
      if (buf.length - size < 0) throw errors.bufferOutOfBounds();
      throw errors.outOfRange("offset", `>= 0 and <= ${buf.length - size}`, offset);
    }
    return offset;
  }

  function checkValue(value, min, max, size, offset, bigint) {
    if (value > max || value < min) {
      const n = bigint ? "n" : "";
      let range;
      if (size > 4 || bigint) {
        range = min === 0 || min === 0n ? `>= 0${n} and < 2${n} ** ${size * 8}${n}` :
          `>= -(2${n} ** ${size * 8 - 1}${n}) and < 2${n} ** ${size * 8 - 1}${n}`;
      } else {
        range = `>= ${min} and <= ${max}`;
      }
      throw errors.outOfRange("value", range, value);
    }
  }

  const fixed = [
    ["UInt8", "Uint8", 1, 0, 255], ["Int8", "Int8", 1, -128, 127],
    ["UInt16LE", "Uint16", 2, 0, 65535, true], ["UInt16BE", "Uint16", 2, 0, 65535, false],
    ["Int16LE", "Int16", 2, -32768, 32767, true], ["Int16BE", "Int16", 2, -32768, 32767, false],
    ["UInt32LE", "Uint32", 4, 0, 4294967295, true], ["UInt32BE", "Uint32", 4, 0, 4294967295, false],
    ["Int32LE", "Int32", 4, -2147483648, 2147483647, true], ["Int32BE", "Int32", 4, -2147483648, 2147483647, false],
    ["FloatLE", "Float32", 4, -Infinity, Infinity, true], ["FloatBE", "Float32", 4, -Infinity, Infinity, false],
    ["DoubleLE", "Float64", 8, -Infinity, Infinity, true], ["DoubleBE", "Float64", 8, -Infinity, Infinity, false],
    ["BigInt64LE", "BigInt64", 8, -(2n ** 63n), 2n ** 63n - 1n, true],
    ["BigInt64BE", "BigInt64", 8, -(2n ** 63n), 2n ** 63n - 1n, false],
    ["BigUInt64LE", "BigUint64", 8, 0n, 2n ** 64n - 1n, true], ["BigUInt64BE", "BigUint64", 8, 0n, 2n ** 64n - 1n, false],
  ];
  for (const [name, dv, size, min, max, little] of fixed) {
    const isFloat = dv.startsWith("Float");
    const isBig = dv.startsWith("Big");
    const read = {
      [`read${name}`](offset) {
        offset = checkOffset(this, offset, size);
        return view(this)[`get${dv}`](offset, little);
      },
    }[`read${name}`];
    const write = {
      [`write${name}`](value, offset) {
        offset = checkOffset(this, offset, size);
        if (isBig) {
          if (typeof value !== "bigint") throw errors.invalidArgType("value", "bigint", value);
          checkValue(value, min, max, size, offset, true);
        } else {
          value = +value;
          if (!isFloat) checkValue(value, min, max, size, offset, false);
        }
        view(this)[`set${dv}`](offset, value, little);
        return offset + size;
      },
    }[`write${name}`];
    proto[`read${name}`] = read;
    proto[`write${name}`] = write;
    if (name.includes("UInt")) {
      proto[`read${name.replace("UInt", "Uint")}`] = read;
      proto[`write${name.replace("UInt", "Uint")}`] = write;
    }
  }

  function checkByteLength(byteLength) {
    if (typeof byteLength !== "number") throw errors.invalidArgType("byteLength", "number", byteLength);
    if (!Number.isInteger(byteLength) || byteLength < 1 || byteLength > 6) {
      throw errors.outOfRange("byteLength", ">= 1 and <= 6", byteLength);
    }
  }

  function readVar(buf, offset, byteLength, little, signed) {
    checkByteLength(byteLength);
    offset = checkOffset(buf, offset, byteLength);
    let v = 0;
    for (let i = 0; i < byteLength; i++) {
      const b = buf[offset + (little ? byteLength - 1 - i : i)];
      v = v * 256 + b;
    }
    if (signed && v >= 2 ** (8 * byteLength - 1)) v -= 2 ** (8 * byteLength);
    return v;
  }

  function writeVar(buf, value, offset, byteLength, little, signed) {
    checkByteLength(byteLength);
    offset = checkOffset(buf, offset, byteLength);
    value = +value;
    const bits = 8 * byteLength;
    const min = signed ? -(2 ** (bits - 1)) : 0;
    const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
    if (value > max || value < min) {
      const range = byteLength > 4 ? (signed ? `>= -(2 ** ${bits - 1}) and < 2 ** ${bits - 1}` : `>= 0 and < 2 ** ${bits}`)
        : `>= ${min} and <= ${max}`;
      throw errors.outOfRange("value", range, value);
    }
    let v = value < 0 ? value + 2 ** bits : value;
    for (let i = 0; i < byteLength; i++) {
      buf[offset + (little ? i : byteLength - 1 - i)] = v % 256;
      v = Math.floor(v / 256);
    }
    return offset + byteLength;
  }

  proto.readUIntLE = function readUIntLE(offset, byteLength) { return readVar(this, offset, byteLength, true, false); };
  proto.readUIntBE = function readUIntBE(offset, byteLength) { return readVar(this, offset, byteLength, false, false); };
  proto.readIntLE = function readIntLE(offset, byteLength) { return readVar(this, offset, byteLength, true, true); };
  proto.readIntBE = function readIntBE(offset, byteLength) { return readVar(this, offset, byteLength, false, true); };
  proto.writeUIntLE = function writeUIntLE(v, offset, byteLength) { return writeVar(this, v, offset, byteLength, true, false); };
  proto.writeUIntBE = function writeUIntBE(v, offset, byteLength) { return writeVar(this, v, offset, byteLength, false, false); };
  proto.writeIntLE = function writeIntLE(v, offset, byteLength) { return writeVar(this, v, offset, byteLength, true, true); };
  proto.writeIntBE = function writeIntBE(v, offset, byteLength) { return writeVar(this, v, offset, byteLength, false, true); };
  for (const n of ["readUIntLE", "readUIntBE", "writeUIntLE", "writeUIntBE"]) proto[n.replace("UInt", "Uint")] = proto[n];

  for (const enc of ["utf8", "hex", "base64", "base64url", "latin1", "ascii", "ucs2", "utf16le"]) {
    proto[`${enc}Slice`] = function (start, end) { return this.toString(enc, start, end); };
    proto[`${enc}Write`] = function (string, offset, length) { return this.write(string, offset, length, enc); };
  }

  proto[Symbol.for("nodejs.util.inspect.custom")] = function inspect() {
    const max = 50;
    let hex = "";
    for (let i = 0; i < Math.min(max, this.length); i++) hex += (i ? " " : "") + this[i].toString(16).padStart(2, "0");
    const more = this.length > max ? ` ... ${this.length - max} more byte${this.length - max > 1 ? "s" : ""}` : "";
    return `<Buffer${hex ? " " + hex : ""}${more}>`;
  };

  function isUtf8(input) {
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
    return natives.isUtf8(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  function isAscii(input) {
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
    return bytes.every((b) => b < 0x80);
  }

  const exports = {
    Buffer,
    SlowBuffer: Buffer.allocUnsafeSlow,
    kMaxLength,
    kStringMaxLength: 2 ** 29 - 24,
    constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: 2 ** 29 - 24 },
    INSPECT_MAX_BYTES: 50,
    isUtf8,
    isAscii,
    transcode(source, from, to) { return Buffer.from(Buffer.from(source).toString(from), to); },
    atob: (s) => globalThis.atob(s),
    btoa: (s) => globalThis.btoa(s),
    resolveObjectURL: () => undefined,
  };
  // The web platform's classes, read when asked, since another package defines them.
  for (const name of ["Blob", "File"]) {
    Object.defineProperty(exports, name, { get: () => globalThis[name], enumerable: true, configurable: true });
  }
  exports.default = exports;
  return exports;
})
