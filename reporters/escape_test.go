package reporters

import (
	"encoding/xml"
	"testing"

	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/pool/event"
	"github.com/stretchr/testify/assert"
)

func TestEscapeXML(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`<div class="a">Tom & Jerry's</div>`, "&lt;div class=&quot;a&quot;&gt;Tom &amp; Jerry&apos;s&lt;/div&gt;"},
		{"tab\tline\nreturn\r", "tab\tline\nreturn\r"},
		{"bell\x07 escape\x1b[31m nul\x00", "bell escape[31m nul"},
		{"c1 \u0080\u009f kept nel \u0085", "c1  kept nel \u0085"},
		{"nonchars \ufffe\uffff\ufdd0\U0001fffe", "nonchars "},
		{"bad utf8 \xff!", "bad utf8 !"},
		{"emoji 🚀 kept", "emoji 🚀 kept"},
	}
	for _, tt := range tests {
		got := escapeXML(tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)

		// Whatever went in, the result is valid XML text.
		var v struct {
			Text string `xml:",chardata"`
		}
		assert.NoError(t, xml.Unmarshal([]byte("<a>"+got+"</a>"), &v), "%q", got)
	}
}

func TestEscapeGitHub(t *testing.T) {
	assert.Equal(t, "100%25 done%0Aline 2%0D, a: b", escapeData("100% done\nline 2\r, a: b"))
	assert.Equal(t, "a%3A b%2C c%25%0A", escapeProperty("a: b, c%\n"))
}

func TestTAPStrings(t *testing.T) {
	assert.Equal(t, `adds \# 1 \\ 2 over lines`, tapString("adds # 1 \\ 2 over\nlines"))
	assert.Equal(t, "", yamlString(""))
	assert.Equal(t, `"say \"hi\"\nthen \\ go"`, yamlString("say \"hi\"\nthen \\ go"))
}

func TestStripANSI(t *testing.T) {
	assert.Equal(t, "red bold", stripANSI("\x1b[31mred\x1b[39m \x1b[1;4mbold\x1b[0m"))
}

func TestTAPAt(t *testing.T) {
	r := newTAP(false, nil, Options{Root: "/app"})
	e := &event.TestError{Stack: []event.Frame{
		{File: "dotest:expect.js", Line: 9, Column: 1},
		{File: "test/a.test.ts", Line: 4, Column: 13},
	}}
	assert.Equal(t, "/app/test/a.test.ts:4:13", r.at(e))
	assert.Equal(t, "/app/b.ts:1:2", r.at(&event.TestError{Location: &diag.Location{File: "b.ts", Line: 1, Column: 2}}))
	assert.Equal(t, "", r.at(&event.TestError{}))
}
