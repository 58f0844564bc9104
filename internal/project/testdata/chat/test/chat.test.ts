import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ChatRoom } from "../src/index";

describe("chat room", () => {
	it("keeps messages in order", async () => {
		const room = env.ROOMS.getByName("general");
		await room.post("ada", "hello");
		await room.post("bob", "hi");
		expect(await room.history()).toEqual([
			{ author: "ada", body: "hello" },
			{ author: "bob", body: "hi" },
		]);
	});

	it("starts empty in every test", async () => {
		const room = env.ROOMS.getByName("general");
		await runInDurableObject(room, async (instance) => {
			expect(instance).toBeInstanceOf(ChatRoom);
			expect(await instance.history()).toEqual([]);
		});
	});

	it("serves the history over HTTP", async () => {
		const res = await SELF.fetch("https://chat.example/general");
		expect(await res.json()).toEqual([]);
	});
});
