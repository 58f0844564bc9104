// TransformStream after the WHATWG Streams Standard, and workerd's byte-only
// IdentityTransformStream and FixedLengthStream.
"use strict";
(function (natives, load) {
  const streams = load("streams");
  const rsi = streams.internal;
  const writable = load("writable");
  const wsi = writable.internal;
  const { deferred, resolved, rejected, promiseCall, method, constructing, highWaterMark, sizeAlgorithm } = rsi;

  class TransformStream {
    #readable;
    #writable;
    constructor(transformer = undefined, writableStrategy = {}, readableStrategy = {}) {
      if (transformer === constructing) {
        const t = writableStrategy;
        this.#readable = t.readable;
        this.#writable = t.writable;
        return;
      }
      if (transformer?.readableType !== undefined) throw new RangeError("Invalid readableType.");
      if (transformer?.writableType !== undefined) throw new RangeError("Invalid writableType.");
      const transform = method(transformer, "transform");
      const flush = method(transformer, "flush");
      const cancel = method(transformer, "cancel");
      const start = method(transformer, "start");
      const started = deferred();
      const t = create(started.promise, {
        transform: transform ? (chunk, c) => promiseCall(transform, transformer, chunk, c) : undefined,
        flush: () => promiseCall(flush, transformer, t.controller.object),
        cancel: (reason) => promiseCall(cancel, transformer, reason),
      }, highWaterMark(writableStrategy, 1), sizeAlgorithm(writableStrategy),
      highWaterMark(readableStrategy, 0), sizeAlgorithm(readableStrategy));
      this.#readable = t.readable;
      this.#writable = t.writable;
      try {
        started.resolve(start ? start.call(transformer, t.controller.object) : undefined);
      } catch (e) {
        started.reject(e);
        throw e;
      }
    }
    get readable() { return this.#readable; }
    get writable() { return this.#writable; }
  }

  class TransformStreamDefaultController {
    #c;
    constructor(key, c) {
      if (key !== constructing) throw new TypeError("Illegal constructor");
      this.#c = c;
    }
    get desiredSize() { return rsi.desiredSize(this.#c.t.readableState.controller); }
    enqueue(chunk) { enqueue(this.#c.t, chunk); }
    error(reason) { errorStream(this.#c.t, reason); }
    terminate() { terminate(this.#c.t); }
  }

  // create builds the two sides of a transform stream around algorithms {transform(chunk,
  // controller), flush(), cancel(reason)}; a missing transform passes chunks through.
  function create(startPromise, algorithms, writableHWM, writableSize, readableHWM, readableSize) {
    const t = { backpressure: undefined, backpressureChange: undefined, controller: undefined };
    const c = {
      t, transform: algorithms.transform, flush: algorithms.flush, cancel: algorithms.cancel,
      finish: undefined,
    };
    c.object = new TransformStreamDefaultController(constructing, c);
    if (c.transform === undefined) {
      c.transform = (chunk) => {
        try {
          enqueue(t, chunk);
          return resolved(undefined);
        } catch (e) {
          return rejected(e);
        }
      };
    }
    t.controller = c;
    t.writable = wsi.createStream({
      start: () => startPromise,
      write: (chunk) => sinkWrite(t, chunk),
      close: () => sinkClose(t),
      abort: (reason) => sinkAbort(t, reason),
    }, writableHWM, writableSize);
    t.writableState = wsi.stateOf(t.writable);
    t.readable = rsi.createStream((s) => {
      t.readableState = s;
      rsi.setUpDefaultController(s, {
        start: () => startPromise,
        pull: () => {
          setBackpressure(t, false);
          return t.backpressureChange.promise;
        },
        cancel: (reason) => sourceCancel(t, reason),
      }, readableHWM, readableSize);
    });
    setBackpressure(t, true);
    return t;
  }

  function clearAlgorithms(c) {
    c.transform = undefined;
    c.flush = undefined;
    c.cancel = undefined;
  }

  function errorStream(t, e) {
    rsi.controllerError(t.readableState.controller, e);
    errorWritableAndUnblockWrite(t, e);
  }

  function errorWritableAndUnblockWrite(t, e) {
    clearAlgorithms(t.controller);
    wsi.errorIfNeeded(t.writableState.controller, e);
    if (t.backpressure) setBackpressure(t, false);
  }

  function setBackpressure(t, backpressure) {
    t.backpressureChange?.resolve(undefined);
    t.backpressureChange = deferred();
    t.backpressure = backpressure;
  }

  function enqueue(t, chunk) {
    const rc = t.readableState.controller;
    if (!rsi.canCloseOrEnqueue(rc)) {
      throw new TypeError("The readable side of this TransformStream is no longer readable.");
    }
    try {
      rsi.controllerEnqueue(rc, chunk);
    } catch (e) {
      errorWritableAndUnblockWrite(t, e);
      throw t.readableState.storedError;
    }
    const backpressure = !shouldCallPull(rc);
    if (backpressure !== t.backpressure) setBackpressure(t, true);
  }

  function shouldCallPull(rc) {
    if (!rsi.canCloseOrEnqueue(rc) || !rc.started) return false;
    if (rc.stream.reader !== undefined && rsi.numReadRequests(rc.stream) > 0) return true;
    return rsi.desiredSize(rc) > 0;
  }

  function terminate(t) {
    rsi.controllerClose(t.readableState.controller);
    errorWritableAndUnblockWrite(t, new TypeError("The transform stream has been terminated"));
  }

  function performTransform(t, chunk) {
    return t.controller.transform(chunk, t.controller.object).then(undefined, (r) => {
      errorStream(t, r);
      throw r;
    });
  }

  function sinkWrite(t, chunk) {
    if (!t.backpressure) return performTransform(t, chunk);
    return t.backpressureChange.promise.then(() => {
      if (t.writableState.state === "erroring") throw t.writableState.storedError;
      return performTransform(t, chunk);
    });
  }

  function sinkAbort(t, reason) {
    const c = t.controller;
    if (c.finish) return c.finish.promise;
    c.finish = deferred();
    const result = c.cancel(reason);
    clearAlgorithms(c);
    result.then(() => {
      if (t.readableState.state === "errored") {
        c.finish.reject(t.readableState.storedError);
      } else {
        rsi.controllerError(t.readableState.controller, reason);
        c.finish.resolve(undefined);
      }
    }, (r) => {
      rsi.controllerError(t.readableState.controller, r);
      c.finish.reject(r);
    });
    return c.finish.promise;
  }

  function sinkClose(t) {
    const c = t.controller;
    if (c.finish) return c.finish.promise;
    c.finish = deferred();
    const result = c.flush();
    clearAlgorithms(c);
    result.then(() => {
      if (t.readableState.state === "errored") {
        c.finish.reject(t.readableState.storedError);
      } else {
        rsi.controllerClose(t.readableState.controller);
        c.finish.resolve(undefined);
      }
    }, (r) => {
      rsi.controllerError(t.readableState.controller, r);
      c.finish.reject(r);
    });
    return c.finish.promise;
  }

  function sourceCancel(t, reason) {
    const c = t.controller;
    if (c.finish) return c.finish.promise;
    c.finish = deferred();
    const result = c.cancel(reason);
    clearAlgorithms(c);
    result.then(() => {
      if (t.writableState.state === "errored") {
        c.finish.reject(t.writableState.storedError);
      } else {
        wsi.errorIfNeeded(t.writableState.controller, reason);
        if (t.backpressure) setBackpressure(t, false);
        c.finish.resolve(undefined);
      }
    }, (r) => {
      wsi.errorIfNeeded(t.writableState.controller, r);
      if (t.backpressure) setBackpressure(t, false);
      c.finish.reject(r);
    });
    return c.finish.promise;
  }

  // ---- workerd's byte pipes ----

  const NOT_BYTES = "This TransformStream is being used as a byte stream, but received an object of " +
    "non-ArrayBuffer/ArrayBufferView type on its writable side.";

  // toBytes turns what a byte stream's writable side accepts into a Uint8Array copy; strings
  // are UTF-8 encoded as workerd does; empty chunks are dropped.
  function toBytes(chunk) {
    if (typeof chunk === "string") return load("encoding").internal.encode(chunk);
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk.slice(0));
    if (ArrayBuffer.isView(chunk)) {
      return new Uint8Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
    }
    throw new TypeError(NOT_BYTES);
  }

  // bytePipe makes the readable (a byte stream, so BYOB reads work) and writable sides of an
  // identity pipe; with a limit, it checks the byte count as FixedLengthStream does.
  function bytePipe(limit, hwm) {
    let controller;
    let seen = 0;
    const readable = rsi.createStream((s) => {
      load("bytestream").internal.setUp(s, {
        start: (c) => { controller = s.controller; },
        pull: () => resolved(undefined),
        cancel: (reason) => wsi.abortStream(wsi.stateOf(writableSide), reason),
      }, hwm, undefined);
    });
    const bs = load("bytestream").internal;
    const writableSide = wsi.createStream({
      start: () => {},
      write: (chunk) => {
        let bytes;
        try {
          bytes = toBytes(chunk);
        } catch (e) {
          bs.error(controller, e);
          return rejected(e);
        }
        if (bytes.byteLength === 0) return resolved(undefined);
        seen += bytes.byteLength;
        if (limit !== undefined && seen > limit) {
          const e = new TypeError("Attempt to write too many bytes through a FixedLengthStream.");
          bs.error(controller, e);
          return rejected(e);
        }
        bs.enqueue(controller, bytes);
        return resolved(undefined);
      },
      close: () => {
        if (limit !== undefined && seen !== limit) {
          const e = new TypeError("FixedLengthStream did not see all expected bytes before close().");
          bs.error(controller, e);
          return rejected(e);
        }
        bs.close(controller);
        return resolved(undefined);
      },
      abort: (reason) => {
        bs.error(controller, reason);
        return resolved(undefined);
      },
    }, 1, () => 1);
    return { readable, writable: writableSide };
  }

  class IdentityTransformStream extends TransformStream {
    constructor(strategy = undefined, key = undefined, pipe = undefined) {
      const hwm = strategy?.highWaterMark === undefined ? 0 : Number(strategy.highWaterMark);
      super(constructing, key === constructing ? pipe : bytePipe(undefined, hwm));
    }
  }

  const lengths = new WeakMap();

  class FixedLengthStream extends IdentityTransformStream {
    constructor(expectedLength, strategy = undefined) {
      const n = Number(expectedLength);
      if (!Number.isInteger(n) || n < 0 || n > Number.MAX_SAFE_INTEGER) {
        throw new TypeError("FixedLengthStream requires an integer expected length less than 2^53.");
      }
      const hwm = strategy?.highWaterMark === undefined ? 0 : Math.min(Number(strategy.highWaterMark), n);
      const pipe = bytePipe(n, hwm);
      lengths.set(pipe.readable, n);
      super(undefined, constructing, pipe);
    }
  }

  return {
    TransformStream, TransformStreamDefaultController, IdentityTransformStream, FixedLengthStream,
    internal: { create, toBytes, bytePipe, fixedLength: (readable) => lengths.get(readable) },
  };
})
