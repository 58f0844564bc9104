package regexp

import (
	"testing"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// TestLowering checks that the esbuild features in lowering turn every literal the wrapper
// must see into a constructor call, and leave the others alone.
func TestLowering(t *testing.T) {
	tests := []struct {
		literal string
		lowered bool
	}{
		{`/(?<y>\d+)/`, true},
		{`/\p{L}/u`, true},
		{`/[\p{L}\d]/u`, true},
		{`/a/d`, true},
		{`/[a--b]/v`, true},
		{`/a/y`, true},
		{`/a+b/gi`, false},
		{`/(?<=a)b/`, false},
	}
	for _, tt := range tests {
		res := api.Transform("x = "+tt.literal, api.TransformOptions{Target: api.ESNext, Supported: lowering})
		require.Empty(t, res.Errors)
		assert.Equal(t, tt.lowered, string(res.Code) != "x = "+tt.literal+";\n", "%s became %s", tt.literal, res.Code)
	}
}

func TestUntouched(t *testing.T) {
	rt := newRuntime(t)
	tests := []struct{ code, want string }{
		{`Object.getPrototypeOf(new RegExp("a+", "g")) === RegExp.prototype`, "true"},
		{`Object.getPrototypeOf(new RegExp("(?<=a)b")) === RegExp.prototype`, "true"},
		{`Object.getPrototypeOf(new RegExp("\\p{L}", "u")) === RegExp.prototype`, "false"},
		{`RegExp("a") instanceof RegExp && /a/ instanceof RegExp && /a/.constructor === RegExp`, "true"},
		{`(() => { const r = /a/g; return RegExp(r) === r && new RegExp(r) !== r; })()`, "true"},
		{`(() => { class R extends RegExp {}; const r = new R("(?<a>x)"); ` +
			`return [r instanceof R, r.exec("x").groups.a].join(); })()`, "true,x"},
		{`(() => { const a = new RegExp("(?<n>x)", "g"); a.exec("xx"); const b = new RegExp("(?<n>x)", "g"); ` +
			`return [a.lastIndex, b.lastIndex].join(); })()`, "1,0"},
		{`(() => { try { new RegExp("(?<a>x)").compile("y"); } catch (e) { return e.name; } })()`, "TypeError"},
		{`(() => { try { /a/.compile("(?<a>x)"); } catch (e) { return e.name; } })()`, "TypeError"},
		{`(() => { const r = /a/; r.compile("b", "g"); return String(r); })()`, "/b/g"},
		{`RegExp.prototype.hasIndices === undefined && RegExp[Symbol.species] === RegExp`, "true"},
		{`"x".replace(new RegExp("(?<a>x)"), (m, p1, off, s, groups) => typeof groups + groups.a)`, "objectx"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, eval(t, rt, tt.code), tt.code)
	}
}

// TestTranslateErrors covers what dotest refuses rather than run differently.
func TestTranslateErrors(t *testing.T) {
	tests := []struct{ pattern, flags, want string }{
		{`\p{RGI_Emoji}`, "v", `Invalid regular expression: /\p{RGI_Emoji}/v: ` +
			`dotest does not support the property of strings \p{RGI_Emoji}`},
		{`\p{sc=Gara}`, "u", `Invalid regular expression: /\p{sc=Gara}/u: ` +
			`dotest does not support the Unicode property Script=Gara: its data is missing from dotest's tables`},
		{`\p{RGI_Emoji}`, "u", `Invalid regular expression: /\p{RGI_Emoji}/u: Invalid property name`},
		{`\k`, "u", `Invalid regular expression: /\k/u: Invalid named reference`},
		{`a`, "gg", `Invalid flags supplied to RegExp constructor 'gg'`},
		{`[a`, "v", `Invalid regular expression: /[a/v: Unterminated character class`},
	}
	for _, tt := range tests {
		_, err := translate(tt.pattern, tt.flags)
		if assert.Error(t, err, tt.pattern) {
			assert.Equal(t, tt.want, err.Error())
		}
	}
}

// BenchmarkInstall measures what Install adds to a new runtime.
func BenchmarkInstall(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		rt, err := jsrt.New(jsrt.Options{})
		require.NoError(b, err)
		b.StartTimer()
		require.NoError(b, Install(rt))
	}
}

// BenchmarkNewRegExp measures a lowered literal evaluated in a loop: a template clone.
func BenchmarkNewRegExp(b *testing.B) {
	rt := newRuntime(b)
	for _, name := range []string{"plain", "named"} {
		src := map[string]string{"plain": `new RegExp("a+b", "g")`, "named": `new RegExp("(?<a>a+)b", "g")`}[name]
		prg := mustCompile(b, src)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := rt.VM.RunProgram(prg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
