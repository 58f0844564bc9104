// Request and Response as workerd has them: default status texts, status validation, the
// redirect modes it accepts, cf, and a WebSocket on 101 responses.
"use strict";
(function (natives, load) {
  const { Body, internal: body } = load("body");
  const { Headers, internal: hdr } = load("headers");
  const events = load("events");

  const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "PURGE", "OPTIONS", "TRACE",
    "COPY", "LOCK", "MKCOL", "MOVE", "PROPFIND", "PROPPATCH", "SEARCH", "UNLOCK", "ACL", "REPORT",
    "MKACTIVITY", "CHECKOUT", "MERGE", "M-SEARCH", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "QUERY", "BAN"]);
  const NORMALIZED = new Set(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"]);

  function parseMethod(m) {
    m = String(m);
    if (METHODS.has(m)) return m;
    const upper = m.toUpperCase();
    if (NORMALIZED.has(upper)) return upper;
    throw new TypeError(`Invalid HTTP method string: ${m}`);
  }

  function parseRedirect(r) {
    const v = String(r).toLowerCase();
    if (v === "follow" || v === "manual") return v;
    throw new TypeError("Invalid redirect value, must be one of \"follow\" or \"manual\" (\"error\" won't be " +
      "implemented since it does not make sense at the edge; use \"manual\" and check the response status code).");
  }

  function parseCache(c) {
    if (!natives.cacheOption) throw new Error("The 'cache' field on 'RequestInitializerDict' is not implemented.");
    const v = String(c);
    if (v === "no-store" || (v === "no-cache" && natives.cacheNoCache)) return v;
    throw new TypeError(`Unsupported cache mode: ${v}`);
  }

  // cloneCf copies the plain objects and arrays of a cf value, as workerd's deep clone does.
  function cloneCf(v) {
    if (Array.isArray(v)) return v.map(cloneCf);
    if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      const out = {};
      for (const k of Object.keys(v)) out[k] = cloneCf(v[k]);
      return out;
    }
    return v;
  }

  function parseURL(input) {
    const url = String(input);
    const href = natives.parseURL(url);
    if (href === null) throw new TypeError(`Invalid URL: ${url}`);
    return href;
  }

  let requestOf;

  class Request extends Body {
    #r;
    constructor(input, init = undefined) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to construct 'Request': constructor parameter 1 is not of type 'string or " +
          "Request'.");
      }
      const r = { method: "GET", url: "", headers: undefined, redirect: "follow", signal: null, cf: undefined,
        cache: undefined, fetcher: null, thisSignal: undefined };
      let extracted = null;
      let ignoreInputBody = false;
      if (init !== undefined && init !== null) ignoreInputBody = init instanceof Request || init.body !== undefined;
      if (input instanceof Request) {
        const o = input.#r;
        Object.assign(r, { method: o.method, url: o.url, redirect: o.redirect, signal: o.signal, cf: cloneCf(o.cf),
          cache: o.cache, fetcher: o.fetcher });
        r.headers = new Headers(o.headers);
        if (!ignoreInputBody) {
          if (input.bodyUsed) throw new TypeError("Cannot reconstruct a Request with a used body.");
          extracted = body.take(input);
        }
      } else {
        r.url = parseURL(input);
      }
      if (init instanceof Request) {
        const o = init.#r;
        Object.assign(r, { method: o.method, redirect: o.redirect, cache: o.cache, signal: o.signal,
          cf: cloneCf(o.cf), fetcher: o.fetcher });
        r.headers = new Headers(o.headers);
        extracted = body.clone(init);
      } else if (init !== undefined && init !== null) {
        extracted = applyInit(r, init, extracted);
      }
      r.headers ??= new Headers();
      if (extracted?.contentType !== undefined) hdr.setDefault(r.headers, "Content-Type", extracted.contentType);
      super(body.constructing, extracted, r.headers);
      this.#r = r;
    }

    get method() { return this.#r.method; }
    get url() { return this.#r.url; }
    get headers() { return this.#r.headers; }
    get redirect() { return this.#r.redirect; }
    get fetcher() { return this.#r.fetcher; }
    get signal() {
      const r = this.#r;
      if (r.signal) return r.signal;
      r.thisSignal ??= events.internal.newSignal();
      return r.thisSignal;
    }
    get cf() { return this.#r.cf; }
    get integrity() { return ""; }
    get keepalive() { return false; }
    get cache() { return this.#r.cache; }

    clone() {
      const r = this.#r;
      const copy = new Request(r.url, { method: r.method, headers: r.headers, redirect: r.redirect });
      const c = copy.#r;
      Object.assign(c, { signal: r.signal, cf: cloneCf(r.cf), cache: r.cache, fetcher: r.fetcher });
      body.replace(copy, body.clone(this));
      return copy;
    }

    static {
      requestOf = (req) => req.#r;
    }
  }
  Object.defineProperty(Request.prototype, Symbol.toStringTag, { value: "Request", configurable: true });

  function applyInit(r, init, extracted) {
    if (init.integrity !== undefined && String(init.integrity) !== "") {
      throw new TypeError("Subrequest integrity checking is not implemented. The integrity option must be either " +
        "undefined or an empty string.");
    }
    if (init.method !== undefined) r.method = parseMethod(init.method);
    if (init.headers !== undefined) r.headers = new Headers(init.headers);
    if (init.fetcher !== undefined) r.fetcher = init.fetcher;
    if (init.signal !== undefined) r.signal = init.signal;
    if (init.cf !== undefined) r.cf = cloneCf(init.cf);
    if (init.body !== undefined && init.body !== null) {
      extracted = body.extract(init.body);
      if (r.method === "GET" || r.method === "HEAD") {
        throw new TypeError("Request with a GET or HEAD method cannot have a body.");
      }
    } else if (init.body === null) {
      extracted = null;
    }
    if (init.redirect !== undefined) r.redirect = parseRedirect(init.redirect);
    if (init.cache !== undefined) r.cache = parseCache(init.cache);
    if (init.encodeResponseBody !== undefined) {
      const e = String(init.encodeResponseBody);
      if (e !== "manual" && e !== "automatic") throw new TypeError(`encodeResponseBody: unexpected value: ${e}`);
    }
    const changed = init.method !== undefined || init.body !== undefined;
    if (changed && (r.method === "GET" || r.method === "HEAD") && extracted) {
      throw new TypeError("Request with a GET or HEAD method cannot have a body.");
    }
    return extracted;
  }

  // ---- Response ----

  const NULL_BODY = new Set([101, 204, 205, 304]);
  const REDIRECTS = new Set([301, 302, 303, 307, 308]);
  let responseOf;

  class Response extends Body {
    #r;
    constructor(bodyInit = null, init = undefined) {
      const r = { status: 200, statusText: undefined, headers: undefined, cf: undefined, webSocket: null,
        type: "default", urlList: [] };
      if (init instanceof Response) {
        const o = init.#r;
        r.status = o.status;
        r.statusText = o.statusText;
        r.headers = new Headers(o.headers);
        r.cf = cloneCf(o.cf);
        r.webSocket = o.webSocket;
      } else if (init !== undefined && init !== null) {
        if (init.status !== undefined) r.status = Number(init.status) & 0xffff;
        if (init.statusText !== undefined) r.statusText = String(init.statusText);
        if (init.headers !== undefined) r.headers = new Headers(init.headers);
        if (init.cf !== undefined) r.cf = cloneCf(init.cf);
        if (init.webSocket !== undefined && init.webSocket !== null) r.webSocket = init.webSocket;
      }
      if (r.webSocket === null) {
        if (r.status < 200 || r.status > 599) {
          throw new RangeError("Responses may only be constructed with status codes in the range 200 to 599, " +
            "inclusive.");
        }
      } else if (r.status !== 101) {
        throw new RangeError("Responses with a WebSocket must have status code 101.");
      }
      if (r.statusText !== undefined && /[\0-\x1f]/.test(r.statusText)) throw new TypeError("Invalid statusText");
      let extracted = body.extract(bodyInit);
      if (extracted !== null && NULL_BODY.has(r.status)) {
        if (extracted.stream !== undefined || extracted.bytes.byteLength !== 0) {
          throw new TypeError("Response with null body status (101, 204, 205, or 304) cannot have a body.");
        }
        extracted = null;
      }
      r.headers ??= new Headers();
      if (extracted?.contentType !== undefined) hdr.setDefault(r.headers, "Content-Type", extracted.contentType);
      super(body.constructing, extracted, r.headers);
      this.#r = r;
    }

    get status() { return this.#r.status; }
    get statusText() { return this.#r.statusText ?? natives.statusText(this.#r.status); }
    get headers() { return this.#r.headers; }
    get ok() { return this.#r.status >= 200 && this.#r.status <= 299; }
    get redirected() { return this.#r.urlList.length > 1; }
    get url() { return this.#r.urlList.at(-1) ?? ""; }
    get webSocket() { return this.#r.webSocket; }
    get cf() { return this.#r.cf; }
    get type() { return this.#r.type; }

    clone() {
      const r = this.#r;
      if (r.webSocket !== null) throw new TypeError("Cannot clone a response to a WebSocket handshake.");
      const extracted = body.clone(this);
      const status = r.status === 0 ? 200 : r.status;
      const copy = new Response(null, { status, statusText: r.statusText, headers: r.headers });
      Object.assign(copy.#r, { status: r.status, cf: cloneCf(r.cf), type: r.type, urlList: r.urlList.slice() });
      if (hdr.isImmutable(r.headers)) hdr.setGuard(copy.#r.headers, true);
      body.replace(copy, extracted);
      return copy;
    }

    static json(data, init = undefined) {
      const headers = new Headers(init instanceof Response ? init.headers : init?.headers);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError("Value is not JSON serializable.");
      if (init instanceof Response) {
        const { status, cf, webSocket } = init;
        return new Response(text, { status, statusText: init.#r.statusText, headers, cf, webSocket });
      }
      const { status, statusText, cf, webSocket } = init ?? {};
      return new Response(text, { status, statusText, cf, webSocket, headers });
    }

    static redirect(url, status = 302) {
      status = Number(status);
      if (!REDIRECTS.has(status)) {
        throw new RangeError(`${status} is not a redirect status code. It must be one of: 301, 302, 303, 307, or 308.`);
      }
      const href = natives.parseURL(String(url));
      if (href === null) throw new TypeError(`Unable to parse URL: ${url}`);
      const res = new Response(null, { status });
      hdr.setDefault(res.#r.headers, "Location", href);
      hdr.setGuard(res.#r.headers, true);
      return res;
    }

    static error() {
      const res = new Response(null, { status: 200 });
      Object.assign(res.#r, { status: 0, type: "error", statusText: "" });
      hdr.setGuard(res.#r.headers, true);
      return res;
    }

    static {
      responseOf = (res) => res.#r;
    }
  }
  Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: "Response", configurable: true });

  // makeResponse builds a response that the platform received: its headers are immutable.
  function makeResponse({ status, statusText, headers, bytes, stream, urlList = [], webSocket = null, cf }) {
    const res = new Response(null, { status: 200 });
    const r = responseOf(res);
    Object.assign(r, { status, statusText, urlList, webSocket, cf });
    r.headers = hdr.immutableCopy(headers);
    body.replace(res, stream !== undefined || bytes !== undefined ? { stream, bytes } : null, r.headers);
    return res;
  }

  return {
    Request, Response,
    internal: { requestOf, responseOf, makeResponse, parseMethod, cloneCf },
  };
})
