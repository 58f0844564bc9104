// node:async_hooks: AsyncLocalStorage and AsyncResource. The current frame, a Map from store
// to value, is kept in Go and carried by goja across promise jobs; timers set through the
// globals capture it here, since the runtime's timers do not yet.
"use strict";
(function (natives, load) {
  const errors = load("errors");
  const hooks = natives.asyncHooks();
  const EMPTY = new Map();

  function current() {
    return hooks.get() ?? EMPTY;
  }

  function runIn(frame, fn, thisArg, args) {
    const prev = hooks.get();
    hooks.set(frame);
    try {
      return Reflect.apply(fn, thisArg, args);
    } finally {
      hooks.set(prev);
    }
  }

  function bindFrame(frame, fn) {
    return function (...args) { return runIn(frame, fn, this, args); };
  }

  class AsyncLocalStorage {
    #enabled = true;

    static bind(fn) {
      errors.validateFunction(fn, "fn");
      return bindFrame(current(), fn);
    }

    static snapshot() {
      const frame = current();
      return (fn, ...args) => runIn(frame, fn, undefined, args);
    }

    run(store, fn, ...args) {
      const frame = new Map(current());
      frame.set(this, store);
      this.#enabled = true;
      return runIn(frame, fn, undefined, args);
    }

    exit(fn, ...args) {
      const frame = new Map(current());
      frame.delete(this);
      return runIn(frame, fn, undefined, args);
    }

    getStore() {
      return this.#enabled ? current().get(this) : undefined;
    }

    enterWith(store) {
      const frame = new Map(current());
      frame.set(this, store);
      this.#enabled = true;
      hooks.set(frame);
    }

    disable() {
      this.#enabled = false;
      const frame = new Map(current());
      frame.delete(this);
      hooks.set(frame);
    }
  }

  class AsyncResource {
    #frame = current();
    #type;

    constructor(type) {
      errors.validateString(type, "type");
      this.#type = type;
    }

    static bind(fn, type, thisArg) {
      return new AsyncResource(type ?? (fn.name || "bound-anonymous-fn")).bind(fn, thisArg);
    }

    runInAsyncScope(fn, thisArg, ...args) {
      return runIn(this.#frame, fn, thisArg, args);
    }

    bind(fn, thisArg) {
      errors.validateFunction(fn, "fn");
      const frame = this.#frame;
      const bound = thisArg === undefined ? bindFrame(frame, fn) :
        (...args) => runIn(frame, fn, thisArg, args);
      Object.defineProperty(bound, "length", { value: fn.length, configurable: true });
      return bound;
    }

    emitDestroy() { return this; }
    asyncId() { return 0; }
    triggerAsyncId() { return 0; }
  }

  // Timers set through the globals run their callback in the frame they were set in.
  for (const name of ["setTimeout", "setInterval", "setImmediate"]) {
    const native = globalThis[name];
    if (typeof native !== "function") continue;
    globalThis[name] = {
      [name](fn, ...rest) {
        const frame = hooks.get();
        return native.call(this, frame === undefined || typeof fn !== "function" ? fn : bindFrame(frame, fn), ...rest);
      },
    }[name];
  }

  const notProvided = (name) => () => {
    throw errors.notImplemented(`async_hooks.${name}`);
  };
  const exports = {
    AsyncLocalStorage,
    AsyncResource,
    createHook: () => ({ enable() { return this; }, disable() { return this; } }),
    executionAsyncId: () => 0,
    triggerAsyncId: () => 0,
    executionAsyncResource: () => ({}),
    asyncWrapProviders: {},
    AsyncContextFrame: undefined,
  };
  exports.createHook.notProvided = notProvided;
  exports.default = exports;
  return exports;
})
