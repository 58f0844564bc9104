// node:events: EventEmitter as Node's, with the error event, max-listener warnings, captured
// rejections, and the once/on/getEventListeners helpers.
"use strict";
(function (natives, load) {
  const errors = load("errors");
  const kCapture = Symbol("kCapture");
  const kRejection = Symbol.for("nodejs.rejection");
  const kWarned = Symbol("kWarned");
  const errorMonitor = Symbol("events.errorMonitor");
  let defaultMaxListeners = 10;

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }

  EventEmitter.init = function (opts) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
    if (opts?.captureRejections !== undefined) {
      if (typeof opts.captureRejections !== "boolean") {
        throw errors.invalidArgType("options.captureRejections", "boolean", opts.captureRejections);
      }
      this[kCapture] = opts.captureRejections;
    } else {
      this[kCapture] = EventEmitter.prototype[kCapture];
    }
  };

  const proto = EventEmitter.prototype;
  proto._events = undefined;
  proto._eventsCount = 0;
  proto._maxListeners = undefined;
  proto[kCapture] = false;

  Object.defineProperty(EventEmitter, "defaultMaxListeners", {
    enumerable: true,
    get() { return defaultMaxListeners; },
    set(n) {
      if (typeof n !== "number" || n < 0 || Number.isNaN(n)) {
        throw errors.outOfRange("defaultMaxListeners", "a non-negative number", n);
      }
      defaultMaxListeners = n;
    },
  });
  Object.defineProperty(EventEmitter, "captureRejections", {
    enumerable: true,
    get() { return proto[kCapture]; },
    set(v) {
      if (typeof v !== "boolean") throw errors.invalidArgType("EventEmitter.captureRejections", "boolean", v);
      proto[kCapture] = v;
    },
  });

  proto.setMaxListeners = function setMaxListeners(n) {
    if (typeof n !== "number" || n < 0 || Number.isNaN(n)) throw errors.outOfRange("n", "a non-negative number", n);
    this._maxListeners = n;
    return this;
  };

  function maxListeners(that) {
    return that._maxListeners === undefined ? defaultMaxListeners : that._maxListeners;
  }
  proto.getMaxListeners = function getMaxListeners() { return maxListeners(this); };

  function describe(er) {
    try {
      return load("inspect").inspect(er, {});
    } catch {
      return String(er);
    }
  }

  proto.emit = function emit(type, ...args) {
    let doError = type === "error";
    const events = this._events;
    if (events !== undefined) {
      if (doError && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
      doError = doError && events.error === undefined;
    } else if (!doError) {
      return false;
    }
    if (doError) {
      const er = args[0];
      if (er instanceof Error) throw er;
      const err = errors.makeError(Error, "ERR_UNHANDLED_ERROR", `Unhandled error. (${describe(er)})`);
      err.context = er;
      throw err;
    }
    const handler = events[type];
    if (handler === undefined) return false;
    const listeners = typeof handler === "function" ? [handler] : handler.slice();
    for (const fn of listeners) {
      const result = fn.apply(this, args);
      if (result !== undefined && result !== null && this[kCapture]) addCatch(this, result, type, args);
    }
    return true;
  };

  function addCatch(that, promise, type, args) {
    try {
      const then = promise.then;
      if (typeof then === "function") {
        then.call(promise, undefined, (err) => queueMicrotask(() => emitUnhandledRejectionOrErr(that, err, type, args)));
      }
    } catch (err) {
      that.emit("error", err);
    }
  }

  function emitUnhandledRejectionOrErr(ee, err, type, args) {
    if (typeof ee[kRejection] === "function") {
      ee[kRejection](err, type, ...args);
    } else {
      const prev = ee[kCapture];
      try {
        ee[kCapture] = false;
        ee.emit("error", err);
      } finally {
        ee[kCapture] = prev;
      }
    }
  }

  function addListener(target, type, listener, prepend) {
    errors.validateFunction(listener, "listener");
    let events = target._events;
    if (events === undefined) {
      events = target._events = Object.create(null);
      target._eventsCount = 0;
    } else if (events.newListener !== undefined) {
      target.emit("newListener", type, listener.listener ?? listener);
      events = target._events;
    }
    let existing = events[type];
    if (existing === undefined) {
      events[type] = listener;
      target._eventsCount++;
      return target;
    }
    if (typeof existing === "function") {
      existing = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    const m = maxListeners(target);
    if (m > 0 && existing.length > m && !existing[kWarned]) {
      existing[kWarned] = true;
      const name = target.constructor?.name ?? "EventEmitter";
      const w = new Error(`Possible EventEmitter memory leak detected. ${existing.length} ${String(type)} listeners ` +
        `added to [${name}]. MaxListeners is ${m}. Use emitter.setMaxListeners() to increase limit`);
      w.name = "MaxListenersExceededWarning";
      w.emitter = target;
      w.type = type;
      w.count = existing.length;
      console.warn(`(node) ${w.name}: ${w.message}`);
    }
    return target;
  }

  proto.addListener = function (type, listener) { return addListener(this, type, listener, false); };
  proto.on = proto.addListener;
  proto.prependListener = function prependListener(type, listener) { return addListener(this, type, listener, true); };

  function onceWrapper(target, type, listener) {
    const state = { fired: false, target, type, listener };
    function wrapped(...args) {
      if (!state.fired) {
        state.target.removeListener(state.type, wrapped);
        state.fired = true;
        return state.listener.apply(state.target, args);
      }
    }
    wrapped.listener = listener;
    return wrapped;
  }

  proto.once = function once(type, listener) {
    errors.validateFunction(listener, "listener");
    this.on(type, onceWrapper(this, type, listener));
    return this;
  };
  proto.prependOnceListener = function prependOnceListener(type, listener) {
    errors.validateFunction(listener, "listener");
    this.prependListener(type, onceWrapper(this, type, listener));
    return this;
  };

  proto.removeListener = function removeListener(type, listener) {
    errors.validateFunction(listener, "listener");
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      this._eventsCount--;
      if (this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
      if (events.removeListener !== undefined) this.emit("removeListener", type, list.listener || listener);
    } else if (typeof list !== "function") {
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      const removed = list.splice(position, 1)[0];
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit("removeListener", type, removed.listener ?? listener);
    }
    return this;
  };
  proto.off = proto.removeListener;

  proto.removeAllListeners = function removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = Object.create(null);
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = Object.create(null);
        else delete events[type];
      }
      return this;
    }
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key !== "removeListener") this.removeAllListeners(key);
      }
      this.removeAllListeners("removeListener");
      this._events = Object.create(null);
      this._eventsCount = 0;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === "function") this.removeListener(type, listeners);
    else if (listeners !== undefined) for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    return this;
  };

  function listenersOf(target, type, unwrap) {
    const events = target._events;
    if (events === undefined || events[type] === undefined) return [];
    const l = events[type];
    if (typeof l === "function") return unwrap ? [l.listener || l] : [l];
    return unwrap ? l.map((x) => x.listener || x) : l.slice();
  }
  proto.listeners = function listeners(type) { return listenersOf(this, type, true); };
  proto.rawListeners = function rawListeners(type) { return listenersOf(this, type, false); };
  proto.listenerCount = function listenerCount(type, listener) {
    const l = this._events?.[type];
    if (l === undefined) return 0;
    if (typeof l === "function") return listener === undefined || l === listener || l.listener === listener ? 1 : 0;
    if (listener === undefined) return l.length;
    return l.filter((x) => x === listener || x.listener === listener).length;
  };
  proto.eventNames = function eventNames() {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
  };

  function once(emitter, name, options = {}) {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(new errors.AbortError(undefined, { cause: signal.reason }));
    return new Promise((resolve, reject) => {
      const onError = (err) => {
        cleanup();
        reject(err);
      };
      const resolver = (...args) => {
        cleanup();
        resolve(args);
      };
      const onAbort = () => {
        cleanup();
        reject(new errors.AbortError(undefined, { cause: signal.reason }));
      };
      const cleanup = () => {
        removeFrom(emitter, name, resolver);
        if (name !== "error") removeFrom(emitter, "error", onError);
        signal?.removeEventListener("abort", onAbort);
      };
      addTo(emitter, name, resolver, true);
      if (name !== "error" && typeof emitter.once === "function") emitter.once("error", onError);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  function addTo(emitter, name, fn, isOnce) {
    if (typeof emitter.on === "function") {
      if (isOnce) emitter.once(name, fn);
      else emitter.on(name, fn);
    } else if (typeof emitter.addEventListener === "function") {
      emitter.addEventListener(name, fn, { once: isOnce });
    } else {
      throw errors.invalidArgType("emitter", "EventEmitter", emitter);
    }
  }

  function removeFrom(emitter, name, fn) {
    if (typeof emitter.removeListener === "function") emitter.removeListener(name, fn);
    else if (typeof emitter.removeEventListener === "function") emitter.removeEventListener(name, fn);
  }

  // on returns an async iterator of the events, as Node's events.on.
  function on(emitter, event, options = {}) {
    const queue = [];
    const waiting = [];
    let error = null;
    let done = false;
    const handler = (...args) => {
      const w = waiting.shift();
      if (w) w.resolve({ value: args, done: false });
      else queue.push(args);
    };
    const onError = (err) => {
      done = true;
      const w = waiting.shift();
      if (w) w.reject(err);
      else error = err;
      iterator.return();
    };
    addTo(emitter, event, handler, false);
    if (event !== "error" && typeof emitter.on === "function") emitter.on("error", onError);
    const iterator = {
      next() {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false });
        if (error) {
          const p = Promise.reject(error);
          error = null;
          return p;
        }
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() {
        removeFrom(emitter, event, handler);
        removeFrom(emitter, "error", onError);
        done = true;
        for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(err) {
        error = err;
        removeFrom(emitter, event, handler);
        removeFrom(emitter, "error", onError);
        return Promise.reject(err);
      },
      [Symbol.asyncIterator]() { return this; },
    };
    options?.signal?.addEventListener("abort", () => iterator.return(), { once: true });
    return iterator;
  }

  function getEventListeners(target, type) {
    if (typeof target.listeners === "function") return target.listeners(type);
    throw errors.invalidArgType("emitter", ["EventEmitter", "EventTarget"], target);
  }

  function listenerCount(emitter, type) {
    return typeof emitter.listenerCount === "function" ? emitter.listenerCount(type) : 0;
  }

  function setMaxListeners(n = defaultMaxListeners, ...targets) {
    if (targets.length === 0) defaultMaxListeners = n;
    for (const t of targets) if (typeof t.setMaxListeners === "function") t.setMaxListeners(n);
  }

  Object.assign(EventEmitter, {
    EventEmitter, once, on, getEventListeners, listenerCount, setMaxListeners, errorMonitor,
    captureRejectionSymbol: kRejection,
    getMaxListeners: (t) => (typeof t.getMaxListeners === "function" ? t.getMaxListeners() : defaultMaxListeners),
    usingDomains: false,
  });
  // The web platform's classes, read when asked, since another package defines them.
  for (const name of ["EventTarget", "Event"]) {
    Object.defineProperty(EventEmitter, name, { get: () => globalThis[name], enumerable: true, configurable: true });
  }
  EventEmitter.default = EventEmitter;
  return EventEmitter;
})
