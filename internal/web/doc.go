// Package web gives each test runtime the web platform a Cloudflare Worker sees, with
// workerd's behaviour and error texts: fetch, Request, Response, Headers, FormData, Blob,
// File, URL, URLSearchParams, URLPattern; ReadableStream (default and byte streams, BYOB
// readers, tee, pipes, async iteration, from), WritableStream, TransformStream,
// IdentityTransformStream, FixedLengthStream, TextEncoderStream, TextDecoderStream,
// CompressionStream, DecompressionStream; TextEncoder, TextDecoder, atob, btoa;
// DOMException, Event, EventTarget, CustomEvent, AbortController, AbortSignal; crypto and
// crypto.subtle; scheduler, performance, navigator; the Cache API; WebSocket, WebSocketPair
// and WebSocketRequestResponsePair. structuredClone belongs to internal/clone.
//
// # Installing
//
// The pool calls Install once per runtime, after jsrt.New. It defines each global as an
// accessor that runs its JS module the first time a script reads it, then becomes a plain
// writable property; fetch, atob and btoa are plain methods from the start, so that
// vi.spyOn(globalThis, "fetch") sees an ordinary function. A runtime pays only for what its
// tests touch (Install itself is about 60 µs).
//
// # Layout
//
// Each JS module is a file of js/, compiled once per process on first use, evaluating to a
// function of (natives, load, host) that returns the module's exports; load(name) reaches
// another module. Conversions of large buffers, crypto, compression, URL parsing and the
// network are Go natives.
//
// # Hooks for the rest of dotest
//
// __dotest.web (rt.Host().Get("web")) holds what the test module and the object engine use:
//
//	addFetchHandler(fn) → remove()
//	    fn(request, next) sees every fetch made in the runtime, by tests, the worker and its
//	    objects, before the network; the newest handler runs first. It returns a Response or
//	    a promise of one; next(request?) hands the request to the older handlers and then to
//	    the network. fetch follows redirects whoever answered, gives the caller a new
//	    Response with immutable headers, and hands over the WebSocket of a 101 response
//	    when the request asked for "Upgrade: websocket". The cloudflare:test fetchMock is
//	    one such handler; anything other than a Response rejects the fetch with workerd's
//	    "Incorrect type for Promise: the Promise did not resolve to 'Response'.".
//	clearCaches()
//	    empties the Cache API of the runtime.
//	deliverRequest(request) → Request
//	    the Request an in-runtime handler receives: a new object with immutable headers,
//	    the body moved into it (the caller's becomes used), as a Durable Object's or the
//	    worker's fetch gets it.
//	toResponse(value, request) → Response
//	    checks what such a handler returned (workerd's TypeError when it is not a Response)
//	    and returns the Response its caller receives: immutable headers, body moved, and
//	    for a 101 response a new WebSocket object that takes over the connection, leaving
//	    the one the handler put in the Response released, as workerd couples them. A socket
//	    in a Response to a request without "Upgrade: websocket" is refused.
//	dispatchFetch(handler, thisArg, request, ...args) → Promise<Response>
//	    handler.call(thisArg, deliverRequest(request), ...args), then toResponse.
//	webSocket.hibernate(ws, handlers)
//	    ctx.acceptWebSocket's half: makes a server end that was neither accepted nor used in
//	    a Response hibernatable, with workerd's errors otherwise. Its incoming messages,
//	    closes and errors then go to handlers.message(ws, data), handlers.close(ws, code,
//	    reason, wasClean) and handlers.error(ws, error), each as a task of its own, instead
//	    of being dispatched as events; data is a string or an ArrayBuffer. send and close
//	    work as on an accepted socket, accept() throws, and close frames are answered as
//	    the compatibility date says.
//	webSocket.isHibernatable(ws), webSocket.isWebSocket(value)
//	webSocket.setAttachmentCodec({serialize(value) → {data, size}, deserialize(data) → value})
//	    replaces how ws.serializeAttachment stores values; size is checked against 16384
//	    bytes. The default codec copies with structuredClone when it exists (JSON
//	    otherwise) and estimates the size from the JSON text; the structured-clone package
//	    installs the exact one.
//
// From Go, NewRequest builds a Request from Go values and ReadResponse reads a Response (or
// a promise of one) into a Response value.
//
// # Goroutines
//
// Everything runs on the runtime's goroutine. A network fetch runs on a goroutine of its own
// through Loop.Go, and so does each read of its response body; their results come back as
// loop tasks. WebSocket events, fetch callbacks and timers are tasks of their own, and what
// their JS throws goes to the runtime's error handler, that is to the running test.
//
// # Known gaps
//
// new WebSocket(url) cannot connect to the network: the socket fails with an error event.
// Request bodies sent to the network are buffered, not streamed. The Cache API ignores
// Range and Vary (but "Vary: *"). crypto.subtle has no RSA, ECDSA, ECDH, Ed25519, X25519
// or AES-KW. Host names are mapped to ASCII by case folding, NFKC and Punycode, not the
// full UTS #46 table. Each is noted where it lives.
package web
