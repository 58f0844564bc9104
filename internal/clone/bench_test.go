package clone

import (
	"testing"

	"github.com/dop251/goja"
)

const (
	smallObject = `({id: 42, name: "counter", tags: ["a", "b"], active: true, created: new Date(0)})`
	objectArray = `Array.from({length: 1000},
		(_, i) => ({id: i, name: "item " + i, score: i * 1.5, ok: i % 2 === 0}))`
)

func benchValue(b *testing.B, src string) (*goja.Runtime, goja.Value) {
	b.Helper()
	vm := newRuntime(b)
	return vm, eval(b, vm, src)
}

func benchSerializeDeserialize(b *testing.B, src string) {
	vm, v := benchValue(b, src)
	b.ReportAllocs()
	for b.Loop() {
		data, err := Serialize(vm, v, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Deserialize(vm, data); err != nil {
			b.Fatal(err)
		}
	}
}

func benchClone(b *testing.B, src string) {
	vm, v := benchValue(b, src)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Clone(vm, v, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSerializeDeserializeSmallObject(b *testing.B) {
	benchSerializeDeserialize(b, smallObject)
}
func BenchmarkSerializeDeserializeObjectArray(b *testing.B) {
	benchSerializeDeserialize(b, objectArray)
}
func BenchmarkCloneSmallObject(b *testing.B) { benchClone(b, smallObject) }
func BenchmarkCloneObjectArray(b *testing.B) { benchClone(b, objectArray) }
