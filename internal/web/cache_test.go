package web

import "testing"

func TestCache(t *testing.T) {
	runCases(t, []jsCase{
		{name: "put and match", src: `
			const cache = caches.default;
			await cache.put("https://x.test/a", new Response("body", { headers: { "cache-control": "max-age=60",
				"x": "1" } }));
			const hit = await cache.match(new Request("https://x.test/a"));
			const miss = await cache.match("https://x.test/b");
			return [hit.status, await hit.text(), hit.headers.get("x"), hit.headers.get("cf-cache-status"), miss]`,
			want: `[200,"body","1","HIT",null]`},
		{name: "expiry on the runtime clock", src: `
			advance(0);
			await caches.default.put("https://x.test/", new Response("v",
				{ headers: { "cache-control": "s-maxage=10, max-age=1000" } }));
			advance(9000);
			const before = await caches.default.match("https://x.test/");
			advance(1000);
			return [before !== undefined, await caches.default.match("https://x.test/")]`,
			want: `[true,null]`},
		{name: "no-store, private and set-cookie are not stored", src: `
			const c = caches.default;
			await c.put("https://x.test/1", new Response("", { headers: { "cache-control": "no-store" } }));
			await c.put("https://x.test/2", new Response("", { headers: { "cache-control": "private" } }));
			await c.put("https://x.test/3", new Response("", { headers: { "set-cookie": "a=b",
				"cache-control": "max-age=9" } }));
			await c.put("https://x.test/4", new Response("", { headers: { "set-cookie": "a=b",
				"cache-control": "private=Set-Cookie, max-age=9" } }));
			const four = await c.match("https://x.test/4");
			return [await c.match("https://x.test/1"), await c.match("https://x.test/2"),
				await c.match("https://x.test/3"), four.headers.get("set-cookie")]`,
			want: `[null,null,null,null]`},
		{name: "default TTL by status", src: `
			await caches.default.put("https://x.test/ok", new Response("a"));
			await caches.default.put("https://x.test/err", new Response("b", { status: 500 }));
			return [(await caches.default.match("https://x.test/ok"))?.status,
				await caches.default.match("https://x.test/err")]`,
			want: `[200,null]`},
		{name: "delete and named caches", src: `
			const named = await caches.open("mine");
			await named.put("https://x.test/", new Response("n", { headers: { "cache-control": "max-age=60" } }));
			const inDefault = await caches.default.match("https://x.test/");
			return [inDefault, await named.delete("https://x.test/"), await named.delete("https://x.test/")]`,
			want: `[null,true,false]`},
		{name: "conditional match", src: `
			await caches.default.put("https://x.test/", new Response("e", { headers: { etag: '"v1"',
				"cache-control": "max-age=60" } }));
			const r = await caches.default.match(new Request("https://x.test/",
				{ headers: { "if-none-match": '"v1"' } }));
			return r.status`,
			want: `304`},
		{name: "non-GET put",
			src:     `await caches.default.put(new Request("https://x.test/", { method: "POST" }), new Response(""))`,
			wantErr: "TypeError: Cannot cache response to non-GET request."},
		{name: "partial content", src: `await caches.default.put("https://x.test/", new Response("", { status: 206 }))`,
			wantErr: "TypeError: Cannot cache response to a range request (206 Partial Content)."},
		{name: "vary star",
			src:     `await caches.default.put("https://x.test/", new Response("", { headers: { vary: "*" } }))`,
			wantErr: "TypeError: Cannot cache response with 'Vary: *' header."},
		{name: "relative key", src: `await caches.default.match("/x")`, wantErr: "TypeError: Invalid URL: /x"},
		{name: "non-GET match", src: `
			await caches.default.put("https://x.test/", new Response("",
				{ headers: { "cache-control": "max-age=60" } }));
			const req = new Request("https://x.test/", { method: "HEAD" });
			return [await caches.default.match(req), (await caches.default.match(req, { ignoreMethod: true })).status]`,
			want: `[null,200]`},
	})
}
