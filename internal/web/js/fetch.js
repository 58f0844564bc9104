// fetch: a chain of interceptors (the test's fetch mock, an engine's routes), then the network
// through Go. Redirects are followed here, whoever answered, as workerd follows them for any
// response; the response a caller gets has immutable headers.
"use strict";
(function (natives, load) {
  const { Request, Response, internal: http } = load("http");
  const { Headers } = load("headers");
  const body = load("body").internal;
  const hdr = load("headers").internal;
  const ws = load("websocket").internal;
  const rsi = load("streams").internal;

  const MAX_REDIRECTS = 20;
  const BODY_HEADERS = ["content-encoding", "content-language", "content-location", "content-type", "content-length"];
  const REDIRECTS = new Set([301, 302, 303, 307, 308]);
  const ONE_TIME_BODY = "A request with a one-time-use body (it was initialized from a stream, not a buffer) " +
    "encountered a redirect requiring the body to be retransmitted. To avoid this error in the future, construct " +
      "this request from a buffer-like body initializer.";

  // handlers intercept fetches, newest first; each is (request, next) => Response.
  const handlers = [];

  function addHandler(fn) {
    if (typeof fn !== "function") throw new TypeError("A fetch handler must be a function.");
    const entry = { fn };
    handlers.unshift(entry);
    return () => {
      const i = handlers.indexOf(entry);
      if (i >= 0) handlers.splice(i, 1);
    };
  }

  function fetch(input, init = undefined) {
    let request;
    try {
      request = new Request(input, init);
    } catch (e) {
      return Promise.reject(e);
    }
    return run(request);
  }

  function notAResponse() {
    return new TypeError("Incorrect type for Promise: the Promise did not resolve to 'Response'.");
  }

  // run sends request and follows its redirects. Note: the request body is read whole before
  // it is sent, so a streamed upload reaches the network (or a handler) only once its stream
  // has ended.
  async function run(request) {
    const signal = request.signal;
    signal.throwIfAborted();
    const r = http.requestOf(request);
    const oneTime = body.stateOf(request)?.stream !== undefined;
    const bytes = request.body === null ? null : await body.readAll(request.body);
    let hop = { method: r.method, url: r.url, headers: new Headers(r.headers), bytes };
    const urlList = [r.url];
    for (;;) {
      const req = new Request(hop.url, {
        method: hop.method, headers: hop.headers, body: hop.bytes, redirect: r.redirect, signal, cf: r.cf,
      });
      const response = await abortable(signal, dispatch(0, req, signal));
      const location = response.headers.get("location");
      if (r.redirect === "manual" || !REDIRECTS.has(response.status) || location === null) {
        return received(response, urlList, hop.headers);
      }
      const next = natives.resolveURL(location, hop.url);
      if (next === null) throw new TypeError("Invalid Location header; unable to follow redirect.");
      if (urlList.length - 1 >= MAX_REDIRECTS) throw new TypeError("Too many redirects.");
      if (natives.origin(next) !== natives.origin(hop.url)) hop.headers.delete("authorization");
      urlList.push(next);
      if (response.status !== 303 && oneTime && hop.bytes !== null) throw new TypeError(ONE_TIME_BODY);
      response.body?.cancel().catch(() => {});
      if (((response.status === 301 || response.status === 302) && hop.method === "POST") ||
          (response.status === 303 && hop.method !== "HEAD")) {
        hop = { method: "GET", url: next, headers: hop.headers, bytes: null };
        for (const h of BODY_HEADERS) hop.headers.delete(h);
      } else {
        hop = { ...hop, url: next };
      }
    }
  }

  // dispatch hands the request to handler i, or to the network after the last one.
  function dispatch(i, request, signal) {
    if (i >= handlers.length) return network(request, signal);
    const next = (req = request) => {
      const r = req instanceof Request ? req : new Request(req);
      return dispatch(i + 1, r, signal);
    };
    return Promise.resolve(handlers[i].fn(request, next)).then((res) => {
      if (!(res instanceof Response)) throw notAResponse();
      return res;
    });
  }

  function abortable(signal, promise) {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      promise.then((v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      }, (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      });
    });
  }

  // received gives the caller a response as it comes off the wire: a new object with
  // immutable headers, the body moved into it, and the list of URLs it went through.
  function received(res, urlList, requestHeaders) {
    const r = http.responseOf(res);
    let webSocket = null;
    if (r.webSocket !== null) {
      if (String(requestHeaders.get("upgrade")).toLowerCase() !== "websocket") {
        throw new TypeError("Worker tried to return a WebSocket in a response to a request which did not contain " +
          "the header \"Upgrade: websocket\".");
      }
      webSocket = ws.couple(r.webSocket);
    }
    const moved = body.take(res) ?? {};
    return http.makeResponse({
      status: r.status, statusText: r.statusText, headers: r.headers, bytes: moved.bytes, stream: moved.stream,
      urlList: urlList.slice(), webSocket, cf: r.cf,
    });
  }

  // network sends the request with Go's HTTP client and streams the response body.
  function network(request, signal) {
    const r = http.requestOf(request);
    if (String(r.headers.get("upgrade")).toLowerCase() === "websocket") {
      // Note: dotest has no WebSocket client for the network; only in-runtime handlers can
      // answer an upgrade.
      return Promise.reject(new TypeError(`dotest cannot open a WebSocket connection to the network: ${r.url}`));
    }
    const bytes = body.bufferedBytes(request);
    return new Promise((resolve, reject) => {
      const onResponse = (status, statusText, headers, bodyId) => {
        signal.removeEventListener("abort", onAbort);
        resolve(http.makeResponse({ status, statusText, headers, stream: networkBody(bodyId, signal) }));
      };
      const id = natives.send(r.method, r.url, hdr.pairs(r.headers), bytes ?? null, onResponse, (kind, message) => {
        signal.removeEventListener("abort", onAbort);
        reject(networkError(kind, message));
      });
      const onAbort = () => natives.abort(id);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  function networkError(kind, message) {
    switch (kind) {
      case "disconnected": return new Error("Network connection lost.");
      case "unsupported": return new TypeError(message);
      default: return new Error(`internal error; reference = ${natives.reference()}`);
    }
  }

  // networkBody is a byte stream that pulls the response body from Go chunk by chunk; an
  // abort of the request's signal errors it with the signal's reason.
  function networkBody(id, signal) {
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        natives.close(id);
        signal.removeEventListener("abort", onAbort);
      }
    };
    let controller;
    function onAbort() {
      finish();
      controller.error(signal.reason);
    }
    return new (load("streams").ReadableStream)({
      type: "bytes",
      start(c) {
        controller = c;
        signal.addEventListener("abort", onAbort, { once: true });
      },
      pull(c) {
        return new Promise((resolve, reject) => {
          natives.read(id, (chunk, failed) => {
            if (done) {
              resolve();
              return;
            }
            if (failed) {
              finish();
              reject(new Error("Network connection lost."));
            } else if (chunk === null) {
              finish();
              c.close();
              resolve();
            } else {
              c.enqueue(chunk);
              resolve();
            }
          });
        });
      },
      cancel() { finish(); },
    });
  }

  return { fetch, internal: { addHandler, received, dispatch, handlers } };
})
