// node:crypto: hashes, HMAC and random values. The digests run in Go; webcrypto, subtle and
// getRandomValues are the web platform's crypto, read when asked.
"use strict";
(function (natives, load) {
  const errors = load("errors");
  const { Buffer } = load("buffer");

  function toBytes(data, encoding, name) {
    if (typeof data === "string") return Buffer.from(data, encoding ?? "utf8");
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    throw errors.invalidArgType(name, ["string", "Buffer", "TypedArray", "DataView"], data);
  }

  function output(ab, encoding) {
    const buf = Buffer.from(ab);
    return encoding === undefined || encoding === "buffer" ? buf : buf.toString(encoding);
  }

  const kState = Symbol("kState");

  class Hash {
    constructor(algorithm, options, handle) {
      errors.validateString(algorithm, "algorithm");
      const h = handle ?? natives.hashNew(algorithm);
      if (h === undefined) throw new Error("Digest method not supported");
      this[kState] = { handle: h, finalized: false, algorithm };
    }

    update(data, encoding) {
      const s = this[kState];
      if (s.finalized) throw errors.makeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      const b = toBytes(data, encoding, "data");
      natives.hashUpdate(s.handle, b.buffer, b.byteOffset, b.byteLength);
      return this;
    }

    digest(encoding) {
      const s = this[kState];
      if (s.finalized) throw errors.makeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      s.finalized = true;
      return output(natives.hashDigest(s.handle), encoding);
    }

    copy() {
      const s = this[kState];
      if (s.finalized) throw errors.makeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      return new Hash(s.algorithm, undefined, natives.hashCopy(s.handle));
    }
  }

  class Hmac {
    constructor(algorithm, key, options) {
      errors.validateString(algorithm, "hmac");
      if (key === null || key === undefined) {
        throw errors.invalidArgType("key", ["ArrayBuffer", "Buffer", "TypedArray", "DataView", "string", "KeyObject", "CryptoKey"], key);
      }
      const k = toBytes(key, options?.encoding, "key");
      const h = natives.hmacNew(algorithm, k.buffer, k.byteOffset, k.byteLength);
      if (h === undefined) throw errors.makeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${algorithm}`);
      this[kState] = { handle: h, finalized: false };
    }

    update(data, encoding) {
      const s = this[kState];
      if (s.finalized) throw errors.makeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
      const b = toBytes(data, encoding, "data");
      natives.hashUpdate(s.handle, b.buffer, b.byteOffset, b.byteLength);
      return this;
    }

    digest(encoding) {
      const s = this[kState];
      if (s.finalized) return output(new ArrayBuffer(0), encoding);
      s.finalized = true;
      return output(natives.hashDigest(s.handle), encoding);
    }
  }

  function randomBytes(size, callback) {
    errors.validateInteger(size, "size", 0, 2 ** 31 - 1);
    const buf = Buffer.from(natives.randomBytes(size));
    if (typeof callback === "function") {
      queueMicrotask(() => callback(null, buf));
      return undefined;
    }
    return buf;
  }

  function randomFillSync(buf, offset = 0, size) {
    const bytes = new Uint8Array(buf.buffer ?? buf, buf.byteOffset ?? 0, buf.byteLength);
    size = size ?? bytes.length - offset;
    bytes.set(new Uint8Array(natives.randomBytes(size)), offset);
    return buf;
  }

  function randomInt(min, max, callback) {
    if (max === undefined || typeof max === "function") {
      callback = max;
      max = min;
      min = 0;
    }
    if (!Number.isSafeInteger(min)) throw errors.invalidArgType("min", "a safe integer", min);
    if (!Number.isSafeInteger(max)) throw errors.invalidArgType("max", "a safe integer", max);
    if (max <= min) {
      throw errors.outOfRange("max", `greater than the value of "min" (${min})`, max);
    }
    const range = max - min;
    if (range > 2 ** 48 - 1) throw errors.outOfRange("max - min", `<= ${2 ** 48 - 1}`, range);
    const limit = 2 ** 48 - (2 ** 48 % range);
    let n;
    do {
      const b = new Uint8Array(natives.randomBytes(6));
      n = b.reduce((acc, x) => acc * 256 + x, 0);
    } while (n >= limit);
    const result = min + (n % range);
    if (typeof callback === "function") {
      queueMicrotask(() => callback(null, result));
      return undefined;
    }
    return result;
  }

  function randomUUID() {
    const b = new Uint8Array(natives.randomBytes(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Buffer.from(b).toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function timingSafeEqual(a, b) {
    if (!ArrayBuffer.isView(a) && !(a instanceof ArrayBuffer)) {
      throw errors.invalidArgType("buf1", ["ArrayBuffer", "Buffer", "TypedArray", "DataView"], a);
    }
    if (!ArrayBuffer.isView(b) && !(b instanceof ArrayBuffer)) {
      throw errors.invalidArgType("buf2", ["ArrayBuffer", "Buffer", "TypedArray", "DataView"], b);
    }
    const x = toBytes(a);
    const y = toBytes(b);
    if (x.length !== y.length) {
      throw errors.makeError(RangeError, "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH", "Input buffers must have the same byte length");
    }
    let diff = 0;
    for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
    return diff === 0;
  }

  function hash(algorithm, data, outputEncoding = "hex") {
    return new Hash(algorithm).update(data).digest(outputEncoding);
  }

  const supported = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256",
    "sha3-224", "sha3-256", "sha3-384", "sha3-512", "RSA-MD5", "RSA-SHA1", "RSA-SHA256", "RSA-SHA384", "RSA-SHA512"];

  const exports = {
    createHash: (algorithm, options) => new Hash(algorithm, options),
    createHmac: (algorithm, key, options) => new Hmac(algorithm, key, options),
    Hash, Hmac, hash, randomBytes, randomFillSync, randomInt, randomUUID, timingSafeEqual,
    pseudoRandomBytes: randomBytes,
    randomFill(buf, offset, size, callback) {
      callback = [offset, size, callback].find((f) => typeof f === "function");
      randomFillSync(buf, typeof offset === "number" ? offset : 0, typeof size === "number" ? size : undefined);
      queueMicrotask(() => callback(null, buf));
    },
    getHashes: () => supported.slice(),
    getRandomValues: (array) => globalThis.crypto.getRandomValues(array),
    constants: {},
  };
  for (const [name, read] of [["webcrypto", () => globalThis.crypto], ["subtle", () => globalThis.crypto?.subtle]]) {
    Object.defineProperty(exports, name, { get: read, enumerable: true, configurable: true });
  }
  exports.default = exports;
  return exports;
})
