package bundle

import (
	"encoding/base64"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEvaluationOrder checks that the main module, the setup files and the test file run in
// that order, each once, with top-level await in each of them.
func TestEvaluationOrder(t *testing.T) {
	root := project(t, map[string]string{
		"src/index.ts": counterModule + `
console.log("main:start");
await Promise.resolve();
console.log("main:end");`,
		"test/setup-a.ts": `console.log("setup-a"); await null; console.log("setup-a:end");`,
		"test/setup-b.ts": `import { Counter } from "../src/index"; console.log("setup-b", typeof Counter);`,
		"test/a.test.ts": `import { Counter } from "../src/index";
console.log("test", typeof Counter);
const v = await new Promise((resolve) => resolve(7));
console.log("test:end", v);
export const leaked = 1;`,
	})
	b, err := New(root, Options{}).Build(Request{
		TestFile: "test/a.test.ts", Main: "src/index.ts", SetupFiles: []string{"test/setup-a.ts", "test/setup-b.ts"},
	})
	require.NoError(t, err)

	logs, loadErr := run(t, b)
	require.Nil(t, loadErr)
	assert.Equal(t, []string{
		"main:start", "main:end", "setMain Counter,default",
		"setup-a", "setup-a:end", "setup-b function",
		"test function", "test:end 7",
	}, logs)
	assert.NotRegexp(t, regexp.MustCompile(`(?m)^export\b`), b.Code, "the test file's exports must not leak")
}

// TestClassIdentity checks that the test file and the runtime see one Counter class.
func TestClassIdentity(t *testing.T) {
	root := project(t, map[string]string{
		"src/index.ts": counterModule,
		"test/a.test.ts": `import { Counter } from "../src/index";
import * as again from "../src/index.ts";
console.log(globalThis.__dotest.main.Counter === Counter, again.Counter === Counter);`,
	})
	b, err := New(root, Options{}).Build(Request{TestFile: "test/a.test.ts", Main: "src/index.ts"})
	require.NoError(t, err)

	logs, loadErr := run(t, b)
	require.Nil(t, loadErr)
	assert.Equal(t, []string{"setMain Counter,default", "true true"}, logs)
	assert.Contains(t, b.Code, "#count", "private fields must not be lowered")
	assert.Contains(t, b.Code, "static instances = 0", "class fields must not be lowered")
}

// TestLoweredSyntax runs, in goja, syntax that goja cannot parse before esbuild lowers it.
func TestLoweredSyntax(t *testing.T) {
	tests := []struct {
		name string
		code string
		want []string
	}{
		{"async generator and for await", `async function* gen() { yield 1; await null; yield 2; }
const seen: number[] = [];
for await (const x of gen()) seen.push(x);
console.log(seen.join(","));`, []string{"1,2"}},
		{"using and await using", `class R { constructor(public n: string) {}
  [Symbol.dispose]() { console.log("dispose", this.n); }
  async [Symbol.asyncDispose]() { console.log("async dispose", this.n); } }
{ using a = new R("a"); await using b = new R("b"); console.log("body"); }`,
			[]string{"body", "async dispose b", "dispose a"}},
		{"dynamic import of a bundled module", `const m = await import("./lazy");
console.log(m.lazy, typeof m.default);`, []string{"lazy function"}},
		{"dynamic import of a host module", `const { env } = await import("cloudflare:test");
console.log(env.GREETING);`, []string{"hi"}},
		{"regexp named groups", `const m = /(?<year>\d{4})-(?<month>\d{2})/.exec("2024-05");
console.log(m![1], m![2]);`, []string{"2024 05"}},
		{"host modules with named imports", `import { describe, it } from "vitest";
import { DurableObject } from "cloudflare:workers";
import { Buffer } from "node:buffer";
import { Buffer as B2 } from "buffer";
class Obj extends DurableObject {}
describe("suite", () => it("test", () => {
  console.log(new Obj({}, {}) instanceof DurableObject, Buffer.from("x"), B2 === Buffer);
}));`,
			[]string{"true host-buffer:x true"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := project(t, map[string]string{
				"test/lazy.ts":   `export const lazy = "lazy"; export default function f() {}`,
				"test/a.test.ts": tt.code,
			})
			b, err := New(root, Options{}).Build(Request{TestFile: "test/a.test.ts", NodeCompat: true})
			require.NoError(t, err)

			logs, loadErr := run(t, b)
			require.Nil(t, loadErr, "load error: %v", loadErr)
			assert.Equal(t, tt.want, logs)
		})
	}
}

// TestNodeBuiltinPackage checks that an installed package of a built-in's name wins over the
// runtime's module, and that the runtime's module is used under its node: name otherwise.
func TestNodeBuiltinPackage(t *testing.T) {
	root := project(t, map[string]string{
		"node_modules/events/package.json": `{"name": "events", "main": "events.js"}`,
		"node_modules/events/events.js":    `exports.EventEmitter = function () {}; exports.fromPackage = true;`,
		"test/a.test.ts": `import { fromPackage } from "events";
import * as host from "node:events";
console.log(fromPackage, "fromPackage" in host);`,
	})
	b, err := New(root, Options{}).Build(Request{TestFile: "test/a.test.ts", NodeCompat: true})
	require.NoError(t, err)

	logs, loadErr := run(t, b)
	require.Nil(t, loadErr)
	assert.Equal(t, []string{"true false"}, logs)
	assert.Contains(t, b.Inputs, filepath.Join(root, "node_modules", "events", "events.js"))
	assert.Contains(t, b.Inputs, filepath.Join(root, "node_modules", "events", "package.json"))
}

// TestImportMeta checks that import.meta.url is the file URL of each module that reads it.
func TestImportMeta(t *testing.T) {
	root := project(t, map[string]string{
		"src/where.ts": `export const mainURL = import.meta.url;`,
		"test/a.test.ts": `import { mainURL } from "../src/where";
console.log(mainURL, import.meta.url, import.meta.env.MODE);`,
	})
	b, err := New(root, Options{}).Build(Request{TestFile: "test/a.test.ts"})
	require.NoError(t, err)

	logs, loadErr := run(t, b)
	require.Nil(t, loadErr)
	want := fmt.Sprintf("file://%s file://%s test",
		filepath.ToSlash(filepath.Join(root, "src/where.ts")),
		filepath.ToSlash(filepath.Join(root, "test/a.test.ts")))
	assert.Equal(t, []string{want}, logs)
}

// TestDefine checks that the request's define replaces expressions.
func TestDefine(t *testing.T) {
	root := project(t, map[string]string{"test/a.test.ts": `console.log(__VERSION__, process.env.MODE);`})
	b, err := New(root, Options{}).Build(Request{
		TestFile: "test/a.test.ts", Define: map[string]string{"__VERSION__": `"1.2"`, "process.env.MODE": `"ci"`},
	})
	require.NoError(t, err)

	logs, loadErr := run(t, b)
	require.Nil(t, loadErr)
	assert.Equal(t, []string{"1.2 ci"}, logs)
}

// TestSourceMappedStack checks that a stack trace points at the user's .ts files, at the
// line and column of the throw, through the banner and after an await.
func TestSourceMappedStack(t *testing.T) {
	root := project(t, map[string]string{
		"src/index.ts": `export function fail(msg: string): never {
  type Unused = { a: number };
  throw new Error("failed: " + msg);
}`,
		"test/stack.test.ts": `import { fail } from "../src/index";

interface Pad { x: number }
async function later(): Promise<void> {
  await Promise.resolve();
  fail("after await");
}
await later();`,
	})
	b, err := New(root, Options{}).Build(Request{TestFile: "test/stack.test.ts", Main: "src/index.ts"})
	require.NoError(t, err)

	lines := strings.Split(strings.TrimRight(b.Code, "\n"), "\n")
	assert.Equal(t, banner, lines[0])
	assert.Equal(t, footer, lines[len(lines)-2])
	assert.True(t, strings.HasPrefix(lines[len(lines)-1], "//# sourceMappingURL=data:"),
		"the source map must be on the last line")

	sourceMap, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(lines[len(lines)-1],
		"//# sourceMappingURL=data:application/json;base64,"))
	require.NoError(t, err)
	assert.NotContains(t, string(sourceMap), "sourcesContent")

	_, loadErr := run(t, b)
	require.NotNil(t, loadErr)
	stack := loadErr.Get("stack").String()
	frames := stackFrames(stack)
	// goja prints mapped columns 0-based, at the "new" of a new expression and at the "(" of
	// a call: "new Error" is at 1-based column 9 of line 3, "fail(" has its "(" at column 7.
	assert.Equal(t, []string{
		filepath.Join(root, "src", "index.ts") + ":3:8",
		filepath.Join(root, "test", "stack.test.ts") + ":6:7",
		filepath.Join(root, "test", "stack.test.ts") + ":8:12",
	}, frames, stack)
}

// stackFrames returns the file:line:col of each frame of a goja stack, without the (pc).
func stackFrames(stack string) []string {
	var frames []string
	re := regexp.MustCompile(`at (?:\S+ \()?([^()\s]+:\d+:\d+)`)
	for _, line := range strings.Split(stack, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			frames = append(frames, m[1])
		}
	}
	return frames
}
