package expect

import (
	"testing"

	"github.com/dop251/goja"
)

// benchLoop runs body 10,000 times in one JS call per benchmark iteration.
func benchLoop(b *testing.B, body string) {
	vm, _ := newRuntime(b)
	loop, ok := goja.AssertFunction(runJS(b, vm, `(function () {
		const x = { id: 1, name: 'a', tags: ['x', 'y'], nested: { ok: true } }
		const y = { id: 1, name: 'a', tags: ['x', 'y'], nested: { ok: true } }
		for (let i = 0; i < 10000; i++) { `+body+` }
	})`))
	if !ok {
		b.Fatal("not a function")
	}
	b.ResetTimer()
	for range b.N {
		if _, err := loop(goja.Undefined()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkToBe10k measures 10,000 passing expect(x).toBe(x).
func BenchmarkToBe10k(b *testing.B) {
	benchLoop(b, `expect(x).toBe(x)`)
}

// BenchmarkToEqual10k measures 10,000 passing toEqual of a small object.
func BenchmarkToEqual10k(b *testing.B) {
	benchLoop(b, `expect(x).toEqual(y)`)
}

// BenchmarkFailingToEqual measures one failing toEqual, with its message,
// printed values and diff.
func BenchmarkFailingToEqual(b *testing.B) {
	vm, _ := newRuntime(b)
	fail, ok := goja.AssertFunction(runJS(b, vm, `(function () {
		try { expect({ a: 1, b: [1, 2, 3] }).toEqual({ a: 2, b: [1, 2] }) } catch (e) { return e.diff }
	})`))
	if !ok {
		b.Fatal("not a function")
	}
	b.ResetTimer()
	for range b.N {
		if _, err := fail(goja.Undefined()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInstall measures loading the library into a fresh runtime.
func BenchmarkInstall(b *testing.B) {
	for range b.N {
		if _, err := Install(goja.New()); err != nil {
			b.Fatal(err)
		}
	}
}
