// Stubs and RPC. A stub sends each call, property read and fetch through a channel to the Go
// engine, which queues it as an event of the receiving object (or as a task of its own for
// a function, an RpcTarget or an entrypoint) and settles the promise the call returned once
// the receiver answered and the turn's writes committed. The receiving side applies
// workerd's rules (which properties are exposed, which names are reserved) and, for Durable
// Objects and entrypoints, those of the test runner's wrappers, with the texts of each.
"use strict";
(function (natives, lib) {
  const { call: CALL, get: GET, fetch: FETCH, alarm: ALARM, run: RUN, scheduled: SCHEDULED } = lib.kinds;
  const STATE = Symbol("dotest.stub");
  const noop = () => {};
  lib.STATE = STATE;

  // noArgs stands for the arguments of a call without any: Go passes it on without a copy.
  const noArgs = Object.freeze([]);
  lib.noArgs = noArgs;

  // Channels carry calls to where a stub points.
  class ObjectChannel {
    constructor(ns, hex, name) {
      this.ns = ns;
      this.hex = hex;
      this.name = name;
      this.gen = 0; // the incarnation of the object this channel is bound to, from its first use
    }
    send(kind, path, args) {
      if (this.gen === 0) this.gen = natives.bind(this.ns, this.hex, this.name);
      return natives.send(this.ns, this.hex, this.gen, kind, path, args);
    }
  }

  class TargetChannel {
    constructor(target) {
      this.target = target;
      this.disposed = false;
    }
    send(kind, path, args) {
      if (this.disposed) return Promise.reject(new Error("RPC stub used after being disposed."));
      return natives.sendLocal(kind, this.target, path, args);
    }
  }

  class EntryChannel {
    constructor(name, props) {
      this.name = name;
      this.props = props;
    }
    send(kind, path, args) {
      return natives.sendEntry(kind, this.name, this.props, path, args);
    }
  }

  // A pipeline channel calls on the result of an earlier call once it arrives: a stub in the
  // result forwards the call, a plain value is used where it is.
  class PipelineChannel {
    constructor(base) {
      this.base = base;
    }
    send(kind, path, args) {
      const steps = typeof path === "string" ? [path] : path;
      return this.base.then((v) => {
        let holder;
        for (const name of steps) {
          holder = v;
          v = v[name];
        }
        if (kind === GET) return v;
        if (typeof v !== "function") throw new TypeError(`"${steps[steps.length - 1]}" is not a function.`);
        return Reflect.apply(v, holder, args);
      });
    }
  }

  // An RpcPromise is the promise a call returns, with a prototype that pipelines: a name it
  // does not know becomes a call or read on the result once it arrives. It stays a real
  // promise, so that awaiting it costs what awaiting any promise costs; like the platform's,
  // it is not an instance of Promise.
  const rpcPromiseProto = new Proxy(Promise.prototype, {
    get(target, prop, receiver) {
      if (prop === Symbol.dispose) return noop;
      if (prop === Symbol.toStringTag) return "RpcPromise";
      if (typeof prop === "symbol" || prop in target) return Reflect.get(target, prop, receiver);
      return rpcProperty(new PipelineChannel(receiver), [prop]);
    },
  });
  const rpcPromise = (p) => Object.setPrototypeOf(p, rpcPromiseProto);
  lib.rpcPromise = rpcPromise;

  // An RpcProperty is what reading a name of a stub gives: callable (an RPC call), awaitable
  // (a property read, sent when awaited) and open to further names (a longer path). It is a
  // function whose prototype answers every name it lacks.
  const rpcPropertyProto = new Proxy(Object.create(null), {
    get(target, prop, receiver) {
      const s = receiver[STATE];
      if (s === undefined) return undefined;
      switch (prop) {
        case "then":
        case "catch":
        case "finally": {
          const p = s.chan.send(GET, s.wire, undefined);
          return (a, b) => p[prop](a, b);
        }
        case Symbol.toStringTag:
          return "RpcProperty";
      }
      if (typeof prop === "symbol") return undefined;
      return rpcProperty(s.chan, s.path.concat(prop));
    },
  });

  function rpcProperty(chan, path) {
    const s = { chan, path, wire: path.length === 1 ? path[0] : path };
    const f = (...args) => rpcPromise(s.chan.send(CALL, s.wire, args.length === 0 ? noArgs : args));
    // Without its own name and length a property pipelines those names too.
    delete f.name;
    delete f.length;
    f[STATE] = s;
    return Object.setPrototypeOf(f, rpcPropertyProto);
  }

  // A stub of a Durable Object answers its own members, those of its class and of
  // Object.prototype; any other name is RPC, through the last prototype of its chain, which
  // keeps the RpcProperty on the stub for the next read.
  class DurableObjectStub {
    constructor(t, chan, id) {
      if (t !== lib.token) throw new TypeError("Illegal constructor");
      this.name = chan.name;
      this.id = id;
      Object.defineProperty(this, STATE, { value: { chan } });
    }
    fetch(input, init) {
      return fetchVia(this[STATE].chan, input, init);
    }
    dup() {
      return newObjectStub(this[STATE].chan, this.id);
    }
  }
  const stubNames = new Proxy(Object.prototype, {
    get(target, prop, receiver) {
      if (typeof prop === "symbol" || prop in target) return Reflect.get(target, prop, receiver);
      const s = receiver[STATE];
      if (prop === "then" || s === undefined) return undefined;
      const p = rpcProperty(s.chan, [prop]);
      Object.defineProperty(receiver, prop, { value: p, writable: true, configurable: true });
      return p;
    },
  });
  Object.setPrototypeOf(DurableObjectStub.prototype, stubNames);
  Object.defineProperty(DurableObjectStub.prototype, Symbol.toStringTag, { value: "DurableObject" });

  const newObjectStub = (chan, id) => new DurableObjectStub(lib.token, chan, id);
  lib.objectStub = (ns, hex, name) => newObjectStub(new ObjectChannel(ns, hex, name), lib.newId(hex, name));

  // stubInfo returns [namespace, hex, name] of a Durable Object stub, or undefined.
  lib.stubInfo = (v) => {
    const s = v !== null && typeof v === "object" ? v[STATE] : undefined;
    if (s === undefined || !(s.chan instanceof ObjectChannel)) return undefined;
    return [s.chan.ns, s.chan.hex, s.chan.name];
  };

  // makeRequest builds the Request that stub.fetch() sends; init.cf reaches the receiver as
  // request.cf.
  const makeRequest = (input, init) => {
    const req = input instanceof Request && init === undefined ? new Request(input) : new Request(input, init);
    if (init !== undefined && init !== null && init.cf !== undefined) {
      Object.defineProperty(req, "cf", { value: init.cf, enumerable: true, configurable: true });
    }
    return req;
  };

  function fetchVia(chan, input, init) {
    try {
      return chan.send(FETCH, undefined, makeRequest(input, init));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  // Stubs of functions and RpcTargets (workerd's JsRpcStub): callable, disposable, every
  // other name is RPC back to the target.
  const localNames = new Set(Object.getOwnPropertyNames(Object.prototype));

  const targetStubHandler = {
    get(target, prop) {
      const s = target[STATE];
      if (prop === STATE) return s;
      if (prop === Symbol.dispose) return () => (s.chan.disposed = true);
      if (prop === Symbol.toStringTag) return "JsRpcStub";
      if (prop === "dup") return () => lib.targetStub(s.chan.target);
      if (prop === "then") return undefined;
      if (typeof prop === "symbol") return undefined;
      if (localNames.has(prop)) return Object.prototype[prop];
      return rpcProperty(s.chan, [prop]);
    },
    apply(target, thisArg, args) {
      return rpcPromise(target[STATE].chan.send(CALL, [], args));
    },
  };

  lib.targetStub = (target) => {
    const fn = function () {};
    fn[STATE] = { chan: new TargetChannel(target) };
    return new Proxy(fn, targetStubHandler);
  };

  // Stubs of the main module's entrypoints (exports.default, exports.Named): fetch goes to
  // the handler, other names are RPC to a WorkerEntrypoint; calling one with {props} gives a
  // stub whose ctx.props are those.
  const entryStubHandler = {
    get(target, prop) {
      const s = target[STATE];
      switch (prop) {
        case STATE:
          return s;
        case Symbol.toStringTag:
          return "LoopbackServiceStub";
        case "fetch":
          return (input, init) => fetchVia(s.chan, input, init);
        case "scheduled":
          if (lib.extraHandlers) return (options) => scheduledVia(s.chan, options);
          break;
        case "then":
          return undefined;
      }
      if (typeof prop === "symbol") return undefined;
      if (localNames.has(prop)) return Object.prototype[prop];
      return rpcProperty(s.chan, [prop]);
    },
    apply(target, thisArg, args) {
      const opts = args[0];
      return lib.entryStub(target[STATE].chan.name, opts === undefined || opts === null ? undefined : opts.props);
    },
  };

  // scheduledVia sends a scheduled event, as Fetcher.scheduled() does under the compatibility
  // flag service_binding_extra_handlers: the time defaults to now, the cron to "".
  function scheduledVia(chan, options) {
    if (options === undefined || options === null) return chan.send(SCHEDULED, undefined, [Date.now(), ""]);
    if (typeof options !== "object") {
      return Promise.reject(
        new TypeError("Failed to execute 'scheduled' on 'Fetcher': parameter 1 is not of type 'ScheduledOptions'."),
      );
    }
    const time = options.scheduledTime === undefined ? Date.now() : Number(options.scheduledTime);
    return chan.send(SCHEDULED, undefined, [time, options.cron === undefined ? "" : String(options.cron)]);
  }

  lib.entryStub = (name, props) => {
    const fn = function () {};
    fn[STATE] = { chan: new EntryChannel(name, props) };
    return new Proxy(fn, entryStubHandler);
  };

  // isStub tells the stubs of this module apart from user values, for cloning and the
  // RpcStub constructor.
  const stateOf = (v) => {
    try {
      return v[STATE];
    } catch {
      return undefined;
    }
  };

  // rpcReplace is the clone hook of RPC: what a value the structured clone refuses becomes
  // on the other side, or undefined to refuse it.
  lib.rpcReplace = (v) => {
    const s = stateOf(v);
    if (s !== undefined) {
      if (s.path !== undefined) return rpcProperty(s.chan, s.path);
      if (s.chan instanceof ObjectChannel) return v.dup();
      if (s.chan instanceof TargetChannel) return lib.targetStub(s.chan.target);
      if (s.chan instanceof EntryChannel) return lib.entryStub(s.chan.name, s.chan.props);
    }
    if (Object.getPrototypeOf(v) === rpcPromiseProto) return rpcPromise(v.then((x) => x));
    if (typeof v === "function" || v instanceof lib.RpcTarget) return lib.targetStub(v);
    if (typeof Request === "function" && v instanceof Request) return new Request(v);
    if (typeof Response === "function" && v instanceof Response) return new Response(v.body, v);
    if (typeof ReadableStream === "function" && v instanceof ReadableStream) return moveStream(v);
    return undefined;
  };

  // disposable gives an RPC result that is not a stub its Symbol.dispose, which disposes the
  // stubs of functions and RpcTargets that came with it (found); a stub keeps its own.
  lib.disposable = (v, found) => {
    if (v === null || typeof v !== "object" || stateOf(v) !== undefined) return;
    const stubs = found.filter((x) => {
      const s = stateOf(x);
      return s !== undefined && s.path === undefined && s.chan instanceof TargetChannel;
    });
    const dispose = () => {
      for (const stub of stubs) stub[Symbol.dispose]();
    };
    Object.defineProperty(v, Symbol.dispose, { value: dispose, writable: true, configurable: true });
  };

  // moveStream gives the receiver a stream that reads from v, which the sender gives up.
  function moveStream(v) {
    const reader = v.getReader();
    return new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
  }

  // The receiving side. workerd looks each name of a path up on the receiver (member); the
  // test runner wraps every Durable Object class and entrypoint of the main module, and its
  // wrapper answers the first name from the class, with texts of its own (classMember).
  const reservedObject = new Set([
    "fetch", "connect", "alarm", "webSocketMessage", "webSocketClose", "webSocketError", "dup", "constructor",
  ]);
  const reservedTarget = new Set(["dup", "constructor"]);
  // baseOwn are the own properties that the base constructors give the wrapper instance.
  const baseOwn = new Set(["ctx", "env"]);
  const objectProto = Object.prototype;
  const notRPC =
    "The receiving Durable Object does not support RPC, because its class was not declared with " +
    "`extends DurableObject`. In order to enable RPC, make sure your class extends the special class " +
    '`DurableObject`, which can be imported from the module "cloudflare:workers".';

  const reservedError = (name) => new TypeError(`'${name}' is a reserved method and cannot be called over RPC.`);
  const notImplemented = (name) => new TypeError(`The RPC receiver does not implement the method "${name}".`);
  const missing = (name) => new TypeError(`The RPC receiver does not implement ${JSON.stringify(name)}.`);
  const instanceOnly = (name) =>
    new TypeError(
      `The RPC receiver's prototype does not implement ${JSON.stringify(name)}, but the receiver instance does.\n` +
        "Only properties and methods defined on the prototype can be accessed over RPC.\n" +
        `Ensure properties are declared like \`get ${name}() { ... }\` instead of \`${name} = ...\`,\n` +
        `and methods are declared like \`${name}() { ... }\` instead of \`${name} = () => { ... }\`.`,
    );
  const notFunction = (path) => {
    const name = typeof path === "string" ? path : path.length === 0 ? "(this)" : path.join(".");
    return new TypeError(`"${name}" is not a function.`);
  };

  // How a receiver shows its names: a plain object or a function its own properties, an
  // RpcTarget what it inherits short of Object.prototype, a stub every name.
  const OWN = 0;
  const INHERITED = 1;
  const ANY = 2;

  // member is workerd's lookup of one name of a path on v, which shows its names in mode.
  function member(v, name, mode, reserved) {
    if (reserved.has(name)) throw reservedError(name);
    if (mode === ANY) return v[name];
    const own = Object.hasOwn(v, name);
    if (mode === OWN) {
      if (!own) throw notImplemented(name);
      return v[name];
    }
    if (own) throw notImplemented(name);
    const x = v[name];
    if (x === objectProto[name]) throw notImplemented(name);
    return x;
  }

  // modeOf decides how a path goes on through a value it reached, or ends it there.
  function modeOf(v, name) {
    if (v !== null && (typeof v === "object" || typeof v === "function")) {
      if (Object.getPrototypeOf(v) === objectProto) return OWN;
      if (v instanceof lib.RpcTarget) return INHERITED;
      if (stateOf(v) !== undefined) return ANY;
      if (typeof v === "function") return OWN;
    }
    throw notImplemented(name);
  }

  // finish runs the call or read at the end of a path: v was found on holder.
  function finish(kind, holder, v, path, args) {
    if (kind === GET) return v;
    if (typeof v !== "function") throw notFunction(path);
    return Reflect.apply(v, holder, args);
  }

  // walk follows the rest of a path from v, what its first name found on receiver.
  function walk(kind, receiver, v, path, reserved, args) {
    let holder = receiver;
    for (let i = 1; i < path.length; i++) {
      const mode = modeOf(v, path[i - 1]);
      holder = v;
      v = member(v, path[i], mode, reserved);
    }
    return finish(kind, holder, v, path, args);
  }

  // invokeTarget runs a call or read on a function, RpcTarget or plain object that a stub
  // stands for; an empty path calls the target itself.
  function invokeTarget(kind, target, path, args) {
    if (typeof path !== "string" && path.length === 0) return finish(kind, undefined, target, path, args);
    const first = typeof path === "string" ? path : path[0];
    const v = member(target, first, modeOf(target, first), reservedTarget);
    if (typeof path === "string") return finish(kind, target, v, path, args);
    return walk(kind, target, v, path, reservedTarget, args);
  }

  // classMember is what the first name of a path finds on an instance of a Durable Object
  // class or WorkerEntrypoint (cls), as the runner's wrapper finds it: a name the class's
  // prototype chain lacks is refused, with a hint when the instance has it. An object's own
  // property that shadows the class's member is refused too; an entrypoint gets the class's.
  function classMember(receiver, cls, name, isObject) {
    if (reservedObject.has(name)) throw reservedError(name);
    if (baseOwn.has(name) || name in objectProto) throw notImplemented(name);
    const proto = cls.prototype;
    if (!Reflect.has(proto, name)) throw Reflect.has(receiver, name) ? instanceOnly(name) : missing(name);
    if (!isObject) return Reflect.get(proto, name, receiver);
    if (Object.hasOwn(receiver, name)) {
      throw new TypeError(`The RPC receiver does not implement the method ${JSON.stringify(name)}.`);
    }
    return Reflect.get(receiver, name, receiver);
  }

  // invokeClass runs a call or read on a Durable Object (isObject) or an entrypoint.
  function invokeClass(kind, receiver, cls, path, args, isObject) {
    if (typeof path === "string") {
      return finish(kind, receiver, classMember(receiver, cls, path, isObject), path, args);
    }
    if (path.length === 0) throw notFunction(path);
    return walk(kind, receiver, classMember(receiver, cls, path[0], isObject), path, reservedObject, args);
  }

  function settleWith(ev, run) {
    let result;
    try {
      result = run();
    } catch (e) {
      natives.settle(ev, false, e);
      return;
    }
    settleResult(ev, result);
  }

  // settleResult hands what a receiver returned to Go, once it is settled.
  function settleResult(ev, result) {
    if (result !== null && (typeof result === "object" || typeof result === "function")) {
      let then;
      try {
        then = result.then;
      } catch (e) {
        natives.settle(ev, false, e);
        return;
      }
      if (typeof then === "function") {
        Promise.resolve(result).then(
          (v) => natives.settle(ev, true, v),
          (e) => natives.settle(ev, false, e),
        );
        return;
      }
    }
    natives.settle(ev, true, result);
  }
  lib.settleResult = settleResult;

  const requireFetch = (receiver) => {
    if (typeof receiver.fetch !== "function") throw new Error("Handler does not export a fetch() function.");
  };

  // response checks what a fetch handler returned: a Response or a promise of one. The
  // WebSocket of a 101 response is handed over as the web platform hands it to a caller: a
  // new socket object takes the connection over, and a request that did not ask for
  // "Upgrade: websocket" gets workerd's TypeError.
  const response = (v, request) => {
    if (v !== null && typeof v === "object" && typeof v.then === "function") {
      return Promise.resolve(v).then((r) => {
        if (!(r instanceof Response)) {
          throw new TypeError("Incorrect type for Promise: the Promise did not resolve to 'Response'.");
        }
        return handOver(r, request);
      });
    }
    if (!(v instanceof Response)) throw new TypeError("Callback returned incorrect type; expected 'Promise'");
    return handOver(v, request);
  };
  const handOver = (r, request) =>
    r.webSocket !== null && r.webSocket !== undefined && lib.web !== undefined ? lib.web.toResponse(r, request) : r;

  // deliver runs one event of a Durable Object on its instance; cls is the class it was
  // constructed from. It is the hottest path of RPC, so it takes no closure.
  lib.deliver = (kind, instance, ctx, cls, path, args, ev) => {
    let result;
    try {
      switch (kind) {
        case FETCH:
          requireFetch(instance);
          result = response(instance.fetch(args), args);
          break;
        case ALARM:
          result = instance.alarm(args);
          break;
        case RUN:
          result = path(instance, ctx);
          break;
        default:
          if (!(instance instanceof lib.DurableObject)) throw new TypeError(notRPC);
          result = invokeClass(kind, instance, cls, path, args, true);
      }
    } catch (e) {
      natives.settle(ev, false, e);
      return;
    }
    settleResult(ev, result);
  };

  // deliverLocal runs a call on a function, RpcTarget or plain object that a stub stands for.
  lib.deliverLocal = (kind, target, path, args, ev) => {
    settleWith(ev, () => invokeTarget(kind, target, path, args));
  };

  // deliverEntry runs a fetch, scheduled event or RPC call on an entrypoint of the main
  // module: a WorkerEntrypoint class gets a new instance for each, an object its handlers.
  lib.deliverEntry = (kind, exported, props, path, args, ev) => {
    settleWith(ev, () => {
      const waits = kind === SCHEDULED ? [] : undefined;
      const ctx = lib.executionContext(props === undefined ? {} : props, waits);
      const isClass = typeof exported === "function" && exported.prototype instanceof lib.WorkerEntrypoint;
      const receiver = isClass ? new exported(ctx, lib.env) : exported;
      switch (kind) {
        case FETCH:
          if (receiver === null || typeof receiver !== "object") {
            throw new Error("Handler does not export a fetch() function.");
          }
          requireFetch(receiver);
          return response(isClass ? receiver.fetch(args) : receiver.fetch(args, lib.env, ctx), args);
        case SCHEDULED:
          return runScheduled(receiver, isClass, args, ctx, waits);
      }
      if (isClass) return invokeClass(kind, receiver, exported, path, args, false);
      throw notImplemented(typeof path === "string" ? path : path[0]);
    });
  };

  // runScheduled runs a scheduled event as the platform's Fetcher.scheduled() does: the
  // handler gets a ScheduledController, and once it and what it handed to ctx.waitUntil
  // settled the caller gets a ScheduledResult, never a rejection. A failure is logged.
  async function runScheduled(receiver, isClass, [time, cron], ctx, waits) {
    const controller = lib.scheduledController(time, cron);
    let outcome = "ok";
    try {
      if (receiver === null || receiver === undefined || typeof receiver.scheduled !== "function") {
        throw new Error("Handler does not export a scheduled() function");
      }
      await (isClass ? receiver.scheduled(controller) : receiver.scheduled(controller, lib.env, ctx));
      while (waits.length > 0) await Promise.all(waits.splice(0));
    } catch (e) {
      outcome = "exception";
      natives.warn("scheduled", e);
    }
    return { outcome, noRetry: lib.retryRefused(controller) };
  }
});
