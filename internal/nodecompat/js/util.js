// node:util: format, inspect, promisify, callbackify, inherits, deprecate, types,
// isDeepStrictEqual, and the web platform's TextEncoder and TextDecoder.
"use strict";
(function (natives, load) {
  const errors = load("errors");
  const { inspect } = load("inspect");
  const kCustomPromisify = Symbol.for("nodejs.util.promisify.custom");

  function formatWithOptions(opts, ...args) {
    const first = args[0];
    let out = "";
    let a = 0;
    const show = (v) => (typeof v === "string" ? v : inspect(v, { ...opts, depth: opts?.depth ?? 2 }));
    if (typeof first === "string") {
      if (args.length === 1) return first;
      a = 1;
      let last = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first[i] !== "%") continue;
        const c = first[i + 1];
        if (c === "%") {
          out += first.slice(last, i) + "%";
          last = i + 2;
          i++;
          continue;
        }
        if (a >= args.length || !"sdifjoOc".includes(c)) continue;
        const v = args[a];
        let s;
        switch (c) {
          case "s":
            s = typeof v === "string" ? v : typeof v === "bigint" ? `${v}n` :
              typeof v === "object" && v !== null ? inspect(v, { ...opts, depth: 0 }) : String(v);
            break;
          case "d": case "i": {
            if (typeof v === "bigint") s = `${v}n`;
            else if (typeof v === "symbol") s = "NaN";
            else {
              const n = Number(v);
              s = String(c === "i" ? Math.trunc(n) : n);
              if (Object.is(n, -0)) s = "-0";
            }
            break;
          }
          case "f": s = typeof v === "symbol" ? "NaN" : String(parseFloat(v)); break;
          case "j":
            try { s = JSON.stringify(v); } catch { s = "[Circular]"; }
            break;
          case "o": s = inspect(v, { ...opts, showHidden: true, depth: 4 }); break;
          case "O": s = inspect(v, { ...opts }); break;
          case "c": s = ""; break;
        }
        out += first.slice(last, i) + s;
        last = i + 2;
        a++;
        i++;
      }
      out += first.slice(last);
    }
    for (; a < args.length; a++) {
      out += (out === "" && a === 0 ? "" : " ") + show(args[a]);
    }
    return out;
  }

  function format(...args) {
    return formatWithOptions(undefined, ...args);
  }

  function promisify(original) {
    errors.validateFunction(original, "original");
    if (original[kCustomPromisify]) {
      const fn = original[kCustomPromisify];
      errors.validateFunction(fn, "util.promisify.custom");
      return Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, configurable: true });
    }
    function fn(...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(original, this, [...args, (err, ...values) => {
          if (err) return reject(err);
          resolve(values[0]);
        }]);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, configurable: true });
    return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = kCustomPromisify;

  function callbackify(original) {
    errors.validateFunction(original, "original");
    function callbackified(...args) {
      const cb = args.pop();
      errors.validateFunction(cb, "last argument");
      Reflect.apply(original, this, args).then(
        (v) => queueMicrotask(() => cb(null, v)),
        (reason) => {
          if (!reason) {
            const err = errors.makeError(Error, "ERR_FALSY_VALUE_REJECTION", "Promise was rejected with falsy value");
            err.reason = reason;
            reason = err;
          }
          queueMicrotask(() => cb(reason));
        });
    }
    Object.defineProperties(callbackified, Object.getOwnPropertyDescriptors(original));
    return callbackified;
  }

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw errors.invalidArgType("ctor", "Function", ctor);
    if (superCtor === undefined || superCtor === null) throw errors.invalidArgType("superCtor", "Function", superCtor);
    if (superCtor.prototype === undefined) {
      throw errors.invalidArgType("superCtor.prototype", "Object", superCtor.prototype);
    }
    Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  const warned = new Set();
  function deprecate(fn, msg, code) {
    errors.validateFunction(fn, "fn");
    function deprecated(...args) {
      const key = code ?? msg;
      if (!warned.has(key)) {
        warned.add(key);
        console.warn(`(node) ${code ? `[${code}] ` : ""}DeprecationWarning: ${msg}`);
      }
      return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    return deprecated;
  }

  const tag = (v) => Object.prototype.toString.call(v).slice(8, -1);
  const typedArrayTag = (v) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? v[Symbol.toStringTag] : undefined);
  const types = {
    isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && v instanceof SharedArrayBuffer),
    isArrayBuffer: (v) => v instanceof ArrayBuffer,
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isArgumentsObject: (v) => tag(v) === "Arguments",
    isAsyncFunction: (v) => typeof v === "function" && /^async\b/.test(Function.prototype.toString.call(v)),
    isBigInt64Array: (v) => typedArrayTag(v) === "BigInt64Array",
    isBigUint64Array: (v) => typedArrayTag(v) === "BigUint64Array",
    isBooleanObject: (v) => v instanceof Boolean,
    isBoxedPrimitive: (v) => v instanceof Number || v instanceof String || v instanceof Boolean ||
      v instanceof BigInt || v instanceof Symbol,
    isDataView: (v) => v instanceof DataView,
    isDate: (v) => v instanceof Date,
    isExternal: () => false,
    isFloat32Array: (v) => typedArrayTag(v) === "Float32Array",
    isFloat64Array: (v) => typedArrayTag(v) === "Float64Array",
    isGeneratorFunction: (v) => typeof v === "function" && /^(async\s+)?function\s*\*/.test(Function.prototype.toString.call(v)),
    isGeneratorObject: (v) => tag(v) === "Generator",
    isInt8Array: (v) => typedArrayTag(v) === "Int8Array",
    isInt16Array: (v) => typedArrayTag(v) === "Int16Array",
    isInt32Array: (v) => typedArrayTag(v) === "Int32Array",
    isMap: (v) => v instanceof Map,
    isMapIterator: (v) => tag(v) === "Map Iterator",
    isModuleNamespaceObject: (v) => tag(v) === "Module",
    isNativeError: (v) => v instanceof Error,
    isNumberObject: (v) => v instanceof Number,
    isPromise: (v) => v instanceof Promise,
    isProxy: () => false,
    isRegExp: (v) => v instanceof RegExp,
    isSet: (v) => v instanceof Set,
    isSetIterator: (v) => tag(v) === "Set Iterator",
    isSharedArrayBuffer: (v) => typeof SharedArrayBuffer !== "undefined" && v instanceof SharedArrayBuffer,
    isStringObject: (v) => v instanceof String,
    isSymbolObject: (v) => v instanceof Symbol,
    isTypedArray: (v) => typedArrayTag(v) !== undefined,
    isUint8Array: (v) => typedArrayTag(v) === "Uint8Array",
    isUint8ClampedArray: (v) => typedArrayTag(v) === "Uint8ClampedArray",
    isUint16Array: (v) => typedArrayTag(v) === "Uint16Array",
    isUint32Array: (v) => typedArrayTag(v) === "Uint32Array",
    isWeakMap: (v) => v instanceof WeakMap,
    isWeakSet: (v) => v instanceof WeakSet,
    isKeyObject: () => false,
    isCryptoKey: (v) => typeof globalThis.CryptoKey === "function" && v instanceof globalThis.CryptoKey,
  };

  function isDeepStrictEqual(a, b) {
    return load("assert").isDeepEqual(a, b, true);
  }

  const exports = {
    format, formatWithOptions, inspect, promisify, callbackify, inherits, deprecate, types,
    isDeepStrictEqual,
    isArray: Array.isArray,
    isBoolean: (v) => typeof v === "boolean",
    isNull: (v) => v === null,
    isNullOrUndefined: (v) => v === null || v === undefined,
    isNumber: (v) => typeof v === "number",
    isString: (v) => typeof v === "string",
    isSymbol: (v) => typeof v === "symbol",
    isUndefined: (v) => v === undefined,
    isRegExp: types.isRegExp,
    isObject: (v) => v !== null && typeof v === "object",
    isDate: types.isDate,
    isError: types.isNativeError,
    isFunction: (v) => typeof v === "function",
    isPrimitive: (v) => v === null || (typeof v !== "object" && typeof v !== "function"),
    toUSVString: (s) => String(s).toWellFormed(),
    stripVTControlCharacters: (s) => String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ""),
    debuglog: () => Object.assign(() => {}, { enabled: false }),
    debug: () => Object.assign(() => {}, { enabled: false }),
    aborted: (signal) => new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true })),
    getSystemErrorName: (n) => `Unknown system error ${n}`,
  };
  exports.inspect.custom = Symbol.for("nodejs.util.inspect.custom");
  // The web platform's classes, read when asked, since another package defines them.
  for (const name of ["TextEncoder", "TextDecoder"]) {
    Object.defineProperty(exports, name, { get: () => globalThis[name], enumerable: true, configurable: true });
  }
  exports.default = exports;
  return exports;
})
