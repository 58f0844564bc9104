// events.js: the event helpers of cloudflare:test: ExecutionContext and waiting on it,
// ScheduledController, queue message batches and their results, and Pages EventContext.
"use strict";
(function (natives, workers) {
  const token = Symbol("cloudflare:test");
  const illegal = () => new TypeError("Illegal constructor");
  const readonly = (obj, values) => {
    for (const [name, value] of Object.entries(values)) {
      Object.defineProperty(obj, name, { get: () => value, enumerable: true });
    }
  };

  // The promises handed to each ExecutionContext, not yet waited on.
  const waits = new WeakMap();

  class ExecutionContext {
    constructor(t) {
      if (t !== token) throw illegal();
      waits.set(this, []);
      this.props = {};
      this.exports = workers.exports;
    }
    waitUntil(promise) {
      const list = waits.get(this);
      if (list === undefined) throw new TypeError("Illegal invocation");
      list.push(promise);
      // Isolation learns where the work came from, and the engine waits for it like any other
      // ctx.waitUntil() work.
      const done = natives.recordWait();
      Promise.resolve(promise).then(done, done);
      workers.waitUntil(promise);
    }
    passThroughOnException() {}
  }
  Object.defineProperty(ExecutionContext.prototype, Symbol.toStringTag, { value: "ExecutionContext" });

  function createExecutionContext() {
    return new ExecutionContext(token);
  }

  // waitOnExecutionContext waits for the context's promises, including those handed to it
  // while it waits; one rejection is rethrown as it is, several as an AggregateError.
  async function waitOnExecutionContext(ctx) {
    const list = ctx !== null && typeof ctx === "object" ? waits.get(ctx) : undefined;
    if (list === undefined) {
      throw new TypeError("Failed to execute 'getWaitUntil': parameter 1 is not of type 'ExecutionContext'.\n" +
        "You must call 'createExecutionContext()' or 'createPagesEventContext()' to get an 'ExecutionContext' " +
        "instance.");
    }
    const errors = [];
    while (list.length > 0) {
      for (const r of await Promise.allSettled(list.splice(0))) {
        if (r.status === "rejected") errors.push(r.reason);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors);
  }

  class ScheduledController {
    constructor(t, options) {
      if (t !== token) throw illegal();
      readonly(this, {
        scheduledTime: Number(options?.scheduledTime ?? Date.now()),
        cron: String(options?.cron ?? ""),
      });
    }
    noRetry() {
      if (!(this instanceof ScheduledController)) throw new TypeError("Illegal invocation");
    }
  }

  function createScheduledController(options) {
    if (options !== undefined && typeof options !== "object") {
      throw new TypeError("Failed to execute 'createScheduledController': parameter 1 is not of type " +
        "'ScheduledOptions'.");
    }
    return new ScheduledController(token, options);
  }

  // Queues: a batch remembers which messages were acked or retried, one by one or all at once,
  // the first call winning as workerd decides.
  const outcome = new WeakMap();

  const fieldError = (field, type) => new TypeError(`Incorrect type for the '${field}' field on ` +
    `'ServiceBindingQueueMessage': the provided value is not of type '${type}'.`);

  class Message {
    #batch;
    constructor(t, batch, m) {
      if (t !== token) throw illegal();
      this.#batch = batch;
      let timestamp;
      if (typeof m.timestamp === "number") timestamp = new Date(m.timestamp);
      else if (m.timestamp instanceof Date) timestamp = new Date(m.timestamp.getTime());
      else throw fieldError("timestamp", "date");
      if (typeof m.attempts !== "number") throw fieldError("attempts", "number");
      if ("serializedBody" in m) throw new TypeError("Cannot use `serializedBody` with `createMessageBatch()`");
      readonly(this, { id: String(m.id), timestamp, body: structuredClone(m.body), attempts: m.attempts });
      outcome.set(this, { ack: false, retry: false });
    }
    retry() {
      this.#decide("retry", "ack", "retryAll", "ackAll");
    }
    ack() {
      this.#decide("ack", "retry", "ackAll", "retryAll");
    }
    #decide(mine, other, allMine, allOther) {
      const state = outcome.get(this);
      const all = outcome.get(this.#batch);
      if (state === undefined) throw new TypeError("Illegal invocation");
      if (all[allMine]) return;
      if (all[allOther]) {
        return warn(`Received a call to ${mine}() on message ${this.id} after ${allOther}() was already ` +
          `called. Calling ${mine}() on a message after calling ${allOther}() has no effect.`);
      }
      if (state[other]) {
        return warn(`Received a call to ${mine}() on message ${this.id} after ${other}() was already ` +
          `called. Calling ${mine}() on a message after calling ${other}() has no effect.`);
      }
      state[mine] = true;
    }
  }

  class MessageBatch {
    constructor(t, queue, messages) {
      if (t !== token) throw illegal();
      outcome.set(this, { ackAll: false, retryAll: false });
      readonly(this, { queue: String(queue), messages: messages.map((m) => new Message(token, this, m)) });
    }
    retryAll() {
      this.#all("retryAll", "ackAll");
    }
    ackAll() {
      this.#all("ackAll", "retryAll");
    }
    #all(mine, other) {
      const state = outcome.get(this);
      if (state === undefined) throw new TypeError("Illegal invocation");
      if (state[other]) {
        return warn(`Received a call to ${mine}() after ${other}() was already called. Calling ${mine}() after ` +
          `calling ${other}() has no effect.`);
      }
      state[mine] = true;
    }
  }

  const warn = (text) => console.warn(text);

  function createMessageBatch(queueName, messages) {
    if (arguments.length === 0) throw paramError("createMessageBatch", 1, "string");
    if (!Array.isArray(messages)) throw paramError("createMessageBatch", 2, "Array");
    return new MessageBatch(token, queueName, messages);
  }

  async function getQueueResult(batch, ctx) {
    if (!(batch instanceof MessageBatch)) {
      throw new TypeError("Failed to execute 'getQueueResult': parameter 1 is not of type 'MessageBatch'.\n" +
        "You must call 'createMessageBatch()' to get a 'MessageBatch' instance.");
    }
    if (!(ctx instanceof ExecutionContext)) {
      throw new TypeError("Failed to execute 'getQueueResult': parameter 2 is not of type 'ExecutionContext'.\n" +
        "You must call 'createExecutionContext()' to get an 'ExecutionContext' instance.");
    }
    await waitOnExecutionContext(ctx);
    const all = outcome.get(batch);
    const retryMessages = [];
    const explicitAcks = [];
    for (const m of batch.messages) {
      const state = outcome.get(m);
      if (state.retry) retryMessages.push({ msgId: m.id });
      if (state.ack) explicitAcks.push(m.id);
    }
    return { outcome: "ok", retryBatch: { retry: all.retryAll }, ackAll: all.ackAll, retryMessages, explicitAcks };
  }

  const paramError = (helper, n, type) =>
    new TypeError(`Failed to execute '${helper}': parameter ${n} is not of type '${type}'.`);

  // createPagesEventContext checks its init as the real helper does; dotest serves no assets, so
  // env never has the ASSETS binding that Pages Functions need.
  function createPagesEventContext(init) {
    if (typeof init !== "object" || init === null) {
      throw paramError("createPagesEventContext", 1, "EventContextInit");
    }
    const field = (name, ok, type) => {
      if (init[name] !== undefined && !ok(init[name])) {
        throw new TypeError(`Incorrect type for the '${name}' field on 'EventContextInit': the provided value ` +
          `is not of type '${type}'.`);
      }
    };
    if (!(init.request instanceof Request)) {
      throw new TypeError("Incorrect type for the 'request' field on 'EventContextInit': the provided value is " +
        "not of type 'Request'.");
    }
    field("functionPath", (v) => typeof v === "string", "string");
    field("next", (v) => typeof v === "function", "function");
    field("params", (v) => typeof v === "object" && v !== null, "object");
    field("data", (v) => typeof v === "object" && v !== null, "object");
    throw new TypeError("Cannot call `createPagesEventContext()` without defining `ASSETS` service binding");
  }

  return {
    createExecutionContext,
    waitOnExecutionContext,
    createScheduledController,
    createMessageBatch,
    getQueueResult,
    createPagesEventContext,
  };
})
