// Body, the base of Request and Response: body extraction from what a constructor accepts,
// the read methods, bodyUsed, and clone. A body made from bytes stays bytes until someone asks
// for its stream, so reading it as text or arrayBuffer costs no stream.
"use strict";
(function (natives, load) {
  const streams = load("streams");
  const rsi = streams.internal;
  const { ReadableStream } = streams;
  const enc = load("encoding").internal;
  const blobs = load("blob");
  const { FormData } = load("formdata");
  const { URLSearchParams } = load("url");

  const USED = "Body has already been used. It can only be used once. Use tee() first if you need to read it twice.";
  const DISTURBED = "This ReadableStream is disturbed (has already been read from), and cannot be used as a body.";

  function copyBytes(view) {
    if (view instanceof ArrayBuffer) return new Uint8Array(view.slice(0));
    return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
  }

  // extract turns a body initializer into {bytes | stream, contentType}; null means no body.
  function extract(init) {
    if (init === null || init === undefined) return null;
    if (init instanceof ReadableStream) {
      const s = rsi.stateOf(init);
      if (s.disturbed) throw new TypeError(DISTURBED);
      if (init.locked) throw new TypeError(rsi.LOCKED);
      return { stream: init };
    }
    if (typeof init === "string") return { bytes: enc.encode(init), contentType: "text/plain;charset=UTF-8" };
    if (init instanceof ArrayBuffer || ArrayBuffer.isView(init)) return { bytes: copyBytes(init) };
    if (init instanceof blobs.Blob) {
      return { bytes: blobs.internal.bytesOf(init), shared: true, contentType: init.type || undefined };
    }
    if (init instanceof FormData) {
      const { bytes, contentType } = load("formdata").internal.serialize(init);
      return { bytes, contentType };
    }
    if (init instanceof URLSearchParams) {
      return { bytes: enc.encode(init.toString()), contentType: "application/x-www-form-urlencoded;charset=UTF-8" };
    }
    if (typeof init === "object" && typeof init[Symbol.asyncIterator] === "function") {
      return { stream: ReadableStream.from(init) };
    }
    return { bytes: enc.encode(String(init)), contentType: "text/plain;charset=UTF-8" };
  }

  // bytesStream makes the byte stream of a buffer-backed body. Enqueueing transfers the
  // buffer, so bytes another owner may read are copied first.
  function bytesStream(bytes, shared) {
    return new ReadableStream({
      type: "bytes",
      start(c) {
        const own = !shared && bytes.byteLength === bytes.buffer.byteLength;
        if (bytes.byteLength > 0) c.enqueue(own ? bytes : bytes.slice());
        c.close();
      },
    });
  }

  const constructing = Symbol("body");

  // open makes the state of a body from what extract, clone or take returned. shared marks
  // bytes that another owner may also read, which a reader must then copy.
  const open = (extracted) => (extracted === null ? null
    : { bytes: extracted.bytes, stream: extracted.stream, shared: !!extracted.shared, used: false });
  let stateOf, replace;

  class Body {
    #b; // { bytes?: Uint8Array, stream?: ReadableStream, used: boolean } or null
    #headers;

    constructor(key, extracted, headers) {
      if (key !== constructing) throw new TypeError("Illegal constructor");
      this.#b = open(extracted);
      this.#headers = headers;
    }

    get body() {
      const b = this.#b;
      if (b === null) return null;
      if (b.stream === undefined) {
        b.stream = bytesStream(b.bytes, b.shared);
        if (b.used) {
          rsi.stateOf(b.stream).disturbed = true;
          rsi.cancelStream(rsi.stateOf(b.stream), undefined);
        }
      }
      return b.stream;
    }

    get bodyUsed() { return used(this.#b); }

    arrayBuffer() {
      return this.#read().then((bytes) => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? bytes.buffer
        : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
    }
    bytes() { return this.#read(); }
    text() { return this.#read(true).then((bytes) => enc.decodeUTF8(bytes)); }
    json() { return this.text().then((text) => JSON.parse(text)); }
    blob() {
      return this.#read(true).then((bytes) => blobs.internal.fromBytes(bytes, this.#headers.get("content-type") ?? ""));
    }
    formData() {
      if (used(this.#b)) return rsi.rejected(new TypeError(USED));
      const type = this.#headers.get("content-type");
      if (type === null) return rsi.rejected(new TypeError("Parsing a Body as FormData requires a Content-Type " +
        "header."));
      return this.#read(true).then((bytes) => load("formdata").internal.parse(bytes, type));
    }

    // #read consumes the body; shared means the caller only reads the bytes, so a buffer-backed
    // body need not be copied.
    #read(shared = false) {
      const b = this.#b;
      if (b === null) return Promise.resolve(new Uint8Array(0));
      if (used(b)) return rsi.rejected(new TypeError(USED));
      if (b.stream === undefined) {
        b.used = true;
        return Promise.resolve(shared || !b.shared ? b.bytes : b.bytes.slice());
      }
      return readAll(b.stream);
    }

    static {
      stateOf = (x) => x.#b;
      replace = (x, extracted, headers = x.#headers) => {
        x.#b = open(extracted);
        x.#headers = headers;
      };
    }
  }

  function used(b) {
    if (b === null) return false;
    if (b.stream !== undefined) return rsi.stateOf(b.stream).disturbed;
    return b.used;
  }

  // readAll reads a stream to its end and concatenates its chunks.
  function readAll(stream) {
    let reader;
    try {
      reader = rsi.acquireReader(rsi.stateOf(stream));
    } catch (e) {
      return rsi.rejected(e);
    }
    const chunks = [];
    let total = 0;
    const step = () => rsi.readNext(reader).then(({ value, done }) => {
      if (done) {
        rsi.releaseReader(reader);
        return blobs.internal.concat(chunks.length === 0 ? [new Uint8Array(0)] : chunks);
      }
      let chunk = value;
      if (chunk instanceof ArrayBuffer) chunk = new Uint8Array(chunk);
      else if (ArrayBuffer.isView(chunk) && !(chunk instanceof Uint8Array)) {
        chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      } else if (!(chunk instanceof Uint8Array)) {
        const e = new TypeError("This ReadableStream did not return bytes.");
        rsi.cancelStream(reader.stream, e);
        throw e;
      }
      chunks.push(chunk);
      total += chunk.byteLength;
      return step();
    });
    return step();
  }

  // clone gives a copy of a body for a clone of its Request or Response: bytes are shared,
  // a stream is teed and the original keeps one branch.
  function clone(owner) {
    const b = stateOf(owner);
    if (b === null) return null;
    if (used(b)) throw new TypeError(USED);
    if (b.stream === undefined) {
      b.shared = true;
      return { bytes: b.bytes, shared: true };
    }
    const [one, two] = b.stream.tee();
    b.stream = one;
    return { stream: two };
  }

  // take moves a body out of its owner for a new Request, leaving the owner's body used.
  function take(owner) {
    const b = stateOf(owner);
    if (b === null) return null;
    if (b.stream === undefined) {
      b.used = true;
      return { bytes: b.bytes, shared: b.shared };
    }
    return { stream: forward(b.stream) };
  }

  // forward makes a byte stream that reads its chunks from stream, which stays locked and
  // disturbed, as a body moved to a new Request is left in workerd.
  function forward(stream) {
    const s = rsi.stateOf(stream);
    const reader = rsi.acquireReader(s);
    s.disturbed = true;
    // pull skips empty chunks: a pull that enqueues nothing would stall a pending read.
    const pull = (c) => rsi.readNext(reader).then(({ value, done }) => {
      if (done) {
        c.close();
        return undefined;
      }
      const chunk = ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
        : value instanceof ArrayBuffer ? new Uint8Array(value) : undefined;
      if (chunk === undefined) throw new TypeError("This ReadableStream did not return bytes.");
      if (chunk.byteLength === 0) return pull(c);
      c.enqueue(chunk.slice());
      return undefined;
    });
    return new ReadableStream({
      type: "bytes",
      pull,
      cancel(reason) { return rsi.cancelStream(s, reason); },
    });
  }

  // bufferedBytes returns a body's bytes without consuming it when it is buffer-backed, or undefined.
  function bufferedBytes(owner) {
    const b = stateOf(owner);
    if (b === null) return new Uint8Array(0);
    if (b.stream === undefined && !b.used) return b.bytes;
    return undefined;
  }

  return {
    Body,
    internal: {
      constructing, extract, clone, take, forward, replace, readAll, bufferedBytes, stateOf, USED,
      used: (o) => used(stateOf(o)),
    },
  };
})
