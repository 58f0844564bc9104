import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("Counter", () => {
  it("starts at zero", async () => {
    const stub = env.COUNTER.getByName("a");
    expect(await stub.count()).toBe(0);
  });

  describe("increment", () => {
    it("adds one", async () => {
      const stub = env.COUNTER.getByName("b");
      expect(await stub.increment()).toBe(1);
    });

    it("persists across evictions", async () => {
      const stub = env.COUNTER.getByName("c");
      await stub.increment();
      await runInDurableObject(stub, (instance) => instance.evict());
      expect(await stub.count()).toBe(1);
    });
  });
});
