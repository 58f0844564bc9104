// URL and URLSearchParams over the Go WHATWG URL parser: the parser returns the components,
// and setters go back to it with the href and the component to change.
"use strict";
(function (natives) {
  const HREF = 0, ORIGIN = 1, PROTOCOL = 2, USERNAME = 3, PASSWORD = 4, HOST = 5, HOSTNAME = 6,
    PORT = 7, PATHNAME = 8, SEARCH = 9, HASH = 10;

  let linkParams, resetParams;

  class URL {
    #parts;
    #params;

    constructor(url, base = undefined) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to construct 'URL': constructor parameter 1 is not of type 'string'.");
      }
      const parts = natives.parse(String(url), base === undefined ? undefined : String(base));
      if (parts === null) throw new TypeError("Invalid URL string.");
      this.#parts = parts;
    }

    #set(name, value) {
      const parts = natives.set(this.#parts[HREF], name, String(value));
      if (parts === null) {
        throw new TypeError("Failed to set the 'href' property on 'URL': the provided value is not of type 'valid " +
          "URL string'.");
      }
      const searchChanged = parts[SEARCH] !== this.#parts[SEARCH];
      this.#parts = parts;
      if (this.#params && (searchChanged || name === "href")) resetParams(this.#params, parts[SEARCH]);
    }

    get href() { return this.#parts[HREF]; }
    set href(v) { this.#set("href", v); }
    get origin() { return this.#parts[ORIGIN]; }
    get protocol() { return this.#parts[PROTOCOL]; }
    set protocol(v) { this.#set("protocol", v); }
    get username() { return this.#parts[USERNAME]; }
    set username(v) { this.#set("username", v); }
    get password() { return this.#parts[PASSWORD]; }
    set password(v) { this.#set("password", v); }
    get host() { return this.#parts[HOST]; }
    set host(v) { this.#set("host", v); }
    get hostname() { return this.#parts[HOSTNAME]; }
    set hostname(v) { this.#set("hostname", v); }
    get port() { return this.#parts[PORT]; }
    set port(v) { this.#set("port", v); }
    get pathname() { return this.#parts[PATHNAME]; }
    set pathname(v) { this.#set("pathname", v); }
    get search() { return this.#parts[SEARCH]; }
    set search(v) { this.#set("search", v); }
    get hash() { return this.#parts[HASH]; }
    set hash(v) { this.#set("hash", v); }
    get searchParams() {
      if (!this.#params) {
        this.#params = new URLSearchParams(this.#parts[SEARCH]);
        linkParams(this.#params, (query) => this.#set("search", query));
      }
      return this.#params;
    }
    toString() { return this.#parts[HREF]; }
    toJSON() { return this.#parts[HREF]; }

    static canParse(url, base = undefined) {
      return natives.parse(String(url), base === undefined ? undefined : String(base)) !== null;
    }
    static parse(url, base = undefined) {
      try {
        return new URL(url, base);
      } catch {
        return null;
      }
    }
    static createObjectURL() { throw new Error("URL.createObjectURL() is not implemented"); }
    static revokeObjectURL() { throw new Error("URL.revokeObjectURL() is not implemented"); }
  }

  const iteratorProto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

  class URLSearchParams {
    #list = [];
    #update;

    constructor(init = "") {
      if (init instanceof URLSearchParams) {
        this.#list = init.#list.map(([n, v]) => [n, v]);
      } else if (init !== null && (typeof init === "object" || typeof init === "function")) {
        if (typeof init[Symbol.iterator] === "function") {
          for (const pair of init) {
            const items = Array.from(pair);
            if (items.length !== 2) throw new TypeError("Invalid URL search params sequence.");
            this.#list.push([String(items[0]), String(items[1])]);
          }
        } else {
          for (const key of Object.keys(init)) this.#list.push([key, String(init[key])]);
        }
      } else {
        let s = String(init);
        if (s.startsWith("?")) s = s.slice(1);
        this.#list = natives.formDecode(s);
      }
    }

    #changed() { this.#update?.(this.toString()); }

    get size() { return this.#list.length; }
    append(name, value) {
      this.#list.push([String(name), String(value)]);
      this.#changed();
    }
    delete(name, value = undefined) {
      name = String(name);
      const v = value === undefined ? undefined : String(value);
      this.#list = this.#list.filter(([n, x]) => n !== name || (v !== undefined && x !== v));
      this.#changed();
    }
    get(name) {
      name = String(name);
      return this.#list.find(([n]) => n === name)?.[1] ?? null;
    }
    getAll(name) {
      name = String(name);
      return this.#list.filter(([n]) => n === name).map(([, v]) => v);
    }
    has(name, value = undefined) {
      name = String(name);
      const v = value === undefined ? undefined : String(value);
      return this.#list.some(([n, x]) => n === name && (v === undefined || x === v));
    }
    set(name, value) {
      name = String(name);
      value = String(value);
      const i = this.#list.findIndex(([n]) => n === name);
      if (i < 0) {
        this.#list.push([name, value]);
      } else {
        this.#list[i][1] = value;
        this.#list = this.#list.filter(([n], j) => j <= i || n !== name);
      }
      this.#changed();
    }
    sort() {
      this.#list = this.#list
        .map((pair, i) => [pair, i])
        .sort(([a, i], [b, j]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : i - j))
        .map(([pair]) => pair);
      this.#changed();
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== "function") {
        throw new TypeError("Failed to execute 'forEach' on 'URLSearchParams': parameter 1 is not of type 'Function'.");
      }
      for (let i = 0; i < this.#list.length; i++) {
        const [n, v] = this.#list[i];
        callback.call(thisArg, v, n, this);
      }
    }
    entries() { return this.#iterate((pair) => [pair[0], pair[1]]); }
    keys() { return this.#iterate((pair) => pair[0]); }
    values() { return this.#iterate((pair) => pair[1]); }
    [Symbol.iterator]() { return this.entries(); }
    toString() {
      return this.#list.map(([n, v]) => `${natives.formEncode(n)}=${natives.formEncode(v)}`).join("&");
    }

    #iterate(pick) {
      const list = () => this.#list;
      let i = 0;
      const it = Object.create(iteratorProto);
      it.next = () => {
        const l = list();
        if (i >= l.length) return { value: undefined, done: true };
        return { value: pick(l[i++]), done: false };
      };
      Object.defineProperty(it, Symbol.toStringTag, { value: "URLSearchParams Iterator" });
      return it;
    }

    static {
      linkParams = (params, update) => { params.#update = update; };
      resetParams = (params, search) => {
        params.#list = natives.formDecode(search.startsWith("?") ? search.slice(1) : search);
      };
    }
  }

  return { URL, URLSearchParams };
})
