package project

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dump renders a value compactly with its types visible: floats end in "f", dates are
// wrapped in date(), objects keep their key order.
func dump(v *value) string {
	switch v.kind {
	case kindBool:
		return strconv.FormatBool(v.boolean)
	case kindString:
		return strconv.Quote(v.str)
	case kindInt:
		return strconv.FormatInt(v.integer, 10)
	case kindFloat:
		return fmt.Sprintf("%gf", v.float)
	case kindDatetime:
		return "date(" + v.str + ")"
	case kindArray:
		parts := make([]string, len(v.items))
		for i, it := range v.items {
			parts[i] = dump(it)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case kindObject:
		parts := make([]string, len(v.members))
		for i, m := range v.members {
			parts[i] = m.key + ":" + dump(m.val)
		}
		return "{" + strings.Join(parts, ",") + "}"
	default:
		return "null"
	}
}

func TestParseJSONC(t *testing.T) {
	tests := []struct {
		name, src, want, err string
	}{
		{"empty object", `{}`, `{}`, ""},
		{"scalars", `{"a":1,"b":-2.5,"c":true,"d":false,"e":null,"f":"x"}`,
			`{a:1,b:-2.5f,c:true,d:false,e:null,f:"x"}`, ""},
		{"exponent", `[1e3, 2E-2]`, `[1000f,0.02f]`, ""},
		{"line comments", "{\n // hi\n \"a\": 1 // there\n}", `{a:1}`, ""},
		{"block comments", "/* head */ {\"a\": /* in */ [1, /* x */ 2]}", `{a:[1,2]}`, ""},
		{"trailing commas", `{"a": [1, 2,], "b": {"c": 3,},}`, `{a:[1,2],b:{c:3}}`, ""},
		{"escapes", `"a\"b\\c\/d\n\t\u00e9\ud83d\ude00"`, `"a\"b\\c/d\n\té😀"`, ""},
		{"repeated key keeps last", `{"a":1,"a":2}`, `{a:2}`, ""},
		{"byte order mark", "\uFEFF{\"a\":1}", `{a:1}`, ""},
		{"comment slashes in string", `{"url":"http://x/*y*/"}`, `{url:"http://x/*y*/"}`, ""},
		{"big integer becomes float", `12345678901234567890`, `1.2345678901234567e+19f`, ""},

		{"empty", ``, ``, "1:1: expected a value but found end of file"},
		{"unquoted key", "{\n  name: 1}", ``, `2:3: expected a property name in double quotes but found "n"`},
		{"missing colon", `{"a" 1}`, ``, `1:6: expected ":" after the property name but found "1"`},
		{"missing comma", "{\"a\": 1\n \"b\": 2}", ``, `2:2: expected "," or "}" but found "\""`},
		{"unterminated string", `{"a": "b}`, ``, `1:7: unterminated string`},
		{"unterminated comment", "{} /* x", ``, `1:4: unterminated comment`},
		{"bad escape", `"\q"`, ``, `1:2: invalid escape sequence \q`},
		{"bad unicode", `"\u12"`, ``, `1:2: invalid unicode escape`},
		{"bad number", `-`, ``, `1:1: invalid number`},
		{"bad fraction", `1.`, ``, `1:1: invalid number`},
		{"junk after", `{} x`, ``, `1:4: expected end of file but found "x"`},
		{"bare word", `{"a": yes}`, ``, `1:7: expected a value but found "y"`},
		{"control character", "\"a\x01\"", ``, `1:3: control character 0x01 in a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := parseJSONC(tt.src)
			if tt.err != "" {
				require.Error(t, err)
				assert.Equal(t, tt.err, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, dump(v))
		})
	}
}

func TestParseJSONCPositions(t *testing.T) {
	v, err := parseJSONC("{\n  \"name\": \"w\",\n  \"vars\": { \"A\": [1, 2] }\n}")
	require.NoError(t, err)

	m := v.lookup("vars")
	require.NotNil(t, m)
	assert.Equal(t, pos{3, 3}, m.keyPos)
	assert.Equal(t, pos{3, 11}, m.val.pos)
	assert.Equal(t, pos{3, 22}, m.val.get("A").items[1].pos)
}

func TestParseTOML(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", `{}`},
		{"comments and blank lines", "# a\n\n  # b\nx = 1 # c\n", `{x:1}`},
		{"crlf", "a = 1\r\nb = 'x'\r\n", `{a:1,b:"x"}`},
		{"scalars", "s = \"x\"\nl = 'C:\\p'\nt = true\nf = false", `{s:"x",l:"C:\\p",t:true,f:false}`},
		{"integers", "a = +1_000\nb = -7\nc = 0xDEAD_beef\nd = 0o755\ne = 0b1010\nz = 0",
			`{a:1000,b:-7,c:3735928559,d:493,e:10,z:0}`},
		{"floats", "a = 3.14\nb = -0.5e2\nc = 1e-3\nd = inf\ne = -inf\nf = 6.626_07e-34",
			`{a:3.14f,b:-50f,c:0.001f,d:+Inf f,e:-Inf f,f:6.62607e-34f}`},
		{"dates", "a = 2024-01-02\nb = 1979-05-27T07:32:00Z\nc = 1979-05-27 00:32:00.999-07:00\nd = 07:32:00",
			`{a:date(2024-01-02),b:date(1979-05-27T07:32:00Z),c:date(1979-05-27 00:32:00.999-07:00),d:date(07:32:00)}`},
		{"basic escapes", `s = "tab\there \"q\" \\ \u00e9 \U0001F600 \e"`, `{s:"tab\there \"q\" \\ é 😀 \x1b"}`},
		{"multiline basic", "s = \"\"\"\nline 1\nline 2\"\"\"", `{s:"line 1\nline 2"}`},
		{"multiline backslash", "s = \"\"\"\\\n   The quick \\\n\n   fox.\\\n   \"\"\"", `{s:"The quick fox."}`},
		{"multiline quotes", `s = """a "quoted" word"""` + "\n" + `t = """two"""""`,
			`{s:"a \"quoted\" word",t:"two\"\""}`},
		{"multiline literal", "s = '''\nno \\escapes\nhere'''\nt = ''''x'''''", `{s:"no \\escapes\nhere",t:"'x''"}`},
		{"quoted keys", `"a b" = 1` + "\n" + `'c.d' = 2` + "\n" + `"" = 3`, `{a b:1,c.d:2,:3}`},
		{"dotted keys", "a.b.c = 1\na.b.d = 2\na . e = 3", `{a:{b:{c:1,d:2},e:3}}`},
		{"tables", "[a]\nx = 1\n[b.c]\ny = 2\n[ b . d ]\nz = 3", `{a:{x:1},b:{c:{y:2},d:{z:3}}}`},
		{"implicit table defined later", "[a.b]\nx = 1\n[a]\ny = 2", `{a:{b:{x:1},y:2}}`},
		{"arrays", "a = [1, 2, 3]\nb = [\n  \"x\", # c\n  'y',\n]\nc = [[1], [\"m\", 2.5]]\nd = []",
			`{a:[1,2,3],b:["x","y"],c:[[1],["m",2.5f]],d:[]}`},
		{"inline tables", `a = { x = 1, y.z = "s" }` + "\n" + `b = {}`, `{a:{x:1,y:{z:"s"}},b:{}}`},
		{"inline table over lines", "a = {\n  x = 1,\n  y = [1,\n 2],\n}", `{a:{x:1,y:[1,2]}}`},
		{"arrays of tables", "[[m]]\ntag = \"v1\"\n[[m]]\ntag = \"v2\"\nnew_classes = [\"A\"]",
			`{m:[{tag:"v1"},{tag:"v2",new_classes:["A"]}]}`},
		{"sub-table of array element", "[[d.b]]\nname = \"X\"\n[d.b.opts]\nk = 1\n[[d.b]]\nname = \"Y\"",
			`{d:{b:[{name:"X",opts:{k:1}},{name:"Y"}]}}`},
		{"env sections", "name = \"w\"\n[env.staging]\nname = \"s\"\n[env.staging.vars]\nA = \"1\"\n" +
			"[[env.staging.durable_objects.bindings]]\nname = \"C\"\nclass_name = \"Counter\"",
			`{name:"w",env:{staging:{name:"s",vars:{A:"1"},` +
				`durable_objects:{bindings:[{name:"C",class_name:"Counter"}]}}}}`},
		{"keyword-like bare keys", "true = 1\ninf = 2\n1234 = 3", `{true:1,inf:2,1234:3}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := parseTOML(tt.src)
			require.NoError(t, err)
			assert.Equal(t, tt.want, strings.ReplaceAll(dump(v), "Inff", "Inf f"))
		})
	}
}

func TestParseTOMLErrors(t *testing.T) {
	tests := []struct {
		name, src, err string
	}{
		{"missing equals", "a 1", `1:3: expected "=" after the key but found "1"`},
		{"missing value", "a =", `1:4: expected a value but found end of file`},
		{"missing value at eol", "a = # x", `1:5: expected a value but found "#"`},
		{"two values", "a = 1 2", `1:7: expected the end of the line but found "2"`},
		{"duplicate key", "a = 1\na = 2", `2:1: key a is already defined`},
		{"duplicate dotted key", "a.b = 1\na.b = 2", `2:3: key a.b is already defined`},
		{"key over value", "a = 1\na.b = 2", `2:1: key a is already defined as a number`},
		{"table twice", "[a]\n[a]", `2:2: table [a] is already defined`},
		{"table over value", "a = 1\n[a]", `2:2: table [a] is already defined`},
		{"table over dotted", "[x]\na.b = 1\n[x.a]", `3:4: table [x.a] is already defined`},
		{"dotted into header table", "[a.b]\n[a]\nb.c = 1", `3:1: table b is already defined by a header`},
		{"extend inline table", "a = {x = 1}\n[a.b]", `2:2: cannot add keys to the inline table a`},
		{"extend inline table by dotted key", "a = {x = 1}\na.y = 2", `2:1: cannot add keys to the inline table a`},
		{"array of tables over array", "a = [1]\n[[a]]", `2:3: cannot define [[a]]: a is already defined as an array`},
		{"array of tables over table", "[a]\n[[a]]", `2:3: cannot define [[a]]: a is already defined as an object`},
		{"unclosed header", "[a\nx = 1", `1:3: expected "]" at the end of the table header but found end of line`},
		{"unclosed array header", "[[a]\n",
			`1:4: expected "]]" at the end of the array of tables header but found "]"`},
		{"empty key", "= 1", `1:1: expected a key but found "="`},
		{"unterminated string", `a = "x`, `1:5: unterminated string`},
		{"newline in string", "a = 'x\n'", `1:5: unterminated string`},
		{"unterminated multiline", `a = """x`, `1:5: unterminated multi-line string`},
		{"bad escape", `a = "\q"`, `1:6: invalid escape sequence \"q"`},
		{"bad unicode", `a = "\uD800"`, `1:6: invalid unicode escape \uD800`},
		{"leading zero", "a = 0123", `1:5: invalid number "0123"`},
		{"double underscore", "a = 1__0", `1:5: invalid number "1__0"`},
		{"trailing underscore", "a = 10_", `1:5: invalid number "10_"`},
		{"bare word", "a = yes", `1:5: expected a value but found "y"`},
		{"null is not toml", "a = nope", `1:5: invalid number "nope"`},
		{"bad date", "a = 2024-01-02x", `1:5: invalid date or time "2024-01-02x"`},
		{"unterminated array", "a = [1, 2", `1:5: unterminated array`},
		{"array missing comma", "a = [1 2]", `1:8: expected "," or "]" in the array but found "2"`},
		{"inline missing comma", "a = {x = 1 y = 2}", `1:12: expected "," or "}" in the inline table but found "y"`},
		{"unterminated inline", "a = {x = 1,", `1:5: unterminated inline table`},
		{"control character", "a = \"\x01\"", `1:6: control character 0x01 in a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseTOML(tt.src)
			require.Error(t, err)
			assert.Equal(t, tt.err, err.Error())
		})
	}
}

func TestParseTOMLPositions(t *testing.T) {
	v, err := parseTOML("name = \"w\"\n\n[[migrations]]\ntag = \"v1\"\nnew_classes = [\"A\", \"B\"]")
	require.NoError(t, err)

	m := v.lookup("migrations")
	require.NotNil(t, m)
	assert.Equal(t, pos{3, 3}, m.keyPos)
	classes := m.val.items[0].get("new_classes")
	assert.Equal(t, pos{5, 15}, classes.pos)
	assert.Equal(t, pos{5, 21}, classes.items[1].pos)
}

func TestValuePlain(t *testing.T) {
	v, err := parseTOML("a = 1\nb = [true, \"x\", 1.5]\nc = { d = 2024-01-01 }")
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"a": float64(1),
		"b": []any{true, "x", 1.5},
		"c": map[string]any{"d": "2024-01-01"},
	}, v.plain())
}
