package cloudflaretest_test

import (
	"context"
	"testing"

	"github.com/dotest-dev/dotest/cloudflaretest"
)

// BenchmarkCall is one stub.Call round trip from a Go test into a Durable Object and back:
// handing the call to the runtime's goroutine, RPC with its clones, the object's turn and
// the answer.
func BenchmarkCall(b *testing.B) {
	w := cloudflaretest.New(b, fixture)
	stub := w.Namespace("COUNTER").GetByName("bench")
	ctx := context.Background()
	if _, err := stub.Call(ctx, "get"); err != nil {
		b.Fatal(err)
	}
	b.Run("get", func(b *testing.B) {
		for b.Loop() {
			if _, err := stub.Call(ctx, "get"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("increment", func(b *testing.B) {
		for b.Loop() {
			if _, err := stub.Call(ctx, "increment"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("echo-object", func(b *testing.B) {
		arg := map[string]any{"name": "x", "tags": []string{"a", "b"}, "n": 3}
		for b.Loop() {
			if _, err := stub.Call(ctx, "echo", arg); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkNew is New for the fixture with the bundle cache warm, as for every test of a
// binary after the first: a runtime, the platform and the engine, the main module evaluated,
// a frame pushed; then the frame popped and the runtime stopped when the test ends.
func BenchmarkNew(b *testing.B) {
	w, err := cloudflaretest.Start(fixture)
	if err != nil {
		b.Fatal(err)
	}
	_ = w.Close()
	for b.Loop() {
		w, err := cloudflaretest.Start(fixture)
		if err != nil {
			b.Fatal(err)
		}
		_ = w.Close()
	}
}
