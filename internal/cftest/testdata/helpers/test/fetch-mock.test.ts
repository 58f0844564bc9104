import { fetchMock, SELF } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// The network these tests reach, when fetchMock lets a request through: a fetch handler that
// answers with the URL, so that no test leaves this machine.
(globalThis as any).__dotest.web.addFetchHandler(
  async (request: Request) => new Response(`network ${request.method} ${request.url}`),
);

it("is deactivated at first", async () => {
  expect(fetchMock.isMockActive).toBe(false);
  fetchMock.get("https://api.example.com").intercept({ path: "/x" }).reply(200, "mocked");
  expect(await (await fetch("https://api.example.com/x")).text()).toBe("network GET https://api.example.com/x");
  expect(fetchMock.pendingInterceptors()).toHaveLength(1);
  fetchMock.get("https://api.example.com").cleanMocks();
});

describe("activated", () => {
  beforeAll(() => {
    fetchMock.activate();
    fetchMock.disableNetConnect();
  });
  afterEach(() => fetchMock.assertNoPendingInterceptors());

  it("replies with a status, a body and headers", async () => {
    fetchMock
      .get("https://api.example.com")
      .intercept({ path: "/hello" })
      .reply(201, "hi", { headers: { "content-type": "text/plain", "x-many": ["1", "2"] } });
    const res = await fetch("https://api.example.com/hello");
    expect([res.status, res.statusText, res.headers.get("content-type"), res.headers.get("x-many")]).toEqual([
      201, "Created", "text/plain", "1, 2",
    ]);
    expect([res.url, await res.text()]).toEqual(["https://api.example.com/hello", "hi"]);
  });

  it("matches the method, headers, body and query", async () => {
    fetchMock
      .get("https://api.example.com")
      .intercept({ path: "/items", method: "post", headers: { "x-key": /^k-/ }, body: (b: string) => b.includes("apple"), query: { page: "2", sort: "asc" } })
      .reply(200, ({ body }: any) => `got ${body}`);
    const res = await fetch("https://api.example.com/items?sort=asc&page=2", {
      method: "POST",
      headers: { "X-Key": "k-1" },
      body: "an apple",
    });
    expect(await res.text()).toBe("got an apple");
  });

  it("matches paths by RegExp and predicate, origins by RegExp", async () => {
    fetchMock.get(/^https:\/\/.*\.example\.com$/).intercept({ path: /^\/users\/\d+$/ }).reply(200, { id: 7 });
    fetchMock.get("https://b.example.com").intercept({ path: (p: string) => p.startsWith("/p") }).reply(200, "p");
    expect(await (await fetch("https://a.example.com/users/7")).json()).toEqual({ id: 7 });
    expect(await (await fetch("https://b.example.com/page")).text()).toBe("p");
  });

  it("replies from a callback with its own options", async () => {
    fetchMock
      .get("https://api.example.com")
      .intercept({ path: "/cb", method: "PUT" })
      .reply((opts: any) => ({ statusCode: 202, data: `${opts.method} ${opts.path}`, responseOptions: { headers: { a: "b" } } }));
    const res = await fetch("https://api.example.com/cb", { method: "PUT" });
    expect([res.status, res.headers.get("a"), await res.text()]).toEqual([202, "b", "PUT /cb"]);
  });

  it("replies with an error", async () => {
    const err = new Error("connection refused");
    fetchMock.get("https://api.example.com").intercept({ path: "/down" }).replyWithError(err);
    await expect(fetch("https://api.example.com/down")).rejects.toBe(err);
  });

  it("counts times and persists", async () => {
    const scope = fetchMock.get("https://api.example.com");
    scope.intercept({ path: "/twice" }).reply(200, "t").times(2);
    scope.intercept({ path: "/always" }).reply(200, "a").persist();
    for (let i = 0; i < 2; i++) expect(await (await fetch("https://api.example.com/twice")).text()).toBe("t");
    await expect(fetch("https://api.example.com/twice")).rejects.toThrow("Mock dispatch not matched for path '/twice'");
    for (let i = 0; i < 3; i++) expect(await (await fetch("https://api.example.com/always")).text()).toBe("a");
  });

  it("delays a reply on the clock", async () => {
    vi.useFakeTimers();
    fetchMock.get("https://api.example.com").intercept({ path: "/slow" }).reply(200, "slow").delay(500);
    let done = false;
    const res = fetch("https://api.example.com/slow").then((r) => ((done = true), r.text()));
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await res).toBe("slow");
    vi.useRealTimers();
  });

  it("uses up the interceptor of a request aborted before it was sent", async () => {
    fetchMock.get("https://api.example.com").intercept({ path: "/aborted" }).reply(200, "never");
    const controller = new AbortController();
    controller.abort();
    const err = await fetch("https://api.example.com/aborted", { signal: controller.signal }).catch((e) => e);
    expect([err.name, err.code, err.message]).toEqual(["AbortError", "ABORT_ERR", "The operation was aborted"]);
  });

  it("starts a reply at once, so that fake time moves its timers", async () => {
    vi.useFakeTimers();
    fetchMock
      .get("https://api.example.com")
      .intercept({ path: "/timed" })
      .reply(200, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return "timed";
      });
    const res = fetch("https://api.example.com/timed");
    vi.advanceTimersByTime(1000);
    expect(await (await res).text()).toBe("timed");
    vi.useRealTimers();
  });

  it("covers the fetches of the worker and of its objects", async () => {
    const api = fetchMock.get("https://api.example.com");
    api.intercept({ path: "/from-worker?a=1&b=2" }).reply(200, "worker mocked");
    api.intercept({ path: "/from-object" }).reply(200, "object mocked");
    expect(await (await SELF.fetch("https://w/outbound")).text()).toBe("worker mocked");
    expect(await (await SELF.fetch("https://w/object-outbound")).text()).toBe("object mocked");
  });

  it("names the request that matches nothing", async () => {
    const api = fetchMock.get("https://api.example.com");
    api.intercept({ path: "/only-get" }).reply(200, "").persist();
    api.intercept({ path: "/json", method: "POST", body: "{}" }).reply(200, "").persist();
    api.intercept({ path: "/auth", headers: { authorization: "yes" } }).reply(200, "").persist();
    const cases: [string, RequestInit | undefined, string][] = [
      ["/nope", undefined, "Mock dispatch not matched for path '/nope'"],
      ["/only-get", { method: "DELETE" }, "Mock dispatch not matched for method 'DELETE' on path '/only-get'"],
      ["/json", { method: "POST", body: "[]" }, "Mock dispatch not matched for body '[]' on path '/json'"],
      ["/auth", { headers: { authorization: "no" } }, `Mock dispatch not matched for headers '{"authorization":"no"}' on path '/auth'`],
    ];
    for (const [path, init, text] of cases) {
      const err = await fetch("https://api.example.com" + path, init).catch((e) => e);
      expect([err.name, err.code, err.message]).toEqual([
        "MockNotMatchedError",
        "UND_MOCK_ERR_MOCK_NOT_MATCHED",
        `${text}: subsequent request to origin https://api.example.com was not allowed (net.connect disabled)`,
      ]);
    }
    api.cleanMocks();
  });

  it("lets chosen hosts through to the network", async () => {
    fetchMock.enableNetConnect("open.example.com");
    fetchMock.enableNetConnect(/^also\./);
    expect(await (await fetch("https://open.example.com/x")).text()).toBe("network GET https://open.example.com/x");
    expect(await (await fetch("https://also.example.com/y")).text()).toBe("network GET https://also.example.com/y");
    await expect(fetch("https://closed.example.com/z")).rejects.toThrow(
      "Mock dispatch not matched for path '/z': subsequent request to origin https://closed.example.com was not allowed (net.connect is not enabled for this origin)",
    );
    fetchMock.disableNetConnect();
  });

  it("never mocks upgrade requests", async () => {
    fetchMock.enableNetConnect();
    const res = await fetch("https://api.example.com/ws", { headers: { Upgrade: "websocket" } });
    expect(await res.text()).toBe("network GET https://api.example.com/ws");
    fetchMock.disableNetConnect();
  });

  it("lists and asserts pending interceptors", () => {
    const api = fetchMock.get("https://api.example.com");
    api.intercept({ path: "/a" }).reply(200, "");
    api.intercept({ path: "/b", method: "POST" }).reply(404, "").persist();
    expect(fetchMock.pendingInterceptors().map((i: any) => [i.origin, i.method, i.path])).toEqual([
      ["https://api.example.com", "GET", "/a"],
      ["https://api.example.com", "POST", "/b"],
    ]);
    expect(() => fetchMock.assertNoPendingInterceptors()).toThrow(
      "2 interceptors are pending:\n\n" +
        "- GET https://api.example.com/a 200 { persist: false, invoked: 0, remaining: 1 }\n" +
        "- POST https://api.example.com/b 404 { persist: true, invoked: 0, remaining: Infinity }",
    );
    api.cleanMocks();
  });

  it("refuses bad arguments with undici's errors", () => {
    const api = fetchMock.get("https://api.example.com");
    expect(() => api.intercept({} as any)).toThrow("opts.path must be defined");
    expect(() => api.intercept({ path: "/" }).reply(undefined as any)).toThrow("statusCode must be defined");
    expect(() => api.intercept({ path: "/" }).reply(200, "").times(0)).toThrow("repeatTimes must be a valid integer > 0");
    expect(() => api.intercept({ path: "/" }).reply(200, "").delay(-1)).toThrow("waitInMs must be a valid integer > 0");
    expect(() => fetchMock.enableNetConnect(5 as any)).toThrow("Unsupported matcher. Must be one of String|Function|RegExp.");
    api.cleanMocks();
  });
});
