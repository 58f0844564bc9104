// WritableStream with its default writer and controller, after the WHATWG Streams Standard,
// with workerd's error texts.
"use strict";
(function (natives, load) {
  const {
    deferred, handled, rejected, resolved, promiseCall, method, constructing, resetQueue,
    enqueueValueWithSize, dequeueValue, highWaterMark, sizeAlgorithm,
  } = load("streams").internal;
  const { AbortController } = load("events");

  const LOCKED = "This WritableStream is currently locked to a writer.";
  const RELEASED = "This WritableStream writer has been released.";
  const CLOSED = "This WritableStream has been closed.";
  const closeSentinel = Symbol("close");

  let stateOf;

  class WritableStream {
    #s;
    constructor(sink = undefined, strategy = {}) {
      this.#s = newState(this);
      if (sink === constructing) {
        strategy(this.#s);
        return;
      }
      if (sink === null) {
        throw new TypeError("Failed to construct 'WritableStream': constructor parameter 1 is not of type " +
          "'UnderlyingSink'.");
      }
      if (sink?.type !== undefined) throw new RangeError("Invalid underlying sink type. Only undefined is valid.");
      const start = method(sink, "start");
      const write = method(sink, "write");
      const close = method(sink, "close");
      const abort = method(sink, "abort");
      setUpController(this.#s, {
        start: (c) => (start ? start.call(sink, c) : undefined),
        write: (chunk, c) => promiseCall(write, sink, chunk, c),
        close: () => promiseCall(close, sink),
        abort: (reason) => promiseCall(abort, sink, reason),
      }, highWaterMark(strategy, 1), sizeAlgorithm(strategy));
    }

    get locked() { return this.#s.writer !== undefined; }

    abort(reason) {
      if (this.#s.writer !== undefined) return rejected(new TypeError(LOCKED));
      return abortStream(this.#s, reason);
    }

    close() {
      const s = this.#s;
      if (s.writer !== undefined) return rejected(new TypeError(LOCKED));
      if (closeQueuedOrInFlight(s)) return rejected(new TypeError(CLOSED));
      return closeStream(s);
    }

    getWriter() { return new WritableStreamDefaultWriter(this); }

    static {
      stateOf = (stream) => {
        if (!(#s in stream)) throw new TypeError("Illegal invocation");
        return stream.#s;
      };
    }
  }

  function newState(stream) {
    return {
      stream, state: "writable", storedError: undefined, writer: undefined, controller: undefined,
      inFlightWriteRequest: undefined, closeRequest: undefined, inFlightCloseRequest: undefined,
      pendingAbortRequest: undefined, writeRequests: [], backpressure: false,
    };
  }

  // createStream makes a stream from algorithms {start, write, close, abort}.
  function createStream(algorithms, hwm = 1, size = () => 1) {
    return new WritableStream(constructing, (s) => setUpController(s, algorithms, hwm, size));
  }

  function abortStream(s, reason) {
    if (s.state === "closed" || s.state === "errored") return resolved(undefined);
    s.controller.abortController.abort(reason);
    const state = s.state;
    if (state === "closed" || state === "errored") return resolved(undefined);
    if (s.pendingAbortRequest !== undefined) return s.pendingAbortRequest.promise.promise;
    const wasAlreadyErroring = state === "erroring";
    const promise = deferred();
    s.pendingAbortRequest = { promise, reason: wasAlreadyErroring ? undefined : reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) startErroring(s, reason);
    return promise.promise;
  }

  function closeStream(s) {
    if (s.state === "closed" || s.state === "errored") return rejected(new TypeError(CLOSED));
    const promise = deferred();
    s.closeRequest = promise;
    if (s.writer !== undefined && s.backpressure && s.state === "writable") s.writer.ready.resolve(undefined);
    enqueueValueWithSize(s.controller, closeSentinel, 0);
    advanceQueueIfNeeded(s.controller);
    return promise.promise;
  }

  function dealWithRejection(s, error) {
    if (s.state === "writable") {
      startErroring(s, error);
      return;
    }
    finishErroring(s);
  }

  function startErroring(s, reason) {
    s.state = "erroring";
    s.storedError = reason;
    if (s.writer !== undefined) ensureReadyRejected(s.writer, reason);
    if (!hasOperationInFlight(s) && s.controller.started) finishErroring(s);
  }

  function finishErroring(s) {
    s.state = "errored";
    resetQueue(s.controller);
    const requests = s.writeRequests;
    s.writeRequests = [];
    for (const r of requests) r.reject(s.storedError);
    const abort = s.pendingAbortRequest;
    if (abort === undefined) {
      rejectCloseAndClosedIfNeeded(s);
      return;
    }
    s.pendingAbortRequest = undefined;
    if (abort.wasAlreadyErroring) {
      abort.promise.reject(s.storedError);
      rejectCloseAndClosedIfNeeded(s);
      return;
    }
    const c = s.controller;
    const result = c.abort(abort.reason);
    clearAlgorithms(c);
    result.then(() => {
      abort.promise.resolve(undefined);
      rejectCloseAndClosedIfNeeded(s);
    }, (reason) => {
      abort.promise.reject(reason);
      rejectCloseAndClosedIfNeeded(s);
    });
  }

  function finishInFlightWrite(s) {
    s.inFlightWriteRequest.resolve(undefined);
    s.inFlightWriteRequest = undefined;
  }

  function finishInFlightWriteWithError(s, error) {
    s.inFlightWriteRequest.reject(error);
    s.inFlightWriteRequest = undefined;
    dealWithRejection(s, error);
  }

  function finishInFlightClose(s) {
    s.inFlightCloseRequest.resolve(undefined);
    s.inFlightCloseRequest = undefined;
    if (s.state === "erroring") {
      s.storedError = undefined;
      if (s.pendingAbortRequest !== undefined) {
        s.pendingAbortRequest.promise.resolve(undefined);
        s.pendingAbortRequest = undefined;
      }
    }
    s.state = "closed";
    if (s.writer !== undefined) s.writer.closed.resolve(undefined);
  }

  function finishInFlightCloseWithError(s, error) {
    s.inFlightCloseRequest.reject(error);
    s.inFlightCloseRequest = undefined;
    if (s.pendingAbortRequest !== undefined) {
      s.pendingAbortRequest.promise.reject(error);
      s.pendingAbortRequest = undefined;
    }
    dealWithRejection(s, error);
  }

  const closeQueuedOrInFlight = (s) => s.closeRequest !== undefined || s.inFlightCloseRequest !== undefined;
  const hasOperationInFlight = (s) => s.inFlightWriteRequest !== undefined || s.inFlightCloseRequest !== undefined;

  function rejectCloseAndClosedIfNeeded(s) {
    if (s.closeRequest !== undefined) {
      s.closeRequest.reject(s.storedError);
      s.closeRequest = undefined;
    }
    if (s.writer !== undefined) {
      s.writer.closed.reject(s.storedError);
      handled(s.writer.closed.promise);
    }
  }

  function updateBackpressure(s, backpressure) {
    const w = s.writer;
    if (w !== undefined && backpressure !== s.backpressure) {
      if (backpressure) w.ready = deferred();
      else w.ready.resolve(undefined);
    }
    s.backpressure = backpressure;
  }

  // ---- the writer ----

  let writerState;

  class WritableStreamDefaultWriter {
    #w;
    constructor(stream) {
      const s = stateOf(stream);
      if (s.writer !== undefined) throw new TypeError(LOCKED);
      this.#w = { stream: s, ready: deferred(), closed: deferred(), object: this };
      const w = this.#w;
      s.writer = w;
      if (s.state === "writable") {
        if (closeQueuedOrInFlight(s) || !s.backpressure) w.ready.resolve(undefined);
      } else if (s.state === "erroring") {
        w.ready.reject(s.storedError);
        handled(w.ready.promise);
      } else if (s.state === "closed") {
        w.ready.resolve(undefined);
        w.closed.resolve(undefined);
      } else {
        w.ready.reject(s.storedError);
        handled(w.ready.promise);
        w.closed.reject(s.storedError);
        handled(w.closed.promise);
      }
    }
    get closed() { return this.#w.closed.promise; }
    get ready() { return this.#w.ready.promise; }
    get desiredSize() {
      const s = this.#w.stream;
      if (s === undefined) throw new TypeError(RELEASED);
      return writerDesiredSize(s);
    }
    abort(reason) {
      const s = this.#w.stream;
      if (s === undefined) return rejected(new TypeError(RELEASED));
      return abortStream(s, reason);
    }
    close() {
      const s = this.#w.stream;
      if (s === undefined) return rejected(new TypeError(RELEASED));
      if (closeQueuedOrInFlight(s)) return rejected(new TypeError(CLOSED));
      return closeStream(s);
    }
    releaseLock() {
      if (this.#w.stream === undefined) return;
      releaseWriter(this.#w);
    }
    write(chunk) { return writerWrite(this.#w, chunk); }
    static {
      writerState = (writer) => writer.#w;
    }
  }

  function writerDesiredSize(s) {
    if (s.state === "errored" || s.state === "erroring") return null;
    if (s.state === "closed") return 0;
    return s.controller.strategyHWM - s.controller.queueTotalSize;
  }

  function ensureReadyRejected(w, error) {
    if (w.ready.settled) w.ready = deferred();
    w.ready.reject(error);
    handled(w.ready.promise);
  }

  function ensureClosedRejected(w, error) {
    if (w.closed.settled) w.closed = deferred();
    w.closed.reject(error);
    handled(w.closed.promise);
  }

  function releaseWriter(w) {
    const error = new TypeError(RELEASED);
    ensureReadyRejected(w, error);
    ensureClosedRejected(w, error);
    w.stream.writer = undefined;
    w.stream = undefined;
  }

  function writerWrite(w, chunk) {
    const s = w.stream;
    if (s === undefined) return rejected(new TypeError(RELEASED));
    const c = s.controller;
    const size = chunkSize(c, chunk);
    if (s !== w.stream) return rejected(new TypeError(RELEASED));
    if (s.state === "errored") return rejected(s.storedError);
    if (closeQueuedOrInFlight(s) || s.state === "closed") return rejected(new TypeError(CLOSED));
    if (s.state === "erroring") return rejected(s.storedError);
    const promise = deferred();
    s.writeRequests.push(promise);
    try {
      enqueueValueWithSize(c, chunk, size);
    } catch (e) {
      errorIfNeeded(c, e);
      return promise.promise;
    }
    if (!closeQueuedOrInFlight(s) && s.state === "writable") updateBackpressure(s, backpressureOf(c));
    advanceQueueIfNeeded(c);
    return promise.promise;
  }

  // ---- the controller ----

  class WritableStreamDefaultController {
    #c;
    constructor(key, c) {
      if (key !== constructing) throw new TypeError("Illegal constructor");
      this.#c = c;
    }
    get signal() { return this.#c.abortController.signal; }
    error(e) {
      if (this.#c.stream.state !== "writable") return;
      controllerError(this.#c, e);
    }
  }

  function setUpController(s, algorithms, hwm, size) {
    const c = {
      stream: s, queue: [], queueTotalSize: 0, abortController: new AbortController(), started: false,
      strategyHWM: hwm, strategySize: size, write: algorithms.write, close: algorithms.close,
      abort: algorithms.abort,
    };
    c.object = new WritableStreamDefaultController(constructing, c);
    s.controller = c;
    updateBackpressure(s, backpressureOf(c));
    resolved(algorithms.start(c.object)).then(() => {
      c.started = true;
      advanceQueueIfNeeded(c);
    }, (r) => {
      c.started = true;
      dealWithRejection(s, r);
    });
  }

  function clearAlgorithms(c) {
    c.write = undefined;
    c.close = undefined;
    c.abort = undefined;
    c.strategySize = undefined;
  }

  function chunkSize(c, chunk) {
    if (c.strategySize === undefined) return 1;
    try {
      return c.strategySize(chunk);
    } catch (e) {
      errorIfNeeded(c, e);
      return 1;
    }
  }

  const backpressureOf = (c) => c.strategyHWM - c.queueTotalSize <= 0;

  function advanceQueueIfNeeded(c) {
    const s = c.stream;
    if (!c.started || s.inFlightWriteRequest !== undefined) return;
    if (s.state === "erroring") {
      finishErroring(s);
      return;
    }
    if (c.queue.length === 0) return;
    const value = c.queue[0].value;
    if (value === closeSentinel) processClose(c);
    else processWrite(c, value);
  }

  function errorIfNeeded(c, e) {
    if (c.stream.state === "writable") controllerError(c, e);
  }

  function controllerError(c, e) {
    clearAlgorithms(c);
    startErroring(c.stream, e);
  }

  function processClose(c) {
    const s = c.stream;
    s.inFlightCloseRequest = s.closeRequest;
    s.closeRequest = undefined;
    dequeueValue(c);
    const result = c.close();
    clearAlgorithms(c);
    result.then(() => finishInFlightClose(s), (reason) => finishInFlightCloseWithError(s, reason));
  }

  function processWrite(c, chunk) {
    const s = c.stream;
    s.inFlightWriteRequest = s.writeRequests.shift();
    c.write(chunk, c.object).then(() => {
      finishInFlightWrite(s);
      dequeueValue(c);
      if (!closeQueuedOrInFlight(s) && s.state === "writable") updateBackpressure(s, backpressureOf(c));
      advanceQueueIfNeeded(c);
    }, (reason) => {
      if (s.state === "writable") clearAlgorithms(c);
      finishInFlightWriteWithError(s, reason);
    });
  }

  return {
    WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController,
    internal: {
      stateOf, writerState, createStream, abortStream, closeStream, closeQueuedOrInFlight, errorIfNeeded,
      writerWrite, releaseWriter, writerDesiredSize, LOCKED, RELEASED, CLOSED,
    },
  };
})
