package isolation

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/kv"
	"github.com/dotest-dev/dotest/internal/objects"
	"github.com/dotest-dev/dotest/internal/project"
)

// withKV binds a KV namespace as env.KV and puts it under the stack.
func withKV(t *testing.T, h *harness) *kv.Namespace {
	b, err := kv.Install(h.rt, h.e.Env(), []project.KVNamespace{{Binding: "KV", ID: "kv"}}, kv.InstallOptions{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ns := b.Namespaces()[0]
	h.s.AddStore(ns)
	return ns
}

const readKV = `return [await env.KV.get("seed"), await env.KV.get("k"), (await env.KV.list()).keys.length];`

func TestFramesUndoKVWrites(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	withKV(t, h)
	h.enter(t, file)
	h.json(t, `await env.KV.put("seed", "file");`)
	h.enter(t, suite)
	h.json(t, `await env.KV.put("seed", "suite");`) // beforeAll

	for range 2 {
		h.enter(t, test)
		assert.Equal(t, `["suite",null,1]`, h.json(t, readKV))
		h.json(t, `await env.KV.put("k", "test"); await env.KV.delete("seed");`)
		assert.Equal(t, `[null,"test",1]`, h.json(t, readKV))
		h.leave(t, test)
	}
	h.leave(t, suite)
	assert.Equal(t, `["file",null,1]`, h.json(t, readKV))
	h.leave(t, file)
	assert.Equal(t, `[null,null,0]`, h.json(t, readKV), "the file's frame is undone too")
}

func TestFileIsolationSharesKVBetweenTests(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateFile}, objects.Options{})
	withKV(t, h)
	h.enter(t, file, test)
	h.json(t, `await env.KV.put("k", "first test");`)
	h.leave(t, test)
	h.enter(t, test)
	assert.Equal(t, `[null,"first test",1]`, h.json(t, readKV))
	h.leave(t, test, file)
	assert.Equal(t, `[null,null,0]`, h.json(t, readKV))
}

func TestKeepFileWritesKeepsKV(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest, KeepFileWrites: true}, objects.Options{})
	withKV(t, h)
	h.enter(t, file)
	h.json(t, `await env.KV.put("seed", "file");`)
	h.enter(t, test)
	h.json(t, `await env.KV.put("k", "test");`)
	h.leave(t, test, file)
	assert.Equal(t, `["file",null,1]`, h.json(t, readKV))
}

func TestResetClearsKV(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	withKV(t, h)
	h.enter(t, file)
	h.json(t, `await env.KV.put("seed", "file");`)
	h.enter(t, test)
	h.json(t, `await env.KV.put("k", "test");`)
	require.NoError(t, h.s.Reset())
	assert.Equal(t, `[null,null,0]`, h.json(t, readKV))
	h.json(t, `await env.KV.put("k", "after reset");`)
	h.leave(t, test)
	assert.Equal(t, `["file",null,1]`, h.json(t, readKV), "popping the frame brings back what reset() cleared")
	h.leave(t, file)

	require.NoError(t, h.s.Reset())
	assert.Equal(t, `[null,null,0]`, h.json(t, readKV))
}

func TestStoreAddedLate(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	h.enter(t, file)
	withKV(t, h)
	h.json(t, `await env.KV.put("seed", "no frame holds it");`)
	h.enter(t, test)
	h.json(t, `await env.KV.put("k", "test");`)
	h.leave(t, test)
	h.leave(t, file)
	assert.Equal(t, `["no frame holds it",null,1]`, h.json(t, readKV))
}

// refusing is a store whose savepoints fail after the first.
type refusing struct{ pushed, popped int }

func (r *refusing) PushFrame() (int, error) {
	if r.pushed > 0 {
		return 0, errors.New("transaction open")
	}
	r.pushed++
	return r.pushed, nil
}
func (r *refusing) PopFrame() error { r.popped++; return nil }
func (r *refusing) Clear() error    { return errors.New("cannot clear") }
func (r *refusing) String() string  { return "refusing store" }

func TestStoreFailures(t *testing.T) {
	h := newHarness(t, Options{Mode: project.IsolateTest}, objects.Options{})
	ns := withKV(t, h)
	bad := &refusing{}
	h.s.AddStore(bad)
	h.enter(t, file)
	err := h.s.Enter(test)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "failed to push a frame on refusing store: transaction open")
	assert.Equal(t, 1, h.s.Depth())

	err = h.s.Reset()
	assert.ErrorContains(t, err, "failed to reset refusing store: cannot clear")
	h.leave(t, file)
	assert.Equal(t, 1, bad.popped)
	assert.Error(t, ns.PopFrame(), "the refused frame left no savepoint on the namespace")
}
