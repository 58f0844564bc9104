package web

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseURL(t *testing.T) {
	cases := []struct {
		input, base, want string
	}{
		{"https://example.com", "", "https://example.com/"},
		{"HTTPS://EXAMPLE.COM:443/a/./b/../c?x#y", "", "https://example.com/a/c?x#y"},
		{"http://example.com:8080/", "", "http://example.com:8080/"},
		{"  http://a.b/\t\nc  ", "", "http://a.b/c"},
		{"http:\\\\a.b\\c\\d", "", "http://a.b/c/d"},
		{"/path?q", "https://example.com/a/b", "https://example.com/path?q"},
		{"../x", "https://example.com/a/b/c", "https://example.com/a/x"},
		{"?q", "https://example.com/a?old#frag", "https://example.com/a?q"},
		{"#f", "https://example.com/a?q", "https://example.com/a?q#f"},
		{"//other.org/p", "https://example.com/", "https://other.org/p"},
		{"https://user:pa ss@example.com/", "", "https://user:pa%20ss@example.com/"},
		{"https://example.com/a b/ä?q=ä #f g", "", "https://example.com/a%20b/%C3%A4?q=%C3%A4%20#f%20g"},
		{"http://ExAmPlE.CoM./", "", "http://example.com./"},
		{"http://0x7f.1/", "", "http://127.0.0.1/"},
		{"http://192.168.0.257/", "", ""},
		{"http://4294967295/", "", "http://255.255.255.255/"},
		{"http://[::1]:80/", "", "http://[::1]/"},
		{"http://[2001:db8:0:0:1:0:0:1]/", "", "http://[2001:db8::1:0:0:1]/"},
		{"http://[::ffff:192.168.0.1]/", "", "http://[::ffff:c0a8:1]/"},
		{"http://[1:2]/", "", ""},
		{"http://bücher.de/", "", "http://xn--bcher-kva.de/"},
		{"http://a<b/", "", ""},
		{"http://exa%41mple.com/", "", "http://exaample.com/"},
		{"http://:80/", "", ""},
		{"http://example.com:99999/", "", ""},
		{"mailto:someone@example.com", "", "mailto:someone@example.com"},
		{"data:text/plain,hello world", "", "data:text/plain,hello world"},
		{"blob:https://a.b/uuid", "", "blob:https://a.b/uuid"},
		{"foo://host/path", "", "foo://host/path"},
		{"foo:/a/../b", "", "foo:/b"},
		{"file:///C:/x/../y", "", "file:///C:/y"},
		{"file://localhost/etc", "", "file:///etc"},
		{"relative", "", ""},
		{"relative", "mailto:x@y", ""},
		{"", "https://example.com/a?b#c", "https://example.com/a?b"},
		{"http://example.com/%2e%2E/a", "", "http://example.com/a"},
		{"non-special://test:@test/x", "", "non-special://test@test/x"},
		{"web+demo:/.//not-a-host/", "", "web+demo:/.//not-a-host/"},
		{"https://example.com/?a='b'", "", "https://example.com/?a=%27b%27"},
		{"foo://x/?a='b'", "", "foo://x/?a='b'"},
	}
	for _, tc := range cases {
		t.Run(tc.input, func(t *testing.T) {
			var base *string
			if tc.base != "" {
				base = &tc.base
			}
			u, err := parseWithBase(tc.input, base)
			if tc.want == "" {
				require.Error(t, err, "parsed as %v", u)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, u.href(false))
		})
	}
}

func TestURLSetters(t *testing.T) {
	cases := []struct {
		href, name, value, want string
	}{
		{"https://a.b/p?q#h", "protocol", "http", "http://a.b/p?q#h"},
		{"https://a.b/", "protocol", "foo", "https://a.b/"},
		{"https://a.b:8080/", "protocol", "http", "http://a.b:8080/"},
		{"http://a.b:443/", "protocol", "https", "https://a.b/"},
		{"https://a.b/", "username", "me@x", "https://me%40x@a.b/"},
		{"https://a.b/", "password", "s:cret", "https://:s%3Acret@a.b/"},
		{"https://a.b/p", "host", "c.d:81", "https://c.d:81/p"},
		{"https://a.b/p", "hostname", "c.d:81", "https://a.b/p"},
		{"https://a.b/p", "host", "", "https://a.b/p"},
		{"https://a.b/p", "port", "8080abc", "https://a.b:8080/p"},
		{"https://a.b:1/p", "port", "", "https://a.b/p"},
		{"https://a.b/p", "port", "x", "https://a.b/p"},
		{"https://a.b/p", "pathname", "/x y/../z", "https://a.b/z"},
		{"https://a.b/p?q", "search", "a=b c", "https://a.b/p?a=b%20c"},
		{"https://a.b/p?q", "search", "", "https://a.b/p"},
		{"https://a.b/p#x", "hash", "#y z", "https://a.b/p#y%20z"},
		{"https://a.b/p#x", "hash", "", "https://a.b/p"},
		{"mailto:x", "host", "y", "mailto:x"},
		{"file:///p", "port", "8", "file:///p"},
	}
	for _, tc := range cases {
		t.Run(tc.name+"="+tc.value, func(t *testing.T) {
			u, err := setURLComponent(tc.href, tc.name, tc.value)
			require.NoError(t, err)
			assert.Equal(t, tc.want, u.href(false))
		})
	}
}

func TestURLAPI(t *testing.T) {
	runCases(t, []jsCase{
		{name: "components", src: `
			const u = new URL("https://user:pw@sub.example.com:8443/a/b?x=1&y=2#frag");
			return [u.origin, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search,
				u.hash]`,
			want: `["https://sub.example.com:8443","https:","user","pw","sub.example.com:8443",` +
				`"sub.example.com","8443","/a/b","?x=1&y=2","#frag"]`},
		{name: "relative with base", src: `return new URL("../c", "https://a.b/x/y/z").href`, want: "https://a.b/x/c"},
		{name: "invalid", src: `new URL("nope")`, wantErr: "TypeError: Invalid URL string."},
		{name: "invalid base", src: `new URL("/a", "nope")`, wantErr: "TypeError: Invalid URL string."},
		{name: "href setter failure", src: `new URL("https://a.b").href = "nope"`,
			wantErr: "TypeError: Failed to set the 'href' property on 'URL': the provided value is not of type " +
				"'valid URL string'."},
		{name: "canParse and parse",
			src:  `return [URL.canParse("x:y"), URL.canParse("/a"), URL.parse("/a", "http://h").href, URL.parse("/a")]`,
			want: `[true,false,"http://h/a",null]`},
		{name: "searchParams are live", src: `
			const u = new URL("https://a.b/?x=1");
			u.searchParams.append("y", "a b");
			const first = u.href;
			u.search = "?z=3";
			return [first, u.searchParams.get("z"), u.searchParams.get("x"), String(u)]`,
			want: `["https://a.b/?x=1&y=a+b","3",null,"https://a.b/?z=3"]`},
		{name: "search params parsing and serialising", src: `
			const p = new URLSearchParams("?a=1&b=%20x+y&a=2&c");
			return [p.getAll("a"), p.get("b"), p.get("c"), p.has("a", "2"), p.size, p.toString()]`,
			want: `[["1","2"]," x y","",true,4,"a=1&b=+x+y&a=2&c="]`},
		{name: "search params from record and pairs", src: `
			return [new URLSearchParams({a: "1", b: "é"}).toString(), new URLSearchParams([["x", "~"]]).toString()]`,
			want: `["a=1&b=%C3%A9","x=%7E"]`},
		{name: "bad pair",
			src: `new URLSearchParams([["a"]])`, wantErr: "TypeError: Invalid URL search params sequence."},
		{name: "set, delete, sort, iterate", src: `
			const p = new URLSearchParams("b=1&a=2&b=3&c=4");
			p.set("b", "9"); p.delete("c"); p.sort();
			const seen = []; p.forEach((v, k) => seen.push(k + v));
			return [[...p], [...p.keys()], seen]`,
			want: `[[["a","2"],["b","9"]],["a","b"],["a2","b9"]]`},
		{name: "JSON", src: `return JSON.stringify({u: new URL("http://x")})`, want: `{"u":"http://x/"}`},
	})
}
