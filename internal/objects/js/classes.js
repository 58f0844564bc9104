// The classes a Worker sees from the Durable Object engine that hold no connection to an
// object: the base classes of cloudflare:workers, DurableObjectId, DurableObjectNamespace,
// and the errors that cross an RPC boundary or announce a reset. The Go natives derive ids;
// everything here runs in the runtime of one test file.
"use strict";
(function (natives, lib) {
  const token = Symbol("dotest.objects.token");
  lib.token = token;

  // paramError is workerd's TypeError for an argument of the wrong type.
  lib.paramError = (method, iface, n, type) =>
    new TypeError(`Failed to execute '${method}' on '${iface}': parameter ${n} is not of type '${type}'.`);

  class DurableObject {
    constructor(ctx, env) {
      this.ctx = ctx;
      this.env = env;
    }
  }
  class WorkerEntrypoint {
    constructor(ctx, env) {
      this.ctx = ctx;
      this.env = env;
    }
  }
  class WorkflowEntrypoint {
    constructor(ctx, env) {
      this.ctx = ctx;
      this.env = env;
    }
  }
  class RpcTarget {}
  lib.DurableObject = DurableObject;
  lib.WorkerEntrypoint = WorkerEntrypoint;
  lib.WorkflowEntrypoint = WorkflowEntrypoint;
  lib.RpcTarget = RpcTarget;

  const jurisdictionText = "Jurisdiction restrictions are not implemented in workerd.";

  class DurableObjectId {
    #hex;
    constructor(t, hex, name) {
      if (t !== token) throw new TypeError("Illegal constructor");
      this.#hex = hex;
      Object.defineProperties(this, {
        jurisdiction: { value: undefined, enumerable: true },
        name: { value: name, enumerable: true },
      });
    }
    toString() {
      return this.#hex;
    }
    equals(other) {
      if (typeof other !== "object" || other === null || !(#hex in other)) {
        throw lib.paramError("equals", "DurableObjectId", 1, "DurableObjectId");
      }
      return other.#hex === this.#hex;
    }
    static hexOf(v) {
      return typeof v === "object" && v !== null && #hex in v ? v.#hex : undefined;
    }
  }
  Object.defineProperty(DurableObjectId.prototype, Symbol.toStringTag, { value: "DurableObjectId" });
  lib.DurableObjectId = DurableObjectId;
  lib.newId = (hex, name) => new DurableObjectId(token, hex, name);

  // toName converts an argument the way WebIDL converts a DOMString: undefined is missing.
  const toName = (v, method) => {
    if (v === undefined) throw lib.paramError(method, "DurableObjectNamespace", 1, "string");
    return `${v}`;
  };

  const checkGetOptions = (options) => {
    if (options === undefined || options === null) return;
    const mode = options.routingMode;
    if (mode !== undefined && mode !== "primary-only") throw new RangeError(`unknown routingMode: ${mode}`);
  };

  class DurableObjectNamespace {
    #ns;
    constructor(t, ns) {
      if (t !== token) throw new TypeError("Illegal constructor");
      this.#ns = ns;
    }
    newUniqueId(options) {
      if (options !== undefined && options !== null && options.jurisdiction !== undefined) {
        throw new Error(jurisdictionText);
      }
      return new DurableObjectId(token, natives.newUniqueId(this.#ns), undefined);
    }
    idFromName(name) {
      const s = toName(name, "idFromName");
      return new DurableObjectId(token, natives.idFromName(this.#ns, s), s);
    }
    idFromString(text) {
      const s = toName(text, "idFromString");
      return new DurableObjectId(token, natives.idFromString(this.#ns, s), undefined);
    }
    get(id, options) {
      const hex = DurableObjectId.hexOf(id);
      if (hex === undefined) throw lib.paramError("get", "DurableObjectNamespace", 1, "DurableObjectId");
      checkGetOptions(options);
      return lib.objectStub(this.#ns, hex, id.name);
    }
    getByName(name, options) {
      const s = toName(name, "getByName");
      checkGetOptions(options);
      return lib.objectStub(this.#ns, natives.idFromName(this.#ns, s), s);
    }
    jurisdiction(j) {
      if (j === undefined || j === null) return this;
      throw new Error(jurisdictionText);
    }
    static indexOf(v) {
      return typeof v === "object" && v !== null && #ns in v ? v.#ns : -1;
    }
  }
  Object.defineProperty(DurableObjectNamespace.prototype, Symbol.toStringTag, { value: "DurableObjectNamespace" });
  lib.DurableObjectNamespace = DurableObjectNamespace;
  lib.newNamespace = (ns) => new DurableObjectNamespace(token, ns);
  lib.namespaceIndex = (v) => DurableObjectNamespace.indexOf(v);

  // Errors keep their class and message across RPC, as workerd passes them: a standard
  // class by its name, any other name folded into the message, non-errors as their text.
  const errorClasses = {
    Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError,
  };

  const describe = (v) => {
    if (v === null || typeof v !== "object") return String(v);
    const proto = Object.getPrototypeOf(v);
    const name = proto && proto.constructor && proto.constructor.name;
    return `#<${name || "Object"}>`;
  };

  const copyError = (e) => {
    const DOMEx = globalThis.DOMException;
    if (typeof DOMEx === "function" && e instanceof DOMEx) return new DOMEx(e.message, e.name);
    if (!(e instanceof Error)) return new Error(describe(e));
    const name = typeof e.name === "string" ? e.name : "Error";
    const message = typeof e.message === "string" ? e.message : String(e.message);
    if (name === "DataCloneError") {
      if (typeof DOMEx === "function") return new DOMEx(message, name);
      const out = new Error(message);
      Object.defineProperty(out, "name", { value: name, writable: true, configurable: true });
      return out;
    }
    if (name === "AggregateError") return new AggregateError([], message);
    const Ctor = Object.hasOwn(errorClasses, name) ? errorClasses[name] : undefined;
    if (Ctor) return new Ctor(message);
    return new Error(name === "" ? message : `${name}: ${message}`);
  };

  // stackless keeps only the first line of the stack: the frames of the copy would point
  // into dotest, and the platform does not send the callee's frames.
  const stackless = (e) => {
    try {
      Object.defineProperty(e, "stack", {
        value: `${e.name}: ${e.message}`, writable: true, configurable: true,
      });
    } catch {
      // A DOMException without an own stack keeps the one it has.
    }
    return e;
  };

  lib.remoteError = (e) => {
    const out = stackless(copyError(e));
    out.remote = true;
    return out;
  };

  // resetError is what the callers of a reset object get: the reason of the reset, flagged.
  lib.resetError = (reason) => {
    const out = stackless(copyError(reason));
    out.durableObjectReset = true;
    return out;
  };

  lib.construct = (Cls, ctx, env) => new Cls(ctx, env);
  lib.quiet = (p) => {
    p.catch(() => {});
  };

  // runAlarm is runDurableObjectAlarm's work inside the object.
  lib.runAlarm = async (instance, ctx) => {
    if ((await ctx.storage.getAlarm()) === null) return false;
    await ctx.storage.deleteAlarm();
    if (typeof instance.alarm === "function") await instance.alarm();
    return true;
  };

  const abortText = "Application called abort() to reset Durable Object.";
  lib.abortReason = (reason) => new Error(reason === undefined ? abortText : String(reason));
});
