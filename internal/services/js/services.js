// Service bindings to the worker's own entrypoints. A binding stands for the engine's stub
// of the entrypoint (exports.default or exports.Name of cloudflare:workers, given props
// when the binding has them): fetch and RPC go through it, so they behave as they do on
// exports. The stub is found on first use, since the main module loads after env is built.
"use strict";
(function (natives, workersExports) {
  const TypeErr = TypeError;
  const ErrorCtor = Error;
  const hasOwn = Object.prototype.hasOwnProperty;

  // missing explains why an entrypoint cannot be bound, in workerd's words when the main
  // module lacks it.
  function missing(binding, entrypoint) {
    const main = natives.main();
    const where = `Worker ${JSON.stringify(natives.worker())}'s binding "${binding}"`;
    if (main === undefined) {
      return new ErrorCtor(`${where} needs the worker's main module: set "main" in the wrangler configuration.`);
    }
    if (entrypoint === "default") {
      return new ErrorCtor(
        `${where} refers to service ${JSON.stringify(natives.worker())}, but does not specify an entrypoint, ` +
          "and the service does not have a default entrypoint.",
      );
    }
    if (!hasOwn.call(main, entrypoint)) {
      return new ErrorCtor(
        `${where} refers to service ${JSON.stringify(natives.worker())} with a named entrypoint ` +
          `"${entrypoint}", but ${JSON.stringify(natives.worker())} has no such named entrypoint.`,
      );
    }
    return new TypeErr(
      `${where}: an entrypoint is the default export, a WorkerEntrypoint class or an object of handlers, ` +
        `and "${entrypoint}" is none of them.`,
    );
  }

  return (binding, entrypoint, props) => {
    let stub;
    const resolve = () => {
      if (stub !== undefined) return stub;
      const base = workersExports[entrypoint];
      if (base === undefined) throw missing(binding, entrypoint);
      stub = props === undefined ? base : base({ props });
      return stub;
    };
    return new Proxy(
      {},
      {
        get(target, prop) {
          // What a test set on the binding (a spy, a mock) shadows the stub, as an own
          // property shadows the methods of the platform's Fetcher.
          if (hasOwn.call(target, prop)) return target[prop];
          if (prop === Symbol.toStringTag) return "Fetcher";
          // Not a thenable, so that awaiting the binding gives the binding.
          if (prop === "then" || typeof prop === "symbol") return undefined;
          return resolve()[prop];
        },
        has: (target, prop) => prop === "fetch" || hasOwn.call(target, prop),
      },
    );
  };
});
