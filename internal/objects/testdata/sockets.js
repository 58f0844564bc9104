// The main module of the hibernation tests: Sock accepts a hibernatable WebSocket on each
// fetch (tags and an attachment from the query) and answers the commands its sockets send;
// everything its handlers see goes to the global log.
const log = [];
globalThis.sockLog = log;
let constructed = 0;
globalThis.constructed = () => constructed;

class Sock extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.instanceNo = ++constructed;
  }
  async fetch(req) {
    const url = new URL(req.url);
    if (url.pathname === "/plain") return new Response("plain");
    const { 0: client, 1: server } = new WebSocketPair();
    const name = url.searchParams.get("name");
    if (name !== null) server.serializeAttachment({ name });
    this.ctx.acceptWebSocket(server, url.searchParams.getAll("tag"));
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws, message) {
    const text = typeof message === "string" ? message : "binary:" + new Uint8Array(message).join(",");
    log.push(["message", text, this.instanceNo]);
    switch (text) {
      case "who":
        ws.send(JSON.stringify(ws.deserializeAttachment()));
        return;
      case "instance":
        ws.send(String(this.instanceNo));
        return;
      case "sockets":
        ws.send(JSON.stringify(this.ctx.getWebSockets().map((s) => s.deserializeAttachment()?.name ?? null)));
        return;
      case "tags":
        ws.send(JSON.stringify(this.ctx.getTags(ws)));
        return;
      case "expando":
        ws.send(String(ws.mark ?? "none"));
        ws.mark = "set";
        return;
      case "throw":
        throw new TypeError("handler threw");
      case "slow":
        await new Promise((r) => setTimeout(r, 1000));
        ws.send("slow done");
        return;
      case "close":
        ws.close(4000, "server says bye");
        return;
      case "abort":
        this.ctx.abort("abort from handler");
    }
    ws.send("echo:" + text);
  }
  webSocketClose(ws, code, reason, wasClean) {
    log.push(["close", code, reason, wasClean, ws.readyState, this.ctx.getWebSockets().length]);
    if (this.replyToClose) ws.close(code, "reply");
  }
  webSocketError(ws, error) {
    log.push(["error", error.message, ws.readyState]);
  }
}

// Bare has no handlers at all: its events pass.
class Bare extends DurableObject {
  fetch() {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}

const worker = {
  async fetch(req, env) {
    return env.SOCK.getByName(new URL(req.url).searchParams.get("room") ?? "lobby").fetch(req);
  },
};

__dotest.setMain({ Sock, Bare, default: worker });
