// node:timers and node:timers/promises over the runtime's timers, which run on its clock (fake
// under vi.useFakeTimers). The globals are read at call time.
"use strict";
(function (natives, load) {
  const errors = load("errors");

  class Timeout {
    #id;
    #repeat;
    #ref = true;

    constructor(id, repeat) {
      this.#id = id;
      this.#repeat = repeat;
    }

    ref() { this.#ref = true; return this; }
    unref() { this.#ref = false; return this; }
    hasRef() { return this.#ref; }
    close() { globalThis.clearTimeout(this.#id); return this; }
    refresh() { return this; }
    [Symbol.toPrimitive]() { return this.#id; }
    [Symbol.dispose]() { this.close(); }
  }

  class Immediate {
    #id;
    #ref = true;

    constructor(id) { this.#id = id; }
    ref() { this.#ref = true; return this; }
    unref() { this.#ref = false; return this; }
    hasRef() { return this.#ref; }
    [Symbol.toPrimitive]() { return this.#id; }
    [Symbol.dispose]() { globalThis.clearTimeout(this.#id); }
  }

  function idOf(timer) {
    return timer instanceof Timeout || timer instanceof Immediate ? timer[Symbol.toPrimitive]() : timer;
  }

  function setTimeout(callback, delay, ...args) {
    errors.validateFunction(callback, "callback");
    return new Timeout(globalThis.setTimeout(callback, delay, ...args), false);
  }
  function setInterval(callback, delay, ...args) {
    errors.validateFunction(callback, "callback");
    return new Timeout(globalThis.setInterval(callback, delay, ...args), true);
  }
  function setImmediate(callback, ...args) {
    errors.validateFunction(callback, "callback");
    return new Immediate(globalThis.setTimeout(callback, 0, ...args));
  }
  const clearTimeout = (t) => globalThis.clearTimeout(idOf(t));
  const clearInterval = (t) => globalThis.clearInterval(idOf(t));
  const clearImmediate = (t) => globalThis.clearTimeout(idOf(t));

  function checkSignal(options) {
    if (options === null || typeof options !== "object") throw errors.invalidArgType("options", "Object", options);
    const signal = options.signal;
    if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
      throw errors.invalidArgType("options.signal", "AbortSignal", signal);
    }
    return signal;
  }

  function delayed(schedule, clear, value, options) {
    const signal = checkSignal(options);
    if (signal?.aborted) return Promise.reject(new errors.AbortError(undefined, { cause: signal.reason }));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clear(id);
        reject(new errors.AbortError(undefined, { cause: signal.reason }));
      };
      const id = schedule(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve(value);
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  const promises = {
    setTimeout(delay, value, options = {}) {
      if (delay !== undefined) errors.validateNumber(delay, "delay");
      return delayed((fn) => globalThis.setTimeout(fn, delay ?? 1), globalThis.clearTimeout, value, options);
    },
    setImmediate(value, options = {}) {
      return delayed((fn) => globalThis.setTimeout(fn, 0), globalThis.clearTimeout, value, options);
    },
    setInterval(delay, value, options = {}) {
      if (delay !== undefined) errors.validateNumber(delay, "delay");
      const signal = checkSignal(options);
      let ticks = 0;
      let wake = null;
      let done = false;
      const id = globalThis.setInterval(() => {
        ticks++;
        if (wake) wake();
      }, delay ?? 1);
      const stop = () => {
        done = true;
        globalThis.clearInterval(id);
        if (wake) wake();
      };
      signal?.addEventListener("abort", stop, { once: true });
      return {
        async next() {
          if (signal?.aborted) {
            stop();
            throw new errors.AbortError(undefined, { cause: signal.reason });
          }
          if (done) return { value: undefined, done: true };
          while (ticks === 0 && !done) await new Promise((resolve) => { wake = resolve; });
          wake = null;
          if (signal?.aborted) throw new errors.AbortError(undefined, { cause: signal.reason });
          if (done) return { value: undefined, done: true };
          ticks--;
          return { value, done: false };
        },
        async return() {
          stop();
          return { value: undefined, done: true };
        },
        [Symbol.asyncIterator]() { return this; },
      };
    },
    scheduler: {
      wait: (delay, options) => promises.setTimeout(delay, undefined, options),
      yield: () => promises.setImmediate(),
    },
  };
  promises.default = promises;

  const exports = {
    setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate, Timeout, Immediate,
    promises,
    active(t) { if (t instanceof Timeout) t.refresh(); },
    unenroll(t) { clearTimeout(t); },
    enroll() { throw new Error("Not implemented. Please use setTimeout() instead."); },
  };
  exports.default = exports;
  return exports;
})
