package clone

import (
	"testing"

	"github.com/dop251/goja"
)

// roundTrips are values every copy path must reproduce; check(orig, copy) throws on a
// mismatch, with the helpers of testdata/assert.js.
var roundTrips = []struct {
	name  string
	value string // a JavaScript expression
	check string // a JavaScript function (orig, copy)
}{
	{"undefined", `undefined`, `(o, c) => eq(c, undefined)`},
	{"null", `null`, `(o, c) => eq(c, null)`},
	{"true", `true`, `(o, c) => eq(c, true)`},
	{"false", `false`, `(o, c) => eq(c, false)`},
	{"zero", `0`, `(o, c) => eq(c, 0)`},
	{"negative zero", `-0`, `(o, c) => eq(c, -0)`},
	{"smi", `-123456`, `(o, c) => eq(c, -123456)`},
	{"double", `1.5`, `(o, c) => eq(c, 1.5)`},
	{"past int32", `2 ** 53`, `(o, c) => eq(c, 2 ** 53)`},
	{"NaN", `NaN`, `(o, c) => eq(c, NaN)`},
	{"infinity", `-Infinity`, `(o, c) => eq(c, -Infinity)`},
	{"empty string", `""`, `(o, c) => eq(c, "")`},
	{"ascii string", `"hello"`, `(o, c) => eq(c, "hello")`},
	{"latin-1 string", `"café"`, `(o, c) => eq(c, "café")`},
	{"two-byte string", `"日本語 😀"`, `(o, c) => eq(c, "日本語 😀")`},
	{"lone surrogate", `"a\ud800b"`, `(o, c) => eq(c, "a\ud800b")`},
	{"bigint", `12345678901234567890123n`, `(o, c) => eq(c, 12345678901234567890123n)`},
	{"negative bigint", `-(2n ** 64n)`, `(o, c) => eq(c, -(2n ** 64n))`},
	{"zero bigint", `0n`, `(o, c) => eq(c, 0n)`},

	{"plain object", `({a: 1, b: "x", c: undefined, d: null, e: {f: [1, 2]}})`, `(o, c) => {
		distinct(o, c, Object.prototype);
		eqKeys(c, ["a", "b", "c", "d", "e"]);
		eq(c.a, 1); eq(c.b, "x"); eq(c.d, null);
		assert("c" in c, "nested undefined kept");
		assert(c.e !== o.e && c.e.f !== o.e.f, "nested objects copied");
		eq(c.e.f[1], 2);
	}`},
	{"integer keys", `({b: 1, 2: 2, a: 3, 1: 4, "01": 5, 4294967295: 6, 4294967294: 7})`, `(o, c) => {
		eqKeys(c, Object.keys(o));
		eq(c[4294967294], 7); eq(c["01"], 5); eq(c[4294967295], 6);
	}`},
	{"__proto__ key", `JSON.parse('{"__proto__": {"x": 1}, "y": 2}')`, `(o, c) => {
		distinct(o, c, Object.prototype);
		assert(Object.prototype.hasOwnProperty.call(c, "__proto__"), "own __proto__ kept");
		eq(c.x, undefined); eq(c.y, 2);
	}`},
	{"class instance", `new (class Point { constructor() { this.x = 1; this.y = 2 } get sum() { return 3 } })`,
		`(o, c) => { distinct(o, c, Object.prototype); eqKeys(c, ["x", "y"]); eq(c.sum, undefined) }`},
	{"null prototype", `Object.assign(Object.create(null), {a: 1})`,
		`(o, c) => { distinct(o, c, Object.prototype); eq(c.a, 1) }`},
	{"skipped properties", `(() => {
		const o = {visible: 1, [Symbol("s")]: 2};
		Object.defineProperty(o, "hidden", {value: 3, enumerable: false});
		return o;
	})()`, `(o, c) => {
		eqKeys(c, ["visible"]);
		eq(Object.getOwnPropertySymbols(c).length, 0, "symbol keys");
		eq(c.hidden, undefined);
	}`},
	{"getters run", `({get a() { return 5 }, b: 1})`, `(o, c) => {
		const d = Object.getOwnPropertyDescriptor(c, "a");
		eq(d.value, 5); assert(d.writable && d.enumerable, "a is a data property");
	}`},
	{"getter deleting a later property", `(() => {
		const o = {get a() { delete o.b; return 1 }, b: 2, c: 3};
		return o;
	})()`, `(o, c) => eqKeys(c, ["a", "c"])`},

	{"dense array", `[1, "two", {three: 3}, [4]]`, `(o, c) => {
		distinct(o, c, Array.prototype);
		assert(Array.isArray(c), "is an array");
		eq(c.length, 4); eq(c[1], "two"); eq(c[2].three, 3); eq(c[3][0], 4);
	}`},
	{"empty array", `[]`, `(o, c) => { distinct(o, c, Array.prototype); eq(c.length, 0) }`},
	{"undefined element", `[undefined, 1]`,
		`(o, c) => { assert(0 in c, "undefined is not a hole"); eq(c.length, 2) }`},
	{"holes", `[1, , 3, , ]`, `(o, c) => {
		eq(c.length, 4); assert(!(1 in c) && !(3 in c), "holes kept"); eq(c[2], 3);
	}`},
	{"huge sparse array", `(() => { const a = []; a[1e6] = "x"; a.length = 2e6; return a })()`, `(o, c) => {
		eq(c.length, 2e6); eq(c[1e6], "x"); eqKeys(c, ["1000000"]);
	}`},
	{"array properties", `(() => { const a = [1, 2]; a.name = "n"; a[-1] = "m"; return a })()`, `(o, c) => {
		eq(c.length, 2); eq(c.name, "n"); eq(c[-1], "m"); eqKeys(c, ["0", "1", "name", "-1"]);
	}`},
	{"sparse array properties", `(() => { const a = [, 1]; a.name = "n"; return a })()`,
		`(o, c) => { eq(c.length, 2); eq(c.name, "n"); assert(!(0 in c), "hole kept") }`},
	{"array subclass", `(() => { class List extends Array {} ; return List.of(1, 2) })()`,
		`(o, c) => { distinct(o, c, Array.prototype); eq(c[1], 2) }`},

	{"object cycle", `(() => { const o = {name: "o"}; o.self = o; return o })()`,
		`(o, c) => { assert(c !== o && c.self === c, "cycle kept") }`},
	{"array cycle", `(() => { const a = [1]; a.push(a); a.push([a]); return a })()`, `(o, c) => {
		assert(c !== o && c[1] === c && c[2][0] === c, "cycle kept"); eq(c[0], 1);
	}`},
	{"shared references", `(() => { const s = {n: 1}; return {a: s, b: [s], c: new Map([[s, s]])} })()`,
		`(o, c) => {
		assert(c.a !== o.a, "copied");
		assert(c.a === c.b[0] && c.c.get(c.a) === c.a, "shared object kept shared");
	}`},

	{"date", `new Date(1700000000123)`,
		`(o, c) => { distinct(o, c, Date.prototype); eq(c.getTime(), 1700000000123) }`},
	{"invalid date", `new Date(NaN)`, `(o, c) => { distinct(o, c, Date.prototype); eq(c.getTime(), NaN) }`},
	{"regexp", `(() => { const r = /a\/b+c/gimsuy; r.lastIndex = 3; r.extra = 1; return r })()`, `(o, c) => {
		distinct(o, c, RegExp.prototype);
		eq(c.source, "a\\/b+c"); eq(c.flags, "gimsuy"); eq(c.lastIndex, 0); eq(c.extra, undefined);
	}`},
	{"map", `new Map([[1, "one"], ["k", {v: 2}], [NaN, null]])`, `(o, c) => {
		distinct(o, c, Map.prototype);
		eq(c.size, 3); eq(c.get(1), "one"); eq(c.get("k").v, 2); assert(c.has(NaN), "NaN key");
		eq(JSON.stringify([...c.keys()].map(String)), JSON.stringify(["1", "k", "NaN"]), "order");
	}`},
	{"map cycle", `(() => { const m = new Map(); m.set(m, m); return m })()`,
		`(o, c) => { assert(c !== o && c.get(c) === c, "cycle kept") }`},
	{"set", `new Set([3, "a", 3, {x: 1}])`, `(o, c) => {
		distinct(o, c, Set.prototype);
		eq(c.size, 3); assert(c.has("a") && c.has(3), "members");
	}`},
	{"map subclass", `(() => { class Registry extends Map {} ; return new Registry([[1, 2]]) })()`,
		`(o, c) => { distinct(o, c, Map.prototype); eq(c.get(1), 2) }`},

	{"array buffer", `new Uint8Array([1, 2, 255]).buffer`, `(o, c) => {
		distinct(o, c, ArrayBuffer.prototype);
		eq(c.byteLength, 3);
		const v = new Uint8Array(c); eq(v[2], 255);
		v[0] = 9; eq(new Uint8Array(o)[0], 1, "original untouched");
	}`},
	{"typed arrays", `(() => {
		const buf = new ArrayBuffer(64);
		new Uint8Array(buf).forEach((_, i, a) => { a[i] = i });
		return [
			new Int8Array(buf, 1, 3), new Uint8Array(buf, 2, 3), new Uint8ClampedArray(buf, 3, 2),
			new Int16Array(buf, 2, 3), new Uint16Array(buf, 4, 2), new Int32Array(buf, 4, 2),
			new Uint32Array(buf, 8, 2), new Float32Array(buf, 8, 2), new Float64Array(buf, 8, 2),
			new BigInt64Array(buf, 16, 2), new BigUint64Array(buf, 24, 1), new DataView(buf, 5, 7),
		];
	})()`, `(o, c) => {
		eq(c.length, o.length);
		for (let i = 0; i < o.length; i++) {
			const a = o[i], b = c[i];
			distinct(a, b, Object.getPrototypeOf(a));
			eq(b.byteOffset, a.byteOffset, "byteOffset " + i);
			eq(b.byteLength, a.byteLength, "byteLength " + i);
			eq(b.buffer, c[0].buffer, "shared buffer " + i);
			if (!(a instanceof DataView)) eq(String(b), String(a), "contents " + i);
		}
		assert(c[0].buffer !== o[0].buffer, "buffer copied");
		eq(c[11].getUint8(0), 5);
	}`},
	{"view before its buffer", `(() => { const v = new Uint16Array(4); return {v, b: v.buffer} })()`,
		`(o, c) => { eq(c.b, c.v.buffer); eq(c.b.byteLength, 8) }`},

	{"boxed primitives", `[new Boolean(false), new Number(-0), new String("é日"), Object(5n), new Number(NaN)]`,
		`(o, c) => {
		for (let i = 0; i < o.length; i++) {
			distinct(o[i], c[i], Object.getPrototypeOf(o[i]));
			eq(typeof c[i], "object");
			eq(c[i].valueOf(), o[i].valueOf(), "value " + i);
		}
	}`},

	{"errors", `[new Error("e"), new EvalError("ev"), new RangeError("r"), new ReferenceError("rf"),
		new SyntaxError("s"), new TypeError("t"), new URIError("u")]`, `(o, c) => {
		for (let i = 0; i < o.length; i++) {
			distinct(o[i], c[i], Object.getPrototypeOf(o[i]));
			eq(c[i].message, o[i].message); eq(c[i].name, o[i].name); eq(c[i].stack, o[i].stack);
			assert(!Object.getOwnPropertyDescriptor(c[i], "message").enumerable, "message hidden");
		}
	}`},
	{"error details", `(() => {
		const e = new RangeError("bad", {cause: {why: "x"}});
		e.code = 42;
		e.stack = "custom stack";
		return e;
	})()`, `(o, c) => {
		distinct(o, c, RangeError.prototype);
		eq(c.stack, "custom stack"); eq(c.cause.why, "x"); assert(c.cause !== o.cause, "cause copied");
		eq(c.code, undefined, "other properties dropped");
	}`},
	{"error without message", `new TypeError()`, `(o, c) => {
		assert(!Object.prototype.hasOwnProperty.call(c, "message"), "no own message"); eq(c.message, "");
	}`},
	{"error subclass", `(() => { class Oops extends Error {} ; return new Oops("o") })()`,
		`(o, c) => { distinct(o, c, Error.prototype); eq(c.message, "o") }`},
	{"error renamed", `(() => { const e = new Error("x"); e.name = "TypeError"; return e })()`,
		`(o, c) => { distinct(o, c, TypeError.prototype) }`},
	{"unknown error name", `(() => { const e = new Error("x"); e.name = "HttpError"; return e })()`,
		`(o, c) => { distinct(o, c, Error.prototype); eq(c.name, "Error") }`},
	{"error cause cycle", `(() => { const e = new Error("x"); e.cause = e; return e })()`,
		`(o, c) => { assert(c !== o && c.cause === c, "cycle kept") }`},
	{"error without stack", `(() => { const e = new Error("x"); e.stack = undefined; return e })()`,
		`(o, c) => eq(c.stack, undefined)`},
}

func TestRoundTrip(t *testing.T) {
	for _, path := range copyPaths {
		for _, tc := range roundTrips {
			t.Run(path.name+"/"+tc.name, func(t *testing.T) {
				vm := newRuntime(t)
				orig := eval(t, vm, tc.value)
				copied, err := path.copy(vm, orig, Options{})
				if err != nil {
					t.Fatalf("copy: %v", err)
				}
				jsCheck(t, vm, tc.check, orig, copied)
			})
		}
	}
}

// TestSerializeIsASnapshot checks that a serialized value does not follow later changes.
func TestSerializeIsASnapshot(t *testing.T) {
	vm := newRuntime(t)
	orig := eval(t, vm, `globalThis.o = {n: 1, list: [1]}; o`)
	data, err := Serialize(vm, orig, Options{})
	if err != nil {
		t.Fatal(err)
	}
	eval(t, vm, `o.n = 2; o.list.push(2)`)

	copied, err := Deserialize(vm, data)
	if err != nil {
		t.Fatal(err)
	}
	jsCheck(t, vm, `(o, c) => { eq(c.n, 1); eq(c.list.length, 1) }`, orig, copied)

	again, err := Deserialize(vm, data)
	if err != nil {
		t.Fatal(err)
	}
	jsCheck(t, vm, `(a, b) => assert(a !== b && a.list !== b.list, "each read is a new copy")`, copied, again)
}

func TestGoNilIsUndefined(t *testing.T) {
	vm := newRuntime(t)
	for _, path := range copyPaths[:2] {
		v, err := path.copy(vm, nil, Options{})
		if err != nil || !goja.IsUndefined(v) {
			t.Errorf("%s: got %v, %v; want undefined", path.name, v, err)
		}
	}
}
