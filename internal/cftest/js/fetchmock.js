// fetchmock.js: fetchMock, the undici MockAgent that classic cloudflare:test gave tests, with
// undici's matching rules, error classes and texts. It sits in the web platform's chain of
// fetch handlers, so it sees every fetch of the runtime: the tests', the worker's and the
// Durable Objects'. Like the classic pool's, it starts deactivated, with the network allowed.
"use strict";
(function (host) {
  class UndiciError extends Error {
    constructor(message) {
      super(message);
      this.name = "UndiciError";
      this.code = "UND_ERR";
    }
  }
  class InvalidArgumentError extends UndiciError {
    constructor(message) {
      super(message);
      this.name = "InvalidArgumentError";
      this.message = message || "Invalid Argument Error";
      this.code = "UND_ERR_INVALID_ARG";
    }
  }
  class MockNotMatchedError extends UndiciError {
    constructor(message) {
      super(message);
      this.name = "MockNotMatchedError";
      this.message = message || "The request does not match any registered mock dispatches";
      this.code = "UND_MOCK_ERR_MOCK_NOT_MATCHED";
    }
  }

  const decoder = new TextDecoder();

  // matchValue is how undici compares a matcher (string, RegExp or predicate) with a value.
  function matchValue(match, value) {
    if (typeof match === "string") return match === value;
    if (match instanceof RegExp) return match.test(value);
    if (typeof match === "function") return match(value) === true;
    return false;
  }

  const lowerKeys = (headers) =>
    Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLocaleLowerCase(), v]));

  function matchHeaders(dispatch, headers) {
    if (typeof dispatch.headers === "function") return dispatch.headers(headers ? lowerKeys(headers) : {});
    if (dispatch.headers === undefined) return true;
    if (typeof headers !== "object" || typeof dispatch.headers !== "object") return false;
    const lower = lowerKeys(headers);
    for (const [name, matcher] of Object.entries(dispatch.headers)) {
      if (!matchValue(matcher, lower[name.toLocaleLowerCase()])) return false;
    }
    return true;
  }

  // safeUrl sorts a path's query parameters, so that their order never decides a match.
  function safeUrl(path) {
    if (typeof path !== "string") return path;
    const parts = path.split("?", 3);
    if (parts.length !== 2) return path;
    const query = new URLSearchParams(parts.pop());
    query.sort();
    return `${parts[0]}?${query}`;
  }

  function withQuery(path, query) {
    if (path.includes("?") || path.includes("#")) {
      throw new Error('Query params cannot be passed when url already contains "?" or "#".');
    }
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      for (const one of Array.isArray(v) ? v : [v]) search.append(k, one === undefined ? "" : String(one));
    }
    const text = search.toString();
    return text ? `${path}?${text}` : path;
  }

  function removeTrailingSlash(path) {
    while (path.endsWith("/")) path = path.slice(0, -1);
    return path.length === 0 ? "/" : path;
  }

  // findDispatch picks the first unconsumed interceptor that matches, narrowing by path,
  // method, body and headers in turn, and says which of them failed.
  function findDispatch(dispatches, key) {
    const path = safeUrl(key.query ? withQuery(key.path, key.query) : key.path);
    const bare = removeTrailingSlash(path);
    let found = dispatches.filter((d) => !d.consumed).filter((d) => (d.ignoreTrailingSlash
      ? matchValue(removeTrailingSlash(safeUrl(d.path)), bare) : matchValue(safeUrl(d.path), path)));
    if (found.length === 0) throw new MockNotMatchedError(`Mock dispatch not matched for path '${path}'`);
    found = found.filter((d) => matchValue(d.method, key.method));
    if (found.length === 0) {
      throw new MockNotMatchedError(`Mock dispatch not matched for method '${key.method}' on path '${path}'`);
    }
    found = found.filter((d) => (d.body !== undefined ? matchValue(d.body, key.body) : true));
    if (found.length === 0) {
      throw new MockNotMatchedError(`Mock dispatch not matched for body '${key.body}' on path '${path}'`);
    }
    found = found.filter((d) => matchHeaders(d, key.headers));
    if (found.length === 0) {
      const headers = typeof key.headers === "object" ? JSON.stringify(key.headers) : key.headers;
      throw new MockNotMatchedError(`Mock dispatch not matched for headers '${headers}' on path '${path}'`);
    }
    return found[0];
  }

  function sameKey(d, key) {
    return matchValue(d.path, key.path) && matchValue(d.method, key.method) &&
      (d.body !== undefined ? matchValue(d.body, key.body) : true) && matchHeaders(d, key.headers);
  }

  function dropConsumed(dispatches, key) {
    const i = dispatches.findIndex((d) => d.consumed && sameKey(d, key));
    if (i !== -1) dispatches.splice(i, 1);
  }

  // responseBytes turns a reply's data into bytes: buffers as they are, objects as JSON,
  // anything else as its text.
  function responseBytes(data) {
    if (data instanceof Uint8Array) return data;
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (typeof data === "object" && data !== null) return new TextEncoder().encode(JSON.stringify(data));
    return new TextEncoder().encode(data ? data.toString() : "");
  }

  function headerPairs(headers) {
    const out = [];
    for (const [name, value] of Object.entries(headers ?? {})) {
      for (const one of Array.isArray(value) ? value : [value]) out.push([`${name}`, `${one}`]);
    }
    return out;
  }

  const NULL_BODY = new Set([101, 103, 204, 205, 304]);

  class MockScope {
    #d;
    constructor(d) {
      this.#d = d;
    }
    delay(waitInMs) {
      if (typeof waitInMs !== "number" || !Number.isInteger(waitInMs) || waitInMs <= 0) {
        throw new InvalidArgumentError("waitInMs must be a valid integer > 0");
      }
      this.#d.delay = waitInMs;
      return this;
    }
    persist() {
      this.#d.persist = true;
      return this;
    }
    times(repeatTimes) {
      if (typeof repeatTimes !== "number" || !Number.isInteger(repeatTimes) || repeatTimes <= 0) {
        throw new InvalidArgumentError("repeatTimes must be a valid integer > 0");
      }
      this.#d.times = repeatTimes;
      return this;
    }
  }

  class MockInterceptor {
    #key;
    #dispatches;
    #ignoreTrailingSlash;
    #defaultHeaders = {};
    #defaultTrailers = {};
    #contentLength = false;

    constructor(opts, dispatches) {
      if (typeof opts !== "object") throw new InvalidArgumentError("opts must be an object");
      if (opts.path === undefined) throw new InvalidArgumentError("opts.path must be defined");
      if (opts.method === undefined) opts.method = "GET";
      if (typeof opts.path === "string") {
        if (opts.query) {
          opts.path = withQuery(opts.path, opts.query);
        } else {
          const url = new URL(opts.path, "data://");
          opts.path = url.pathname + url.search;
        }
      }
      if (typeof opts.method === "string") opts.method = opts.method.toUpperCase();
      this.#key = { path: opts.path, method: opts.method, body: opts.body, headers: opts.headers, query: opts.query };
      this.#dispatches = dispatches;
      this.#ignoreTrailingSlash = opts.ignoreTrailingSlash ?? false;
    }

    #data({ statusCode, data, responseOptions }) {
      const bytes = responseBytes(data);
      const length = this.#contentLength ? { "content-length": bytes.length } : {};
      return {
        statusCode, data,
        headers: { ...this.#defaultHeaders, ...length, ...responseOptions.headers },
        trailers: { ...this.#defaultTrailers, ...responseOptions.trailers },
      };
    }

    #check(params) {
      if (params.statusCode === undefined) throw new InvalidArgumentError("statusCode must be defined");
      if (typeof params.responseOptions !== "object" || params.responseOptions === null) {
        throw new InvalidArgumentError("responseOptions must be an object");
      }
    }

    #add(data) {
      const d = {
        timesInvoked: 0, times: 1, persist: false, consumed: false, ignoreTrailingSlash: this.#ignoreTrailingSlash,
        ...this.#key, pending: true, data: { error: null, ...data },
      };
      this.#dispatches.push(d);
      return new MockScope(d);
    }

    reply(statusOrCallback, data, responseOptions) {
      if (typeof statusOrCallback === "function") {
        const callback = (opts) => {
          const resolved = statusOrCallback(opts);
          if (typeof resolved !== "object" || resolved === null) {
            throw new InvalidArgumentError("reply options callback must return an object");
          }
          const params = { data: "", responseOptions: {}, ...resolved };
          this.#check(params);
          return this.#data(params);
        };
        return this.#add({ callback });
      }
      const params = {
        statusCode: statusOrCallback, data: data === undefined ? "" : data,
        responseOptions: responseOptions === undefined ? {} : responseOptions,
      };
      this.#check(params);
      return this.#add(this.#data(params));
    }

    replyWithError(error) {
      if (error === undefined) throw new InvalidArgumentError("error must be defined");
      return this.#add({ error });
    }

    defaultReplyHeaders(headers) {
      if (headers === undefined) throw new InvalidArgumentError("headers must be defined");
      this.#defaultHeaders = headers;
      return this;
    }

    defaultReplyTrailers(trailers) {
      if (trailers === undefined) throw new InvalidArgumentError("trailers must be defined");
      this.#defaultTrailers = trailers;
      return this;
    }

    replyContentLength() {
      this.#contentLength = true;
      return this;
    }
  }

  // MockPool is the interceptors of one origin (undici's MockClient and MockPool behave alike
  // here).
  class MockPool {
    constructor(origin, agent) {
      this.origin = origin;
      this.agent = agent;
      this.dispatches = [];
    }
    intercept(opts) {
      return new MockInterceptor(opts && { ...opts }, this.dispatches);
    }
    cleanMocks() {
      this.dispatches = [];
    }
    async close() {
      this.agent.forget(this.origin);
    }
  }

  class MockAgent {
    #active = true;
    #netConnect = true;
    #clients = new Map();
    #installed = false;

    get(origin) {
      let pool = this.#lookup(origin);
      if (pool === undefined) {
        pool = new MockPool(origin, this);
        this.#clients.set(origin, pool);
      }
      return pool;
    }

    // lookup finds the pool of an origin: its own, or one made from a pool registered with a
    // RegExp or function that matches it, sharing that pool's interceptors.
    #lookup(origin) {
      const own = this.#clients.get(origin);
      if (own !== undefined) return own;
      if (typeof origin !== "string") {
        const pool = new MockPool("http://localhost:9999", this);
        this.#clients.set(origin, pool);
        return pool;
      }
      for (const [matcher, registered] of [...this.#clients]) {
        if (typeof matcher !== "string" && matchValue(matcher, origin)) {
          const pool = new MockPool(origin, this);
          pool.dispatches = registered.dispatches;
          this.#clients.set(origin, pool);
          return pool;
        }
      }
      return undefined;
    }

    forget(origin) {
      this.#clients.delete(origin);
    }

    get isMockActive() {
      return this.#active;
    }

    activate() {
      this.#active = true;
      this.#install();
    }

    deactivate() {
      this.#active = false;
    }

    enableNetConnect(matcher) {
      if (typeof matcher === "string" || typeof matcher === "function" || matcher instanceof RegExp) {
        if (Array.isArray(this.#netConnect)) this.#netConnect.push(matcher);
        else this.#netConnect = [matcher];
      } else if (matcher === undefined) {
        this.#netConnect = true;
      } else {
        throw new InvalidArgumentError("Unsupported matcher. Must be one of String|Function|RegExp.");
      }
    }

    disableNetConnect() {
      this.#netConnect = false;
    }

    async close() {
      this.#clients.clear();
    }

    pendingInterceptors() {
      return [...this.#clients].flatMap(([origin, pool]) => pool.dispatches.map((d) => ({ ...d, origin })))
        .filter((d) => d.pending);
    }

    assertNoPendingInterceptors({ pendingInterceptorsFormatter = formatter } = {}) {
      const pending = this.pendingInterceptors();
      if (pending.length === 0) return;
      const head = pending.length === 1 ? "1 interceptor is pending:" : `${pending.length} interceptors are pending:`;
      throw new UndiciError(`${head}\n\n${pendingInterceptorsFormatter.format(pending)}`.trim());
    }

    // install puts the agent in the runtime's fetch chain, once, when it is first activated.
    // The platform's fetch rejects a request whose signal has already aborted before any
    // handler sees it, where undici's mock still uses up the interceptor it matches: fetch is
    // wrapped for that case alone.
    #install() {
      if (this.#installed) return;
      this.#installed = true;
      host.web.addFetchHandler((request, next) => (this.#active ? this.#fetch(request, next) : next()));
      const platformFetch = globalThis.fetch;
      const agent = this;
      globalThis.fetch = function fetch(input, init = undefined) {
        const signal = init?.signal ?? (input instanceof Request ? input.signal : null);
        if (!agent.#active || !signal?.aborted) return platformFetch.call(this, input, init);
        return agent.#fetchAborted(new Request(input, init), () => platformFetch.call(this, input, init));
      };
    }

    async #fetch(request, next) {
      if (request.headers.get("Upgrade") !== null) return next();
      // Without a body nothing is awaited before the reply starts, as in undici, so that a
      // test that moves fake time right after fetch() moves the reply's timers too.
      const bytes = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
      const opts = dispatchOptions(request, bytes);
      const pool = this.get(opts.origin);
      let d;
      try {
        d = findDispatch(pool.dispatches, opts);
      } catch (err) {
        if (!(err instanceof MockNotMatchedError)) throw err;
        this.#allowNet(err, opts.origin);
        return next(new Request(request.url, {
          method: request.method, headers: request.headers, body: bytes, redirect: request.redirect,
          signal: request.signal,
        }));
      }
      return reply(pool, d, opts);
    }

    // fetchAborted matches a request whose signal had aborted before it was sent: the
    // interceptor it matches is used up and the request fails as undici's mock fails it.
    async #fetchAborted(request, network) {
      if (request.headers.get("Upgrade") !== null) return network();
      const bytes = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
      const opts = dispatchOptions(request, bytes);
      const pool = this.get(opts.origin);
      let d;
      try {
        d = findDispatch(pool.dispatches, opts);
      } catch (err) {
        if (!(err instanceof MockNotMatchedError)) throw err;
        this.#allowNet(err, opts.origin);
        return network();
      }
      const { data } = use(pool, d, opts);
      if (typeof data === "function") Promise.resolve(data({ ...opts })).catch(() => {});
      const err = new Error("The operation was aborted");
      err.code = "ABORT_ERR";
      err.name = "AbortError";
      throw err;
    }

    // allowNet throws undici's error for a request that no interceptor matched, unless net
    // connect lets it through to the network.
    #allowNet(err, origin) {
      const net = this.#netConnect;
      if (net === false) {
        throw new MockNotMatchedError(`${err.message}: subsequent request to origin ${origin} was not allowed ` +
          "(net.connect disabled)");
      }
      if (net !== true && !net.some((m) => matchValue(m, new URL(origin).host))) {
        throw new MockNotMatchedError(`${err.message}: subsequent request to origin ${origin} was not allowed ` +
          "(net.connect is not enabled for this origin)");
      }
    }
  }

  // dispatchOptions describes a request as undici's dispatch options, with its body (bytes,
  // or null) as text for matching.
  function dispatchOptions(request, bytes) {
    const url = new URL(request.url);
    const headers = {};
    for (const [name, value] of request.headers) {
      if (name === "set-cookie") (headers[name] ??= []).push(value);
      else headers[name] = value;
    }
    return {
      origin: url.origin, path: url.pathname + url.search, method: request.method,
      body: bytes === null ? "" : decoder.decode(bytes), headers,
    };
  }

  // use counts a call of an interceptor, runs its reply callback, and marks it consumed once
  // it has been used up. It returns the reply's data.
  function use(pool, d, opts) {
    d.timesInvoked++;
    if (d.data.callback) d.data = { ...d.data, ...d.data.callback(opts) };
    const { persist, timesInvoked, times } = d;
    d.consumed = !persist && timesInvoked >= times;
    d.pending = timesInvoked < times;
    return d.data;
  }

  // reply answers a matched request as undici's mock dispatch does: it uses the interceptor,
  // waits for the delay, and drops the interceptor once it is consumed.
  async function reply(pool, d, opts) {
    const { statusCode, data, headers, error } = use(pool, d, opts);
    const { delay } = d;
    const key = { path: opts.path, method: opts.method, body: opts.body, headers: opts.headers };
    if (error !== null) {
      dropConsumed(pool.dispatches, key);
      throw error;
    }
    if (typeof delay === "number" && delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    let body = typeof data === "function" ? data({ ...opts, headers: opts.headers }) : data;
    if (body !== null && typeof body === "object" && typeof body.then === "function") body = await body;
    const bytes = responseBytes(body);
    dropConsumed(pool.dispatches, key);
    return new Response(NULL_BODY.has(statusCode) ? null : bytes, {
      status: statusCode, statusText: STATUS_TEXT[statusCode] ?? "unknown", headers: headerPairs(headers),
    });
  }

  // formatter lists pending interceptors as the classic pool's formatter does, without colours.
  const formatter = {
    format(pending) {
      return pending.map(({ method, path, data: { statusCode }, persist, times, timesInvoked, origin }) => {
        const remaining = persist ? Infinity : times - timesInvoked;
        return `- ${method} ${origin}${path} ${statusCode} ` +
          `{ persist: ${Boolean(persist)}, invoked: ${timesInvoked}, remaining: ${remaining} }`;
      }).join("\n");
    },
  };

  // STATUS_TEXT is Node's http.STATUS_CODES, which undici takes status texts from.
  const STATUS_TEXT = {
    100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints", 200: "OK", 201: "Created",
    202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content", 205: "Reset Content",
    206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used", 300: "Multiple Choices",
    301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified", 305: "Use Proxy",
    307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized",
    402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
    407: "Proxy Authentication Required", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
    411: "Length Required", 412: "Precondition Failed", 413: "Payload Too Large", 414: "URI Too Long",
    415: "Unsupported Media Type", 416: "Range Not Satisfiable", 417: "Expectation Failed", 418: "I'm a Teapot",
    421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked", 424: "Failed Dependency",
    425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required", 429: "Too Many Requests",
    431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons", 500: "Internal Server Error",
    501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    505: "HTTP Version Not Supported", 506: "Variant Also Negotiates", 507: "Insufficient Storage",
    508: "Loop Detected", 509: "Bandwidth Limit Exceeded", 510: "Not Extended",
    511: "Network Authentication Required",
  };

  const agent = new MockAgent();
  agent.deactivate();
  return agent;
})
