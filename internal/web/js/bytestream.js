// Readable byte streams: ReadableByteStreamController, ReadableStreamBYOBRequest and
// ReadableStreamBYOBReader, after the WHATWG Streams Standard. Buffers handed to the stream
// are transferred (the caller's copy is detached), as in workerd.
"use strict";
(function (natives, load) {
  const streams = load("streams");
  const {
    stateOf, deferred, rejected, resolved, promiseCall, method, constructing, closeStream, errorStream,
    fulfillReadRequest, numReadRequests, initializeReader, releaseReader, LOCKED, RELEASED,
  } = streams.internal;

  const transfer = (buffer) => natives.transfer(buffer);
  const isView = (v) => ArrayBuffer.isView(v);

  // ---- the controller ----

  class ReadableByteStreamController {
    #c;
    constructor(key, c) {
      if (key !== constructing) throw new TypeError("Illegal constructor");
      this.#c = c;
    }
    get byobRequest() { return getBYOBRequest(this.#c); }
    get desiredSize() { return desiredSize(this.#c); }
    close() {
      const c = this.#c;
      if (c.closeRequested || c.stream.state !== "readable") {
        throw new TypeError("This ReadableByteStreamController is closed.");
      }
      close(c);
    }
    enqueue(chunk) {
      const c = this.#c;
      if (!isView(chunk)) {
        throw new TypeError("Failed to execute 'enqueue' on 'ReadableByteStreamController': parameter 1 is not of " +
          "type 'ArrayBufferView'.");
      }
      if (chunk.byteLength === 0) throw new TypeError("Cannot enqueue a zero-length ArrayBuffer.");
      if (chunk.buffer.byteLength === 0) throw new TypeError("Cannot enqueue a zero-length ArrayBuffer.");
      if (c.closeRequested || c.stream.state !== "readable") throw new TypeError("Unable to enqueue");
      enqueue(c, chunk);
    }
    error(e) { error(this.#c, e); }
  }

  let invalidate;

  class ReadableStreamBYOBRequest {
    #c;
    #view;
    constructor(key, c, view) {
      if (key !== constructing) throw new TypeError("Illegal constructor");
      this.#c = c;
      this.#view = view;
    }
    get view() { return this.#view; }
    respond(bytesWritten) {
      const c = this.#c;
      if (c === undefined) throw new TypeError("This ReadableStreamBYOBRequest has been invalidated.");
      respond(c, Number(bytesWritten));
    }
    respondWithNewView(view) {
      const c = this.#c;
      if (!isView(view)) {
        throw new TypeError("Failed to execute 'respondWithNewView' on 'ReadableStreamBYOBRequest': parameter 1 is " +
          "not of type 'ArrayBufferView'.");
      }
      if (c === undefined) throw new TypeError("This ReadableStreamBYOBRequest has been invalidated.");
      respondWithNewView(c, view);
    }
    static {
      invalidate = (request) => { request.#c = undefined; request.#view = null; };
    }
  }

  function setUpFromSource(s, source, hwm) {
    const start = method(source, "start");
    const pull = method(source, "pull");
    const cancel = method(source, "cancel");
    let auto = source?.autoAllocateChunkSize;
    if (auto !== undefined) {
      auto = Number(auto);
      if (auto === 0) throw new TypeError("The autoAllocateChunkSize option cannot be zero.");
    }
    setUp(s, {
      start: (c) => (start ? start.call(source, c) : undefined),
      pull: (c) => promiseCall(pull, source, c),
      cancel: (reason) => promiseCall(cancel, source, reason),
    }, hwm, auto);
  }

  function setUp(s, algorithms, hwm, autoAllocateChunkSize) {
    const c = {
      kind: "byte", stream: s, queue: [], queueTotalSize: 0, started: false, closeRequested: false,
      pullAgain: false, pulling: false, strategyHWM: hwm, autoAllocateChunkSize, pendingPullIntos: [],
      byobRequest: null, pull: algorithms.pull, cancel: algorithms.cancel,
    };
    c.object = new ReadableByteStreamController(constructing, c);
    c.pullSteps = (request) => pullSteps(c, request);
    c.cancelSteps = (reason) => {
      clearPendingPullIntos(c);
      c.queue = [];
      c.queueTotalSize = 0;
      const result = c.cancel(reason);
      clearAlgorithms(c);
      return result;
    };
    c.releaseSteps = () => {
      if (c.pendingPullIntos.length > 0) {
        const first = c.pendingPullIntos[0];
        first.readerType = "none";
        c.pendingPullIntos = [first];
      }
    };
    s.controller = c;
    resolved(algorithms.start(c.object)).then(() => {
      c.started = true;
      callPullIfNeeded(c);
    }, (r) => error(c, r));
    return c;
  }

  function clearAlgorithms(c) { c.pull = undefined; c.cancel = undefined; }

  function desiredSize(c) {
    if (c.stream.state === "errored") return null;
    if (c.stream.state === "closed") return 0;
    return c.strategyHWM - c.queueTotalSize;
  }

  const readIntoCount = (s) => s.reader?.readIntoRequests?.length ?? 0;

  function shouldCallPull(c) {
    const s = c.stream;
    if (s.state !== "readable" || c.closeRequested || !c.started) return false;
    if (s.reader?.kind === "default" && numReadRequests(s) > 0) return true;
    if (s.reader?.kind === "byob" && readIntoCount(s) > 0) return true;
    return desiredSize(c) > 0;
  }

  function callPullIfNeeded(c) {
    if (!shouldCallPull(c)) return;
    if (c.pulling) {
      c.pullAgain = true;
      return;
    }
    c.pulling = true;
    c.pull(c.object).then(() => {
      c.pulling = false;
      if (c.pullAgain) {
        c.pullAgain = false;
        callPullIfNeeded(c);
      }
    }, (e) => error(c, e));
  }

  function close(c) {
    const s = c.stream;
    if (c.closeRequested || s.state !== "readable") return;
    if (c.queueTotalSize > 0) {
      c.closeRequested = true;
      return;
    }
    const first = c.pendingPullIntos[0];
    if (first && first.bytesFilled % first.elementSize !== 0) {
      const e = new TypeError("This ReadableStream was closed with a partial read pending.");
      error(c, e);
      throw e;
    }
    clearAlgorithms(c);
    closeStream(s);
  }

  // enqueue takes a view, or (from tee) a Uint8Array that is already the stream's own.
  function enqueue(c, chunk) {
    const s = c.stream;
    if (c.closeRequested || s.state !== "readable") return;
    const { byteOffset, byteLength } = chunk;
    const buffer = transfer(chunk.buffer);
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      invalidateBYOBRequest(c);
      first.buffer = transfer(first.buffer);
      if (first.readerType === "none") enqueueDetachedPullInto(c, first);
    }
    if (s.reader?.kind === "default") {
      processReadRequestsUsingQueue(c);
      if (numReadRequests(s) === 0) {
        enqueueChunk(c, buffer, byteOffset, byteLength);
      } else {
        if (c.pendingPullIntos.length > 0) shiftPendingPullInto(c);
        fulfillReadRequest(s, new Uint8Array(buffer, byteOffset, byteLength), false);
      }
    } else if (s.reader?.kind === "byob") {
      enqueueChunk(c, buffer, byteOffset, byteLength);
      for (const d of processPullIntosUsingQueue(c)) commitPullInto(s, d);
    } else {
      enqueueChunk(c, buffer, byteOffset, byteLength);
    }
    callPullIfNeeded(c);
  }

  function error(c, e) {
    if (c.stream.state !== "readable") return;
    clearPendingPullIntos(c);
    c.queue = [];
    c.queueTotalSize = 0;
    clearAlgorithms(c);
    errorStream(c.stream, e);
  }

  function clearPendingPullIntos(c) {
    invalidateBYOBRequest(c);
    c.pendingPullIntos = [];
  }

  function enqueueChunk(c, buffer, byteOffset, byteLength) {
    c.queue.push({ buffer, byteOffset, byteLength });
    c.queueTotalSize += byteLength;
  }

  function enqueueClonedChunk(c, buffer, byteOffset, byteLength) {
    enqueueChunk(c, buffer.slice(byteOffset, byteOffset + byteLength), 0, byteLength);
  }

  function enqueueDetachedPullInto(c, d) {
    if (d.bytesFilled > 0) enqueueClonedChunk(c, d.buffer, d.byteOffset, d.bytesFilled);
    shiftPendingPullInto(c);
  }

  function fillPullIntoFromQueue(c, d) {
    const maxBytesToCopy = Math.min(c.queueTotalSize, d.byteLength - d.bytesFilled);
    const maxBytesFilled = d.bytesFilled + maxBytesToCopy;
    let remaining = maxBytesToCopy;
    let ready = false;
    const maxAlignedBytes = maxBytesFilled - (maxBytesFilled % d.elementSize);
    if (maxAlignedBytes >= d.minimumFill) {
      remaining = maxAlignedBytes - d.bytesFilled;
      ready = true;
    }
    while (remaining > 0) {
      const head = c.queue[0];
      const n = Math.min(remaining, head.byteLength);
      const dest = new Uint8Array(d.buffer, d.byteOffset + d.bytesFilled, n);
      dest.set(new Uint8Array(head.buffer, head.byteOffset, n));
      if (head.byteLength === n) {
        c.queue.shift();
      } else {
        head.byteOffset += n;
        head.byteLength -= n;
      }
      c.queueTotalSize -= n;
      d.bytesFilled += n;
      remaining -= n;
    }
    return ready;
  }

  function getBYOBRequest(c) {
    if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      const { buffer, byteOffset, byteLength, bytesFilled } = first;
      const view = new Uint8Array(buffer, byteOffset + bytesFilled, byteLength - bytesFilled);
      c.byobRequest = new ReadableStreamBYOBRequest(constructing, c, view);
    }
    return c.byobRequest;
  }

  function handleQueueDrain(c) {
    if (c.queueTotalSize === 0 && c.closeRequested) {
      clearAlgorithms(c);
      closeStream(c.stream);
    } else {
      callPullIfNeeded(c);
    }
  }

  function invalidateBYOBRequest(c) {
    if (c.byobRequest === null) return;
    invalidate(c.byobRequest);
    c.byobRequest = null;
  }

  function processPullIntosUsingQueue(c) {
    const filled = [];
    while (c.pendingPullIntos.length > 0 && c.queueTotalSize > 0) {
      const d = c.pendingPullIntos[0];
      if (!fillPullIntoFromQueue(c, d)) break;
      shiftPendingPullInto(c);
      filled.push(d);
    }
    return filled;
  }

  function processReadRequestsUsingQueue(c) {
    const reader = c.stream.reader;
    while (reader.readRequests.length > 0 && c.queueTotalSize > 0) {
      fillReadRequestFromQueue(c, reader.readRequests.shift());
    }
  }

  function fillReadRequestFromQueue(c, request) {
    const entry = c.queue.shift();
    c.queueTotalSize -= entry.byteLength;
    handleQueueDrain(c);
    request.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
  }

  function pullInto(c, view, min, request) {
    const s = c.stream;
    const elementSize = view.BYTES_PER_ELEMENT ?? 1;
    const ctor = view instanceof DataView ? DataView : view.constructor;
    const { byteOffset, byteLength } = view;
    let buffer;
    try {
      buffer = transfer(view.buffer);
    } catch (e) {
      request.error(e);
      return;
    }
    const d = {
      buffer, bufferByteLength: buffer.byteLength, byteOffset, byteLength,
      bytesFilled: 0, minimumFill: min * elementSize, elementSize, viewConstructor: ctor, readerType: "byob",
    };
    if (c.pendingPullIntos.length > 0) {
      c.pendingPullIntos.push(d);
      s.reader.readIntoRequests.push(request);
      return;
    }
    if (s.state === "closed") {
      request.close(new ctor(d.buffer, d.byteOffset, 0));
      return;
    }
    if (c.queueTotalSize > 0) {
      if (fillPullIntoFromQueue(c, d)) {
        const filled = convertPullInto(d);
        handleQueueDrain(c);
        request.chunk(filled);
        return;
      }
      if (c.closeRequested) {
        const e = new TypeError("This ReadableStream was closed with a partial read pending.");
        error(c, e);
        request.error(e);
        return;
      }
    }
    c.pendingPullIntos.push(d);
    s.reader.readIntoRequests.push(request);
    callPullIfNeeded(c);
  }

  function respond(c, bytesWritten) {
    const first = c.pendingPullIntos[0];
    if (c.stream.state === "closed") {
      if (bytesWritten !== 0) throw new TypeError("The bytesWritten must be zero after the stream is closed.");
    } else {
      if (bytesWritten === 0) throw new TypeError("The bytesWritten must be more than zero while the stream is open.");
      if (!(first.bytesFilled + bytesWritten <= first.byteLength)) {
        throw new RangeError("The bytesWritten is more than the byte length of the view.");
      }
    }
    first.buffer = transfer(first.buffer);
    respondInternal(c, bytesWritten);
  }

  function respondWithNewView(c, view) {
    const first = c.pendingPullIntos[0];
    if (c.stream.state === "closed") {
      if (view.byteLength !== 0) throw new TypeError("The view byte length must be zero after the stream is closed.");
    } else if (view.byteLength === 0) {
      throw new TypeError("The view byte length must be more than zero while the stream is open.");
    }
    if (first.byteOffset + first.bytesFilled !== view.byteOffset) {
      throw new RangeError("The given view has an invalid byte offset.");
    }
    if (first.bufferByteLength !== view.buffer.byteLength) {
      throw new RangeError("The underlying ArrayBuffer is not the correct length.");
    }
    if (first.bytesFilled + view.byteLength > first.byteLength) {
      throw new RangeError("The view is not the correct length.");
    }
    const n = view.byteLength;
    first.buffer = transfer(view.buffer);
    respondInternal(c, n);
  }

  function respondInternal(c, bytesWritten) {
    const first = c.pendingPullIntos[0];
    invalidateBYOBRequest(c);
    if (c.stream.state === "closed") respondInClosedState(c, first);
    else respondInReadableState(c, bytesWritten, first);
    callPullIfNeeded(c);
  }

  function respondInClosedState(c, first) {
    if (first.readerType === "none") shiftPendingPullInto(c);
    const s = c.stream;
    if (s.reader?.kind !== "byob") return;
    const filled = [];
    while (filled.length < readIntoCount(s)) filled.push(shiftPendingPullInto(c));
    for (const d of filled) commitPullInto(s, d);
  }

  function respondInReadableState(c, bytesWritten, d) {
    d.bytesFilled += bytesWritten;
    if (d.readerType === "none") {
      enqueueDetachedPullInto(c, d);
      for (const f of processPullIntosUsingQueue(c)) commitPullInto(c.stream, f);
      return;
    }
    if (d.bytesFilled < d.minimumFill) return;
    shiftPendingPullInto(c);
    const remainder = d.bytesFilled % d.elementSize;
    if (remainder > 0) {
      const end = d.byteOffset + d.bytesFilled;
      enqueueClonedChunk(c, d.buffer, end - remainder, remainder);
    }
    d.bytesFilled -= remainder;
    const filled = processPullIntosUsingQueue(c);
    commitPullInto(c.stream, d);
    for (const f of filled) commitPullInto(c.stream, f);
  }

  const shiftPendingPullInto = (c) => c.pendingPullIntos.shift();

  function commitPullInto(s, d) {
    const done = s.state === "closed";
    const view = convertPullInto(d);
    if (d.readerType === "default") {
      fulfillReadRequest(s, view, done);
      return;
    }
    const request = s.reader.readIntoRequests.shift();
    if (done) request.close(view); else request.chunk(view);
  }

  function convertPullInto(d) {
    const buffer = transfer(d.buffer);
    return new d.viewConstructor(buffer, d.byteOffset, d.bytesFilled / d.elementSize);
  }

  function pullSteps(c, request) {
    const s = c.stream;
    if (c.queueTotalSize > 0) {
      fillReadRequestFromQueue(c, request);
      return;
    }
    const auto = c.autoAllocateChunkSize;
    if (auto !== undefined) {
      c.pendingPullIntos.push({
        buffer: new ArrayBuffer(auto), bufferByteLength: auto, byteOffset: 0, byteLength: auto, bytesFilled: 0,
        minimumFill: 1, elementSize: 1, viewConstructor: Uint8Array, readerType: "default",
      });
    }
    s.reader.readRequests.push(request);
    callPullIfNeeded(c);
  }

  // ---- the BYOB reader ----

  class ReadableStreamBYOBReader {
    #r;
    constructor(stream) {
      const s = stateOf(stream);
      if (s.reader !== undefined) throw new TypeError(LOCKED);
      if (s.state === "readable" && s.controller.kind !== "byte") {
        throw new TypeError("This ReadableStream does not support BYOB reads.");
      }
      this.#r = { kind: "byob", stream: undefined, readIntoRequests: [], closed: undefined, object: this };
      initializeReader(this.#r, s);
    }
    get closed() { return this.#r.closed.promise; }
    cancel(reason) {
      if (this.#r.stream === undefined) return rejected(new TypeError(RELEASED));
      return streams.internal.cancelStream(this.#r.stream, reason);
    }
    read(view, options = undefined) {
      if (!isView(view)) {
        return rejected(new TypeError("Failed to execute 'read' on 'ReadableStreamBYOBReader': parameter 1 is not " +
          "of type 'ArrayBufferView'."));
      }
      if (view.byteLength === 0) return rejected(new TypeError("You must call read() on a \"byob\" reader with a " +
        "positive-sized TypedArray object."));
      if (view.buffer.byteLength === 0) return rejected(new TypeError("Unable to use a zero-length ArrayBuffer."));
      const min = options?.min === undefined ? 1 : Number(options.min);
      const length = view instanceof DataView ? view.byteLength : view.length;
      if (!(min > 0)) return rejected(new TypeError("min must be greater than 0"));
      if (min > length) return rejected(new RangeError("min must be less than or equal to the view's length"));
      const r = this.#r;
      if (r.stream === undefined) return rejected(new TypeError(RELEASED));
      return readInto(r, view, min);
    }
    readAtLeast(min, view) { return this.read(view, { min }); }
    releaseLock() {
      if (this.#r.stream === undefined) return;
      releaseReader(this.#r);
    }
  }

  function readInto(r, view, min) {
    const d = deferred();
    const s = r.stream;
    s.disturbed = true;
    const request = {
      chunk: (value) => d.resolve({ value, done: false }),
      close: (value) => d.resolve({ value, done: true }),
      error: (e) => d.reject(e),
    };
    if (s.state === "errored") request.error(s.storedError);
    else if (s.controller.kind !== "byte") request.error(new TypeError("This ReadableStream does not support BYOB " +
      "reads."));
    else pullInto(s.controller, view, min, request);
    return d.promise;
  }

  return {
    ReadableByteStreamController, ReadableStreamBYOBRequest, ReadableStreamBYOBReader,
    internal: { setUp, setUpFromSource, enqueue, close, error, desiredSize },
  };
})
