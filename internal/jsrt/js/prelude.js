// The syntax prelude: what goja lacks that bundled code and esbuild's helpers expect to find.
// It runs first in every runtime, before any bundle.
"use strict";
(function (host) {
  for (const name of ["asyncIterator", "dispose", "asyncDispose", "metadata"]) {
    if (!Symbol[name]) {
      Object.defineProperty(Symbol, name, { value: Symbol.for("Symbol." + name) });
    }
  }

  const define = (target, name, value) => {
    if (!(name in target)) {
      Object.defineProperty(target, name, { value, writable: true, configurable: true });
    }
  };

  define(globalThis, "queueMicrotask", function queueMicrotask(fn) {
    if (typeof fn !== "function") {
      throw new TypeError("Failed to execute 'queueMicrotask': parameter 1 is not of type 'Function'.");
    }
    Promise.resolve().then(() => {
      try {
        fn();
      } catch (e) {
        host.reportError("queueMicrotask", e);
      }
    });
  });

  define(globalThis, "reportError", function reportError(e) {
    host.reportError("reportError", e);
  });

  define(Promise, "withResolvers", function withResolvers() {
    let resolve, reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  });

  const groupBy = (items, key, make, add) => {
    const out = make();
    let i = 0;
    for (const item of items) add(out, key(item, i++), item);
    return out;
  };
  define(Object, "groupBy", (items, key) =>
    groupBy(items, key, () => Object.create(null), (o, k, v) => (o[k] ??= []).push(v)));
  define(Map, "groupBy", (items, key) =>
    groupBy(items, key, () => new Map(), (m, k, v) => (m.has(k) ? m.get(k).push(v) : m.set(k, [v]))));

  define(Array, "fromAsync", async function fromAsync(items, map, thisArg) {
    const out = [];
    const iter = items[Symbol.asyncIterator] ? items : Array.from(items);
    if (items[Symbol.asyncIterator]) {
      for (let it = iter[Symbol.asyncIterator](), r; !(r = await it.next()).done;) {
        out.push(map ? await map.call(thisArg, r.value, out.length) : r.value);
      }
    } else {
      for (const v of iter) out.push(map ? await map.call(thisArg, await v, out.length) : await v);
    }
    return out;
  });

  define(Error, "captureStackTrace", function captureStackTrace(target) {
    const stack = new Error().stack.split("\n");
    stack.splice(1, 1);
    const head = `${target.name ?? "Error"}${target.message ? ": " + target.message : ""}`;
    Object.defineProperty(target, "stack", {
      value: [head, ...stack.slice(1)].join("\n"), writable: true, configurable: true,
    });
  });
  define(Error, "stackTraceLimit", 10);

  define(String.prototype, "isWellFormed", function isWellFormed() {
    return !/[\uD800-\uDFFF]/.test(String(this).replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""));
  });
  define(String.prototype, "toWellFormed", function toWellFormed() {
    return String(this).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  });

  const setMethods = {
    union(other) { const s = new Set(this); for (const v of other.keys()) s.add(v); return s; },
    intersection(other) { return new Set([...this].filter((v) => other.has(v))); },
    difference(other) { return new Set([...this].filter((v) => !other.has(v))); },
    symmetricDifference(other) {
      const s = new Set(this);
      for (const v of other.keys()) s.has(v) ? s.delete(v) : s.add(v);
      return s;
    },
    isSubsetOf(other) { return [...this].every((v) => other.has(v)); },
    isSupersetOf(other) { for (const v of other.keys()) if (!this.has(v)) return false; return true; },
    isDisjointFrom(other) { return [...this].every((v) => !other.has(v)); },
  };
  for (const [name, fn] of Object.entries(setMethods)) define(Set.prototype, name, fn);
})(globalThis.__dotest);
