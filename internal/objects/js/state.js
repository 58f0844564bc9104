// What a Durable Object instance holds: its state (ctx), its storage with the async KV API,
// transactions, alarms, the synchronous KV API and SQL with its cursors. Every storage call
// is a Go native working on the object's SQLite database at once; the async methods return
// promises that are already settled, as they are on SQLite-backed objects in workerd.
// Each object takes the number of its instance, which the natives look up: a number that
// no longer names a live instance gives "Durable Object storage is no longer accessible."
"use strict";
(function (natives, lib) {
  const token = lib.token;
  const tag = (cls, name) => Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: name });

  // settled runs a storage call and returns its outcome as a promise, as the async API does.
  const settled = (fn) => {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e);
    }
  };

  // done is what the async methods without a result return once they succeeded: one
  // settled promise shared by every call, since a new promise is the costliest part of a
  // put (identity is the only difference a caller could see).
  const done = Promise.resolve();

  const toKey = (v) => `${v}`;

  const keysParam = (keys, method) => {
    if (keys === undefined) throw lib.paramError(method, "DurableObjectStorage", 1, "string or Array");
    return Array.isArray(keys) ? keys.map(toKey) : `${keys}`;
  };

  const putForm =
    "put() may only be called with a single key-value pair and optional options as put(key, value, options) " +
    "or with multiple key-value pairs and optional options as put(entries, options)";

  // listOptions passes list() options to Go in a fixed order; undefined stands for absent.
  const listOptions = (o) => {
    if (o === undefined || o === null) return [undefined, undefined, undefined, undefined, false, undefined];
    const str = (v) => (v === undefined ? undefined : `${v}`);
    const limit = o.limit === undefined ? undefined : Number(o.limit);
    return [str(o.start), str(o.startAfter), str(o.end), str(o.prefix), Boolean(o.reverse), limit];
  };

  const alarmTime = (t) => {
    if (t instanceof Date) return t.getTime();
    if (typeof t === "number") return t;
    throw lib.paramError("setAlarm", "DurableObjectStorage", 1, "date");
  };

  const noPITR = () => Promise.reject(new Error(
    "This Durable Object's storage back-end does not implement point-in-time recovery."));

  class DurableObjectStorage {
    #i;
    constructor(t, i) {
      if (t !== token) throw new TypeError("Illegal constructor");
      this.#i = i;
      this.kv = new SyncKvStorage(token, i);
      this.sql = natives.sqlStorage(i);
    }
    // get and put are the hottest calls of all: they take no closure.
    get(keys, options) {
      try {
        if (typeof keys === "string") return Promise.resolve(natives.get(this.#i, keys));
        const k = keysParam(keys, "get");
        return Promise.resolve(typeof k === "string" ? natives.get(this.#i, k) : new Map(natives.getMany(this.#i, k)));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    put(keyOrEntries, value, options) {
      try {
        if (typeof keyOrEntries === "string") {
          natives.put(this.#i, keyOrEntries, value);
        } else if (keyOrEntries !== null && typeof keyOrEntries === "object") {
          if (value !== undefined && (value === null || typeof value !== "object")) throw new TypeError(putForm);
          natives.putMany(this.#i, keyOrEntries);
        } else if (keyOrEntries === undefined) {
          throw lib.paramError("put", "DurableObjectStorage", 1, "string or object");
        } else {
          natives.put(this.#i, `${keyOrEntries}`, value);
        }
        return done;
      } catch (e) {
        return Promise.reject(e);
      }
    }
    delete(keys, options) {
      const k = keysParam(keys, "delete");
      return settled(() => (typeof k === "string" ? natives.del(this.#i, k) : natives.delMany(this.#i, k)));
    }
    deleteAll(options) {
      return settled(() => natives.deleteAll(this.#i));
    }
    list(options) {
      return settled(() => new Map(natives.list(this.#i, ...listOptions(options))));
    }
    getAlarm(options) {
      return settled(() => natives.getAlarm(this.#i));
    }
    setAlarm(scheduledTime, options) {
      return settled(() => natives.setAlarm(this.#i, alarmTime(scheduledTime)));
    }
    deleteAlarm(options) {
      return settled(() => natives.deleteAlarm(this.#i));
    }
    sync() {
      return settled(() => natives.check(this.#i));
    }
    getCurrentBookmark() {
      return settled(() => natives.bookmark(this.#i));
    }
    getBookmarkForTime(time) {
      return noPITR();
    }
    onNextSessionRestoreBookmark(bookmark) {
      return noPITR();
    }
    transactionSync(fn) {
      if (typeof fn !== "function") throw lib.paramError("transactionSync", "DurableObjectStorage", 1, "function");
      const depth = natives.syncBegin(this.#i);
      let result;
      try {
        result = fn();
      } catch (e) {
        natives.syncRollback(this.#i, depth);
        throw e;
      }
      natives.syncCommit(this.#i, depth);
      return result;
    }
    transaction(closure) {
      if (typeof closure !== "function") {
        return Promise.reject(lib.paramError("transaction", "DurableObjectStorage", 1, "function"));
      }
      return runTransaction(this.#i, this, closure);
    }
  }
  tag(DurableObjectStorage, "DurableObjectStorage");

  // runTransaction holds the object's input gate like blockConcurrencyWhile while closure
  // runs inside a savepoint; a rejection rolls it back and is rethrown, without a reset.
  function runTransaction(i, storage, closure) {
    let section;
    try {
      section = natives.enter(i);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      let txn;
      let depth;
      const finish = (ok, v) => {
        let outcome = ok;
        let value = v;
        try {
          if (depth !== undefined) {
            if (ok && !txn.rolledBack) natives.txnCommit(i, depth);
            else natives.txnRollback(i, depth);
          }
        } catch (e) {
          outcome = false;
          value = e;
        }
        if (txn !== undefined) txn.close();
        if (!natives.leave(i, section, true)) return;
        if (outcome) resolve(value);
        else reject(value);
      };
      Promise.resolve()
        .then(() => {
          depth = natives.txnBegin(i);
          txn = new DurableObjectTransaction(token, storage);
          return closure(txn);
        })
        .then((v) => finish(true, v), (e) => finish(false, e));
    });
  }

  class DurableObjectTransaction {
    #storage;
    #state = "open";
    constructor(t, storage) {
      if (t !== token) throw new TypeError("Illegal constructor");
      this.#storage = storage;
    }
    get rolledBack() {
      return this.#state === "rolledBack";
    }
    close() {
      if (this.#state === "open") this.#state = "committed";
    }
    #check(op) {
      if (this.#state === "committed") {
        throw new Error(`Cannot call ${op}() on transaction that has already committed: ` +
          "did you move `txn` outside of the closure?");
      }
      if (this.#state === "rolledBack") throw new Error(`Cannot ${op}() on rolled back transaction`);
    }
    #op(op, args) {
      try {
        this.#check(op);
      } catch (e) {
        return Promise.reject(e);
      }
      return this.#storage[op](...args);
    }
    get(...args) { return this.#op("get", args); }
    put(...args) { return this.#op("put", args); }
    delete(...args) { return this.#op("delete", args); }
    list(...args) { return this.#op("list", args); }
    getAlarm(...args) { return this.#op("getAlarm", args); }
    setAlarm(...args) { return this.#op("setAlarm", args); }
    deleteAlarm(...args) { return this.#op("deleteAlarm", args); }
    deleteAll() {
      return Promise.reject(new Error("Cannot call deleteAll() within a transaction"));
    }
    rollback() {
      if (this.#state === "committed") this.#check("rollback");
      this.#state = "rolledBack";
    }
  }
  tag(DurableObjectTransaction, "DurableObjectTransaction");

  class SyncKvStorage {
    #i;
    constructor(t, i) {
      if (t !== token) throw new TypeError("Illegal constructor");
      this.#i = i;
    }
    get(key) {
      return natives.kvGet(this.#i, toKey(key));
    }
    put(key, value) {
      natives.kvPut(this.#i, toKey(key), value);
    }
    delete(key) {
      return natives.kvDelete(this.#i, toKey(key));
    }
    list(options) {
      return new ListIterator(token, natives.kvList(this.#i, ...listOptions(options)));
    }
  }
  tag(SyncKvStorage, "SyncKvStorage");

  class ListIterator {
    #h;
    constructor(t, h) {
      if (t !== token) throw new TypeError("Illegal constructor");
      this.#h = h;
    }
    next() {
      const entry = natives.kvNext(this.#h);
      return entry === undefined ? { done: true, value: undefined } : { done: false, value: entry };
    }
    [Symbol.iterator]() {
      return this;
    }
  }
  tag(ListIterator, "ListIterator");

  // SqlStorage and cursors are made by Go (natives.sqlStorage, exec) with these prototypes;
  // Go answers databaseSize, columnNames, rowsRead and rowsWritten, and defines the hot
  // methods (exec, one, toArray) on the prototypes as natives.
  class SqlStorage {
    constructor() {
      throw new TypeError("Illegal constructor");
    }
  }
  tag(SqlStorage, "SqlStorage");
  lib.sqlStoragePrototype = SqlStorage.prototype;

  class Cursor {
    constructor() {
      throw new TypeError("Illegal constructor");
    }
    next() {
      const row = natives.cursorRow(this);
      return row === undefined ? { done: true } : { done: false, value: row };
    }
    raw() {
      return new RawIterator(token, this);
    }
    [Symbol.iterator]() {
      return this;
    }
  }
  tag(Cursor, "Cursor");
  lib.cursorPrototype = Cursor.prototype;

  class RawIterator {
    #c;
    constructor(t, c) {
      if (t !== token) throw new TypeError("Illegal constructor");
      this.#c = c;
    }
    next() {
      const row = natives.cursorRaw(this.#c);
      return row === undefined ? { done: true } : { done: false, value: row };
    }
    toArray() {
      return natives.cursorRest(this.#c, false);
    }
    [Symbol.iterator]() {
      return this;
    }
  }
  tag(RawIterator, "RawIterator");

  class DurableObjectState {
    #i;
    constructor(t, i, id, props) {
      if (t !== token) throw new TypeError("Illegal constructor");
      this.#i = i;
      this.id = id;
      this.storage = new DurableObjectStorage(token, i);
      this.props = props;
      this.exports = lib.exports;
    }
    waitUntil(promise) {
      lib.waitUntil(promise);
    }
    blockConcurrencyWhile(callback) {
      if (typeof callback !== "function") {
        return Promise.reject(lib.paramError("blockConcurrencyWhile", "DurableObjectState", 1, "function"));
      }
      const i = this.#i;
      let section;
      try {
        section = natives.enter(i);
      } catch (e) {
        return Promise.reject(e);
      }
      // The callback runs once the code that called it yields; until it settles no other
      // event reaches the object. A rejection resets the object and this promise never
      // settles.
      return new Promise((resolve) => {
        Promise.resolve()
          .then(() => callback())
          .then(
            (v) => {
              if (natives.leave(i, section, true)) resolve(v);
            },
            (e) => {
              natives.leave(i, section, false, e);
            },
          );
      });
    }
    abort(reason, options) {
      const retryAlarm = options === undefined || options === null || options.retryAlarm !== false;
      natives.abort(this.#i, lib.abortReason(reason), retryAlarm);
    }
    static {
      // sockets.js adds the WebSocket members, which need the instance number.
      lib.stateInstance = (ctx) => (typeof ctx === "object" && ctx !== null && #i in ctx ? ctx.#i : undefined);
    }
  }
  tag(DurableObjectState, "DurableObjectState");
  lib.statePrototype = DurableObjectState.prototype;
  lib.newState = (i, id, props) => new DurableObjectState(token, i, id, props);

  class ExecutionContext {
    #waits;
    constructor(t, props, waits) {
      if (t !== token) throw new TypeError("Illegal constructor");
      this.props = props;
      this.exports = lib.exports;
      this.#waits = waits;
    }
    waitUntil(promise) {
      if (this.#waits === undefined) {
        lib.waitUntil(promise);
        return;
      }
      // The event's outcome reports a rejection; Drain still waits for the promise.
      this.#waits.push(promise);
      lib.waitUntil(Promise.resolve(promise).catch(() => {}));
    }
    passThroughOnException() {}
  }
  tag(ExecutionContext, "ExecutionContext");
  // executionContext makes the ctx of an event; waits, when given, collects what the event
  // hands to ctx.waitUntil, for an event whose outcome waits for it.
  lib.executionContext = (props, waits) => new ExecutionContext(token, props, waits);

  // ScheduledController is what a scheduled() handler gets from Fetcher.scheduled().
  class ScheduledController {
    #time;
    #cron;
    #noRetry = false;
    constructor(t, time, cron) {
      if (t !== token) throw new TypeError("Illegal constructor");
      this.#time = time;
      this.#cron = cron;
    }
    get scheduledTime() {
      return this.#time;
    }
    get cron() {
      return this.#cron;
    }
    noRetry() {
      this.#noRetry = true;
    }
    static retryRefused(c) {
      return c.#noRetry;
    }
  }
  tag(ScheduledController, "ScheduledController");
  lib.scheduledController = (time, cron) => new ScheduledController(token, time, cron);
  lib.retryRefused = (c) => ScheduledController.retryRefused(c);

  // waitUntil keeps the promises handed to ctx.waitUntil until Engine.Drain waits for them;
  // a rejection belongs to no caller, so it fails the running test.
  const pending = new Set();
  lib.waitUntil = (p) => {
    const settled = Promise.resolve(p).then(
      () => pending.delete(settled),
      (e) => {
        pending.delete(settled);
        natives.reportError("waitUntil", e);
      },
    );
    pending.add(settled);
  };
  lib.drain = async () => {
    while (pending.size > 0) await Promise.all([...pending]);
  };
});
