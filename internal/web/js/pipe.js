// ReadableStream.prototype.pipeTo's algorithm: pump chunks from a readable stream into a
// writable one, propagating errors and closes both ways, and stopping on an AbortSignal.
"use strict";
(function (natives, load) {
  const readable = load("streams").internal;
  const writable = load("writable");
  const w = writable.internal;
  const { AbortSignal } = load("events");
  const { deferred, resolved, rejected, handled } = readable;

  function pipeTo(rs, destination, options) {
    const signal = options?.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      return rejected(new TypeError("Failed to execute 'pipeTo' on 'ReadableStream': signal is not of type " +
        "'AbortSignal'."));
    }
    return new Pipe(rs, destination, options, signal).start();
  }

  // Pipe is one pipeTo in progress: the reader and writer it holds, the read and write in
  // flight, and how it shuts down.
  class Pipe {
    constructor(rs, destination, options, signal) {
      this.rs = rs;
      this.preventClose = !!options?.preventClose;
      this.preventAbort = !!options?.preventAbort;
      this.preventCancel = !!options?.preventCancel;
      this.signal = signal;
      this.reader = readable.acquireReader(rs);
      this.ws = w.stateOf(destination);
      this.writer = w.writerState(new writable.WritableStreamDefaultWriter(destination));
      this.done = deferred();
      this.shuttingDown = false;
      this.pendingRead = resolved(undefined);
      this.lastWrite = resolved(undefined);
      this.onAbort = () => this.abort();
      rs.disturbed = true;
    }

    start() {
      const { rs, ws, signal } = this;
      if (signal?.aborted) {
        this.abort();
        return this.done.promise;
      }
      signal?.addEventListener("abort", this.onAbort);
      // The standard checks these in order; the first that applies decides.
      if (rs.state === "errored") this.forwardError(rs.storedError);
      else if (ws.state === "errored" || ws.state === "erroring") this.backwardError(ws.storedError);
      else if (rs.state === "closed") this.forwardClose();
      else if (w.closeQueuedOrInFlight(ws) || ws.state === "closed") this.backwardClose();
      if (this.shuttingDown) return this.done.promise;

      this.reader.closed.promise.then(() => this.forwardClose(), (e) => {
        if (!this.shuttingDown) this.forwardError(e);
      });
      this.writer.closed.promise.then(() => {}, (e) => {
        if (!this.shuttingDown) this.backwardError(e);
      });
      this.step();
      return this.done.promise;
    }

    // step reads one chunk when the destination is ready; a chunk read while the pipe shuts
    // down is still written, as the standard requires.
    step() {
      if (this.shuttingDown) return;
      this.writer.ready.promise.then(() => {
        if (this.shuttingDown) return;
        this.pendingRead = readable.readNext(this.reader).then((result) => {
          if (result.done) return;
          if (this.ws.state === "writable" && !w.closeQueuedOrInFlight(this.ws)) {
            this.lastWrite = handled(w.writerWrite(this.writer, result.value));
          }
          this.step();
        }, () => {});
      }, () => {});
    }

    forwardError(e) {
      if (!this.preventAbort) this.shutdownWithAction(() => w.abortStream(this.ws, e), true, e);
      else this.shutdown(true, e);
    }

    backwardError(e) {
      if (!this.preventCancel) this.shutdownWithAction(() => readable.cancelStream(this.rs, e), true, e);
      else this.shutdown(true, e);
    }

    forwardClose() {
      if (!this.preventClose) this.shutdownWithAction(() => closeWithErrorPropagation(this.ws), false);
      else this.shutdown(false);
    }

    backwardClose() {
      const e = new TypeError("This destination writable stream is closed.");
      if (!this.preventCancel) this.shutdownWithAction(() => readable.cancelStream(this.rs, e), true, e);
      else this.shutdown(true, e);
    }

    abort() {
      const { rs, ws } = this;
      const error = this.signal.reason;
      const actions = [];
      if (!this.preventAbort) {
        actions.push(() => (ws.state === "writable" ? w.abortStream(ws, error) : resolved(undefined)));
      }
      if (!this.preventCancel) {
        actions.push(() => (rs.state === "readable" ? readable.cancelStream(rs, error) : resolved(undefined)));
      }
      this.shutdownWithAction(() => Promise.all(actions.map((a) => a())), true, error);
    }

    shutdownWithAction(action, isError, error) {
      if (this.shuttingDown) return;
      this.shuttingDown = true;
      this.afterWrites(() => action().then(() => this.finalize(isError, error), (e) => this.finalize(true, e)));
    }

    shutdown(isError, error) {
      if (this.shuttingDown) return;
      this.shuttingDown = true;
      this.afterWrites(() => this.finalize(isError, error));
    }

    // afterWrites waits for the read in flight and for the writes of every chunk read so far.
    afterWrites(fn) {
      if (this.ws.state !== "writable" || w.closeQueuedOrInFlight(this.ws)) {
        fn();
        return;
      }
      const writes = () => this.lastWrite.then(fn, fn);
      this.pendingRead.then(writes, writes);
    }

    finalize(isError, error) {
      w.releaseWriter(this.writer);
      readable.releaseReader(this.reader);
      this.signal?.removeEventListener("abort", this.onAbort);
      if (isError) this.done.reject(error);
      else this.done.resolve(undefined);
    }
  }

  function closeWithErrorPropagation(ws) {
    if (w.closeQueuedOrInFlight(ws) || ws.state === "closed") return resolved(undefined);
    if (ws.state === "errored") return rejected(ws.storedError);
    return w.closeStream(ws);
  }

  return { pipeTo };
})
