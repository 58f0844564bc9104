import { DurableObject } from "cloudflare:workers";

export interface Env {
	ROOMS: DurableObjectNamespace<ChatRoom>;
	LIMITERS: DurableObjectNamespace<RateLimiter>;
	ROOM_LIMIT: number;
	WELCOME: string;
	API_TOKEN: string;
}

export class ChatRoom extends DurableObject<Env> {
	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, env);
		ctx.storage.sql.exec(
			"CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, author TEXT, body TEXT)",
		);
	}

	post(author: string, body: string): number {
		const count = this.ctx.storage.sql.exec("SELECT count(*) AS n FROM messages").one().n as number;
		if (count >= this.env.ROOM_LIMIT) throw new Error("room is full");
		this.ctx.storage.sql.exec("INSERT INTO messages (author, body) VALUES (?, ?)", author, body);
		return count + 1;
	}

	history(): { author: string; body: string }[] {
		return this.ctx.storage.sql.exec("SELECT author, body FROM messages ORDER BY id").toArray() as never;
	}
}

export class RateLimiter extends DurableObject<Env> {
	async allow(): Promise<boolean> {
		const now = Date.now();
		const last = (await this.ctx.storage.get<number>("last")) ?? 0;
		if (now - last < 1000) return false;
		await this.ctx.storage.put("last", now);
		return true;
	}
}

export default {
	async fetch(request, env): Promise<Response> {
		const url = new URL(request.url);
		const room = env.ROOMS.getByName(url.pathname.slice(1) || "lobby");
		if (request.method === "POST") {
			const limiter = env.LIMITERS.getByName(request.headers.get("cf-connecting-ip") ?? "local");
			if (!(await limiter.allow())) return new Response("slow down", { status: 429 });
			const n = await room.post("anon", await request.text());
			return Response.json({ n });
		}
		return Response.json(await room.history());
	},
} satisfies ExportedHandler<Env>;
