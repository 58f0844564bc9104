import { env, reset } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";

beforeAll(async () => {
  await env.A.put("hook", "1");
});

it("empties every namespace", async () => {
  await env.B.put("test", "2");
  await reset();
  expect(await env.A.get("hook")).toBeNull();
  expect((await env.B.list()).keys).toEqual([]);
});

it("gets back what the test before emptied", async () => {
  expect(await env.A.get("hook")).toBe("1");
  expect(await env.B.get("test")).toBeNull();
});
