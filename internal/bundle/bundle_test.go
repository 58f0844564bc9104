package bundle

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A worker module shared by several cases: a Durable Object class with a private field.
const counterModule = `
import { DurableObject } from "cloudflare:workers";
export class Counter extends DurableObject {
  #count = 0;
  static instances = 0;
  increment(by: number = 1): number { this.#count += by; return this.#count; }
}
export default { fetch() { return "ok"; } };
`

func TestBuildRuns(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		req   Request // paths relative to the project
		want  []string

		inputs []string // relative to the project, when checked
	}{
		{
			name: "typescript: enums, const enums, import type, legacy decorators",
			files: map[string]string{
				"tsconfig.json": `{"compilerOptions": {"experimentalDecorators": true}}`,
				"src/kinds.ts": `export enum Kind { A = 1, B = 5 }
export const enum Flags { None = 0, Verbose = 2 }
export type Shape = { kind: Kind };`,
				"src/index.ts": counterModule,
				"test/a.test.ts": `import type { Shape } from "../src/kinds";
import { Kind, Flags } from "../src/kinds";
import { Counter } from "../src/index";
function logged(target: any, key: string, desc: PropertyDescriptor) {
  const orig = desc.value;
  desc.value = function (...args: any[]) { console.log("call", key); return orig.apply(this, args); };
}
class Calc { @logged twice(n: number) { return n * 2; } }
const s: Shape = { kind: Kind.B };
console.log(s.kind, Kind[1], Flags.Verbose, new Calc().twice(21));
console.log(new Counter({}, {}).increment(3));`,
			},
			req:  Request{TestFile: "test/a.test.ts"},
			want: []string{"call twice", "5 A 2 42", "3"},
		},
		{
			name: "TC39 decorators without experimentalDecorators",
			files: map[string]string{
				"test/a.test.ts": `function logged(value: Function, context: ClassMethodDecoratorContext) {
  return function (this: any, ...args: any[]) {
    console.log("call", String(context.name));
    return value.apply(this, args);
  };
}
class Calc { #base = 1; @logged add(n: number) { return n + this.#base; } }
console.log(new Calc().add(41));`,
			},
			req:  Request{TestFile: "test/a.test.ts"},
			want: []string{"call add", "42"},
		},
		{
			name: "JSON, text and data modules",
			files: map[string]string{
				"test/data.json": `{"name": "dotest", "list": [1, 2]}`,
				"test/page.html": "<p>hi</p>",
				"test/note.txt":  "plain text",
				"test/blob.bin":  "\x00\x01\x02\x03",
				"test/a.test.ts": `import data from "./data.json";
import { name } from "./data.json";
import page from "./page.html";
import note from "./note.txt";
import blob from "./blob.bin";
console.log(data.list.length, name, page, note);
console.log(blob instanceof ArrayBuffer, blob.byteLength, new Uint8Array(blob)[3]);`,
			},
			req:    Request{TestFile: "test/a.test.ts"},
			want:   []string{"2 dotest <p>hi</p> plain text", "true 4 3"},
			inputs: []string{"test/a.test.ts", "test/blob.bin", "test/data.json", "test/note.txt", "test/page.html"},
		},
		{
			name: "packages: exports conditions as wrangler resolves them",
			files: map[string]string{
				"node_modules/iso/package.json": `{"name": "iso", "exports": {".": {
  "node": "./node.js", "workerd": "./workerd.js", "browser": "./browser.js", "default": "./default.js"}}}`,
				"node_modules/iso/node.js":    `export const where = "node";`,
				"node_modules/iso/workerd.js": `export const where = "workerd";`,
				"node_modules/iso/browser.js": `export const where = "browser";`,
				"node_modules/iso/default.js": `export const where = "default";`,
				"node_modules/web/package.json": `{"name": "web",
  "exports": {"browser": "./b.js", "default": "./d.js"}}`,
				"node_modules/web/b.js": `export const where = "browser";`,
				"node_modules/web/d.js": `export const where = "default";`,
				"node_modules/dual/package.json": `{"name": "dual", "exports": {
  "require": "./cjs.js", "import": "./esm.mjs"}}`,
				"node_modules/dual/cjs.js":      `exports.where = "require";`,
				"node_modules/dual/esm.mjs":     `export const where = "import";`,
				"node_modules/old/package.json": `{"name": "old", "main": "lib/main.js"}`,
				"node_modules/old/lib/main.js":  `module.exports = { where: "main" };`,
				"test/a.test.ts": `import { where as a } from "iso";
import { where as b } from "web";
import { where as c } from "dual";
import { where as d } from "old";
const e = require("dual").where;
console.log(a, b, c, d, e);`,
			},
			req:  Request{TestFile: "test/a.test.ts"},
			want: []string{"workerd browser import main require"},
		},
		{
			name: "tsconfig paths of the project and of the test directory",
			files: map[string]string{
				"tsconfig.json": `{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`,
				"test/tsconfig.json": `{"extends": "../tsconfig.json",
  "compilerOptions": {"paths": {"@/*": ["../src/*"], "~h/*": ["./helpers/*"]}}}`,
				"src/util.ts":       `export const util = "util";`,
				"test/helpers/h.ts": `export const helper = "helper";`,
				"src/index.ts":      `import { util } from "@/util"; export const fromMain = util;`,
				"test/a.test.ts": `import { util } from "@/util";
import { helper } from "~h/h";
import { fromMain } from "../src/index";
console.log(util, helper, fromMain);`,
			},
			req:  Request{TestFile: "test/a.test.ts"},
			want: []string{"util helper util"},
		},
		{
			name: "conditions from the options",
			files: map[string]string{
				"node_modules/iso/package.json": `{"exports": {"workerd": "./w.js", "node": "./n.js"}}`,
				"node_modules/iso/w.js":         `export const where = "workerd";`,
				"node_modules/iso/n.js":         `export const where = "node";`,
				"test/a.test.ts":                `import { where } from "iso"; console.log(where);`,
			},
			opts: Options{Conditions: []string{"node"}},
			req:  Request{TestFile: "test/a.test.ts"},
			want: []string{"node"},
		},
		{
			name: "more host modules from the options",
			files: map[string]string{
				"test/a.test.ts": `import { env } from "my:host"; console.log(env.GREETING);`,
			},
			opts: Options{HostModules: []string{"my:host"}},
			req:  Request{TestFile: "test/a.test.ts"},
			want: []string{"from my:host"},
		},
		{
			name: "JSX in .js files, as wrangler loads them",
			files: map[string]string{
				"src/view.js": `const React = { createElement: (tag, props, text) => "<" + tag + ">" + text };
export const view = <b>bold</b>;`,
				"test/a.test.ts": `import { view } from "../src/view.js"; console.log(view);`,
			},
			req:  Request{TestFile: "test/a.test.ts"},
			want: []string{"<b>bold"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := project(t, tt.files)
			b, err := New(root, tt.opts).Build(tt.req)
			require.NoError(t, err)
			assert.Empty(t, b.Warnings)
			if tt.inputs != nil {
				assert.Equal(t, tt.inputs, relative(t, root, b.Inputs))
			}
			for _, input := range b.Inputs {
				assert.True(t, filepath.IsAbs(input), input)
				assert.FileExists(t, input)
			}

			logs, loadErr := run(t, b)
			require.Nil(t, loadErr, "load error: %v", loadErr)
			assert.Equal(t, tt.want, logs)
		})
	}
}

func TestBuildScriptPath(t *testing.T) {
	root := project(t, map[string]string{"test/a.test.ts": `console.log(1);`})
	b, err := New(root, Options{}).Build(Request{TestFile: filepath.Join(root, "test/a.test.ts")})
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, ".dotest", "test", "a.test.ts.js"), b.Path)
	assert.Equal(t, []string{filepath.Join(root, "test", "a.test.ts")}, b.Inputs)

	// A test file outside the project still gets a script name inside it.
	other := project(t, map[string]string{"x.test.ts": `console.log(2);`})
	b, err = New(root, Options{}).Build(Request{TestFile: filepath.Join(other, "x.test.ts")})
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, ".dotest", "external", "x.test.ts.js"), b.Path)
	logs, loadErr := run(t, b)
	require.Nil(t, loadErr)
	assert.Equal(t, []string{"2"}, logs)
}

// relative returns paths relative to root, with slashes.
func relative(t *testing.T, root string, paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		rel, err := filepath.Rel(root, p)
		require.NoError(t, err)
		out[i] = filepath.ToSlash(rel)
	}
	return out
}
