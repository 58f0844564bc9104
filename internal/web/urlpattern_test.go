package web

import "testing"

func TestURLPattern(t *testing.T) {
	runCases(t, []jsCase{
		{name: "pathname groups", src: `
			const p = new URLPattern({ pathname: "/books/:id" });
			const m = p.exec("https://example.com/books/123");
			return [p.test("https://x.y/books/1"), p.test("https://x.y/books"), m.pathname.groups,
				m.pathname.input, m.inputs]`,
			want: `[true,false,{"id":"123"},"/books/123",["https://example.com/books/123"]]`},
		{name: "constructor string", src: `
			const p = new URLPattern("https://*.example.com/api/:version/list?q=:query#frag");
			return [p.protocol, p.hostname, p.pathname, p.search, p.hash, p.port, p.username]`,
			want: `["https","*.example.com","/api/:version/list","q=:query","frag","","*"]`},
		{name: "full match with wildcards and numbered groups", src: `
			const p = new URLPattern("https://*.example.com/files/*");
			const m = p.exec("https://cdn.example.com/files/a/b.txt");
			return [m.hostname.groups, m.pathname.groups]`,
			want: `[{"0":"cdn"},{"0":"a/b.txt"}]`},
		{name: "relative string with a base", src: `
			const p = new URLPattern("/users/:id", "https://example.com");
			return [p.protocol, p.hostname, p.test("https://example.com/users/7"),
				p.test("https://other.com/users/7")]`,
			want: `["https","example.com",true,false]`},
		{name: "regexp groups and modifiers", src: `
			const p = new URLPattern({ pathname: "/post/:id(\\d+)/:slug?" });
			return [p.test("https://a/post/12"), p.test("https://a/post/12/title"), p.test("https://a/post/x"),
				p.hasRegExpGroups,
				p.exec("https://a/post/12").pathname.groups]`,
			want: `[true,true,false,true,{"id":"12"}]`},
		{name: "repeated segments", src: `
			const p = new URLPattern({ pathname: "/a/:rest+" });
			return [p.exec({ pathname: "/a/b/c" }).pathname.groups.rest, p.test({ pathname: "/a" })]`,
			want: `["b/c",false]`},
		{name: "groups with braces", src: `
			const p = new URLPattern({ pathname: "/product{/}?" });
			return [p.test({ pathname: "/product" }), p.test({ pathname: "/product/" }), p.pathname]`,
			want: `[true,true,"/product{/}?"]`},
		{name: "ignoreCase", src: `
			const p = new URLPattern({ pathname: "/ABC" }, { ignoreCase: true });
			return [p.test({ pathname: "/abc" }), new URLPattern({ pathname: "/ABC" }).test({ pathname: "/abc" })]`,
			want: `[true,false]`},
		{name: "canonicalized fixed text", src: `
			const p = new URLPattern({ hostname: "EXAMPLE.com", pathname: "/a b" });
			return [p.hostname, p.pathname, p.test("https://example.com/a%20b")]`,
			want: `["example.com","/a%20b",true]`},
		{name: "default port dropped", src: `return new URLPattern({ protocol: "https", port: "443" }).port`, want: ""},
		{name: "init with baseURL", src: `
			const p = new URLPattern({ pathname: "b", baseURL: "https://example.com/a/" });
			return [p.pathname, p.test("https://example.com/a/b")]`,
			want: `["/a/b",true]`},
		{name: "exec against an init", src: `
			const p = new URLPattern({ hostname: "{:sub.}?example.com" });
			return p.exec({ hostname: "api.example.com" }).hostname.groups`,
			want: `{"sub":"api"}`},
		{name: "relative string without a base",
			src: `new URLPattern("/a")`, wantErr: "TypeError: Failed to construct URLPattern"},
		{name: "bad regexp",
			src: `new URLPattern({ pathname: "/(a" })`, wantErr: "TypeError: Failed to construct URLPattern"},
		{name: "duplicate names",
			src: `new URLPattern({ pathname: "/:a/:a" })`, wantErr: "TypeError: Failed to construct URLPattern"},
		{name: "baseURL with an init input",
			src: `new URLPattern({}).test({}, "https://a")`, wantErr: "TypeError: Failed to test URLPattern"},
		{name: "non-matching URL string", src: `return new URLPattern({}).exec("not a url")`, want: `null`},
	})
}
