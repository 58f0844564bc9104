// node:process and the global process: workerd's process (v2), an EventEmitter whose env is
// the worker's text vars, nextTick a microtask, and versions as workerd reports them.
"use strict";
(function (natives, load) {
  const EventEmitter = load("events");
  const errors = load("errors");
  const NODE_VERSION = "22.19.0";
  const versionKeys = ["node", "v8", "modules", "zlib", "brotli", "zstd", "ares", "napi", "llhttp", "nghttp2",
    "acorn", "ada", "simdutf", "nbytes", "ncrypto", "uvwasi", "uv", "openssl", "sqlite", "icu", "undici",
    "simdjson", "unicode", "cldr", "tz", "cjs_module_lexer", "amaro", "merve"];
  const versions = Object.fromEntries(versionKeys.map((k) => [k, k === "node" ? NODE_VERSION : ""]));

  const env = new Proxy(Object.assign({}, natives.env), {
    set(obj, prop, value) {
      if (typeof prop === "symbol" || typeof value === "symbol") throw new TypeError("Cannot convert a symbol value to a string");
      return Reflect.set(obj, prop, `${value}`);
    },
    defineProperty(obj, prop, desc) {
      if ("get" in desc || "set" in desc) {
        throw errors.invalidArgValue("descriptor", desc, "process.env value must not have getter/setter");
      }
      return Reflect.defineProperty(obj, prop, { ...desc, value: `${desc.value}` });
    },
  });

  let cwd = "/";
  const process = new EventEmitter();
  const notImplemented = (name) => function () { throw errors.notImplemented(`process.${name}`); };
  Object.assign(process, {
    version: `v${NODE_VERSION}`,
    versions,
    title: "workerd",
    argv: ["workerd"],
    argv0: "workerd",
    execArgv: [],
    execPath: "",
    arch: "x64",
    platform: "linux",
    pid: 1,
    ppid: 0,
    env,
    exitCode: undefined,
    features: Object.freeze({
      cached_builtins: true, debug: false, inspector: false, ipv6: true, openssl_is_boringssl: true,
      require_module: false, tls: true, tls_alpn: true, tls_ocsp: true, tls_sni: true, typescript: false, uv: true,
    }),
    release: { name: "node", lts: true, sourceUrl: "", headersUrl: "" },
    allowedNodeEnvironmentFlags: new Set(),
    noDeprecation: false,
    throwDeprecation: false,
    traceDeprecation: false,
    sourceMapsEnabled: false,
    connected: false,
    channel: null,
    debugPort: 0,
    nextTick(callback, ...args) {
      errors.validateFunction(callback, "callback");
      queueMicrotask(() => callback(...args));
    },
    cwd: () => cwd,
    chdir(dir) {
      errors.validateString(dir, "directory");
      cwd = load("path").resolve(cwd, dir);
    },
    umask: () => 18,
    uptime: () => 0,
    hrtime: Object.assign(function hrtime(time) {
      if (time !== undefined) {
        if (!Array.isArray(time)) throw errors.invalidArgType("time", "tuple of integers", time);
        if (time.length !== 2) throw errors.outOfRange("time", "2", time);
      }
      const ns = BigInt(Date.now()) * 1000000n;
      let seconds = Number(ns / 1000000000n);
      let nanos = Number(ns % 1000000000n);
      if (time) {
        seconds -= time[0];
        nanos -= time[1];
        if (nanos < 0) {
          seconds -= 1;
          nanos += 1e9;
        }
      }
      return [seconds, nanos];
    }, { bigint: () => BigInt(Date.now()) * 1000000n }),
    memoryUsage: Object.assign(() => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }), { rss: () => 0 }),
    emitWarning(warning, type, code) {
      const w = typeof warning === "string" ? new Error(warning) : warning;
      if (typeof warning === "string") w.name = typeof type === "string" ? type : type?.type ?? "Warning";
      if (code) w.code = code;
      queueMicrotask(() => process.emit("warning", w));
    },
    exit(code) {
      throw new Error(`The Node.js process.exit(${code ?? 0}) API was called. Canceling the request.`);
    },
    abort: notImplemented("abort"),
    kill: notImplemented("kill"),
    binding: notImplemented("binding"),
    dlopen: notImplemented("dlopen"),
    cpuUsage: notImplemented("cpuUsage"),
    setUncaughtExceptionCaptureCallback: notImplemented("setUncaughtExceptionCaptureCallback"),
    hasUncaughtExceptionCaptureCallback: notImplemented("hasUncaughtExceptionCaptureCallback"),
    getActiveResourcesInfo: notImplemented("getActiveResourcesInfo"),
    getBuiltinModule(id) {
      const name = id.startsWith("node:") ? id : `node:${id}`;
      try {
        return globalThis.__dotest.require(name);
      } catch {
        return undefined;
      }
    },
    setSourceMapsEnabled() {},
    ref() {},
    unref() {},
    constrainedMemory: () => 0,
    availableMemory: () => 0,
    resourceUsage: () => ({}),
  });
  process.default = process;
  return process;
})
