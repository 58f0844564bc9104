// WebSocket and WebSocketPair for sockets whose two ends live in this runtime: a send on one
// end becomes a task that delivers a message event on the other, never synchronously. An
// object engine can take a server end over for hibernation (see host.js).
"use strict";
(function (natives, load) {
  const events = load("events");
  const { EventTarget, MessageEvent, CloseEvent, ErrorEvent, DOMException } = events;

  const OPEN_ONLY = "You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending " +
    "messages.";
  const MAX_MESSAGE = 32 << 20;
  const MAX_ATTACHMENT = 16384;
  const constructing = Symbol("websocket");

  // codec turns attachments into a stored form and back; the structured-clone package can
  // replace it so that sizes match V8's serializer exactly.
  let codec = {
    serialize(value) {
      const copy = typeof structuredClone === "function"
        ? structuredClone(value)
        : JSON.parse(JSON.stringify(value) ?? "null");
      const size = natives.utf8Length(JSON.stringify(value) ?? "") + 3;
      return { data: copy, size };
    },
    deserialize(data) {
      return typeof structuredClone === "function" ? structuredClone(data) : JSON.parse(JSON.stringify(data) ?? "null");
    },
  };

  let stateOf;

  class WebSocket extends EventTarget {
    #s;
    constructor(url, protocols = undefined) {
      super();
      if (url === constructing) {
        this.#s = protocols;
        return;
      }
      this.#s = newState();
      connect(this, this.#s, url, protocols);
    }

    accept(options = undefined) {
      const s = this.#s;
      if (s.state === "connecting" || s.client) {
        throw new TypeError("Websockets obtained from the 'new WebSocket()' constructor cannot call accept");
      }
      if (s.state === "released") throw new TypeError("Can't accept() WebSocket that was already used in a response.");
      if (s.state === "hibernatable") throw new TypeError("Can't accept() WebSocket after enabling hibernation.");
      if (s.state === "accepted") return;
      s.allowHalfOpen = !!options?.allowHalfOpen;
      s.state = "accepted";
      flushInbox(this, s);
    }

    send(message) {
      const s = this.#s;
      if (s.closedOutgoing) throw new TypeError("Can't call WebSocket send() after close().");
      if (s.outgoingAborted || s.state === "released") return;
      if (s.state !== "accepted" && s.state !== "hibernatable") throw new TypeError(OPEN_ONLY);
      let frame;
      if (message instanceof ArrayBuffer || ArrayBuffer.isView(message)) {
        const view = message instanceof ArrayBuffer ? new Uint8Array(message)
          : new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
        frame = { kind: "message", data: view.slice(), size: view.byteLength };
      } else {
        const text = String(message);
        frame = { kind: "message", data: text, size: natives.utf8Length(text) };
      }
      transmit(this, s, frame);
    }

    close(code = undefined, reason = undefined) {
      const s = this.#s;
      if (code !== undefined) {
        code = Math.trunc(Number(code));
        const valid = natives.pedantic
          ? code === 1000 || (code >= 3000 && code <= 4999)
          : code >= 1000 && code < 5000 && code !== 1004 && code !== 1005 && code !== 1006 && code !== 1015;
        if (!valid) throw new DOMException(`Invalid WebSocket close code: ${code}.`, "InvalidAccessError");
      }
      if (reason !== undefined) {
        reason = String(reason);
        if (natives.reasonLimit && natives.utf8Length(reason) > 123) {
          throw new DOMException("WebSocket close reason must not be longer than 123 bytes when UTF-8 " +
            "encoded.", "SyntaxError");
        }
        if (code === undefined) {
          throw new DOMException("If you specify a WebSocket close reason, you must also specify a " +
            "code.", "InvalidAccessError");
        }
      }
      if (s.state === "connecting") {
        s.state = "released";
        return;
      }
      if (s.closedOutgoing || s.outgoingAborted || s.state === "released") return;
      if (s.state !== "accepted" && s.state !== "hibernatable") throw new TypeError(OPEN_ONLY);
      if (s.error !== undefined) throw s.error;
      s.closedOutgoing = true;
      transmit(this, s, { kind: "close", code: code ?? 1005, reason: reason ?? "" });
    }

    serializeAttachment(value) {
      const { data, size } = codec.serialize(value);
      if (size > MAX_ATTACHMENT) {
        throw new Error(`A WebSocket 'attachment' cannot be larger than ${MAX_ATTACHMENT} bytes.'attachment' was ` +
          `${size} bytes.`);
      }
      this.#s.attachment = { data };
    }
    deserializeAttachment() {
      const a = this.#s.attachment;
      return a === undefined ? null : codec.deserialize(a.data);
    }

    get readyState() {
      const s = this.#s;
      if ((s.closedIncoming && s.closedOutgoing) || s.error !== undefined) return 3;
      if (s.closedIncoming || s.closedOutgoing) return 2;
      if (s.state === "connecting") return 0;
      return 1;
    }
    get url() { return this.#s.url; }
    get protocol() { return this.#s.protocol; }
    get extensions() { return this.#s.extensions; }
    get binaryType() { return this.#s.binaryType; }
    set binaryType(v) {
      if (v === "blob" || v === "arraybuffer") this.#s.binaryType = v;
    }

    static {
      stateOf = (ws) => ws.#s;
    }
  }

  for (const [name, value] of [["READY_STATE_CONNECTING", 0], ["CONNECTING", 0], ["READY_STATE_OPEN", 1], ["OPEN", 1],
    ["READY_STATE_CLOSING", 2], ["CLOSING", 2], ["READY_STATE_CLOSED", 3], ["CLOSED", 3]]) {
    Object.defineProperty(WebSocket, name, { value, enumerable: true });
    Object.defineProperty(WebSocket.prototype, name, { value, enumerable: true });
  }
  // Workers set on<type> handlers as plain properties; dispatchEvent reads them at dispatch.
  for (const type of ["open", "message", "close", "error"]) {
    Object.defineProperty(WebSocket.prototype, "on" + type, { value: null, writable: true, configurable: true });
  }

  function newState() {
    return {
      peer: null, state: "pending", closedOutgoing: false, closedIncoming: false, outgoingAborted: false,
      error: undefined, inbox: [], binaryType: natives.blobDefault ? "blob" : "arraybuffer", url: null, protocol: null,
      extensions: null, hib: null, attachment: undefined, allowHalfOpen: false, client: false,
    };
  }

  function newSocket(s) { return new WebSocket(constructing, s); }

  // transmit sends a frame from ws to its peer as a task of its own. A message over the
  // platform's limit never arrives: the receiver errors and the sender is closed with 1009.
  function transmit(ws, s, frame) {
    const peer = s.peer;
    if (peer === null) return;
    if (frame.kind === "message" && frame.size > MAX_MESSAGE) {
      const why = `Message is too large: ${frame.size} > ${MAX_MESSAGE}`;
      deliver(peer, { kind: "error", error: new Error(why) });
      deliver(ws, { kind: "close", code: 1009, reason: why, fromLimit: true });
      return;
    }
    deliver(peer, frame);
  }

  function deliver(ws, frame) {
    const s = stateOf(ws);
    if (s.state !== "accepted" && s.state !== "hibernatable") {
      s.inbox.push(frame);
      return;
    }
    natives.enqueue(() => receive(ws, s, frame));
  }

  function flushInbox(ws, s) {
    const frames = s.inbox;
    s.inbox = [];
    for (const f of frames) natives.enqueue(() => receive(ws, s, f));
  }

  // receive handles one frame that arrived at ws: an event, or a callback of the engine that
  // took the socket over for hibernation.
  function receive(ws, s, frame) {
    if (s.error !== undefined || (s.closedIncoming && frame.kind !== "error")) return;
    switch (frame.kind) {
      case "message": {
        if (s.hib) {
          s.hib.message(ws, typeof frame.data === "string" ? frame.data : frame.data.buffer);
          return;
        }
        let data = frame.data;
        if (typeof data !== "string") {
          data = s.binaryType === "blob" ? load("blob").internal.fromBytes(data) : data.buffer;
        }
        ws.dispatchEvent(new MessageEvent("message", { data }));
        return;
      }
      case "close": {
        s.closedIncoming = true;
        const canReply = !s.closedOutgoing && !s.outgoingAborted && s.state !== "released";
        if (natives.autoReply && !s.allowHalfOpen && canReply) {
          s.closedOutgoing = true;
          transmit(ws, s, { kind: "close", code: frame.code, reason: frame.reason });
        }
        if (s.hib) {
          s.hib.close(ws, frame.code, frame.reason, true);
          return;
        }
        ws.dispatchEvent(new CloseEvent("close", { code: frame.code, reason: frame.reason, wasClean: true }));
        return;
      }
      case "error": {
        if (s.error !== undefined) return;
        s.error = frame.error;
        s.outgoingAborted = true;
        s.closedIncoming = true;
        if (s.hib) {
          s.hib.error(ws, frame.error);
          return;
        }
        ws.dispatchEvent(new ErrorEvent("error", { message: frame.error.message, error: frame.error }));
      }
    }
  }

  function connect(ws, s, url, protocols) {
    const parsed = URL.parse(String(url));
    if (parsed === null) throw new DOMException(`WebSocket URL must be valid: ${url}`, "SyntaxError");
    if (parsed.protocol !== "ws:" && parsed.protocol !== "wss:") {
      throw new DOMException("WebSocket URL must use the ws:// or wss:// scheme", "SyntaxError");
    }
    s.url = parsed.href;
    s.state = "connecting";
    s.client = true;
    void protocols;
    // Note: dotest has no WebSocket client for the network; a socket made with new WebSocket()
    // fails with an error event, as a connection that cannot be established does.
    natives.enqueue(() => {
      if (s.state !== "connecting") return;
      s.state = "released";
      receive(ws, s, { kind: "error", error: new Error("Network connection lost.") });
      ws.dispatchEvent(new CloseEvent("close", { code: 1006, reason: "", wasClean: false }));
    });
  }

  class WebSocketPair {
    constructor() {
      const a = newSocket(newState());
      const b = newSocket(newState());
      stateOf(a).peer = b;
      stateOf(b).peer = a;
      Object.defineProperty(this, "0", { value: a, enumerable: true });
      Object.defineProperty(this, "1", { value: b, enumerable: true });
    }
    *[Symbol.iterator]() {
      yield this[0];
      yield this[1];
    }
  }

  class WebSocketRequestResponsePair {
    #request;
    #response;
    constructor(request, response) {
      this.#request = String(request);
      this.#response = String(response);
    }
    get request() { return this.#request; }
    get response() { return this.#response; }
  }

  // couple hands the socket a Response carries over to whoever receives the Response: a new
  // WebSocket object takes over the connection and the one in the Response is released.
  function couple(ws) {
    const s = stateOf(ws);
    if (s.state === "connecting" || s.client) {
      throw new TypeError("Can't return WebSocket in a Response if it was created with `new WebSocket()`");
    }
    if (s.state === "released") throw new TypeError("Can't return WebSocket that was already used in a response.");
    if (s.state === "hibernatable") throw new TypeError("Can't return WebSocket in a Response after calling " +
      "acceptWebSocket().");
    if (s.state === "accepted") throw new TypeError("Can't return WebSocket in a Response after calling accept().");
    const moved = newState();
    Object.assign(moved, { peer: s.peer, inbox: s.inbox });
    const out = newSocket(moved);
    if (s.peer !== null) stateOf(s.peer).peer = out;
    s.state = "released";
    s.peer = null;
    s.inbox = [];
    return out;
  }

  // hibernate makes a server end hibernatable: its messages, closes and errors go to the
  // handlers {message(ws, data), close(ws, code, reason, wasClean), error(ws, error)}, each as
  // a task of its own, instead of being dispatched as events.
  function hibernate(ws, handlers) {
    const s = stateOf(ws);
    if (s.state === "accepted") {
      throw new Error("Cannot call `acceptWebSocket()` if the WebSocket was already accepted via `accept()`");
    }
    const peer = s.peer === null ? null : stateOf(s.peer);
    if (s.state !== "pending" || (peer !== null && peer.state !== "pending")) {
      throw new Error("Cannot call `acceptWebSocket()` on this WebSocket because its pair has already been " +
        "accepted or used in a Response.");
    }
    for (const name of ["message", "close", "error"]) {
      if (typeof handlers?.[name] !== "function") throw new TypeError(`hibernate: handlers.${name} must be a function`);
    }
    s.hib = handlers;
    s.state = "hibernatable";
    flushInbox(ws, s);
  }

  return {
    WebSocket, WebSocketPair, WebSocketRequestResponsePair,
    internal: {
      couple, hibernate,
      isHibernatable: (ws) => stateOf(ws).state === "hibernatable",
      attachment: (ws) => stateOf(ws).attachment,
      setAttachment: (ws, a) => { stateOf(ws).attachment = a; },
      setCodec: (c) => { codec = c; },
      isWebSocket: (v) => v instanceof WebSocket,
    },
  };
})
