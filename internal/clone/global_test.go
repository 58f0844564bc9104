package clone

import (
	"testing"

	"github.com/dop251/goja"
)

func TestStructuredCloneGlobal(t *testing.T) {
	tests := []struct {
		name   string
		script string
	}{
		{"shape", `
			eq(typeof structuredClone, "function");
			eq(structuredClone.name, "structuredClone");
			eq(structuredClone.length, 1);
			eq(structuredClone(), undefined);
		`},
		{"transfer moves the buffer", `
			const buf = new Uint8Array([1, 2, 3]).buffer;
			const copy = structuredClone({buf}, {transfer: [buf]});
			eq(buf.byteLength, 0, "original detached");
			eq(copy.buf.byteLength, 3);
			eq(new Uint8Array(copy.buf)[2], 3);
		`},
		{"transfer through a view", `
			const view = new Uint16Array([7, 8]);
			const copy = structuredClone(view, {transfer: [view]});
			eq(view.buffer.byteLength, 0, "original detached");
			eq(copy[1], 8);
		`},
		{"transfer detaches buffers the value does not hold", `
			const a = new ArrayBuffer(4), b = new ArrayBuffer(2);
			structuredClone(a, {transfer: [a, b, a]});
			eq(a.byteLength, 0); eq(b.byteLength, 0);
		`},
		{"a failed clone detaches nothing", `
			const buf = new ArrayBuffer(4);
			let caught;
			try { structuredClone([buf, () => 1], {transfer: [buf]}) } catch (e) { caught = e }
			eq(caught.name, "DataCloneError");
			eq(buf.byteLength, 4);
		`},
		{"transfer of something else", `
			let caught;
			try { structuredClone(1, {transfer: [{}]}) } catch (e) { caught = e }
			assert(caught instanceof TypeError, "a TypeError");
			eq(caught.message, "Object is not transferable");
		`},
		{"options that are not an object", `
			let caught;
			try { structuredClone(1, 5) } catch (e) { caught = e }
			assert(caught instanceof TypeError, "a TypeError");
			eq(structuredClone(1, null), 1);
			eq(structuredClone(1, {}), 1);
		`},
		{"built-ins captured at Install", `
			const RealMap = Map, RealDate = Date;
			globalThis.Map = class FakeMap {};
			globalThis.Date = class FakeDate {};
			Map.prototype.set = () => { throw new Error("patched") };
			const copy = structuredClone({m: new RealMap([[1, 2]]), d: new RealDate(5)});
			assert(copy.m instanceof RealMap && copy.m.get(1) === 2, "a real Map");
			assert(copy.d instanceof RealDate && copy.d.getTime() === 5, "a real Date");
		`},
		{"nothing visible added", `
			const helpers = ["assert", "show", "eq", "eqKeys", "distinct"];
			const added = Object.keys(globalThis).filter((k) => !helpers.includes(k));
			eq(JSON.stringify(added), JSON.stringify(["structuredClone"]));
		`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vm := newRuntime(t)
			eval(t, vm, "(() => {"+tc.script+"})()")
		})
	}
}

func TestDeserializeWithoutInstall(t *testing.T) {
	vm := goja.New()
	v, err := Deserialize(vm, mustHex("ff0f3b490249043a02"))
	if err != nil {
		t.Fatal(err)
	}
	m := v.(*goja.Object)
	get, _ := goja.AssertFunction(m.Get("get"))
	if got, err := get(m, vm.ToValue(1)); err != nil || got.ToInteger() != 2 {
		t.Errorf("map.get(1) = %v, %v; want 2", got, err)
	}
}
