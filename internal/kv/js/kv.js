// The KvNamespace binding of env: argument handling, value conversion and decoding as
// workerd's binding does them. Storage, limits and the KV service's checks are in Go
// (natives); their failures arrive here as thrown errors, which the async methods turn
// into rejections, as every failure of the platform's binding is.
"use strict";
(function (natives) {
  // Captured before user code runs, so that a test replacing a global does not change them.
  const decoder = new TextDecoder();
  const TypeErr = TypeError;
  const ErrorCtor = Error;
  const parseJSON = JSON.parse;
  const stringify = JSON.stringify;
  const isView = ArrayBuffer.isView;
  const isArray = Array.isArray;
  const Stream = ReadableStream;
  const ResponseCtor = Response;
  const MapCtor = Map;

  const PUT_TYPES = "KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.";
  const TYPES = 'Unknown response type. Possible types are "text", "arrayBuffer", "json", and "stream".';

  const handles = new WeakMap();
  const handle = (self) => {
    const h = handles.get(self);
    if (h === undefined) throw new TypeErr("Illegal invocation");
    return h;
  };

  // toInt converts a number option as the binding's integer options are converted.
  const toInt = (v) => {
    const n = Number(v);
    return Number.isFinite(n) ? Math.trunc(n) : 0;
  };

  // readOptions reads get()'s second argument: a type, or { type, cacheTtl }.
  function readOptions(options) {
    if (options === undefined || options === null) return { type: undefined, cacheTtl: undefined };
    if (typeof options !== "object") return { type: String(options), cacheTtl: undefined };
    return {
      type: options.type === undefined ? undefined : String(options.type),
      cacheTtl: options.cacheTtl === undefined ? undefined : toInt(options.cacheTtl),
    };
  }

  function decode(buf, type) {
    switch (type === undefined ? "text" : type) {
      case "text":
        return decoder.decode(buf);
      case "json":
        return parseJSON(decoder.decode(buf));
      case "arrayBuffer":
        return buf;
      case "stream":
        return new Stream({
          start(controller) {
            if (buf.byteLength > 0) controller.enqueue(new Uint8Array(buf));
            controller.close();
          },
        });
      default:
        throw new TypeErr(TYPES);
    }
  }

  const metadataOf = (text) => (text === null ? null : parseJSON(text));

  // bulk reads up to 100 keys at once into a Map, as text or JSON only.
  function bulk(h, keys, options, withMetadata) {
    const { type, cacheTtl } = readOptions(options);
    const names = Array.from(keys, String);
    const found = natives.getBulk(h, names, type === undefined ? "" : type, cacheTtl);
    const out = new MapCtor();
    for (let i = 0; i < names.length; i++) {
      const entry = found[i];
      let value = null;
      if (entry !== null) {
        try {
          value = decode(entry[0], type === "json" ? "json" : "text");
        } catch {
          throw new ErrorCtor(
            `KV GET_BULK failed: 400 At least one of the requested keys corresponds to a non-${type} value`,
          );
        }
        if (withMetadata) value = { value, metadata: metadataOf(entry[1]) };
      }
      out.set(names[i], value);
    }
    return out;
  }

  async function body(value) {
    if (typeof value === "string") return value;
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    if (isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    if (value instanceof Stream) return new Uint8Array(await new ResponseCtor(value).arrayBuffer());
    if ((value !== null && typeof value === "object") || typeof value === "function") throw new TypeErr(PUT_TYPES);
    return String(value);
  }

  class KvNamespace {
    constructor() {
      throw new TypeErr("Illegal constructor");
    }

    async get(key, options) {
      const h = handle(this);
      if (isArray(key)) return bulk(h, key, options, false);
      const { type, cacheTtl } = readOptions(options);
      const entry = natives.get(h, String(key), cacheTtl);
      return entry === null ? null : decode(entry[0], type);
    }

    async getWithMetadata(key, options) {
      const h = handle(this);
      if (isArray(key)) return bulk(h, key, options, true);
      const { type, cacheTtl } = readOptions(options);
      const entry = natives.get(h, String(key), cacheTtl);
      if (entry === null) return { value: null, metadata: null, cacheStatus: null };
      return { value: decode(entry[0], type), metadata: metadataOf(entry[1]), cacheStatus: null };
    }

    async put(key, value, options) {
      const h = handle(this);
      key = String(key);
      natives.checkKey("PUT", key);
      const data = await body(value);
      const o = options === undefined || options === null ? {} : options;
      let metadata;
      if (o.metadata !== undefined && o.metadata !== null) metadata = stringify(o.metadata);
      natives.put(
        h,
        key,
        data,
        o.expiration === undefined ? undefined : toInt(o.expiration),
        o.expirationTtl === undefined ? undefined : toInt(o.expirationTtl),
        metadata,
      );
    }

    async delete(key) {
      natives.delete(handle(this), String(key));
    }

    async list(options) {
      const h = handle(this);
      const o = options === undefined || options === null ? {} : options;
      const page = natives.list(
        h,
        o.prefix === undefined || o.prefix === null ? "" : String(o.prefix),
        o.limit === undefined ? 0 : toInt(o.limit),
        o.cursor === undefined || o.cursor === null ? "" : String(o.cursor),
      );
      const keys = page.keys.map(([name, expiration, metadata]) => {
        const k = { name };
        if (expiration !== undefined) k.expiration = expiration;
        if (metadata !== undefined) k.metadata = parseJSON(metadata);
        return k;
      });
      if (page.complete) return { keys, list_complete: true, cacheStatus: null };
      return { keys, list_complete: false, cursor: page.cursor, cacheStatus: null };
    }
  }

  // The binding of namespace h: an instance that no constructor made, as workerd's are.
  return (h) => {
    const ns = Object.create(KvNamespace.prototype);
    handles.set(ns, h);
    return ns;
  };
});
