// ReadableStream's tee, its async iterator and ReadableStream.from, over the internals of
// streams.js.
"use strict";
(function (natives, load) {
  const { ReadableStream, ReadableStreamDefaultReader, internal } = load("streams");
  const {
    readerState, createStream, setUpDefaultController, controllerEnqueue, controllerClose,
    controllerError, cancelStream, releaseReader, readerRead, readNext, acquireReader, deferred, rejected,
    resolved, promiseCall, RELEASED,
  } = internal;

  function tee(s) {
    const r = acquireReader(s);
    const bytes = s.controller.kind === "byte";
    let reading = false, readAgain = false, canceled1 = false, canceled2 = false, reason1, reason2;
    const cancelled = deferred();
    const branches = [];
    const enqueue = (i, chunk) => {
      const c = branches[i].controller;
      if (bytes) load("bytestream").internal.enqueue(c, chunk);
      else controllerEnqueue(c, chunk);
    };
    const close = (i) => {
      const c = branches[i].controller;
      if (bytes) load("bytestream").internal.close(c);
      else controllerClose(c);
    };
    const pull = () => {
      if (reading) {
        readAgain = true;
        return resolved(undefined);
      }
      reading = true;
      readerRead(r, {
        chunk: (chunk) => queueMicrotask(() => {
          readAgain = false;
          const copy = bytes ? new Uint8Array(chunk) : chunk;
          if (!canceled1) enqueue(0, chunk);
          if (!canceled2) enqueue(1, copy);
          reading = false;
          if (readAgain) pull();
        }),
        close: () => {
          reading = false;
          if (!canceled1) close(0);
          if (!canceled2) close(1);
          if (!canceled1 || !canceled2) cancelled.resolve(undefined);
        },
        error: () => { reading = false; },
      });
      return resolved(undefined);
    };
    const cancelBranch = (i) => (reason) => {
      if (i === 0) { canceled1 = true; reason1 = reason; } else { canceled2 = true; reason2 = reason; }
      if (canceled1 && canceled2) cancelled.resolve(cancelStream(s, [reason1, reason2]));
      return cancelled.promise;
    };
    for (const i of [0, 1]) {
      createStream((bs) => {
        branches[i] = bs;
        const algorithms = { start: () => {}, pull, cancel: cancelBranch(i) };
        if (bytes) load("bytestream").internal.setUp(bs, algorithms, 0, undefined);
        else setUpDefaultController(bs, algorithms, 1, () => 1);
      });
    }
    r.closed.promise.catch((e) => {
      for (const b of branches) {
        if (bytes) load("bytestream").internal.error(b.controller, e);
        else controllerError(b.controller, e);
      }
      if (!canceled1 || !canceled2) cancelled.resolve(undefined);
    });
    return [branches[0].stream, branches[1].stream];
  }

  function asyncIterator(stream, preventCancel) {
    const r = readerState(new ReadableStreamDefaultReader(stream));
    let ongoing;
    let finished = false;
    const next = () => {
      if (finished) return resolved({ value: undefined, done: true });
      if (r.stream === undefined) return rejected(new TypeError(RELEASED));
      return readNext(r).then((result) => {
        if (result.done) {
          finished = true;
          releaseReader(r);
        }
        return result;
      }, (e) => {
        finished = true;
        if (r.stream !== undefined) releaseReader(r);
        throw e;
      });
    };
    const ret = (value) => {
      if (finished) return resolved({ value, done: true });
      finished = true;
      if (r.stream === undefined) return rejected(new TypeError(RELEASED));
      if (!preventCancel) {
        const s = r.stream;
        const result = cancelStream(s, value);
        releaseReader(r);
        return result.then(() => ({ value, done: true }));
      }
      releaseReader(r);
      return resolved({ value, done: true });
    };
    const iterator = {
      next() {
        ongoing = ongoing ? ongoing.then(next, next) : next();
        return ongoing;
      },
      return(value) {
        const run = () => ret(value);
        ongoing = ongoing ? ongoing.then(run, run) : run();
        return ongoing;
      },
      [Symbol.asyncIterator]() { return this; },
    };
    return iterator;
  }

  function fromIterable(iterable) {
    if (iterable instanceof ReadableStream) return iterable;
    let iterator;
    const asyncMethod = iterable?.[Symbol.asyncIterator];
    if (asyncMethod != null) {
      iterator = asyncMethod.call(iterable);
    } else {
      const syncMethod = iterable?.[Symbol.iterator];
      if (syncMethod == null) {
        throw new TypeError("Failed to execute 'from' on 'ReadableStream': parameter 1 is not of type " +
          "'AsyncIterable'.");
      }
      const sync = syncMethod.call(iterable);
      iterator = {
        next: () => { const r = sync.next(); return resolved(r.value).then((value) => ({ value, done: r.done })); },
        return: (v) => resolved(typeof sync.return === "function" ? sync.return(v) : { value: v, done: true }),
      };
    }
    return createStream((s) => setUpDefaultController(s, {
      start: () => {},
      pull: (c) => promiseCall(iterator.next, iterator).then((result) => {
        if (result === null || typeof result !== "object") {
          throw new TypeError("The promise returned by the iterator.next() method must fulfill with an object");
        }
        if (result.done) c.close(); else c.enqueue(result.value);
      }),
      cancel: (reason) => {
        const fn = iterator.return;
        if (fn == null) return resolved(undefined);
        return promiseCall(fn, iterator, reason).then((result) => {
          if (result === null || typeof result !== "object") {
            throw new TypeError("The promise returned by the iterator.return() method must fulfill with an object");
          }
        });
      },
    }, 0, () => 1));
  }

  return { tee, asyncIterator, fromIterable };
})
