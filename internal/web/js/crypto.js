// crypto and crypto.subtle: digests (SHA and MD5), HMAC, AES-GCM, AES-CBC, AES-CTR, PBKDF2 and
// HKDF, with workerd's errors. The primitives run in Go. Note: the asymmetric algorithms
// (RSA, ECDSA, ECDH, Ed25519, X25519) and AES-KW are not provided; using them gives workerd's
// NotSupportedError for an unknown algorithm.
"use strict";
(function (natives, load) {
  const { DOMException } = load("events");
  const constructing = Symbol("crypto");

  const HASHES = ["SHA-1", "SHA-256", "SHA-384", "SHA-512", "MD5"];
  const AES = ["AES-GCM", "AES-CBC", "AES-CTR"];
  const USAGES = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"];

  const dom = (message, name) => new DOMException(message, name);
  const findName = (list, name) => list.find((n) => n.toLowerCase() === String(name).toLowerCase());

  function algorithmOf(alg) {
    if (typeof alg === "string") return { name: alg };
    if (alg === null || typeof alg !== "object" || alg.name === undefined) {
      throw new TypeError("Missing field \"name\" in \"algorithm\".");
    }
    return alg;
  }

  function hashName(hash) {
    if (hash === undefined) throw new TypeError("Missing field \"hash\" in \"algorithm\".");
    const name = findName(HASHES, typeof hash === "string" ? hash : hash?.name);
    if (name === undefined) throw dom("Unrecognized or unimplemented digest algorithm requested.", "NotSupportedError");
    return name;
  }

  function bytes(v, what = "data") {
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    throw new TypeError(`Failed to execute on 'SubtleCrypto': the provided ${what} is not of type 'ArrayBuffer or ` +
      `ArrayBufferView'.`);
  }
  const bufferOf = (u8) => u8.buffer.byteLength === u8.byteLength ? u8.buffer : u8.slice().buffer;

  function b64url(u8) {
    let s = "";
    for (const b of u8) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function fromB64url(s) {
    const b = atob(String(s).replace(/-/g, "+").replace(/_/g, "/"));
    const out = new Uint8Array(b.length);
    for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
    return out;
  }

  let keyData;

  class CryptoKey {
    #type; #extractable; #algorithm; #usages; #data;
    constructor(key, type, extractable, algorithm, usages, data) {
      if (key !== constructing) throw new TypeError("Illegal constructor");
      this.#type = type;
      this.#extractable = extractable;
      this.#algorithm = algorithm;
      this.#usages = usages;
      this.#data = data;
    }
    get type() { return this.#type; }
    get extractable() { return this.#extractable; }
    get algorithm() { return structuredCopy(this.#algorithm); }
    get usages() { return this.#usages.slice(); }
    static {
      keyData = (k) => k.#data;
    }
  }
  Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: "CryptoKey", configurable: true });

  const structuredCopy = (a) => JSON.parse(JSON.stringify(a));

  function usagesFor(name, ctx, usages, mask) {
    const list = Array.from(usages ?? [], String);
    for (const u of list) {
      if (!USAGES.includes(u) || !mask.includes(u)) {
        throw dom(`Attempt to ${ctx} ${name} key with invalid usage "${u}".`, "SyntaxError");
      }
    }
    if (list.length === 0) throw dom("Secret/private CryptoKeys must have at least one usage.", "SyntaxError");
    return USAGES.filter((u) => list.includes(u));
  }

  function checkKey(key, name, usage) {
    if (!(key instanceof CryptoKey)) {
      throw new TypeError("Failed to execute on 'SubtleCrypto': parameter is not of type 'CryptoKey'.");
    }
    const keyName = key.algorithm.name;
    if (keyName.toLowerCase() !== String(name).toLowerCase()) {
      throw dom(`Requested algorithm "${name}" does not match this CryptoKey's algorithm ` +
        `"${keyName}".`, "InvalidAccessError");
    }
    if (!key.usages.includes(usage)) {
      throw dom(`Requested key usage "${usage}" does not match any usage listed in this ` +
        `CryptoKey.`, "InvalidAccessError");
    }
  }

  const hmacBlockBits = (hash) => (hash === "SHA-384" || hash === "SHA-512" ? 1024 : 512);
  const AES_MASK = ["encrypt", "decrypt", "wrapKey", "unwrapKey"];
  const KDF_MASK = ["deriveKey", "deriveBits"];

  // ---- key import ----

  function importKey(format, keyDataIn, algorithm, extractable, usages) {
    const alg = algorithmOf(algorithm);
    format = String(format);
    const name = findName(["HMAC", ...AES, "PBKDF2", "HKDF"], alg.name);
    if (name === undefined) throw dom(`Unrecognized key import algorithm "${alg.name}" ` +
      `requested.`, "NotSupportedError");
    if (format !== "raw" && format !== "jwk" && format !== "spki" && format !== "pkcs8") {
      throw dom(`Unrecognized key import format "${format}".`, "NotSupportedError");
    }
    if (format === "jwk" && (keyDataIn === null || typeof keyDataIn !== "object" || ArrayBuffer.isView(keyDataIn))) {
      throw new TypeError("Import data provided for \"jwk\" import format must be a JsonWebKey.");
    }
    if (format !== "jwk" && !(keyDataIn instanceof ArrayBuffer || ArrayBuffer.isView(keyDataIn))) {
      throw new TypeError("Import data provided for \"raw\", \"pkcs8\", or \"spki\" import formats must be a " +
        "buffer source.");
    }
    if (name === "HMAC") return importHmac(format, keyDataIn, alg, !!extractable, usages);
    if (name === "PBKDF2" || name === "HKDF") {
      if (format !== "raw") throw dom(`Unrecognized key import format "${format}".`, "NotSupportedError");
      if (extractable) throw dom(`${name} key cannot be extractable.`, "SyntaxError");
      const u = usagesFor(name, "import secret", usages, KDF_MASK);
      return new CryptoKey(constructing, "secret", false, { name }, u, bytes(keyDataIn).slice());
    }
    return importAes(name, format, keyDataIn, !!extractable, usages);
  }

  function importHmac(format, input, alg, extractable, usages) {
    const hash = hashName(alg.hash);
    if (format !== "raw" && format !== "jwk") throw dom(`Unrecognized key import format ` +
      `"${format}".`, "NotSupportedError");
    const u = usagesFor("HMAC", "import secret", usages, ["sign", "verify"]);
    let raw;
    if (format === "raw") {
      raw = bytes(input).slice();
    } else {
      if (input.kty !== "oct") {
        throw dom(`HMAC "jwk" key import requires a JSON Web Key with Key Type parameter ("kty") equal to "oct" ` +
          `(encountered "${input.kty}").`, "DataError");
      }
      raw = fromB64url(input.k ?? "");
      if (input.alg !== undefined) {
        const expected = hash.startsWith("SHA-") ? "HS" + hash.slice(4) : undefined;
        if (input.alg !== expected) {
          throw dom(`HMAC "jwk" key import specifies "alg" that is incompatible with the hash name (encountered ` +
            `"${input.alg}", expected "${expected}").`, "DataError");
        }
      }
    }
    const length = alg.length === undefined ? raw.byteLength * 8 : Number(alg.length);
    if (length === 0 || length > raw.byteLength * 8 || length <= raw.byteLength * 8 - 8) {
      throw dom(`Imported HMAC key length (${length}) must be a non-zero value up to 7 bits less than, and no ` +
        `greater than, the bit length of the raw key data (${raw.byteLength * 8}).`, "DataError");
    }
    return new CryptoKey(constructing, "secret", extractable, { name: "HMAC", length, hash: { name: hash } }, u, raw);
  }

  function importAes(name, format, input, extractable, usages) {
    if (format !== "raw" && format !== "jwk") throw dom(`Unrecognized key import format ` +
      `"${format}".`, "NotSupportedError");
    const u = usagesFor(name, "import secret", usages, AES_MASK);
    let raw;
    if (format === "raw") {
      raw = bytes(input).slice();
    } else {
      if (input.kty !== "oct") {
        throw dom(`Symmetric "jwk" key import requires a JSON Web Key with Key Type parameter "kty" equal to "oct" ` +
          `(encountered "${input.kty}").`, "DataError");
      }
      raw = fromB64url(input.k ?? "");
      const expected = `A${raw.byteLength * 8}${name.slice(4)}`;
      if (input.alg !== undefined && input.alg !== expected) {
        throw dom(`Symmetric "jwk" key contains invalid "alg" value "${input.alg}", expected ` +
          `"${expected}".`, "DataError");
      }
    }
    if (![16, 24, 32].includes(raw.byteLength)) {
      throw dom(`Imported AES key length must be 128, 192, or 256 bits but provided ` +
        `${raw.byteLength * 8}.`, "DataError");
    }
    return new CryptoKey(constructing, "secret", extractable, { name, length: raw.byteLength * 8 }, u, raw);
  }

  // ---- the other operations ----

  function exportKey(format, key) {
    if (!(key instanceof CryptoKey)) throw new TypeError("Failed to execute 'exportKey' on 'SubtleCrypto': " +
      "parameter 2 is not of type 'CryptoKey'.");
    const alg = key.algorithm;
    if (!key.extractable) throw dom(`Attempt to export non-extractable ${alg.name} key.`, "InvalidAccessError");
    format = String(format);
    if (format !== "raw" && format !== "jwk") {
      if (alg.name === "HMAC") throw dom(`Unimplemented key export format "${format}".`, "NotSupportedError");
      throw dom(`${alg.name} key only supports exporting "raw" & "jwk", not "${format}".`, "NotSupportedError");
    }
    const raw = keyData(key);
    if (format === "raw") return raw.slice().buffer;
    const jwk = { kty: "oct", k: b64url(raw), key_ops: key.usages, ext: true };
    jwk.alg = alg.name === "HMAC" ? "HS" + alg.hash.name.slice(4) : `A${alg.length}${alg.name.slice(4)}`;
    return jwk;
  }

  function generateKey(algorithm, extractable, usages) {
    const alg = algorithmOf(algorithm);
    const name = findName(["HMAC", ...AES], alg.name);
    if (name === undefined) throw dom(`Unrecognized key generation algorithm "${alg.name}" ` +
      `requested.`, "NotSupportedError");
    if (name === "HMAC") {
      const hash = hashName(alg.hash);
      const u = usagesFor(name, "generate", usages, ["sign", "verify"]);
      const length = alg.length === undefined ? hmacBlockBits(hash) : Number(alg.length);
      if (!(length > 0)) throw dom(`HMAC key length must be a non-zero unsigned long integer (requested ` +
        `${length}).`, "OperationError");
      const algorithm = { name, length, hash: { name: hash } };
      return new CryptoKey(constructing, "secret", !!extractable, algorithm, u, natives.random(Math.ceil(length / 8)));
    }
    if (alg.length === undefined) throw new TypeError("Missing field \"length\" in \"algorithm\".");
    const length = Number(alg.length);
    if (![128, 192, 256].includes(length)) {
      throw dom(`Generated AES key length must be 128, 192, or 256 bits but requested ${length}.`, "OperationError");
    }
    const u = usagesFor(name, "generate", usages, AES_MASK);
    return new CryptoKey(constructing, "secret", !!extractable, { name, length }, u, natives.random(length / 8));
  }

  function sign(algorithm, key, data) {
    const alg = algorithmOf(algorithm);
    checkKey(key, alg.name, "sign");
    return bufferOf(natives.hmac(key.algorithm.hash.name, keyData(key), bytes(data)));
  }

  function verify(algorithm, key, signature, data) {
    const alg = algorithmOf(algorithm);
    checkKey(key, alg.name, "verify");
    const mac = natives.hmac(key.algorithm.hash.name, keyData(key), bytes(data));
    const sig = bytes(signature, "signature");
    return sig.byteLength === mac.byteLength && natives.timingSafeEqual(sig, mac);
  }

  const GCM_TAGS = [32, 64, 96, 104, 112, 120, 128];
  const DECRYPT_FAILED = "Decryption failed. This could be due to a ciphertext authentication failure, bad " +
    "padding, incorrect CryptoKey, or another algorithm-specific reason.";

  function cipher(encrypt, algorithm, key, data) {
    const alg = algorithmOf(algorithm);
    const usage = encrypt ? "encrypt" : "decrypt";
    const name = findName(AES, alg.name);
    if (name === undefined) throw dom(`Unrecognized or unimplemented algorithm "${alg.name}" requested for ` +
      `${usage}.`, "NotSupportedError");
    checkKey(key, alg.name, usage);
    const input = bytes(data);
    if (name === "AES-CTR") return aesCTR(alg, key, input);
    if (alg.iv === undefined) throw new TypeError("Missing field \"iv\" in \"algorithm\".");
    const iv = bytes(alg.iv, "iv");
    if (name === "AES-CBC") {
      if (iv.byteLength !== 16) {
        throw dom(`AES-CBC IV must be 16 bytes long (provided ` +
          `${iv.byteLength}${encrypt ? " bytes" : ""}).`, "OperationError");
      }
      const out = natives.aesCBC(encrypt, keyData(key), iv, input);
      if (out === null) throw dom(`${DECRYPT_FAILED} Input length was ${input.byteLength}, output length expected ` +
        `to be ${input.byteLength} for AES-CBC`, "OperationError");
      return bufferOf(out);
    }
    if (iv.byteLength === 0) throw dom("AES-GCM IV must not be empty.", "OperationError");
    const tag = alg.tagLength === undefined ? 128 : Number(alg.tagLength);
    if (!GCM_TAGS.includes(tag)) throw dom(`Invalid AES-GCM tag length ${tag}.`, "OperationError");
    if (!encrypt && input.byteLength < tag / 8) {
      throw dom(`Ciphertext length of ${input.byteLength * 8} bits must be greater than or equal to the size of ` +
        `the AES-GCM tag length of ${tag} bits.`, "OperationError");
    }
    const aad = alg.additionalData === undefined ? new Uint8Array(0) : bytes(alg.additionalData, "additionalData");
    const out = natives.aesGCM(encrypt, keyData(key), iv, input, aad, tag / 8);
    if (out === undefined) throw dom(`AES-GCM with a ${tag}-bit tag and a ${iv.byteLength}-byte IV is not ` +
      `supported by dotest.`, "NotSupportedError");
    if (out === null) {
      const n = input.byteLength - tag / 8;
      throw dom(`${DECRYPT_FAILED} Input length was ${n}, output length expected to be ${n} for ` +
        `AES-GCM`, "OperationError");
    }
    return bufferOf(out);
  }

  function aesCTR(alg, key, input) {
    if (alg.counter === undefined) throw new TypeError("Missing \"counter\" member in \"algorithm\".");
    const counter = bytes(alg.counter, "counter");
    if (counter.byteLength !== 16) throw dom(`Counter must have length of 16 bytes (provided ` +
      `${counter.byteLength}).`, "OperationError");
    if (alg.length === undefined) throw new TypeError("Missing \"length\" member in \"algorithm\".");
    const length = Number(alg.length);
    if (!(length > 0 && length <= 128)) throw dom(`Invalid counter of ${length} bits length ` +
      `provided.`, "OperationError");
    return bufferOf(natives.aesCTR(keyData(key), counter, input));
  }

  function deriveBits(algorithm, baseKey, length) {
    const alg = algorithmOf(algorithm);
    const name = findName(["PBKDF2", "HKDF"], alg.name);
    if (name === undefined) throw dom(`Unrecognized or unimplemented algorithm "${alg.name}" requested for ` +
      `deriveBits.`, "NotSupportedError");
    checkKey(baseKey, alg.name, "deriveBits");
    return derive(name, alg, baseKey, length);
  }

  function derive(name, alg, baseKey, length) {
    const bits = Number(length);
    if (!Number.isInteger(bits) || bits < 0) throw new TypeError("deriveBits length must be an unsigned long integer.");
    if (bits % 8 !== 0) {
      throw dom(`${name} requires a derived key length that is a multiple of eight (requested ` +
        `${bits}).`, "OperationError");
    }
    const hash = hashName(alg.hash);
    let out;
    if (name === "PBKDF2") {
      const iterations = Number(alg.iterations);
      if (!(iterations > 0)) throw dom(`PBKDF2 requires a positive iteration count (requested ` +
        `${iterations}).`, "OperationError");
      if (iterations > 100000) {
        throw dom(`Pbkdf2 failed: iteration counts above 100000 are not supported (requested ` +
          `${iterations}).`, "NotSupportedError");
      }
      out = natives.pbkdf2(hash, keyData(baseKey), bytes(alg.salt, "salt"), iterations, bits);
    } else {
      out = natives.hkdf(hash, keyData(baseKey), bytes(alg.salt, "salt"), bytes(alg.info, "info"), bits);
    }
    if (out === null) throw dom(`${name} deriveBits failed.`, "OperationError");
    return bufferOf(out);
  }

  function deriveKey(algorithm, baseKey, derivedAlgorithm, extractable, usages) {
    const alg = algorithmOf(algorithm);
    const name = findName(["PBKDF2", "HKDF"], alg.name);
    if (name === undefined) throw dom(`Unrecognized or unimplemented algorithm "${alg.name}" requested for ` +
      `deriveKey.`, "NotSupportedError");
    checkKey(baseKey, alg.name, "deriveKey");
    const target = algorithmOf(derivedAlgorithm);
    const targetName = findName(["HMAC", ...AES], target.name);
    if (targetName === undefined) throw dom(`Unrecognized derived key type "${target.name}" ` +
      `requested.`, "NotSupportedError");
    let length;
    if (targetName === "HMAC") {
      length = target.length === undefined ? hmacBlockBits(hashName(target.hash)) : Number(target.length);
    } else {
      if (target.length === undefined) throw new TypeError("Missing field \"length\" in \"derivedKeyParams\".");
      length = Number(target.length);
      if (![128, 192, 256].includes(length)) {
        throw dom(`Derived AES key must be 128, 192, or 256 bits in length but provided ${length}.`, "OperationError");
      }
    }
    const raw = derive(name, alg, baseKey, length);
    return importKey("raw", raw, target, extractable, usages);
  }

  // async wraps an operation so that its errors reject, as every SubtleCrypto method does.
  const async = (fn) => function (...args) {
    try {
      return Promise.resolve(fn(...args));
    } catch (e) {
      return Promise.reject(e);
    }
  };

  class SubtleCrypto {
    constructor(key) { if (key !== constructing) throw new TypeError("Illegal constructor"); }
    timingSafeEqual(a, b) {
      const x = bytes(a), y = bytes(b);
      if (x.byteLength !== y.byteLength) throw new TypeError("Input buffers must have the same byte length.");
      return natives.timingSafeEqual(x, y);
    }
  }
  const digest = (algorithm, data) => {
    const alg = algorithmOf(algorithm);
    const name = findName(HASHES, alg.name);
    if (name === undefined) throw dom("Unrecognized or unimplemented digest algorithm requested.", "NotSupportedError");
    return bufferOf(natives.digest(name, bytes(data)));
  };
  const operations = { digest, importKey, exportKey, generateKey, sign, verify, deriveBits, deriveKey };
  for (const [name, fn] of Object.entries({ ...operations,
    encrypt: (a, k, d) => cipher(true, a, k, d), decrypt: (a, k, d) => cipher(false, a, k, d) })) {
    Object.defineProperty(SubtleCrypto.prototype, name, { value: async(fn), writable: true, configurable: true });
  }

  // DigestStream extends WritableStream, so it is built the first time someone asks for it.
  let digestStream;
  function digestStreamClass() {
    if (digestStream) return digestStream;
    class DigestStream extends WritableStream {
      #digest;
      constructor(algorithm) {
        const alg = algorithmOf(algorithm);
        const name = findName(HASHES, alg.name);
        if (name === undefined) throw dom("Unrecognized or unimplemented digest algorithm " +
          "requested.", "NotSupportedError");
        const h = natives.digester(name);
        let resolve, reject;
        const done = new Promise((res, rej) => { resolve = res; reject = rej; });
        super({
          write(chunk) {
            if (typeof chunk === "string") chunk = new TextEncoder().encode(chunk);
            h.update(bytes(chunk));
          },
          close() { resolve(bufferOf(h.finish())); },
          abort(reason) { reject(reason); },
        });
        done.catch(() => {});
        this.#digest = done;
      }
      get digest() { return this.#digest; }
    }
    digestStream = DigestStream;
    return digestStream;
  }

  class Crypto {
    #subtle = new SubtleCrypto(constructing);
    constructor(key) { if (key !== constructing) throw new TypeError("Illegal constructor"); }
    get subtle() { return this.#subtle; }
    getRandomValues(view) {
      const integer = view instanceof Int8Array || view instanceof Uint8Array || view instanceof Uint8ClampedArray ||
        view instanceof Int16Array || view instanceof Uint16Array || view instanceof Int32Array ||
        view instanceof Uint32Array || view instanceof BigInt64Array || view instanceof BigUint64Array;
      if (!integer) {
        throw dom("ArrayBufferView argument to getRandomValues() must be an integer-typed view.", "TypeMismatchError");
      }
      if (view.byteLength > 0x10000) {
        throw dom(`getRandomValues() only accepts buffers of size <= 64K but provided ${view.byteLength} ` +
          `bytes.`, "QuotaExceededError");
      }
      natives.fill(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
      return view;
    }
    randomUUID() { return natives.uuid(); }
  }
  Object.defineProperty(Crypto.prototype, "DigestStream", { get: digestStreamClass, configurable: true });

  return { crypto: new Crypto(constructing), Crypto, SubtleCrypto, CryptoKey };
})
