// __dotest.web: the hooks other parts of dotest use to drive the web platform of a runtime.
// The object engine delivers requests to in-runtime handlers and takes WebSockets over for
// hibernation; the cloudflare:test fetch mock intercepts fetches. Every hook is documented in
// doc.go.
"use strict";
(function (natives, load) {
  const fetchInternal = () => load("fetch").internal;
  const ws = () => load("websocket").internal;
  const http = () => load("http");
  const body = () => load("body").internal;

  // deliverRequest gives a handler the Request it receives: a new object with the body moved
  // into it and immutable headers, as a Durable Object or worker gets a request in workerd.
  function deliverRequest(request) {
    const { Request } = http();
    if (!(request instanceof Request)) throw new TypeError("deliverRequest: not a Request");
    const r = http().internal.requestOf(request);
    const moved = body().take(request);
    const { url, method, headers, redirect, signal, cf } = r;
    const out = new Request(url, { method, headers, redirect, signal, cf });
    body().replace(out, moved);
    // A worker cannot change the headers of a request it receives.
    load("headers").internal.setGuard(out.headers, true);
    return out;
  }

  // toResponse checks what a fetch handler returned and turns it into the response its caller
  // receives (immutable headers, body moved, a WebSocket handed over).
  function toResponse(value, request) {
    const { Response } = http();
    if (!(value instanceof Response)) {
      throw new TypeError("Incorrect type for Promise: the Promise did not resolve to 'Response'.");
    }
    return fetchInternal().received(value, [], request.headers);
  }

  // dispatchFetch calls handler(request, ...args) as an in-runtime fetch and resolves with the
  // response the caller sees.
  async function dispatchFetch(handler, thisArg, request, ...args) {
    const delivered = deliverRequest(request);
    const value = await handler.call(thisArg, delivered, ...args);
    return toResponse(value, request);
  }

  return {
    addFetchHandler: (fn) => fetchInternal().addHandler(fn),
    clearCaches: () => load("cache").internal.clear(),
    deliverRequest,
    toResponse,
    dispatchFetch,
    webSocket: {
      hibernate: (socket, handlers) => ws().hibernate(socket, handlers),
      isHibernatable: (socket) => ws().isHibernatable(socket),
      isWebSocket: (v) => ws().isWebSocket(v),
      setAttachmentCodec: (codec) => ws().setCodec(codec),
    },
  };
})
