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
    const preventClose = !!options?.preventClose;
    const preventAbort = !!options?.preventAbort;
    const preventCancel = !!options?.preventCancel;
    const signal = options?.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      return rejected(new TypeError("Failed to execute 'pipeTo' on 'ReadableStream': signal is not of type " +
        "'AbortSignal'."));
    }

    const reader = readable.acquireReader(rs);
    const ws = w.stateOf(destination);
    const writer = w.writerState(new writable.WritableStreamDefaultWriter(destination));
    rs.disturbed = true;
    const done = deferred();
    let shuttingDown = false;
    let lastWrite = resolved(undefined);

    const finalize = (isError, error) => {
      w.releaseWriter(writer);
      readable.releaseReader(reader);
      signal?.removeEventListener("abort", onAbort);
      if (isError) done.reject(error); else done.resolve(undefined);
    };
    let pendingRead = resolved(undefined);
    // afterWrites waits for the read in flight and for the writes of every chunk read so far.
    const afterWrites = (fn) => {
      if (ws.state === "writable" && !w.closeQueuedOrInFlight(ws)) {
        const writes = () => lastWrite.then(fn, fn);
        pendingRead.then(writes, writes);
      } else {
        fn();
      }
    };
    const shutdownWithAction = (action, isError, error) => {
      if (shuttingDown) return;
      shuttingDown = true;
      afterWrites(() => action().then(() => finalize(isError, error), (e) => finalize(true, e)));
    };
    const shutdown = (isError, error) => {
      if (shuttingDown) return;
      shuttingDown = true;
      afterWrites(() => finalize(isError, error));
    };

    const forwardError = (e) => {
      if (!preventAbort) shutdownWithAction(() => w.abortStream(ws, e), true, e);
      else shutdown(true, e);
    };
    const backwardError = (e) => {
      if (!preventCancel) shutdownWithAction(() => readable.cancelStream(rs, e), true, e);
      else shutdown(true, e);
    };
    const forwardClose = () => {
      if (!preventClose) shutdownWithAction(() => closeWithErrorPropagation(ws), false);
      else shutdown(false);
    };
    const backwardClose = () => {
      const e = new TypeError("This destination writable stream is closed.");
      if (!preventCancel) shutdownWithAction(() => readable.cancelStream(rs, e), true, e);
      else shutdown(true, e);
    };
    function onAbort() {
      const error = signal.reason;
      const actions = [];
      if (!preventAbort) actions.push(() => (ws.state === "writable" ? w.abortStream(ws, error) : resolved(undefined)));
      if (!preventCancel) {
        actions.push(() => (rs.state === "readable" ? readable.cancelStream(rs, error) : resolved(undefined)));
      }
      shutdownWithAction(() => Promise.all(actions.map((a) => a())), true, error);
    }

    if (signal?.aborted) {
      onAbort();
      return done.promise;
    }
    signal?.addEventListener("abort", onAbort);

    if (rs.state === "errored") forwardError(rs.storedError);
    else if (ws.state === "errored" || ws.state === "erroring") backwardError(ws.storedError);
    else if (rs.state === "closed") forwardClose();
    else if (w.closeQueuedOrInFlight(ws) || ws.state === "closed") backwardClose();
    if (shuttingDown) return done.promise;

    reader.closed.promise.then(() => forwardClose(), (e) => { if (!shuttingDown) forwardError(e); });
    writer.closed.promise.then(() => {}, (e) => { if (!shuttingDown) backwardError(e); });

    // step reads one chunk when the destination is ready; a chunk read while the pipe shuts
    // down is still written, as the standard requires.
    const step = () => {
      if (shuttingDown) return;
      writer.ready.promise.then(() => {
        if (shuttingDown) return;
        pendingRead = readable.readNext(reader).then((result) => {
          if (result.done) return;
          if (ws.state === "writable" && !w.closeQueuedOrInFlight(ws)) {
            lastWrite = handled(w.writerWrite(writer, result.value));
          }
          step();
        }, () => {});
      }, () => {});
    };
    step();
    return done.promise;
  }

  function closeWithErrorPropagation(ws) {
    if (w.closeQueuedOrInFlight(ws) || ws.state === "closed") return resolved(undefined);
    if (ws.state === "errored") return rejected(ws.storedError);
    return w.closeStream(ws);
  }

  return { pipeTo };
})
