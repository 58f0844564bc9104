// DOMException, Event, EventTarget and the events built on them, and AbortController and
// AbortSignal, with workerd's behaviour: no capture or passive listeners, on<type> properties
// called before the listeners, and the first listener that throws ends the dispatch.
"use strict";
(function (natives) {
  const codes = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
    SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
    QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
  };

  class DOMException extends Error {
    #name;
    constructor(message = "", options = "Error") {
      super(String(message));
      if (options !== null && typeof options === "object") {
        this.#name = options.name === undefined ? "Error" : String(options.name);
        if ("cause" in options) {
          Object.defineProperty(this, "cause", { value: options.cause, writable: true, configurable: true });
        }
      } else {
        this.#name = String(options);
      }
      Object.defineProperty(this, "stack", {
        value: `${this.#name}: ${this.message}${String(this.stack).replace(/^[^\n]*/, "")}`,
        writable: true, configurable: true,
      });
    }
    get name() { return this.#name; }
    get code() { return codes[this.#name] ?? 0; }
  }
  for (const [name, code] of Object.entries(codes)) {
    const constant = name.replace(/Error$/, "").replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase() + "_ERR";
    Object.defineProperty(DOMException, constant, { value: code, enumerable: true });
    Object.defineProperty(DOMException.prototype, constant, { value: code, enumerable: true });
  }
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: "DOMException", configurable: true });

  let beginDispatch, endDispatch, isStopped;

  class Event {
    #type;
    #bubbles;
    #cancelable;
    #composed;
    #defaultPrevented = false;
    #stopped = false;
    #cancelBubble = false;
    #target = null;
    #dispatching = false;
    #timeStamp = Date.now();
    #trusted = false;

    constructor(type, init = {}) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to construct 'Event': constructor parameter 1 is not of type 'string'.");
      }
      this.#type = String(type);
      this.#bubbles = !!init?.bubbles;
      this.#cancelable = !!init?.cancelable;
      this.#composed = !!init?.composed;
    }
    get type() { return this.#type; }
    get eventPhase() { return this.#dispatching ? Event.AT_TARGET : Event.NONE; }
    get composed() { return this.#composed; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get defaultPrevented() { return this.#defaultPrevented; }
    get returnValue() { return !this.#defaultPrevented; }
    get currentTarget() { return this.#dispatching ? this.#target : null; }
    get target() { return this.#target; }
    get srcElement() { return this.#target; }
    get timeStamp() { return this.#timeStamp; }
    get isTrusted() { return this.#trusted; }
    get cancelBubble() { return this.#cancelBubble; }
    set cancelBubble(v) { if (v) this.#cancelBubble = true; }
    stopImmediatePropagation() { this.#stopped = true; }
    preventDefault() { if (this.#cancelable) this.#defaultPrevented = true; }
    stopPropagation() { this.#cancelBubble = true; }
    composedPath() { return this.#dispatching ? [this.#target] : []; }

    static {
      beginDispatch = (event, target) => {
        if (event.#dispatching) {
          throw new DOMException("The event is already being dispatched.", "InvalidStateError");
        }
        event.#dispatching = true;
        event.#target = target;
        event.#stopped = false;
      };
      endDispatch = (event) => { event.#dispatching = false; };
      isStopped = (event) => event.#stopped;
    }
  }
  for (const [name, value] of [["NONE", 0], ["CAPTURING_PHASE", 1], ["AT_TARGET", 2], ["BUBBLING_PHASE", 3]]) {
    Object.defineProperty(Event, name, { value, enumerable: true });
    Object.defineProperty(Event.prototype, name, { value, enumerable: true });
  }

  const listenersOf = new WeakMap();

  function parseOptions(method, options) {
    if (typeof options === "boolean" || options === undefined || options === null) {
      if (options) throw new TypeError(`${method}(): useCapture must be false.`);
      return {};
    }
    if (options.capture) throw new TypeError(`${method}(): options.capture must be false.`);
    if (method === "addEventListener" && options.passive) {
      throw new TypeError("addEventListener(): options.passive must be false.");
    }
    return options;
  }

  class EventTarget {
    constructor() { listenersOf.set(this, new Map()); }

    addEventListener(type, handler, options) {
      const opts = parseOptions("addEventListener", options);
      if (handler === null || handler === undefined) return;
      if (typeof handler !== "function" && typeof handler?.handleEvent !== "function") {
        throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type " +
          "'EventHandler'.");
      }
      const signal = opts.signal;
      if (signal?.aborted) return;
      const map = listeners(this);
      type = String(type);
      let list = map.get(type);
      if (!list) map.set(type, (list = []));
      if (list.some((l) => l.handler === handler)) return;
      const entry = { handler, once: !!opts.once };
      list.push(entry);
      signal?.addEventListener("abort", () => this.removeEventListener(type, handler), { once: true });
    }

    removeEventListener(type, handler, options) {
      parseOptions("removeEventListener", options);
      const list = listeners(this).get(String(type));
      if (!list) return;
      const i = list.findIndex((l) => l.handler === handler);
      if (i >= 0) list.splice(i, 1);
    }

    dispatchEvent(event) {
      if (!(event instanceof Event)) {
        throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
      }
      beginDispatch(event, this);
      try {
        const type = event.type;
        const callbacks = [];
        const prop = this["on" + type];
        if (typeof prop === "function") callbacks.push({ handler: prop, old: true });
        const list = listeners(this).get(type);
        if (list) callbacks.push(...list);
        for (const cb of callbacks) {
          if (isStopped(event)) break;
          if (!cb.old && !list.includes(cb)) continue;
          if (cb.once) this.removeEventListener(type, cb.handler);
          const ret = typeof cb.handler === "function"
            ? cb.handler.call(this, event)
            : cb.handler.handleEvent(event);
          if (ret === true) event.preventDefault();
        }
      } finally {
        endDispatch(event);
      }
      return !event.defaultPrevented;
    }
  }

  function listeners(target) {
    let map = listenersOf.get(target);
    if (!map) {
      if (!(target instanceof EventTarget)) throw new TypeError("Illegal invocation");
      listenersOf.set(target, (map = new Map()));
    }
    return map;
  }

  class CustomEvent extends Event {
    #detail;
    constructor(type, init = {}) {
      super(type, init);
      this.#detail = init?.detail ?? null;
    }
    get detail() { return this.#detail; }
  }

  class ErrorEvent extends Event {
    #init;
    constructor(type, init = {}) {
      super(type, init);
      this.#init = init ?? {};
    }
    get filename() { return this.#init.filename ?? ""; }
    get message() { return this.#init.message ?? ""; }
    get lineno() { return this.#init.lineno ?? 0; }
    get colno() { return this.#init.colno ?? 0; }
    get error() { return this.#init.error; }
  }

  class MessageEvent extends Event {
    #data;
    #init;
    constructor(type, init = {}) {
      super(type, init);
      this.#data = init?.data ?? null;
      this.#init = init ?? {};
    }
    get data() { return this.#data; }
    get origin() { return this.#init.origin ?? null; }
    get lastEventId() { return this.#init.lastEventId ?? ""; }
    get source() { return this.#init.source ?? null; }
    get ports() { return this.#init.ports ?? []; }
  }

  class CloseEvent extends Event {
    #code;
    #reason;
    #wasClean;
    constructor(type, init = {}) {
      super(type, init);
      this.#code = init?.code ?? 0;
      this.#reason = init?.reason ?? "";
      this.#wasClean = !!init?.wasClean;
    }
    get code() { return this.#code; }
    get reason() { return this.#reason; }
    get wasClean() { return this.#wasClean; }
  }

  let signalAbort, newSignal;

  class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    #onabort = null;

    constructor(key) {
      if (key !== newSignal) throw new TypeError("Illegal constructor");
      super();
    }
    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    get onabort() { return this.#onabort; }
    set onabort(fn) { this.#onabort = fn; }
    throwIfAborted() { if (this.#aborted) throw this.#reason; }

    static abort(reason) {
      const s = new AbortSignal(newSignal);
      signalAbort(s, reason === undefined ? abortError() : reason);
      return s;
    }

    static timeout(ms) {
      const s = new AbortSignal(newSignal);
      natives.timer(Number(ms), () => {
        signalAbort(s, new DOMException("The operation was aborted due to timeout", "TimeoutError"));
      }, true);
      return s;
    }

    static any(signals) {
      const s = new AbortSignal(newSignal);
      const list = Array.from(signals);
      for (const other of list) {
        if (!(other instanceof AbortSignal)) {
          throw new TypeError("Failed to execute 'any' on 'AbortSignal': parameter 1 is not of type 'Array'.");
        }
        if (other.aborted) {
          signalAbort(s, other.reason);
          return s;
        }
      }
      for (const other of list) {
        other.addEventListener("abort", () => signalAbort(s, other.reason), { once: true });
      }
      return s;
    }

    static {
      newSignal = Symbol("new AbortSignal");
      signalAbort = (signal, reason) => {
        if (signal.#aborted) return;
        signal.#aborted = true;
        signal.#reason = reason;
        EventTarget.prototype.dispatchEvent.call(signal, new Event("abort"));
      };
    }
  }

  const abortError = () => new DOMException("The operation was aborted", "AbortError");

  class AbortController {
    #signal = new AbortSignal(newSignal);
    get signal() { return this.#signal; }
    abort(reason) { signalAbort(this.#signal, reason === undefined ? abortError() : reason); }
  }

  return {
    DOMException, Event, EventTarget, CustomEvent, ErrorEvent, MessageEvent, CloseEvent,
    AbortSignal, AbortController,
    internal: { signalAbort, newSignal: () => new AbortSignal(newSignal), abortError },
  };
})
