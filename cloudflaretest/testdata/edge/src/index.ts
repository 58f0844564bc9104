import { DurableObject, WorkerEntrypoint } from "cloudflare:workers";

export class Thing extends DurableObject {
  constructed = Date.now();

  echo<T>(v: T): T {
    return v;
  }

  // kinds returns one value of each kind that crosses RPC.
  kinds() {
    return {
      undef: undefined,
      map: new Map<string, number>([["a", 1]]),
      set: new Set([1, "two"]),
      re: /a+/g,
      bytes: new Uint8Array([1, 2, 3]),
      view: new DataView(new Uint8Array([9, 8, 7]).buffer, 1, 2),
      err: new RangeError("returned, not thrown"),
      big: 12345678901234567890n,
      neg0: -0,
      date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)),
    };
  }

  mapWithNumberKeys() {
    return new Map([[1, "one"]]);
  }

  cyclic() {
    const a: any = { name: "a" };
    a.self = a;
    return a;
  }

  aFunction() {
    return () => 1;
  }

  aResponse() {
    return new Response("body");
  }

  log(text: string) {
    console.log(text);
    console.error("err: " + text);
  }

  // throwLater throws from a timer: nobody can catch it.
  throwLater(ms: number) {
    setTimeout(() => {
      throw new Error("thrown by a timer");
    }, ms);
  }

  work(ms: number) {
    this.ctx.waitUntil(new Promise((resolve) => setTimeout(resolve, ms)));
  }

  now(): number {
    return Date.now();
  }

  never(): Promise<void> {
    return new Promise(() => {});
  }

  spin(): never {
    for (;;) {}
  }

  spinLater(ms: number) {
    setTimeout(() => {
      for (;;) {}
    }, ms);
  }

  async fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname === "/ws") {
      const pair = new WebSocketPair();
      pair[1].accept();
      return new Response(null, { status: 101, webSocket: pair[0] });
    }
    return new Response(`${request.method} ${request.url} ${await request.text()}`, {
      status: 201,
      headers: { "x-thing": "yes", "set-cookie": "a=1" },
    });
  }
}

export class Legacy extends DurableObject {
  async alarm() {
    throw new Error("the alarm failed");
  }

  async arm() {
    await this.ctx.storage.setAlarm(Date.now() + 1000);
  }
}

export default class extends WorkerEntrypoint {
  add(a: number, b: number): number {
    return a + b;
  }

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/boom") throw new Error("the handler threw");
    return new Response(`entry ${request.method} ${url.pathname}`);
  }
}
