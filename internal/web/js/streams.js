// ReadableStream with its default controller and reader, tee, async iteration and
// ReadableStream.from, after the WHATWG Streams Standard, with workerd's error texts. Byte
// streams live in bytestream.js, piping in pipe.js; both reach the internals exported here.
"use strict";
(function (natives, load) {
  const LOCKED = "This ReadableStream is currently locked to a reader.";
  const RELEASED = "This ReadableStream reader has been released.";

  // deferred is a promise with its resolving functions and whether it has settled.
  function deferred() {
    const d = { settled: false };
    d.promise = new Promise((res, rej) => {
      d.resolve = (v) => { d.settled = true; res(v); };
      d.reject = (e) => { d.settled = true; rej(e); };
    });
    return d;
  }
  const handled = (p) => { p.catch(() => {}); return p; };
  const rejected = (e) => handled(Promise.reject(e));
  const resolved = (v) => Promise.resolve(v);
  // promiseCall calls a method of an underlying source or sink, turning a throw into a
  // rejection, as the standard's "invoke a callback" steps do.
  function promiseCall(fn, self, ...args) {
    if (fn === undefined) return resolved(undefined);
    try {
      return resolved(fn.apply(self, args));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  function method(obj, name) {
    const fn = obj?.[name];
    if (fn !== undefined && typeof fn !== "function") {
      throw new TypeError(`${name} must be a function.`);
    }
    return fn;
  }

  // Queue-with-sizes, shared by the default controllers of readable and writable streams.
  function resetQueue(c) { c.queue = []; c.queueTotalSize = 0; }
  function enqueueValueWithSize(c, value, size) {
    size = Number(size);
    if (!(size >= 0) || size === Infinity) {
      throw new RangeError("The return value of a queuing strategy's size function must be a finite, non-negative " +
        "number.");
    }
    c.queue.push({ value, size });
    c.queueTotalSize += size;
  }
  function dequeueValue(c) {
    const pair = c.queue.shift();
    c.queueTotalSize = Math.max(0, c.queueTotalSize - pair.size);
    return pair.value;
  }

  function highWaterMark(strategy, fallback) {
    const hwm = strategy?.highWaterMark;
    if (hwm === undefined) return fallback;
    const n = Number(hwm);
    if (Number.isNaN(n) || n < 0) throw new RangeError("The highWaterMark must be a non-negative number.");
    return n;
  }
  function sizeAlgorithm(strategy) {
    const size = strategy?.size;
    if (size === undefined) return () => 1;
    if (typeof size !== "function") throw new TypeError("The size must be a function.");
    return (chunk) => size(chunk);
  }

  class CountQueuingStrategy {
    #hwm;
    constructor(init) {
      if (init?.highWaterMark === undefined) {
        throw new TypeError("Failed to construct 'CountQueuingStrategy': constructor parameter 1 is not of type " +
          "'QueuingStrategyInit'.");
      }
      this.#hwm = Number(init.highWaterMark);
    }
    get highWaterMark() { return this.#hwm; }
    get size() { return () => 1; }
  }

  class ByteLengthQueuingStrategy {
    #hwm;
    constructor(init) {
      if (init?.highWaterMark === undefined) {
        throw new TypeError("Failed to construct 'ByteLengthQueuingStrategy': constructor parameter 1 is not of " +
          "type 'QueuingStrategyInit'.");
      }
      this.#hwm = Number(init.highWaterMark);
    }
    get highWaterMark() { return this.#hwm; }
    get size() { return (chunk) => chunk?.byteLength; }
  }

  // ---- the stream ----

  let stateOf;
  const constructing = Symbol("internal");

  class ReadableStream {
    #s;
    constructor(source = undefined, strategy = {}) {
      if (source === constructing) {
        this.#s = strategy;
        strategy.stream = this;
        return;
      }
      this.#s = newState(this);
      if (source === null) throw new TypeError("Failed to construct 'ReadableStream': constructor parameter 1 is " +
        "not of type 'UnderlyingSource'.");
      const type = source?.type;
      if (type !== undefined && String(type) !== "bytes") {
        throw new TypeError(`Failed to construct 'ReadableStream': '${type}' is not a valid enum value.`);
      }
      if (type !== undefined) {
        if (strategy?.size !== undefined) throw new RangeError("The size function must be undefined for a byte " +
          "stream.");
        load("bytestream").internal.setUpFromSource(this.#s, source, highWaterMark(strategy, 0));
        return;
      }
      setUpDefaultFromSource(this.#s, source, highWaterMark(strategy, 1), sizeAlgorithm(strategy));
    }

    get locked() { return this.#s.reader !== undefined; }

    cancel(reason) {
      if (this.#s.reader !== undefined) return rejected(new TypeError(LOCKED));
      return cancelStream(this.#s, reason);
    }

    getReader(options = undefined) {
      const mode = options?.mode;
      if (mode !== undefined && String(mode) !== "byob") {
        throw new TypeError("mode must be undefined or 'byob' in call to getReader().");
      }
      if (mode === undefined) return new ReadableStreamDefaultReader(this);
      const { ReadableStreamBYOBReader } = load("bytestream");
      return new ReadableStreamBYOBReader(this);
    }

    pipeThrough(transform, options = {}) {
      const { readable, writable } = transform ?? {};
      if (!(readable instanceof ReadableStream) || typeof writable?.getWriter !== "function") {
        throw new TypeError("Failed to execute 'pipeThrough' on 'ReadableStream': parameter 1 is not of type " +
          "'ReadableWritablePair'.");
      }
      if (this.locked) throw new TypeError(LOCKED);
      if (writable.locked) throw new TypeError("This WritableStream is currently locked to a writer.");
      handled(load("pipe").pipeTo(this.#s, writable, options));
      return readable;
    }

    pipeTo(destination, options = {}) {
      if (this.locked) return rejected(new TypeError(LOCKED));
      if (typeof destination?.getWriter !== "function") {
        return rejected(new TypeError("Failed to execute 'pipeTo' on 'ReadableStream': parameter 1 is not of type " +
          "'WritableStream'."));
      }
      if (destination.locked) return rejected(new TypeError("This WritableStream is currently locked to a writer"));
      return load("pipe").pipeTo(this.#s, destination, options);
    }

    tee() {
      if (this.locked) throw new TypeError("This ReadableStream is currently locked to a reader,");
      return load("iterate").tee(this.#s);
    }

    values(options = undefined) { return load("iterate").asyncIterator(this, !!options?.preventCancel); }
    [Symbol.asyncIterator](options = undefined) { return this.values(options); }

    static from(iterable) { return load("iterate").fromIterable(iterable); }

    static {
      stateOf = (stream) => {
        if (!(#s in stream)) throw new TypeError("Illegal invocation");
        return stream.#s;
      };
    }
  }

  function newState(stream) {
    return {
      stream, state: "readable", reader: undefined, storedError: undefined, disturbed: false, controller: undefined,
    };
  }

  // createStream makes a stream whose state the caller drives through the internals.
  function createStream(setup) {
    const s = newState(undefined);
    const stream = new ReadableStream(constructing, s);
    setup(s);
    return stream;
  }

  function cancelStream(s, reason) {
    s.disturbed = true;
    if (s.state === "closed") return resolved(undefined);
    if (s.state === "errored") return rejected(s.storedError);
    closeStream(s);
    const reader = s.reader;
    if (reader?.kind === "byob") {
      const requests = reader.readIntoRequests;
      reader.readIntoRequests = [];
      for (const r of requests) r.close(undefined);
    }
    return s.controller.cancelSteps(reason).then(() => undefined);
  }

  function closeStream(s) {
    s.state = "closed";
    const reader = s.reader;
    if (reader === undefined) return;
    reader.closed.resolve(undefined);
    if (reader.kind === "default") {
      const requests = reader.readRequests;
      reader.readRequests = [];
      for (const r of requests) r.close();
    }
  }

  function errorStream(s, e) {
    s.state = "errored";
    s.storedError = e;
    const reader = s.reader;
    if (reader === undefined) return;
    reader.closed.reject(e);
    handled(reader.closed.promise);
    const requests = reader.kind === "default" ? reader.readRequests : reader.readIntoRequests;
    if (reader.kind === "default") reader.readRequests = []; else reader.readIntoRequests = [];
    for (const r of requests) r.error(e);
  }

  function fulfillReadRequest(s, chunk, done) {
    const r = s.reader.readRequests.shift();
    if (done) r.close(); else r.chunk(chunk);
  }

  const numReadRequests = (s) => s.reader?.readRequests?.length ?? 0;

  // ---- the default controller ----

  class ReadableStreamDefaultController {
    #c;
    constructor(key, c) {
      if (key !== constructing) throw new TypeError("Illegal constructor");
      this.#c = c;
    }
    get desiredSize() { return desiredSize(this.#c); }
    close() {
      if (!canCloseOrEnqueue(this.#c)) throw new TypeError("This ReadableStream is closed.");
      controllerClose(this.#c);
    }
    enqueue(chunk) {
      if (!canCloseOrEnqueue(this.#c)) throw new TypeError("This ReadableStream is closed.");
      controllerEnqueue(this.#c, chunk);
    }
    error(e) { controllerError(this.#c, e); }
  }

  function setUpDefaultFromSource(s, source, hwm, size) {
    const start = method(source, "start");
    const pull = method(source, "pull");
    const cancel = method(source, "cancel");
    setUpDefaultController(s, {
      start: (c) => (start ? start.call(source, c) : undefined),
      pull: (c) => promiseCall(pull, source, c),
      cancel: (reason) => promiseCall(cancel, source, reason),
    }, hwm, size);
  }

  // setUpDefaultController wires a default controller to s; algorithms has start(controller),
  // pull(controller) and cancel(reason), the last two returning promises.
  function setUpDefaultController(s, algorithms, hwm, size) {
    const c = {
      kind: "default", stream: s, queue: [], queueTotalSize: 0, started: false, closeRequested: false,
      pullAgain: false, pulling: false, strategyHWM: hwm, strategySize: size,
      pull: algorithms.pull, cancel: algorithms.cancel,
    };
    c.object = new ReadableStreamDefaultController(constructing, c);
    c.pullSteps = (request) => pullSteps(c, request);
    c.cancelSteps = (reason) => {
      resetQueue(c);
      const result = c.cancel(reason);
      clearAlgorithms(c);
      return result;
    };
    c.releaseSteps = () => {};
    s.controller = c;
    const startResult = algorithms.start(c.object);
    resolved(startResult).then(() => {
      c.started = true;
      callPullIfNeeded(c);
    }, (r) => controllerError(c, r));
    return c;
  }

  function clearAlgorithms(c) {
    c.pull = undefined;
    c.cancel = undefined;
    c.strategySize = undefined;
  }

  const canCloseOrEnqueue = (c) => !c.closeRequested && c.stream.state === "readable";

  function desiredSize(c) {
    if (c.stream.state === "errored") return null;
    if (c.stream.state === "closed") return 0;
    return c.strategyHWM - c.queueTotalSize;
  }

  function shouldCallPull(c) {
    if (!canCloseOrEnqueue(c) || !c.started) return false;
    if (c.stream.reader !== undefined && numReadRequests(c.stream) > 0) return true;
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
    }, (e) => controllerError(c, e));
  }

  function controllerClose(c) {
    if (!canCloseOrEnqueue(c)) return;
    c.closeRequested = true;
    if (c.queue.length === 0) {
      clearAlgorithms(c);
      closeStream(c.stream);
    }
  }

  function controllerEnqueue(c, chunk) {
    if (!canCloseOrEnqueue(c)) return;
    const s = c.stream;
    if (s.reader !== undefined && numReadRequests(s) > 0) {
      fulfillReadRequest(s, chunk, false);
    } else {
      try {
        enqueueValueWithSize(c, chunk, c.strategySize(chunk));
      } catch (e) {
        controllerError(c, e);
        throw e;
      }
    }
    callPullIfNeeded(c);
  }

  function controllerError(c, e) {
    if (c.stream.state !== "readable") return;
    resetQueue(c);
    clearAlgorithms(c);
    errorStream(c.stream, e);
  }

  function pullSteps(c, request) {
    const s = c.stream;
    if (c.queue.length > 0) {
      const chunk = dequeueValue(c);
      if (c.closeRequested && c.queue.length === 0) {
        clearAlgorithms(c);
        closeStream(s);
      } else {
        callPullIfNeeded(c);
      }
      request.chunk(chunk);
      return;
    }
    s.reader.readRequests.push(request);
    callPullIfNeeded(c);
  }

  // ---- the default reader ----

  let readerState;

  class ReadableStreamDefaultReader {
    #r;
    constructor(stream) {
      const s = stateOf(stream);
      if (s.reader !== undefined) throw new TypeError(LOCKED);
      this.#r = { kind: "default", stream: undefined, readRequests: [], closed: undefined, object: this };
      initializeReader(this.#r, s);
    }
    get closed() { return this.#r.closed.promise; }
    cancel(reason) {
      if (this.#r.stream === undefined) return rejected(new TypeError(RELEASED));
      return cancelStream(this.#r.stream, reason);
    }
    read() {
      const r = this.#r;
      if (r.stream === undefined) return rejected(new TypeError(RELEASED));
      const d = deferred();
      readerRead(r, {
        chunk: (value) => d.resolve({ value, done: false }),
        close: () => d.resolve({ value: undefined, done: true }),
        error: (e) => d.reject(e),
      });
      return d.promise;
    }
    releaseLock() {
      if (this.#r.stream === undefined) return;
      releaseReader(this.#r);
    }
    static {
      readerState = (reader) => reader.#r;
    }
  }

  function initializeReader(r, s) {
    r.stream = s;
    s.reader = r;
    r.closed = deferred();
    if (s.state === "closed") {
      r.closed.resolve(undefined);
    } else if (s.state === "errored") {
      r.closed.reject(s.storedError);
      handled(r.closed.promise);
    }
  }

  function readerRead(r, request) {
    const s = r.stream;
    s.disturbed = true;
    if (s.state === "closed") request.close();
    else if (s.state === "errored") request.error(s.storedError);
    else s.controller.pullSteps(request);
  }

  function releaseReader(r) {
    const s = r.stream;
    const e = new TypeError(RELEASED);
    if (s.state === "readable") {
      r.closed.reject(e);
    } else {
      r.closed = deferred();
      r.closed.reject(e);
    }
    handled(r.closed.promise);
    s.controller.releaseSteps();
    s.reader = undefined;
    r.stream = undefined;
    const requests = r.kind === "default" ? r.readRequests : r.readIntoRequests;
    if (r.kind === "default") r.readRequests = []; else r.readIntoRequests = [];
    for (const req of requests) req.error(e);
  }

  // readNext reads one chunk through a reader's internals, as a promise of {value, done}.
  function readNext(r) {
    const d = deferred();
    readerRead(r, {
      chunk: (value) => d.resolve({ value, done: false }),
      close: () => d.resolve({ value: undefined, done: true }),
      error: (e) => d.reject(e),
    });
    return d.promise;
  }

  function acquireReader(s) {
    return readerState(new ReadableStreamDefaultReader(s.stream));
  }

  return {
    ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController,
    CountQueuingStrategy, ByteLengthQueuingStrategy,
    internal: {
      stateOf, readerState, createStream, setUpDefaultController, controllerEnqueue, controllerClose,
      controllerError, cancelStream, closeStream, errorStream, initializeReader, releaseReader,
      readerRead, readNext, acquireReader, fulfillReadRequest, numReadRequests, canCloseOrEnqueue,
      callPullIfNeeded, desiredSize, deferred, handled, rejected, resolved, promiseCall, method,
      resetQueue, enqueueValueWithSize, dequeueValue, highWaterMark, sizeAlgorithm, constructing,
      LOCKED, RELEASED,
    },
  };
})
