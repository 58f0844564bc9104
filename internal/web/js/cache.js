// The Cache API, in memory per runtime: caches.default and caches.open(name), honouring
// Cache-Control (no-store, private, s-maxage, max-age), Expires, Set-Cookie and conditional
// matches on ETag and Last-Modified, with expiry on the runtime's clock. Responses without a
// freshness header get Cloudflare's default edge TTL for their status. Note: Range requests
// are matched as plain GETs (no 206 slicing) and Vary is ignored apart from "Vary: *".
"use strict";
(function (natives, load) {
  const { Request, Response, internal: http } = load("http");
  const body = load("body").internal;
  const constructing = Symbol("cache");

  const stores = new Map(); // cache name ("" for default) -> Map(url -> entry)
  const DEFAULT_TTL = { 200: 7200, 206: 7200, 301: 7200, 302: 1200, 303: 1200, 404: 180, 410: 180 };

  function keyOf(request) {
    const req = request instanceof Request ? request : new Request(String(request));
    const url = req.url.replace(/#.*$/, "");
    if (!/^https?:\/\/[^/]/.test(url)) throw new TypeError("Invalid URL. Cache API keys must be fully-qualified, " +
      "valid URLs.");
    return { req, url };
  }

  function directives(value) {
    const out = new Map();
    for (const part of String(value ?? "").split(",")) {
      const [k, v] = part.split("=");
      if (k.trim()) out.set(k.trim().toLowerCase(), v === undefined ? true : v.trim().replace(/^"|"$/g, ""));
    }
    return out;
  }

  // ttlOf returns how long a response may be served from the cache, in seconds; zero or less
  // means it is not stored.
  function ttlOf(res, cc) {
    if (cc.has("no-store") || cc.has("no-cache")) return 0;
    const priv = cc.get("private");
    if (priv === true) return 0;
    const cookieIsPrivate = typeof priv === "string" && /(^|\s|,)set-cookie($|\s|,)/i.test(priv);
    if (res.headers.has("set-cookie") && !cookieIsPrivate) return 0;
    for (const name of ["s-maxage", "max-age"]) {
      if (cc.has(name)) return Number(cc.get(name)) || 0;
    }
    const expires = res.headers.get("expires");
    if (expires !== null) {
      const date = Date.parse(res.headers.get("date") ?? "") || Date.now();
      return (Date.parse(expires) - date) / 1000 || 0;
    }
    return DEFAULT_TTL[res.status] ?? 0;
  }

  class Cache {
    #name;
    constructor(key, name) {
      if (key !== constructing) throw new TypeError("Illegal constructor");
      this.#name = name;
    }
    #store() {
      let s = stores.get(this.#name);
      if (!s) stores.set(this.#name, (s = new Map()));
      return s;
    }

    async put(request, response) {
      const { req, url } = keyOf(request);
      if (!(response instanceof Response)) {
        throw new TypeError("Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.");
      }
      if (response.type === "error") throw new TypeError("Cache is unable to store an error response");
      if (req.method !== "GET") throw new TypeError("Cannot cache response to non-GET request.");
      if (response.status === 206) throw new TypeError("Cannot cache response to a range request (206 Partial " +
        "Content).");
      if ((response.headers.get("vary") ?? "").includes("*")) throw new TypeError("Cannot cache response with " +
        "'Vary: *' header.");
      if (response.webSocket !== null) throw new TypeError("Cannot cache WebSocket upgrade response.");
      if (response.bodyUsed) throw new TypeError(body.USED);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const cc = directives(response.headers.get("cache-control"));
      const ttl = ttlOf(response, cc);
      if (!(ttl > 0)) {
        this.#store().delete(url);
        return undefined;
      }
      const headers = new Headers(response.headers);
      if (headers.has("set-cookie")) headers.delete("set-cookie");
      this.#store().set(url, {
        status: response.status, statusText: response.statusText, headers, bytes, expires: Date.now() + ttl * 1000,
      });
      return undefined;
    }

    async match(request, options = undefined) {
      const { req, url } = keyOf(request);
      if (req.method !== "GET" && !options?.ignoreMethod) return undefined;
      const entry = this.#store().get(url);
      if (entry === undefined) return undefined;
      if (entry.expires <= Date.now()) {
        this.#store().delete(url);
        return undefined;
      }
      const headers = new Headers(entry.headers);
      headers.set("CF-Cache-Status", "HIT");
      if (notModified(req, entry)) {
        return http.makeResponse({ status: 304, statusText: "Not Modified", headers });
      }
      return http.makeResponse({ status: entry.status, statusText: entry.statusText, headers, bytes: entry.bytes });
    }

    async delete(request, options = undefined) {
      const { req, url } = keyOf(request);
      if (req.method !== "GET" && !options?.ignoreMethod) return false;
      return this.#store().delete(url);
    }
  }

  function notModified(req, entry) {
    const etag = entry.headers.get("etag");
    const inm = req.headers.get("if-none-match");
    if (inm !== null && etag !== null) {
      const weak = (t) => t.trim().replace(/^W\//, "");
      return inm.trim() === "*" || inm.split(",").some((t) => weak(t) === weak(etag));
    }
    const ims = Date.parse(req.headers.get("if-modified-since") ?? "");
    const lm = Date.parse(entry.headers.get("last-modified") ?? "");
    return !Number.isNaN(ims) && !Number.isNaN(lm) && lm <= ims;
  }

  class CacheStorage {
    #default = new Cache(constructing, "");
    constructor(key) { if (key !== constructing) throw new TypeError("Illegal constructor"); }
    get default() { return this.#default; }
    async open(name) {
      name = String(name);
      if (name.length >= 1024) throw new TypeError("Cache name is too long.");
      return new Cache(constructing, "named:" + name);
    }
  }

  return {
    caches: new CacheStorage(constructing), Cache, CacheStorage,
    internal: { clear: () => stores.clear() },
  };
})
