// A stand-in for the few web classes the engine's tests touch, for runtimes without the web
// platform: Request and Response with the members the tests read.
(function () {
  class Headers {
    #map = new Map();
    constructor(init) {
      if (init instanceof Headers) init = [...init.#map];
      else if (init && !Array.isArray(init)) init = Object.entries(init);
      for (const [k, v] of init ?? []) this.#map.set(String(k).toLowerCase(), String(v));
    }
    get(k) { return this.#map.get(String(k).toLowerCase()) ?? null; }
    set(k, v) { this.#map.set(String(k).toLowerCase(), String(v)); }
  }
  class Request {
    constructor(input, init = {}) {
      const from = input instanceof Request ? input : undefined;
      const url = from ? from.url : String(input);
      if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) throw new TypeError(`Invalid URL: ${url}`);
      this.url = url;
      this.method = init.method ?? from?.method ?? "GET";
      this.headers = new Headers(init.headers ?? from?.headers);
      this.body = init.body ?? from?.body ?? null;
    }
    async text() { return this.body === null ? "" : String(this.body); }
  }
  class Response {
    constructor(body = null, init = {}) {
      this.body = body;
      this.status = init.status ?? 200;
      this.headers = new Headers(init.headers);
    }
    async text() { return this.body === null ? "" : String(this.body); }
    async json() { return JSON.parse(await this.text()); }
    static json(v, init) { return new Response(JSON.stringify(v), init); }
  }
  Object.assign(globalThis, { Headers, Request, Response });
})();
