import { env, SELF } from "cloudflare:test";
import { env as workersEnv } from "cloudflare:workers";
import { expect, it } from "vitest";

it("fetches the main module's default export", async () => {
  expect(await (await SELF.fetch("https://example.com/a")).text()).toBe("1");
  expect(await (await SELF.fetch("https://example.com/a")).text()).toBe("2");
});

it("calls the default entrypoint's methods over RPC", async () => {
  expect(await (SELF as any).sum(2, 3)).toBe(5);
});

it("shares env with cloudflare:workers", () => {
  expect(env).toBe(workersEnv);
});
