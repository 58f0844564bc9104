package web

import "testing"

func TestHeaders(t *testing.T) {
	runCases(t, []jsCase{
		{name: "case-insensitive, combined, sorted and lower-cased", src: `
			const h = new Headers({ "X-B": "1", "Content-Type": "text/plain" });
			h.append("x-b", " 2 ");
			h.append("Set-Cookie", "a=1");
			h.append("set-cookie", "b=2");
			return [h.get("X-b"), [...h], [...h.keys()], h.getSetCookie(), h.getAll("Set-Cookie"),
				h.has("CONTENT-type")]`,
			want: `["1, 2",[["content-type","text/plain"],["set-cookie","a=1"],["set-cookie",` +
				`"b=2"],["x-b","1, 2"]],["content-type","set-cookie","set-cookie","x-b"],` +
				`["a=1","b=2"],["a=1","b=2"],true]`},
		{name: "get of a missing header", src: `return new Headers().get("x")`, want: `null`},
		{name: "invalid name", src: `new Headers().set("a b", "x")`, wantErr: "TypeError: Invalid header name."},
		{name: "invalid value", src: `new Headers().set("a", "x\ny")`, wantErr: "TypeError: Invalid header value."},
		{name: "getAll of another name", src: `new Headers().getAll("x")`,
			wantErr: `TypeError: getAll() can only be used with the header name "Set-Cookie".`},
		{name: "bad sequence", src: `new Headers([["a", "b", "c"]])`,
			wantErr: "TypeError: To initialize a Headers object from a sequence, each inner sequence must have " +
				"exactly two elements."},
		{name: "forEach and delete", src: `
			const h = new Headers([["b", "2"], ["a", "1"]]); h.delete("B");
			const seen = []; h.forEach((v, k, o) => seen.push(k + "=" + v + (o === h)));
			return seen`, want: `["a=1true"]`},
		{name: "immutable headers of Response.redirect", src: `Response.redirect("https://a.b/").headers.set("x", "y")`,
			wantErr: "TypeError: Can't modify immutable headers."},
	})
}

func TestResponse(t *testing.T) {
	runCases(t, []jsCase{
		{name: "defaults", src: `
			const r = new Response("hi");
			return [r.status, r.statusText, r.ok, r.type, r.url, r.redirected, r.headers.get("content-type"),
				r.bodyUsed, r.webSocket]`,
			want: `[200,"OK",true,"default","",false,"text/plain;charset=UTF-8",false,null]`},
		{name: "read as text then reuse", src: `
			const r = new Response("hé");
			const t = await r.text();
			const used = r.bodyUsed;
			try { await r.text() } catch (e) { return [t, used, e.name, e.message] }`,
			want: `["hé",true,"TypeError","Body has already been used. It can only be used once. Use tee() ` +
				`first if you need to read it twice."]`},
		{name: "json, arrayBuffer, bytes, blob", src: `
			const j = await new Response('{"a":1}').json();
			const ab = await new Response(new Uint8Array([1, 2])).arrayBuffer();
			const b = await new Response("xy").bytes();
			const blob = await new Response("z", { headers: { "content-type": "Text/Plain" } }).blob();
			return [j.a, ab.byteLength, ab instanceof ArrayBuffer, Array.from(b), blob.type, blob.size]`,
			want: `[1,2,true,[120,121],"text/plain",1]`},
		{name: "status range", src: `new Response("", { status: 99 })`,
			wantErr: "RangeError: Responses may only be constructed with status codes in the range 200 to 599, " +
				"inclusive."},
		{name: "websocket needs 101", src: `new Response(null, { status: 200, webSocket: new WebSocketPair()[0] })`,
			wantErr: "RangeError: Responses with a WebSocket must have status code 101."},
		{name: "null body status", src: `new Response("x", { status: 204 })`,
			wantErr: "TypeError: Response with null body status (101, 204, 205, or 304) cannot have a body."},
		{name: "null body status with an empty body",
			src: `return new Response("", { status: 204 }).body`, want: `null`},
		{name: "custom status text",
			src: `return new Response(null, { status: 418 }).statusText + "|" + new Response(null,
				{ statusText: "Yo" }).statusText`,
			want: "I'm a teapot|Yo"},
		{name: "invalid status text",
			src: `new Response(null, { statusText: "a\nb" })`, wantErr: "TypeError: Invalid statusText"},
		{name: "Response.json", src: `
			const r = Response.json({ a: 1 }, { status: 201 });
			return [r.status, r.headers.get("content-type"), await r.text()]`,
			want: `[201,"application/json","{\"a\":1}"]`},
		{name: "Response.redirect", src: `
			const r = Response.redirect("https://a.b/x y", 301);
			return [r.status, r.headers.get("location")]`,
			want: `[301,"https://a.b/x%20y"]`},
		{name: "Response.redirect status", src: `Response.redirect("https://a.b/", 200)`,
			wantErr: "RangeError: 200 is not a redirect status code. It must be one of: 301, 302, 303, 307, or 308."},
		{name: "Response.redirect url", src: `Response.redirect("/relative")`,
			wantErr: "TypeError: Unable to parse URL: /relative"},
		{name: "Response.error", src: `const r = Response.error(); return [r.status, r.type, r.ok, r.statusText]`,
			want: `[0,"error",false,""]`},
		{name: "clone", src: `
			const a = new Response("body");
			const b = a.clone();
			return [await a.text(), await b.text()]`,
			want: `["body","body"]`},
		{name: "clones do not share what they read", src: `
			const a = new Response("ab");
			const b = a.clone();
			const buf = new Uint8Array(await a.arrayBuffer()); buf[0] = 122;
			return await b.text()`,
			want: "ab"},
		{name: "clone of a stream body", src: `
			const a = new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("s"));
				c.close() } }));
			const b = a.clone();
			return [await b.text(), await a.text()]`,
			want: `["s","s"]`},
		{name: "clone of a used body", src: `const a = new Response("x"); await a.text(); a.clone()`,
			wantErr: "TypeError: Body has already been used. It can only be used once. Use tee() first if you " +
				"need to read it twice."},
		{name: "body is a byte stream", src: `
			const r = new Response("abc");
			const reader = r.body.getReader({ mode: "byob" });
			const { value } = await reader.read(new Uint8Array(8));
			return [new TextDecoder().decode(value), r.bodyUsed]`,
			want: `["abc",true]`},
		{name: "stream body that is not bytes", src: `
			await new Response(new ReadableStream({ start(c) { c.enqueue("str"); c.close() } })).text()`,
			wantErr: "TypeError: This ReadableStream did not return bytes."},
		{name: "disturbed stream as a body", src: `
			const s = new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(1)) } });
			const r = s.getReader(); await r.read(); r.releaseLock();
			new Response(s)`,
			wantErr: "TypeError: This ReadableStream is disturbed (has already been read from), and cannot be " +
				"used as a body."},
		{name: "async iterable body", src: `
			async function* gen() { yield new TextEncoder().encode("a"); yield new TextEncoder().encode("b"); }
			return await new Response(gen()).text()`,
			want: "ab"},
		{name: "cf",
			src:  `const cf = { colo: "LHR" }; const r = new Response(null, { cf }); cf.colo = "X"; return r.cf`,
			want: `{"colo":"LHR"}`},
		{name: "formData from urlencoded", src: `
			const fd = await new Response("a=1&b=x+y",
				{ headers: { "content-type": "application/x-www-form-urlencoded" } }).formData();
			return [...fd]`,
			want: `[["a","1"],["b","x y"]]`},
		{name: "formData without content type", src: `await new Response(new Uint8Array([97])).formData()`,
			wantErr: "TypeError: Parsing a Body as FormData requires a Content-Type header."},
	})
}

func TestRequest(t *testing.T) {
	runCases(t, []jsCase{
		{name: "defaults", src: `
			const r = new Request("https://example.com/a?b#c");
			return [r.method, r.url, r.redirect, r.body, r.bodyUsed, r.signal.aborted, r.cf, r.integrity,
				r.keepalive, r.fetcher]`,
			want: `["GET","https://example.com/a?b#c","follow",null,false,false,null,"",false,null]`},
		{name: "invalid url", src: `new Request("/relative")`, wantErr: "TypeError: Invalid URL: /relative"},
		{name: "method normalisation",
			src: `return [new Request("http://x", { method: "post" }).method, new Request("http://x",
				{ method: "PATCH" }).method]`,
			want: `["POST","PATCH"]`},
		{name: "lower-case patch", src: `new Request("http://x", { method: "patch" })`,
			wantErr: "TypeError: Invalid HTTP method string: patch"},
		{name: "GET with a body", src: `new Request("http://x", { body: "x" })`,
			wantErr: "TypeError: Request with a GET or HEAD method cannot have a body."},
		{name: "redirect error", src: `new Request("http://x", { redirect: "error" })`,
			wantErr: `TypeError: Invalid redirect value, must be one of "follow" or "manual" ("error" won't be ` +
				`implemented since it does not make sense at the edge; use "manual" and check the response ` +
				`status code).`},
		{name: "integrity", src: `new Request("http://x", { integrity: "sha256-x" })`,
			wantErr: "TypeError: Subrequest integrity checking is not implemented. The integrity option must be " +
				"either undefined or an empty string."},
		{name: "unsupported cache mode", src: `new Request("http://x", { cache: "reload" })`,
			wantErr: "TypeError: Unsupported cache mode: reload"},
		{name: "body and content type", src: `
			const r = new Request("http://x", { method: "POST", body: new URLSearchParams({ a: "b" }) });
			return [r.headers.get("content-type"), await r.text()]`,
			want: `["application/x-www-form-urlencoded;charset=UTF-8","a=b"]`},
		{name: "rebuilding from a request moves the body", src: `
			const a = new Request("http://x/", { method: "PUT", body: "data", headers: { x: "1" }, cf: { k: 1 } });
			const b = new Request(a, { headers: { y: "2" } });
			return [a.bodyUsed, b.method, b.headers.get("x"), b.headers.get("y"), b.cf.k, await b.text()]`,
			want: `[true,"PUT",null,"2",1,"data"]`},
		{name: "rebuilding from a used request", src: `
			const a = new Request("http://x/", { method: "PUT", body: "data" }); await a.text(); new Request(a)`,
			wantErr: "TypeError: Cannot reconstruct a Request with a used body."},
		{name: "clone", src: `
			const a = new Request("http://x/", { method: "POST", body: "d", redirect: "manual" });
			const b = a.clone();
			return [b.method, b.redirect, await a.text(), await b.text()]`,
			want: `["POST","manual","d","d"]`},
		{name: "multipart round trip", src: `
			const fd = new FormData();
			fd.append("name", "value");
			fd.append("file", new Blob(["abc"], { type: "text/x" }), "a.txt");
			const req = new Request("http://x/", { method: "POST", body: fd });
			const ct = req.headers.get("content-type");
			const back = await req.formData();
			const file = back.get("file");
			return [/^multipart\/form-data; boundary=[0-9a-f]{32}$/.test(ct), back.get("name"), file.name,
				file.type, await file.text()]`,
			want: `[true,"value","a.txt","text/x","abc"]`},
		{name: "multipart without a boundary", src: `
			await new Request("http://x/", { method: "POST", body: "x",
				headers: { "content-type": "multipart/form-data" } }).formData()`,
			wantErr: `TypeError: No boundary string in Content-Type header. The multipart/form-data MIME type ` +
				`requires a boundary parameter,` +
				` e.g. 'Content-Type: multipart/form-data; boundary="abcd"'. See RFC 7578,` +
				` section 4.`},
		{name: "multipart without parts", src: `
			await new Request("http://x/", { method: "POST", body: "x",
				headers: { "content-type": "multipart/form-data; boundary=b" } }).formData()`,
			wantErr: "TypeError: No initial boundary string (or you have a truncated message)."},
	})
}

func TestBlobAndFormData(t *testing.T) {
	runCases(t, []jsCase{
		{name: "blob parts and slice", src: `
			const b = new Blob(["ab", new Uint8Array([99]), new Blob(["d"])], { type: "Text/Plain" });
			const s = b.slice(1, -1, "x/y");
			return [b.size, b.type, await b.text(), await s.text(), s.type, Array.from(await b.bytes())]`,
			want: `[4,"text/plain","abcd","bc","x/y",[97,98,99,100]]`},
		{name: "blob stream", src: `
			const out = []; for await (const c of new Blob(["xyz"]).stream()) out.push(...c); return out`,
			want: `[120,121,122]`},
		{name: "file", src: `
			const f = new File(["x"], "n.txt", { lastModified: 5, type: "a/b" });
			return [f.name, f.lastModified, f.type, f.size, f instanceof Blob, Object.prototype.toString.call(f)]`,
			want: `["n.txt",5,"a/b",1,true,"[object File]"]`},
		{name: "form data api", src: `
			const fd = new FormData();
			fd.append("a", "1"); fd.append("a", "2"); fd.set("b", new Blob(["x"])); fd.append("c", 3);
			fd.delete("c");
			const b = fd.get("b");
			return [fd.getAll("a"), fd.has("c"), b instanceof File, b.name, [...fd.keys()]]`,
			want: `[["1","2"],false,true,"blob",["a","a","b"]]`},
		{name: "form data filename with a string", src: `new FormData().append("a", "b", "c")`,
			wantErr: "TypeError: Failed to execute 'append' on 'FormData': parameter 2 is not of type 'Blob'."},
	})
}
