package regexp

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// lowering is the esbuild configuration the bundle needs for this package: every regexp
// literal goja would get wrong becomes a new RegExp(...) call that the wrapper sees.
var lowering = map[string]bool{
	"regexp-named-capture-groups":     false,
	"regexp-unicode-property-escapes": false,
	"regexp-match-indices":            false,
	"regexp-set-notation":             false,
	"regexp-sticky-and-unicode-flags": false, // esbuild misses \p{…} inside a class
}

// newRuntime returns a runtime with the wrapper installed.
func newRuntime(t testing.TB) *jsrt.Runtime {
	t.Helper()
	rt, err := jsrt.New(jsrt.Options{})
	require.NoError(t, err)
	require.NoError(t, Install(rt))
	return rt
}

// eval lowers code as the bundle does and returns its value as a string, or the error it
// threw as "THROWS name: message".
func eval(t *testing.T, rt *jsrt.Runtime, code string) string {
	t.Helper()
	res := api.Transform("globalThis.__result = (() => { try { return String("+code+
		"); } catch (e) { return \"THROWS \" + e.name + \": \" + e.message; } })();",
		api.TransformOptions{Target: api.ESNext, Supported: lowering})
	require.Empty(t, res.Errors, "esbuild: %v", res.Errors)
	_, err := rt.VM.RunString(string(res.Code))
	require.NoError(t, err)
	return rt.VM.Get("__result").String()
}

// TestV8 runs snippets whose expected values node (V8) computed.
func TestV8(t *testing.T) {
	tests := []struct{ name, code, want string }{
		{"exec groups",
			`JSON.stringify(/(?<year>\d{4})-(?<month>\d{2})/.exec("on 2024-05").groups)`,
			"{\"year\":\"2024\",\"month\":\"05\"}"},
		{"groups has null prototype", `Object.getPrototypeOf(/(?<a>x)/.exec("x").groups) === null`, "true"},
		{"unmatched group is undefined",
			`JSON.stringify(Object.entries(/(?<a>x)|(?<b>y)/.exec("y").groups))`,
			"[[\"a\",null],[\"b\",\"y\"]]"},
		{"match groups", `"a-b".match(/(?<l>\w)-(?<r>\w)/).groups.r`, "b"},
		{"matchAll groups",
			`[..."k1=v1;k2=v2".matchAll(/(?<k>\w+)=(?<v>\w+)/g)]
				.map((m) => m.groups.k + ":" + m.groups.v).join(",")`,
			"k1:v1,k2:v2"},
		{"replace $<name>", `"2024-05-17".replace(/(?<y>\d+)-(?<m>\d+)-(?<d>\d+)/, "$<d>/$<m>/$<y>")`, "17/05/2024"},
		{"replace unknown $<name> is empty", `"ab".replace(/(?<a>a)/, "[$<zz>]")`, "[]b"},
		{"replace $< without names is literal", `"ab".replace(/(a)/, "[$<a>]")`, "[$<a>]b"},
		{"replace global with names", `"a1b2".replace(/(?<n>\d)/g, "<$<n>>")`, "a<1>b<2>"},
		{"replaceAll with names", `"a1b2".replaceAll(/(?<n>\d)/g, "($<n>$1)")`, "a(11)b(22)"},
		{"replace function gets groups",
			`"x=1".replace(/(?<k>\w)=(?<v>\d)/, (...a) => JSON.stringify(a))`,
			"[\"x=1\",\"x\",\"1\",0,\"x=1\",{\"k\":\"x\",\"v\":\"1\"}]"},
		{"replace $& $1 $$ $' $`", `"abc".replace(/(?<m>b)/, "[$&|$1|$$|$'|$\` + "`" + `]")`, "a[b|b|$|c|a]c"},
		{"named backreference",
			`[/(?<q>['"]).*?\k<q>/.exec("say 'hi' \"x\"")[0], /(?<c>a)\k<c>/.test("ab")].join()`,
			"'hi',false"},
		{"forward named backreference", `/\k<a>(?<a>x)/.exec("x")[0]`, "x"},
		{"split keeps captures", `JSON.stringify("a1b2c".split(/(?<d>\d)/))`, "[\"a\",\"1\",\"b\",\"2\",\"c\"]"},
		{"search", `"abc1".search(/(?<d>\d)/)`, "3"},
		{"string pattern with names", `"ab12".match("(?<n>\\d+)").groups.n`, "12"},
		{"numbered groups keep their order",
			`JSON.stringify(/(?<a>x)(y)(?<b>z)/.exec("xyz").slice(1))`,
			"[\"x\",\"y\",\"z\"]"},
		{"lastIndex with g", `(() => {
			const r = /(?<d>\d)/g;
			r.exec("a1b2");
			return r.lastIndex + ":" + r.exec("a1b2").groups.d + ":" + r.lastIndex;
		})()`, "2:2:4"},
		{"source and flags", `(() => {
			const r = /(?<a>\/x)/gi;
			return [r.source, r.flags, String(r), r.global, r.ignoreCase].join(" ");
		})()`, "(?<a>\\/x) gi /(?<a>\\/x)/gi true true"},
		{"instanceof and constructor", `(() => {
			const r = /(?<a>x)/;
			return [r instanceof RegExp, r.constructor === RegExp,
				Object.prototype.toString.call(r)].join();
		})()`, "true,true,[object RegExp]"},
		{"RegExp of a RegExp keeps groups",
			`new RegExp(/(?<a>x)/, "g").exec("x").groups.a + new RegExp(/(?<a>x)/).flags`,
			"x"},
		{"test", `[/(?<a>\d)/.test("x1"), /(?<a>\d)/.test("x")].join()`, "true,false"},
		{"groups key order in result", `Object.keys(/(?<a>x)/.exec("x")).join()`, "0,1,index,input,groups"},
		{"\\p{L}", `"héllo wörld! Ωμέγα 123".match(/\p{L}+/gu).join("|")`, "héllo|wörld|Ωμέγα"},
		{"\\p{Letter} long name", `/^\p{Letter}+$/u.test("Ωμέγα")`, "true"},
		{"\\p{Lu} and \\p{Ll}",
			`"AbÉé".match(/\p{Lu}/gu).join() + "/" + "AbÉé".match(/\p{Ll}/gu).join()`,
			"A,É/b,é"},
		{"\\P{L}", `"a1-é".match(/\P{L}/gu).join()`, "1,-"},
		{"\\p{N} and \\p{Nd}",
			`"1½٣".match(/\p{N}/gu).join() + "/" + "1½٣".match(/\p{Nd}/gu).join()`,
			"1,½,٣/1,٣"},
		{"\\p{P} and punct",
			`"a,b!c«d»".match(/\p{P}/gu).join("") + "/" + "a,b".replace(/\p{punct}/gu, "")`,
			",!«»/ab"},
		{"\\p{S} \\p{Sc}",
			`"1$ + 2€ = ©".match(/\p{S}/gu).join("") + "/" + "$€£".match(/\p{Sc}/gu).length`,
			"$+€=©/3"},
		{"\\p{gc=Lu} and General_Category=",
			`[/\p{gc=Lu}/u.test("A"), /\p{General_Category=Uppercase_Letter}/u.test("a")].join()`,
			"true,false"},
		{"\\p{Script=Greek}", `"abc αβγ абв".match(/\p{Script=Greek}+/u)[0]`, "αβγ"},
		{"\\p{sc=Cyrl}", `"abc αβγ абв".match(/\p{sc=Cyrl}+/u)[0]`, "абв"},
		{"\\p{sc=Han} \\p{sc=Hira}",
			`"漢字とかな".match(/\p{sc=Han}+/u)[0] + "/" + "漢字とかな".match(/\p{sc=Hira}+/u)[0]`,
			"漢字/とかな"},
		{"\\p{scx=Latn}", `"abcàβ".match(/\p{scx=Latn}+/u)[0]`, "abcà"},
		{"\\p{Script=Common}", `"a1 !".match(/\p{Script=Common}/gu).join("|")`, "1| |!"},
		{"binary Alphabetic", `"aé1_".match(/\p{Alphabetic}/gu).join()`, "a,é"},
		{"binary White_Space", `"a b\u00a0c\u2003d".split(/\p{White_Space}/u).join("|")`, "a|b|c|d"},
		{"binary Emoji_Presentation", `"hi 😀 ok 🎉".match(/\p{Emoji_Presentation}/gu).join("")`, "😀🎉"},
		{"binary Extended_Pictographic", `/^\p{Extended_Pictographic}$/u.test("❤")`, "true"},
		{"binary Uppercase Lowercase",
			`"aBc".replace(/\p{Uppercase}/gu, "_") + "/" + "aBc".replace(/\p{Lower}/gu, "_")`,
			"a_c/_B_"},
		{"binary ASCII Any Assigned",
			`[/^\p{ASCII}+$/u.test("abc~"), /^\p{ASCII}$/u.test("é"),
				/^\p{Any}$/u.test(String.fromCodePoint(0x10ffff)),
				/\p{Assigned}/u.test("\u0378")].join()`,
			"true,false,true,false"},
		{"binary ID_Start ID_Continue",
			`/^\p{ID_Start}\p{ID_Continue}*$/u.test("café_1") + "," + /^\p{IDS}/u.test("1")`,
			"true,false"},
		{"property in a class", `"a-1 é".match(/[\p{L}\d]+/gu).join("|")`, "a|1|é"},
		{"negated class of property", `"a-1 é".match(/[^\p{L}]+/gu).join("|")`, "-1 "},
		{"\\P in a class", `"ab12".match(/[\P{L}]+/u)[0]`, "12"},
		{"property with i flag",
			`[/\p{Lu}/iu.test("a"), /[^\p{Lu}]/iu.test("a"), /\P{Lu}/iu.test("A")].join()`,
			"true,false,true"},
		{"astral property", `"x𝐀y".match(/\p{L}/gu).length + "," + /^\p{Lu}$/u.test("𝐀")`, "3,true"},
		{"property with lookbehind", `"€10 $20".match(/(?<=\p{Sc})\d+/gu).join()`, "10,20"},
		{"without u, \\p is the letter p", `/\p{L}/.test("p{L}")`, "true"},
		{"d indices", `JSON.stringify(/b(c)/d.exec("abcd").indices)`, "[[1,3],[2,3]]"},
		{"d indices groups", `(() => {
			const m = /(?<x>b)(?<y>z)?/d.exec("abc");
			return JSON.stringify([m.indices, m.indices.groups]);
		})()`, "[[[1,2],[1,2],null],{\"x\":[1,2]}]"},
		{"d unmatched group", `JSON.stringify(/a(x)?/d.exec("a").indices)`, "[[0,1],null]"},
		{"d with g and lastIndex", `(() => {
			const r = /\d/dg;
			r.exec("a1b2");
			const m = r.exec("a1b2");
			return JSON.stringify([m.index, m.indices[0], r.lastIndex]);
		})()`, "[3,[3,4],4]"},
		{"d sticky", `(() => {
			const r = /a/dy;
			r.lastIndex = 1;
			return JSON.stringify([r.exec("ba")?.indices, r.lastIndex, r.exec("ba")]);
		})()`, "[[[1,2]],2,null]"},
		{"d with astral chars",
			`JSON.stringify(/(b)/d.exec("😀b").indices) +
				JSON.stringify(/(b)/du.exec("😀b").indices)`,
			"[[2,3],[2,3]][[2,3],[2,3]]"},
		{"d hasIndices flags", `[/a/d.hasIndices, /a/.hasIndices, /a/dgi.flags].join()`, "true,false,dgi"},
		{"d matchAll", `JSON.stringify([..."aXbX".matchAll(/X/dg)].map((m) => m.indices[0]))`, "[[1,2],[3,4]]"},
		{"d replace", `"a1b".replace(/(?<n>\d)/d, "[$<n>]")`, "a[1]b"},
		{"d with dot and \\s",
			`JSON.stringify(/a.\sb/d.exec("xa\u2028 b")) +
				JSON.stringify(/a.b/d.exec("a\u00a0b").indices)`,
			"null[[0,3]]"},
		{"d with backreference", `JSON.stringify(/(a)\1(b)/d.exec("xaab").indices)`, "[[1,4],[1,2],[3,4]]"},
		{"v subtraction", `"abcé1".match(/[\p{L}--[a-z]]/gv).join()`, "é"},
		{"v intersection", `"abcé1ABC".match(/[\p{Lu}&&\p{ASCII}]/gv).join()`, "A,B,C"},
		{"v nested classes", `"a-b_c".match(/[[a-z]--[b]]/gv).join()`, "a,c"},
		{"v string disjunction", `"xabcyab".match(/[\q{abc|ab}y]/gv).join()`, "abc,y,ab"},
		{"v unicodeSets flag", `(() => {
			const r = /[a]/v;
			return [r.unicodeSets, r.unicode, r.flags].join();
		})()`, "true,false,v"},
		{"v with i",
			`[/[\p{Lu}--[A]]/vi.test("a"), /[\p{Lu}--[A]]/vi.test("b"), /\P{Lu}/vi.test("A"),
				/[^\p{Lu}]/vi.test("a")].join()`,
			"false,true,false,false"},
		{"v negation", `"abc".match(/[^[a-b]]/v)[0]`, "c"},
		{"v emoji", `"a😀".match(/[\p{Emoji_Presentation}]/v)[0]`, "😀"},
		{"invalid property", `(() => {
			try { new RegExp("\\p{Foo}", "u"); } catch (e) { return e.name + ": " + e.message; }
		})()`, "SyntaxError: Invalid regular expression: /\\p{Foo}/u: Invalid property name"},
		{"invalid property in class", `(() => {
			try { new RegExp("[\\p{Foo}]", "u"); } catch (e) { return e.name + ": " + e.message; }
		})()`,
			"SyntaxError: Invalid regular expression: /[\\p{Foo}]/u: " +
				"Invalid property name in character class"},
		{"duplicate group name", `(() => {
			try { new RegExp("(?<a>x)(?<a>y)"); } catch (e) { return e.name + ": " + e.message; }
		})()`,
			"SyntaxError: Invalid regular expression: /(?<a>x)(?<a>y)/: " +
				"Duplicate capture group name"},
		{"invalid group name", `(() => {
			try { new RegExp("(?<1a>x)"); } catch (e) { return e.name + ": " + e.message; }
		})()`, "SyntaxError: Invalid regular expression: /(?<1a>x)/: Invalid capture group name"},
		{"unknown named reference", `(() => {
			try { new RegExp("(?<a>x)\\k<b>"); } catch (e) { return e.name + ": " + e.message; }
		})()`,
			"SyntaxError: Invalid regular expression: /(?<a>x)\\k<b>/: " +
				"Invalid named capture referenced"},
		{"bad flags", `(() => {
			try { new RegExp("a", "uv"); } catch (e) { return e.name + ": " + e.message; }
		})()`, "SyntaxError: Invalid flags supplied to RegExp constructor 'uv'"},
		{"v negated strings", `(() => {
			try { new RegExp("[^\\q{ab}]", "v"); } catch (e) { return e.name + ": " + e.message; }
		})()`,
			"SyntaxError: Invalid regular expression: /[^\\q{ab}]/v: " +
				"Negated character class may contain strings"},
		{"v invalid operation", `(() => {
			try { new RegExp("[a-z&&b--c]", "v"); } catch (e) { return e.name + ": " + e.message; }
		})()`,
			"SyntaxError: Invalid regular expression: /[a-z&&b--c]/v: " +
				"Invalid set operation in character class"},
		{"v syntax character", `(() => {
			try { new RegExp("[(]", "v"); } catch (e) { return e.name + ": " + e.message; }
		})()`,
			"SyntaxError: Invalid regular expression: /[(]/v: " +
				"Invalid character in character class"},
		{"range out of order", `(() => {
			try { new RegExp("[\\p{L}z-a]", "u"); } catch (e) { return e.name + ": " + e.message; }
		})()`,
			"SyntaxError: Invalid regular expression: /[\\p{L}z-a]/u: " +
				"Range out of order in character class"},
	}
	rt := newRuntime(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, eval(t, rt, tt.code))
		})
	}
}

func mustCompile(tb testing.TB, src string) *goja.Program {
	tb.Helper()
	prg, err := goja.Compile("bench.js", src, true)
	require.NoError(tb, err)
	return prg
}
