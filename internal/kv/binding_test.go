package kv

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBindingReadsAndWrites(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"missing key", `return [await env.KV.get("nope"), await env.KV.get("nope", "json"),
			await env.KV.get("nope", "not a type")]`, `[null,null,null]`},
		{"text", `await env.KV.put("k", "héllo"); return await env.KV.get("k");`, `"héllo"`},
		{"text type by option", `await env.KV.put("k", "v"); return await env.KV.get("k", { type: "text" });`, `"v"`},
		{"json", `await env.KV.put("k", JSON.stringify({ a: [1, 2] }));
			return [await env.KV.get("k", "json"), await env.KV.get("k", { type: "json", cacheTtl: 60 })];`,
			`[{"a":[1,2]},{"a":[1,2]}]`},
		{"arrayBuffer", `await env.KV.put("k", new Uint8Array([1, 2, 255]));
			const b = await env.KV.get("k", "arrayBuffer"); return [b instanceof ArrayBuffer, [...new Uint8Array(b)]];`,
			`[true,[1,2,255]]`},
		{"view of part of a buffer", `const buf = new Uint8Array([9, 1, 2, 9]);
			await env.KV.put("k", new DataView(buf.buffer, 1, 2));
			return [...new Uint8Array(await env.KV.get("k", "arrayBuffer"))];`, `[1,2]`},
		{"array buffer", `await env.KV.put("k", new Uint8Array([104, 105]).buffer); return await env.KV.get("k");`,
			`"hi"`},
		{"stream in and out", `const s = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("ab"));
			c.enqueue(new TextEncoder().encode("c")); c.close(); } });
			await env.KV.put("k", s); const out = await env.KV.get("k", "stream");
			return [out instanceof ReadableStream, await new Response(out).text()];`, `[true,"abc"]`},
		{"empty value", `await env.KV.put("k", ""); return [await env.KV.get("k"),
			await new Response(await env.KV.get("k", "stream")).text()];`, `["",""]`},
		{"other primitives are text", `await env.KV.put("a", 12); await env.KV.put("b", null);
			await env.KV.put("c", undefined);
			return [await env.KV.get("a"), await env.KV.get("b"), await env.KV.get("c")];`,
			`["12","null","undefined"]`},
		{"invalid utf-8 is replaced", `await env.KV.put("k", new Uint8Array([0x61, 0xff, 0x62]));
			return await env.KV.get("k");`, "\"a\ufffdb\""},
		{"overwrite and delete", `await env.KV.put("k", "1"); await env.KV.put("k", "2");
			const before = await env.KV.get("k"); const d = await env.KV.delete("k"); await env.KV.delete("never");
			return [before, d === undefined, await env.KV.get("k")];`, `["2",true,null]`},
		{"bindings with one id share data", `await env.KV.put("k", "shared");
			return [await env.CACHE.get("k"), await env.OTHER.get("k")];`, `["shared",null]`},
		{"metadata", `await env.KV.put("k", "v", { metadata: { tags: ["a"], n: 1 } }); await env.KV.put("m", "[1]");
			return [await env.KV.getWithMetadata("k"), await env.KV.getWithMetadata("m", "json"),
				await env.KV.getWithMetadata("none")];`,
			`[{"value":"v","metadata":{"tags":["a"],"n":1},"cacheStatus":null},` +
				`{"value":[1],"metadata":null,"cacheStatus":null},{"value":null,"metadata":null,"cacheStatus":null}]`},
		{"null metadata is none", `await env.KV.put("k", "1", { metadata: null });
			return await env.KV.getWithMetadata("k");`, `{"value":"1","metadata":null,"cacheStatus":null}`},
		{"large values span rows", `const big = new Uint8Array(3 * 1024 * 1024 + 5).map((_, i) => i % 251);
			await env.KV.put("k", big); const back = new Uint8Array(await env.KV.get("k", "arrayBuffer"));
			await env.KV.put("k", "small");
			return [back.length, back.every((v, i) => v === i % 251), await env.KV.get("k")];`,
			`[3145733,true,"small"]`},
		{"a value at the limit", `await env.KV.put("k", new Uint8Array(25 * 1024 * 1024));
			return (await env.KV.get("k", "arrayBuffer")).byteLength;`, `26214400`},
		{"bulk", `await env.KV.put("a", "1"); await env.KV.put("b", '{"x":2}', { metadata: "m" });
			const text = await env.KV.get(["a", "b", "c", "a"]);
			const json = await env.KV.get(["b"], "json");
			const meta = await env.KV.getWithMetadata(["b", "c"], { type: "text" });
			return [text instanceof Map, [...text], [...json], [...meta]];`,
			`[true,[["a","1"],["b","{\"x\":2}"],["c",null]],[["b",{"x":2}]],` +
				`[["b",{"value":"{\"x\":2}","metadata":"m"}],["c",null]]]`},
		{"the binding is a KvNamespace", `return [Object.keys(env.KV), env.KV.constructor.name,
			typeof env.KV.get, Object.keys(env).sort()];`,
			`[[],"KvNamespace","function",["CACHE","KV","OTHER","VAR"]]`},
		{"a proxy that mocks get", `const mocked = new Proxy(env.KV, { get: (t, p, r) => p === "get"
			? async () => "mocked" : Reflect.get(t, p, r) }); return await mocked.get("x");`, `"mocked"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, InstallOptions{})
			assert.Equal(t, tt.want, h.json(t, tt.src))
		})
	}
}

func TestBindingErrors(t *testing.T) {
	long := strings.Repeat("x", 513)
	tests := []struct {
		name, src, want string
	}{
		{"empty key", `await env.KV.get("")`, "TypeError: Key name cannot be empty."},
		{"dot key", `await env.KV.put(".", "v")`, `TypeError: "." is not allowed as a key name.`},
		{"dot dot key", `await env.KV.delete("..")`, `TypeError: ".." is not allowed as a key name.`},
		{"long key", `await env.KV.get("` + long + `")`,
			"Error: KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."},
		{"long key put", `await env.KV.put("` + long + `", "v")`,
			"Error: KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."},
		{"long key in bytes", `await env.KV.delete("` + strings.Repeat("é", 257) + `")`,
			"Error: KV DELETE failed: 414 UTF-8 encoded length of 514 exceeds key length limit of 512."},
		{"unknown type", `await env.KV.put("k", "v"); await env.KV.get("k", "blob")`,
			`TypeError: Unknown response type. Possible types are "text", "arrayBuffer", "json", and "stream".`},
		{"bad json", `await env.KV.put("k", "not json"); await env.KV.get("k", "json")`, "SyntaxError"},
		{"cache ttl", `await env.KV.get("k", { cacheTtl: 10 })`,
			"Error: KV GET failed: 400 Invalid cache_ttl of 10. Cache TTL must be at least 30."},
		{"object value", `await env.KV.put("k", { a: 1 })`,
			"TypeError: KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values."},
		{"key checked before value", `await env.KV.put("", { a: 1 })`, "TypeError: Key name cannot be empty."},
		{"ttl too short", `await env.KV.put("k", "v", { expirationTtl: 59 })`,
			"Error: KV PUT failed: 400 Invalid expiration_ttl of 59. Expiration TTL must be at least 60."},
		{"ttl not positive", `await env.KV.put("k", "v", { expirationTtl: 0 })`,
			"Error: KV PUT failed: 400 Invalid expiration_ttl of 0. Please specify integer greater than 0."},
		{"expiration in the past", `await env.KV.put("k", "v", { expiration: 1000 })`,
			"Error: KV PUT failed: 400 Invalid expiration of 1000. Please specify integer greater than the current " +
				"number of seconds since the UNIX epoch."},
		{"expiration too soon", `await env.KV.put("k", "v", { expiration: Math.floor(Date.now() / 1000) + 30 })`,
			"Expiration times must be at least 60 seconds in the future."},
		{"metadata too large", `await env.KV.put("k", "v", { metadata: "x".repeat(1100) })`,
			"Error: KV PUT failed: 413 Metadata length of 1102 exceeds limit of 1024."},
		{"value too large", `await env.KV.put("k", new Uint8Array(25 * 1024 * 1024 + 1))`,
			"Error: KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400."},
		{"list limit", `await env.KV.list({ limit: 1001 })`,
			"Error: KV GET failed: 400 Invalid key_count_limit of 1001. Please specify an integer less than 1000."},
		{"list prefix", `await env.KV.list({ prefix: "` + long + `" })`,
			"Error: KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."},
		{"bulk type", `await env.KV.get(["a"], "arrayBuffer")`,
			`Error: KV GET_BULK failed: 400 "arrayBuffer" is not a valid type. Use "json" or "text"`},
		{"bulk too many", `await env.KV.get(Array.from({ length: 101 }, (_, i) => "k" + i))`,
			"Error: KV GET_BULK failed: 400 You can request a maximum of 100 keys"},
		{"bulk none", `await env.KV.get([])`, "Error: KV GET_BULK failed: 400 You must request a minimum of 1 key"},
		{"bulk empty key", `await env.KV.get(["a", ""])`, "Error: KV GET_BULK failed: 400 Key names must not be empty"},
		{"bulk dot key", `await env.KV.getWithMetadata(["."])`,
			`Error: KV GET_BULK failed: 400 Illegal key name ".". Please use a different name.`},
		{"bulk cache ttl", `await env.KV.get(["a"], { cacheTtl: 1 })`,
			"Error: KV GET_BULK failed: 400 Invalid cache_ttl of 1. Cache TTL must be at least 30."},
		{"bulk json", `await env.KV.put("a", "x"); await env.KV.get(["a"], "json")`,
			"Error: KV GET_BULK failed: 400 At least one of the requested keys corresponds to a non-json value"},
		{"illegal invocation", `await env.KV.get.call({}, "k")`, "TypeError: Illegal invocation"},
		{"no constructor", `new (Object.getPrototypeOf(env.KV).constructor)()`, "TypeError: Illegal constructor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, InstallOptions{})
			assert.Contains(t, h.fail(t, tt.src), tt.want)
		})
	}
}

func TestBindingFailuresAreRejections(t *testing.T) {
	h := newHarness(t, InstallOptions{})
	got := h.json(t, `const p = env.KV.get(""); const q = env.KV.put("k", {});
		return [p instanceof Promise, q instanceof Promise,
			await p.catch((e) => e.constructor.name), await q.catch((e) => e.constructor.name)];`)
	assert.Equal(t, `[true,true,"TypeError","TypeError"]`, got)
}

func TestBindingList(t *testing.T) {
	h := newHarness(t, InstallOptions{})
	h.json(t, `for (const k of ["b", "a", "ab", "é", "Z", "a/1", "a/2", "a/3"]) await env.KV.put(k, "v");
		await env.KV.put("m", "v", { metadata: { n: 1 } });`)

	assert.Equal(t, `{"keys":[{"name":"Z"},{"name":"a"},{"name":"a/1"},{"name":"a/2"},{"name":"a/3"},`+
		`{"name":"ab"},{"name":"b"},{"name":"m","metadata":{"n":1}},{"name":"é"}],"list_complete":true,`+
		`"cacheStatus":null}`, h.json(t, `return await env.KV.list();`))

	first := h.json(t, `return await env.KV.list({ prefix: "a/", limit: 2 });`)
	assert.Equal(t, `{"keys":[{"name":"a/1"},{"name":"a/2"}],"list_complete":false,"cursor":"YS8y",`+
		`"cacheStatus":null}`, first)
	assert.Equal(t, `{"keys":[{"name":"a/3"}],"list_complete":true,"cacheStatus":null}`,
		h.json(t, `return await env.KV.list({ prefix: "a/", limit: 2, cursor: "YS8y" });`))
	assert.Equal(t, `[["a","a/1"],true]`, h.json(t, `const r = await env.KV.list({ prefix: "a", limit: 0 });
		return [r.keys.slice(0, 2).map((k) => k.name), r.list_complete];`), "limit 0 is the default limit")
	assert.Equal(t, `[]`, h.json(t, `return (await env.KV.list({ prefix: "q" })).keys;`))
	assert.Equal(t, `["a/2","a/3"]`, h.json(t, `const r = await env.KV.list({ cursor: "YS8x", prefix: "a/" });
		return r.keys.map((k) => k.name);`), "a cursor is the key to continue after")
}

func TestBindingListPages(t *testing.T) {
	h := newHarness(t, InstallOptions{})
	got := h.json(t, `
for (let i = 0; i < 2500; i++) await env.KV.put("k" + String(i).padStart(4, "0"), "v");
const sizes = [];
let cursor;
for (;;) {
  const page = await env.KV.list({ cursor });
  sizes.push(page.keys.length);
  if (page.list_complete) break;
  cursor = page.cursor;
}
return sizes;`)
	assert.Equal(t, `[1000,1000,500]`, got)
}

func TestBindingExpiration(t *testing.T) {
	h := newHarness(t, InstallOptions{})
	h.fakeTime(t)
	now := h.rt.Clock.Now().Unix()
	h.json(t, fmt.Sprintf(`await env.KV.put("ttl", "v", { expirationTtl: 60, metadata: 1 });
		await env.KV.put("at", "v", { expiration: %d });
		await env.KV.put("both", "v", { expiration: 1, expirationTtl: 120 });
		await env.KV.put("forever", "v");`, now+90))

	assert.Equal(t, fmt.Sprintf(`[{"name":"at","expiration":%d},{"name":"both","expiration":%d},`+
		`{"name":"forever"},{"name":"ttl","expiration":%d,"metadata":1}]`, now+90, now+120, now+60),
		h.json(t, `return (await env.KV.list()).keys;`))

	h.json(t, `advance(59999);`)
	assert.Equal(t, `["v","v"]`, h.json(t, `return [await env.KV.get("ttl"), await env.KV.get("at")];`))
	h.json(t, `advance(1);`)
	assert.Equal(t, `[null,"v"]`, h.json(t, `return [await env.KV.get("ttl"), await env.KV.get("at")];`))
	// At the second a key expires, get() no longer sees it but list() still does, as in
	// Miniflare; a millisecond later neither does.
	h.json(t, `advance(30000);`)
	assert.Equal(t, `[["at","both","forever"],null]`, h.json(t,
		`return [(await env.KV.list()).keys.map((k) => k.name), await env.KV.get("at")];`))
	h.json(t, `advance(1);`)
	assert.Equal(t, `["both","forever"]`, h.json(t, `return (await env.KV.list()).keys.map((k) => k.name);`))
	h.json(t, `advance(30000);`)
	assert.Equal(t, `["forever"]`, h.json(t, `return (await env.KV.list()).keys.map((k) => k.name);`))
}

func TestBindingSeenByHandlers(t *testing.T) {
	h := newHarness(t, InstallOptions{})
	prg := `__dotest.setMain({ default: { async fetch(req, env) { await env.KV.put("from", "handler");
		return new Response(await env.KV.get("seed")); } } });`
	_, err := h.eval(t, prg)
	require.NoError(t, err)
	got := h.json(t, `const { exports } = __dotest.require("cloudflare:workers");
		await env.KV.put("seed", "planted");
		const res = await exports.default.fetch("https://example.com/");
		return [await res.text(), await env.KV.get("from")];`)
	assert.Equal(t, `["planted","handler"]`, got)
}

func TestBindingPersists(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, InstallOptions{PersistDir: dir})
	h.json(t, `await env.KV.put("k", "kept", { metadata: { a: 1 } }); await env.OTHER.put("o", "x");`)
	require.NoError(t, h.b.Close())

	again := newHarness(t, InstallOptions{PersistDir: dir})
	assert.Equal(t, `[{"value":"kept","metadata":{"a":1},"cacheStatus":null},"x"]`,
		again.json(t, `return [await env.KV.getWithMetadata("k"), await env.OTHER.get("o")];`))
	assert.FileExists(t, dir+"/kv/main.sqlite")
	assert.FileExists(t, dir+"/kv/other.sqlite")
}
