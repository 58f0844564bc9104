// The JavaScript half of package cloudflaretest. Go calls these functions on the runtime's
// goroutine; each operation that can take time reports its outcome through done(id, ok,
// value), once, from whatever turn it settles in.
"use strict";
(function (done) {
  const isThenable = (v) =>
    v !== null && (typeof v === "object" || typeof v === "function") && typeof v.then === "function";

  // settle reports what f(a, b, c) returns or throws, waiting for a promise first. The
  // arguments are fixed, rather than spread, as settle runs for every call from Go; `then` is
  // read once, as reading it from an RpcPromise goes through a proxy.
  function settle(id, f, a, b, c) {
    let out;
    try {
      out = f(a, b, c);
    } catch (e) {
      done(id, false, e);
      return;
    }
    const then = out !== null && (typeof out === "object" || typeof out === "function") ? out.then : undefined;
    if (typeof then !== "function") {
      done(id, true, out);
      return;
    }
    Reflect.apply(then, out, [(v) => done(id, true, v), (e) => done(id, false, e)]);
  }

  // call is stub[method](...args): RPC through the stub, with its cloning and its errors.
  const call = (stub, method, args) => Reflect.apply(stub[method], stub, args);

  // readResponse reads a Response into [status, statusText, headers, body, isWebSocket].
  function readResponse(r) {
    if (!(r instanceof Response)) {
      throw new TypeError(`fetch() answered with ${Object.prototype.toString.call(r)}, not a Response`);
    }
    const headers = Array.from(r.headers);
    if (r.webSocket) return [r.status, r.statusText, headers, null, true];
    return r.arrayBuffer().then((body) => [r.status, r.statusText, headers, body, false]);
  }
  const fetchVia = (stub, request) => Promise.resolve(stub.fetch(request)).then(readResponse);

  // kindOf names what a value that is not plain data is, for the conversion to Go.
  function kindOf(v) {
    if (typeof v === "function") return "function";
    if (v instanceof Map) return "Map";
    if (v instanceof Set) return "Set";
    if (v instanceof Date) return "Date";
    if (v instanceof RegExp) return "RegExp";
    if (v instanceof Error) return "Error";
    if (v instanceof ArrayBuffer) return "ArrayBuffer";
    if (ArrayBuffer.isView(v)) return "view";
    if (typeof Response === "function" && v instanceof Response) return "Response";
    if (typeof Request === "function" && v instanceof Request) return "Request";
    if (typeof ReadableStream === "function" && v instanceof ReadableStream) return "ReadableStream";
    if (isThenable(v)) return "promise";
    if (v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt) return "boxed";
    return "object";
  }

  // viewBytes copies the bytes a typed array or DataView sees into an ArrayBuffer of their own.
  const viewBytes = (v) => v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);

  const entries = (v) => Array.from(v);
  const identity = (v) => v;
  const regexpText = (v) => String(v);
  const dateTime = (v) => v.getTime();

  // Storage of the object a RunInDurableObject callback is inside, through its ctx as the
  // object's own code reaches it.
  const storage = {
    sql: (ctx, query, args) => ctx.storage.sql.exec(query, ...args).toArray(),
    get: (ctx, key) => ctx.storage.get(key),
    put: (ctx, key, value) => ctx.storage.put(key, value),
    delete: (ctx, key) => ctx.storage.delete(key),
    list: (ctx, options) => ctx.storage.list(options).then((m) => Array.from(m)),
  };

  // inObject is the callback handed to the engine's RunInObject: it tells Go that the object
  // is entered and holds the event open until Go releases it.
  const inObject = (id) => (instance, ctx) =>
    new Promise((resolve, reject) => done(id, true, [instance, ctx, resolve, reject]));

  return { settle, call, fetchVia, kindOf, viewBytes, entries, identity, regexpText, dateTime, storage, inObject };
});
