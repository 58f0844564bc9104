// Headers as workerd keeps them: case-insensitive, appended values joined with ", ",
// iterated sorted by lower-cased name with each Set-Cookie on its own, and an immutable
// guard for the headers of responses that fetch returns.
"use strict";
(function () {
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const BAD_VALUE = /[\0\r\n]/;

  function checkName(name) {
    name = String(name);
    if (!TOKEN.test(name)) throw new TypeError("Invalid header name.");
    return name;
  }

  function normalizeValue(value) {
    const v = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
    if (BAD_VALUE.test(v)) throw new TypeError("Invalid header value.");
    return v;
  }

  const iteratorProto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

  function snapshotIterator(items) {
    let i = 0;
    const it = Object.create(iteratorProto);
    it.next = () => (i < items.length ? { value: items[i++], done: false } : { value: undefined, done: true });
    Object.defineProperty(it, Symbol.toStringTag, { value: "Headers Iterator" });
    return it;
  }

  let mapOf, setGuard, isImmutable;

  class Headers {
    #map = new Map(); // lower-cased name -> { name, values }
    #immutable = false;

    constructor(init = undefined) {
      if (init === undefined) return;
      if (init instanceof Headers) {
        for (const [k, h] of init.#map) this.#map.set(k, { name: h.name, values: h.values.slice() });
        return;
      }
      if (init === null || (typeof init !== "object" && typeof init !== "function")) {
        throw new TypeError("Failed to construct 'Headers': constructor parameter 1 is not of type 'Object'.");
      }
      if (typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const items = typeof pair === "string" ? [pair] : Array.from(pair);
          if (items.length !== 2) {
            throw new TypeError("To initialize a Headers object from a sequence, each inner sequence must have " +
              "exactly two elements.");
          }
          this.append(items[0], items[1]);
        }
        return;
      }
      for (const key of Object.keys(init)) this.append(key, init[key]);
    }

    #check() {
      if (this.#immutable) throw new TypeError("Can't modify immutable headers.");
    }

    get(name) {
      const h = this.#map.get(checkName(name).toLowerCase());
      return h === undefined ? null : h.values.join(", ");
    }
    getAll(name) {
      if (String(name).toLowerCase() !== "set-cookie") {
        throw new TypeError("getAll() can only be used with the header name \"Set-Cookie\".");
      }
      return this.getSetCookie();
    }
    getSetCookie() { return this.#map.get("set-cookie")?.values.slice() ?? []; }
    has(name) { return this.#map.has(checkName(name).toLowerCase()); }
    set(name, value) {
      this.#check();
      const v = normalizeValue(value);
      name = checkName(name);
      this.#map.set(name.toLowerCase(), { name, values: [v] });
    }
    append(name, value) {
      this.#check();
      const v = normalizeValue(value);
      name = checkName(name);
      const key = name.toLowerCase();
      const h = this.#map.get(key);
      if (h === undefined) this.#map.set(key, { name, values: [v] });
      else h.values.push(v);
    }
    delete(name) {
      this.#check();
      this.#map.delete(checkName(name).toLowerCase());
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== "function") {
        throw new TypeError("Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'Function'.");
      }
      for (const [k, v] of this.#displayed()) callback.call(thisArg ?? undefined, v, k, this);
    }
    entries() { return snapshotIterator(this.#displayed()); }
    keys() { return snapshotIterator(this.#displayed().map(([k]) => k)); }
    values() { return snapshotIterator(this.#displayed().map(([, v]) => v)); }
    [Symbol.iterator]() { return this.entries(); }

    // #displayed lists the headers as iteration shows them: sorted, lower-cased, with each
    // Set-Cookie value as its own entry.
    #displayed() {
      const keys = [...this.#map.keys()].sort();
      const out = [];
      for (const k of keys) {
        const h = this.#map.get(k);
        if (k === "set-cookie") for (const v of h.values) out.push([k, v]);
        else out.push([k, h.values.join(", ")]);
      }
      return out;
    }

    static {
      mapOf = (headers) => headers.#map;
      setGuard = (headers, immutable) => { headers.#immutable = immutable; };
      isImmutable = (headers) => headers.#immutable;
    }
  }
  Object.defineProperty(Headers.prototype, Symbol.toStringTag, { value: "Headers", configurable: true });

  // pairs lists every header value with the name as first given, for sending.
  function pairs(headers) {
    const out = [];
    for (const h of mapOf(headers).values()) for (const v of h.values) out.push([h.name, v]);
    return out;
  }

  // setDefault sets a header the platform adds (Content-Type of a body) when it is missing,
  // even on immutable headers.
  function setDefault(headers, name, value) {
    const map = mapOf(headers);
    const key = name.toLowerCase();
    if (!map.has(key)) map.set(key, { name, values: [value] });
  }

  function immutableCopy(init) {
    const h = new Headers(init);
    setGuard(h, true);
    return h;
  }

  return {
    Headers,
    internal: { pairs, setDefault, setGuard, isImmutable, immutableCopy, checkName, normalizeValue },
  };
})
