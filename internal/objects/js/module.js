// The module cloudflare:workers, and the two views of the worker it exports: env, the
// bindings (which withEnv can replace for the duration of a callback), and exports, stubs
// for the main module's exports (a namespace per Durable Object class, a stub per
// entrypoint), looked up when first read since the main module loads after this module.
"use strict";
(function (natives, lib) {
  let current = lib.env;
  const env = new Proxy(
    {},
    {
      get: (_, prop) => Reflect.get(current, prop),
      has: (_, prop) => Reflect.has(current, prop),
      ownKeys: () => Reflect.ownKeys(current),
      getOwnPropertyDescriptor: (_, prop) => {
        const d = Reflect.getOwnPropertyDescriptor(current, prop);
        if (d !== undefined) d.configurable = true;
        return d;
      },
      set: (_, prop, value) => Reflect.set(current, prop, value),
    },
  );

  // withEnv runs fn with env replaced until fn returns or, for a promise, settles. Other
  // code that runs while that promise is pending sees the replacement too.
  function withEnv(newEnv, fn) {
    const previous = current;
    current = newEnv;
    return during(fn, () => {
      current = previous;
    });
  }

  // withExports does the same for exports.
  function withExports(newExports, fn) {
    const previous = exportsOverride;
    exportsOverride = newExports;
    return during(fn, () => {
      exportsOverride = previous;
    });
  }

  function during(fn, restore) {
    let result;
    try {
      result = fn();
    } catch (e) {
      restore();
      throw e;
    }
    if (result !== null && typeof result === "object" && typeof result.then === "function") {
      return Promise.resolve(result).finally(restore);
    }
    restore();
    return result;
  }

  const found = new Map();
  const lookup = (name) => {
    if (typeof name !== "string") return undefined;
    if (found.has(name)) return found.get(name);
    let v;
    const ns = natives.classNamespace(name);
    if (ns >= 0) {
      v = lib.newNamespace(ns);
    } else {
      const main = natives.main();
      const exported = main === undefined ? undefined : main[name];
      // An entrypoint is a WorkerEntrypoint class or an object of handlers, as workerd takes
      // every object a module exports for one.
      const entry =
        (typeof exported === "function" && exported.prototype instanceof lib.WorkerEntrypoint) ||
        (typeof exported === "object" && exported !== null);
      if ((name === "default" && exported !== undefined) || entry) v = lib.entryStub(name, undefined);
    }
    if (v !== undefined) found.set(name, v);
    return v;
  };
  let exportsOverride;
  lib.exports = new Proxy(
    {},
    {
      get: (_, prop) => (exportsOverride === undefined ? lookup(prop) : Reflect.get(exportsOverride, prop)),
      has: (_, prop) =>
        exportsOverride === undefined ? lookup(prop) !== undefined : Reflect.has(exportsOverride, prop),
    },
  );

  // RpcStub wraps what workerd lets a stub wrap: a plain object, a function or an RpcTarget.
  function RpcStub(target) {
    if (!new.target) throw new TypeError("Class constructor RpcStub cannot be invoked without 'new'");
    const wraps =
      typeof target === "function" ||
      (target !== null &&
        typeof target === "object" &&
        (Object.getPrototypeOf(target) === Object.prototype || target instanceof lib.RpcTarget));
    if (!wraps) throw new TypeError("RpcStubs can only wrap plain objects, functions, and RpcTarget derivatives.");
    return lib.targetStub(target);
  }

  // RpcPromise and RpcProperty exist to be named in types and instanceof checks, which the
  // platform's proxies do not pass either; they cannot be constructed.
  const illegal = (name) => {
    const f = function () {
      throw new TypeError("Illegal constructor");
    };
    Object.defineProperty(f, "name", { value: name });
    return f;
  };

  return {
    DurableObject: lib.DurableObject,
    WorkerEntrypoint: lib.WorkerEntrypoint,
    WorkflowEntrypoint: lib.WorkflowEntrypoint,
    RpcTarget: lib.RpcTarget,
    RpcStub,
    RpcPromise: illegal("RpcPromise"),
    RpcProperty: illegal("RpcProperty"),
    ServiceStub: illegal("ServiceStub"),
    env,
    exports: lib.exports,
    waitUntil: (p) => lib.waitUntil(p),
    withEnv,
    withExports,
    withEnvAndExports: (newEnv, newExports, fn) => withEnv(newEnv, () => withExports(newExports, fn)),
  };
});
