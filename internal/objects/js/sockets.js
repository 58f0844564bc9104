// The WebSocket Hibernation API of ctx: acceptWebSocket and the members around it, and the
// delivery of a hibernatable socket's events to webSocketMessage, webSocketClose and
// webSocketError. The sockets themselves belong to the web platform (lib.web, its hooks);
// which object accepted which socket, with which tags, is kept by Go, so that it outlives the
// instance: an evicted object keeps its sockets, and the next event builds a new instance
// that finds them with getWebSockets().
"use strict";
(function (natives, lib) {
  const { wsMessage: MESSAGE, wsClose: CLOSE, wsError: ERROR } = lib.kinds;
  const IFACE = "DurableObjectState";

  const instanceOf = (ctx) => {
    const i = lib.stateInstance(ctx);
    if (i === undefined) throw new TypeError("Illegal invocation");
    return i;
  };

  const isWebSocket = (v) => lib.web !== undefined && lib.web.webSocket.isWebSocket(v);
  const requireWebSocket = (v, method) => {
    if (!isWebSocket(v)) throw lib.paramError(method, IFACE, 1, "WebSocket");
  };

  // The platform's class, read when first needed: the web platform defines it lazily.
  let PairClass;
  const pairClass = () => (PairClass ??= globalThis.WebSocketRequestResponsePair);

  // toUint32 converts a number argument as workerd's bindings convert a uint32_t.
  const toUint32 = (v) => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new TypeError("The value cannot be converted because it is not an integer.");
    if (n < 0) {
      throw new TypeError("The value cannot be converted because it is negative and this API expects a " +
        "positive number.");
    }
    if (n > 4294967295) throw new TypeError("Value out of range. Must be less than or equal to 4294967295.");
    return Math.trunc(n);
  };

  const methods = {
    acceptWebSocket(ws, tags) {
      const i = instanceOf(this);
      requireWebSocket(ws, "acceptWebSocket");
      let list;
      if (tags !== undefined) {
        if (!Array.isArray(tags)) throw lib.paramError("acceptWebSocket", IFACE, 2, "Array");
        list = [];
        for (let n = 0; n < tags.length; n++) list.push(`${tags[n]}`);
      }
      natives.acceptWebSocket(i, ws, list);
    },
    getWebSockets(tag) {
      return natives.getWebSockets(instanceOf(this), tag === undefined ? undefined : `${tag}`);
    },
    getTags(ws) {
      instanceOf(this);
      requireWebSocket(ws, "getTags");
      return natives.getTags(ws);
    },
    setWebSocketAutoResponse(pair) {
      const i = instanceOf(this);
      if (pair === undefined) {
        natives.setAutoResponse(i);
        return;
      }
      const Pair = pairClass();
      if (typeof Pair !== "function" || !(pair instanceof Pair)) {
        throw lib.paramError("setWebSocketAutoResponse", IFACE, 1, "WebSocketRequestResponsePair");
      }
      natives.setAutoResponse(i, pair.request, pair.response);
    },
    getWebSocketAutoResponse() {
      const pair = natives.getAutoResponse(instanceOf(this));
      if (pair === undefined) return null;
      const Pair = pairClass();
      return new Pair(pair[0], pair[1]);
    },
    getWebSocketAutoResponseTimestamp(ws) {
      instanceOf(this);
      requireWebSocket(ws, "getWebSocketAutoResponseTimestamp");
      const ms = natives.autoResponseTimestamp(ws);
      return ms === undefined ? null : new Date(ms);
    },
    setHibernatableWebSocketEventTimeout(timeoutMs) {
      const i = instanceOf(this);
      natives.setEventTimeout(i, timeoutMs === undefined ? 0 : toUint32(timeoutMs));
    },
    getHibernatableWebSocketEventTimeout() {
      return natives.getEventTimeout(instanceOf(this));
    },
  };
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(lib.statePrototype, name, { value: fn, writable: true, configurable: true });
  }

  // onFirstSocket runs install once, when code first reads WebSocketPair or WebSocket (every
  // socket comes from one of them), so that a runtime whose code uses no socket does not load
  // the web platform's sockets. A global already read runs it at once.
  lib.onFirstSocket = (install) => {
    let pending = true;
    const once = () => {
      if (pending) {
        pending = false;
        install();
      }
    };
    for (const name of ["WebSocketPair", "WebSocket"]) {
      const desc = Object.getOwnPropertyDescriptor(globalThis, name);
      if (desc === undefined || typeof desc.get !== "function") {
        once();
        continue;
      }
      Object.defineProperty(globalThis, name, {
        configurable: true,
        enumerable: desc.enumerable,
        get() {
          once();
          return desc.get.call(this);
        },
        set: desc.set,
      });
    }
  };

  // deliverSocket runs one event of a hibernatable socket on the instance: a class without
  // the handler lets the event pass, as workerd does.
  lib.deliverSocket = (kind, instance, ws, data, ev) => {
    let result;
    try {
      switch (kind) {
        case MESSAGE:
          if (typeof instance.webSocketMessage === "function") result = instance.webSocketMessage(ws, data);
          break;
        case CLOSE:
          if (typeof instance.webSocketClose === "function") {
            result = instance.webSocketClose(ws, data[0], data[1], data[2]);
          }
          break;
        case ERROR:
          if (typeof instance.webSocketError === "function") result = instance.webSocketError(ws, data);
          break;
      }
    } catch (e) {
      natives.settle(ev, false, e);
      return;
    }
    lib.settleResult(ev, result);
  };
});
