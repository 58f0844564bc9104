import { env } from "cloudflare:test";
import { expect, it } from "vitest";

it("writes and reads a key", async () => {
  const stub = env.STORE.getByName("x");
  await stub.put("k", "v");
  expect(await stub.get("k")).toBe("v");
});

it("lists keys", async () => {
  const stub = env.STORE.getByName("y");
  expect(await stub.list()).toEqual([]);
});
