import { env } from "cloudflare:test";
import { expect, it } from "vitest";

it("allows one request a second", async () => {
	const limiter = env.LIMITERS.getByName("1.2.3.4");
	expect(await limiter.allow()).toBe(true);
	expect(await limiter.allow()).toBe(false);
});
