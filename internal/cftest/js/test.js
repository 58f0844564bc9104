// test.js: the module cloudflare:test. env and the engine's stubs come from cloudflare:workers;
// the Durable Object helpers are thin checks over the engine's test API (Go natives); the event
// helpers and fetchMock come from events.js and fetchmock.js.
"use strict";
(function (natives, workers, host, events, fetchMock) {
  const NO_MAIN = "Using service bindings to the current worker requires `main` to be set to your worker's " +
    "entrypoint: add `main` to the wrangler configuration (or `poolOptions.workers.main` to the vitest " +
    "configuration).";
  const OTHER_ISOLATE = "Durable Object test helpers can only be used with stubs pointing to objects defined " +
    "within the same worker.";

  const paramError = (helper, n, type) =>
    new TypeError(`Failed to execute '${helper}': parameter ${n} is not of type '${type}'.`);

  // SELF forwards every name to the main module's default export, looked up when used: the
  // main module loads after this module is built.
  const SELF = new Proxy({}, {
    get(_, prop) {
      const target = natives.self();
      if (target !== undefined) return Reflect.get(target, prop);
      if (typeof prop === "symbol" || prop === "then") return undefined;
      if (!natives.hasMain()) throw new Error(NO_MAIN);
      if (prop === "fetch") return () => Promise.reject(new Error("Handler does not export a fetch() function."));
      return undefined;
    },
    has: (_, prop) => natives.self() !== undefined && Reflect.has(natives.self(), prop),
  });

  // unsupported stands in for a helper of a product dotest does not emulate, so that importing
  // it works and calling it says why it cannot.
  const unsupported = (helper, product) => async () => {
    throw new Error(`dotest does not support ${product} yet, so ${helper}() cannot run.`);
  };

  function checkStub(helper, stub) {
    if (!natives.isStub(stub)) throw paramError(helper, 1, "DurableObjectStub");
  }

  // settle gives a callback's result back as the real pool does: a Response comes back as
  // the response of a fetch to the object, any other value as it is.
  function settle(result) {
    if (!(result instanceof Response)) return result;
    return host.web.toResponse(result, new Request("http://x"));
  }

  async function runInDurableObject(stub, callback) {
    checkStub("runInDurableObject", stub);
    if (typeof callback !== "function") throw paramError("runInDurableObject", 2, "function");
    if (!natives.sameIsolate(stub)) throw new Error(OTHER_ISOLATE);
    return settle(await natives.runIn(stub, callback));
  }

  async function runDurableObjectAlarm(stub) {
    checkStub("runDurableObjectAlarm", stub);
    if (!natives.sameIsolate(stub)) throw new Error(OTHER_ISOLATE);
    return natives.runAlarm(stub);
  }

  async function listDurableObjectIds(namespace) {
    const ids = natives.listIds(namespace);
    if (ids === null) throw paramError("listDurableObjectIds", 1, "DurableObjectNamespace");
    return ids.map((hex) => namespace.idFromString(hex));
  }

  async function evictDurableObject(stub, options) {
    checkStub("evictDurableObject", stub);
    const close = checkEvictionOptions("evictDurableObject", options);
    const failure = natives.evict(stub, close);
    if (failure !== undefined) throw new Error(failure);
  }

  async function evictAllDurableObjects(options) {
    natives.evictAll(checkEvictionOptions("evictAllDurableObjects", options));
  }

  // checkEvictionOptions validates the options and tells whether they ask for the object's
  // WebSockets to be closed rather than kept through hibernation.
  function checkEvictionOptions(helper, options) {
    if (options === undefined) return false;
    if (options === null || typeof options !== "object") throw paramError(helper, 2, "DurableObjectEvictionOptions");
    const ws = options.webSockets;
    if (ws !== undefined && ws !== "close" && ws !== "hibernate") {
      throw new TypeError(`Failed to execute '${helper}': webSockets must be "close" or "hibernate".`);
    }
    return ws === "close";
  }

  return {
    env: workers.env,
    SELF,
    fetchMock,
    runInDurableObject,
    runDurableObjectAlarm,
    listDurableObjectIds,
    evictDurableObject,
    evictAllDurableObjects,
    abortAllDurableObjects: async () => natives.abortAll(),
    async reset() {
      const failure = natives.reset();
      if (failure !== undefined) throw new Error(failure);
    },
    ...events,
    applyD1Migrations: unsupported("applyD1Migrations", "D1 databases"),
    introspectWorkflow: unsupported("introspectWorkflow", "Workflows"),
    introspectWorkflowInstance: unsupported("introspectWorkflowInstance", "Workflows"),
    adminSecretsStore: unsupported("adminSecretsStore", "Secrets Store bindings"),
  };
})
