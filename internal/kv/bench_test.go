package kv

import (
	"strconv"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/require"
)

// BenchmarkNamespacePutGet measures one small put and one get through the Go API.
func BenchmarkNamespacePutGet(b *testing.B) {
	ns, err := Open("bench", Options{})
	require.NoError(b, err)
	defer ns.Close()
	value := []byte("a small value")
	b.ResetTimer()
	for i := range b.N {
		key := "k" + strconv.Itoa(i%1000)
		if err := ns.Put(key, value, PutOptions{}); err != nil {
			b.Fatal(err)
		}
		if _, err := ns.Get(key, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBindingPutGet measures the same through env.KV, awaiting both promises.
func BenchmarkBindingPutGet(b *testing.B) {
	h := newHarness(b, InstallOptions{})
	prg, err := goja.Compile("bench.js", `(async (n) => {
  const { env } = __dotest.require("cloudflare:workers");
  for (let i = 0; i < n; i++) {
    await env.KV.put("k" + (i % 1000), "a small value");
    await env.KV.get("k" + (i % 1000));
  }
})`, false)
	require.NoError(b, err)
	fn, err := h.rt.Run(prg)
	require.NoError(b, err)
	run, _ := goja.AssertFunction(fn)
	b.ResetTimer()
	p, err := run(goja.Undefined(), h.rt.VM.ToValue(b.N))
	require.NoError(b, err)
	_, err = h.rt.Await(p)
	require.NoError(b, err)
}

// BenchmarkFrame measures pushing and popping an isolation frame over a namespace that
// holds 1000 keys, with one write inside.
func BenchmarkFrame(b *testing.B) {
	ns, err := Open("bench", Options{})
	require.NoError(b, err)
	defer ns.Close()
	for i := range 1000 {
		require.NoError(b, ns.Put("k"+strconv.Itoa(i), []byte("v"), PutOptions{}))
	}
	b.ResetTimer()
	for range b.N {
		if _, err := ns.PushFrame(); err != nil {
			b.Fatal(err)
		}
		if err := ns.Put("k1", []byte("changed"), PutOptions{}); err != nil {
			b.Fatal(err)
		}
		if err := ns.PopFrame(); err != nil {
			b.Fatal(err)
		}
	}
}
