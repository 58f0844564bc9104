package cloudflaretest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/cloudflaretest"
)

func TestRunInDurableObject(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	stub := w.Namespace("COUNTER").GetByName("inside")
	_, err := stub.Call(t.Context(), "increment", 2)
	require.NoError(t, err)

	var kept *cloudflaretest.Object
	err = w.RunInDurableObject(stub, func(o *cloudflaretest.Object) error {
		kept = o
		assert.Equal(t, stub.ID(), o.ID())

		rows, err := o.SQL("SELECT what, n FROM log WHERE n >= ?", 1)
		require.NoError(t, err)
		assert.Equal(t, []map[string]any{{"what": "increment", "n": 2.0}}, rows)
		_, err = o.SQL("INSERT INTO log (what, n) VALUES (?, ?)", "seeded", 40)
		require.NoError(t, err)

		kv := o.KV()
		v, err := kv.Get("count")
		require.NoError(t, err)
		assert.Equal(t, 2.0, v)
		require.NoError(t, kv.Put("count", 40))
		require.NoError(t, kv.Put("when", time.UnixMilli(5).UTC()))
		missing, err := kv.Get("missing")
		require.NoError(t, err)
		assert.Nil(t, missing)

		entries, err := kv.List(cloudflaretest.ListOptions{})
		require.NoError(t, err)
		want := []cloudflaretest.Entry{{Key: "count", Value: 40.0}, {Key: "when", Value: time.UnixMilli(5).UTC()}}
		assert.Equal(t, want, entries)
		entries, err = kv.List(cloudflaretest.ListOptions{Prefix: "w", Reverse: true, Limit: 1})
		require.NoError(t, err)
		assert.Len(t, entries, 1)

		deleted, err := kv.Delete("when")
		require.NoError(t, err)
		assert.True(t, deleted)
		deleted, err = kv.Delete("when")
		require.NoError(t, err)
		assert.False(t, deleted)

		got, err := o.Eval("instance instanceof Object && instance.get()")
		require.NoError(t, err)
		assert.Equal(t, 40.0, got)
		got, err = o.Eval("const n = instance.increment(); await ctx.storage.put('extra', n); return n * 10")
		require.NoError(t, err)
		assert.Equal(t, 410.0, got)
		return nil
	})
	require.NoError(t, err)

	// The writes committed, and the object works on.
	n, err := stub.Call(t.Context(), "increment")
	require.NoError(t, err)
	assert.Equal(t, 42.0, n)

	_, err = kept.SQL("SELECT 1")
	assert.ErrorIs(t, err, cloudflaretest.ErrObjectDone)
}

func TestRunInDurableObjectErrors(t *testing.T) {
	w := newEdge(t)
	legacy := w.Namespace("LEGACY").GetByName("a")

	err := w.RunInDurableObject(legacy, func(o *cloudflaretest.Object) error {
		_, err := o.SQL("SELECT 1")
		assert.ErrorContains(t, err, "SQL is not enabled for this Durable Object class.")
		_, err = o.Eval("instance.missing()")
		var js *cloudflaretest.JSError
		require.ErrorAs(t, err, &js)
		assert.Equal(t, "TypeError", js.Name)
		_, err = o.Eval("return (")
		assert.ErrorContains(t, err, "the code is neither an expression nor a function body")
		return assert.AnError
	})
	assert.ErrorIs(t, err, assert.AnError, "fn's error is returned")

	// The event ended even though fn failed: the object takes calls.
	_, err = legacy.Call(t.Context(), "arm")
	require.NoError(t, err)
}

func TestRunInDurableObjectEndsTheEventWhenFnFails(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	stub := w.Namespace("COUNTER").GetByName("a")
	t.Run("fatal inside", func(t *testing.T) {
		r := record(t, func(r *recorder) {
			_ = w.RunInDurableObject(stub, func(*cloudflaretest.Object) error {
				r.Fatalf("stop here")
				return nil
			})
		})
		assert.Equal(t, "stop here", r.fatal)
	})
	n, err := stub.Call(t.Context(), "increment")
	require.NoError(t, err)
	assert.Equal(t, 1.0, n)
}

func TestRunAlarm(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	stub := w.Namespace("COUNTER").GetByName("alarm")

	ran, err := w.RunAlarm(stub)
	require.NoError(t, err)
	assert.False(t, ran, "no alarm is set")

	_, err = stub.Call(t.Context(), "scheduleIn", time.Hour.Milliseconds())
	require.NoError(t, err)
	ran, err = w.RunAlarm(stub)
	require.NoError(t, err)
	assert.True(t, ran)
	n, err := stub.Call(t.Context(), "get")
	require.NoError(t, err)
	assert.Equal(t, 100.0, n)

	ran, err = w.RunAlarm(stub)
	require.NoError(t, err)
	assert.False(t, ran, "the alarm was deleted before it ran")
}

func TestRunAlarmThatThrows(t *testing.T) {
	w := newEdge(t)
	legacy := w.Namespace("LEGACY").GetByName("a")
	_, err := legacy.Call(t.Context(), "arm")
	require.NoError(t, err)
	_, err = w.RunAlarm(legacy)
	var js *cloudflaretest.JSError
	require.ErrorAs(t, err, &js)
	assert.Equal(t, "the alarm failed", js.Message)
}

func TestEvict(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	stub := w.Namespace("COUNTER").GetByName("evicted")

	assert.ErrorIs(t, w.Evict(stub), cloudflaretest.ErrNotRunning)

	_, err := stub.Call(t.Context(), "later", 60_000)
	require.NoError(t, err)
	pending := func() any {
		var v any
		require.NoError(t, w.RunInDurableObject(stub, func(o *cloudflaretest.Object) error {
			var err error
			v, err = o.Eval("instance.pending")
			return err
		}))
		return v
	}
	assert.Equal(t, 1.0, pending())
	require.NoError(t, w.Evict(stub))
	assert.Equal(t, 0.0, pending(), "a new instance started, without the old one's memory")
}

func TestAdvanceFiresTimersAndAlarms(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	stub := w.Namespace("COUNTER").GetByName("clock")

	require.NoError(t, w.Advance(0), "the clock stands still from here")
	start, err := w.Now()
	require.NoError(t, err)
	_, err = stub.Call(t.Context(), "later", 1000)
	require.NoError(t, err)
	_, err = stub.Call(t.Context(), "scheduleIn", time.Hour.Milliseconds())
	require.NoError(t, err)

	require.NoError(t, w.Advance(999*time.Millisecond))
	n, err := stub.Call(t.Context(), "get")
	require.NoError(t, err)
	assert.Equal(t, 0.0, n, "nothing is due yet")

	require.NoError(t, w.Advance(time.Millisecond))
	n, err = stub.Call(t.Context(), "get")
	require.NoError(t, err)
	assert.Equal(t, 1.0, n, "the timer fired")

	require.NoError(t, w.Advance(time.Hour))
	n, err = stub.Call(t.Context(), "get")
	require.NoError(t, err)
	assert.Equal(t, 101.0, n, "the alarm fired")

	now, err := w.Now()
	require.NoError(t, err)
	assert.Equal(t, time.Hour+time.Second, now.Sub(start))
	assert.ErrorContains(t, w.Advance(-time.Second), "time only moves forward")
}

func TestAdvanceReturnsWhatTimersThrow(t *testing.T) {
	w := newEdge(t)
	_, err := w.Namespace("THING").GetByName("a").Call(t.Context(), "throwLater", 10)
	require.NoError(t, err)
	err = w.Advance(10 * time.Millisecond)
	assert.ErrorContains(t, err, "uncaught exception (timer): Error: thrown by a timer")
}

func TestListDurableObjectIDs(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	ns := w.Namespace("COUNTER")
	ids, err := w.ListDurableObjectIDs(ns)
	require.NoError(t, err)
	assert.Empty(t, ids)

	for _, name := range []string{"x", "y"} {
		_, err := ns.GetByName(name).Call(t.Context(), "increment")
		require.NoError(t, err)
	}
	_ = ns.GetByName("only a stub")
	ids, err = w.ListDurableObjectIDs(ns)
	require.NoError(t, err)
	require.Len(t, ids, 2)
	names := []string{ids[0].Name(), ids[1].Name()}
	assert.ElementsMatch(t, []string{"x", "y"}, names)
	assert.Less(t, ids[0].String(), ids[1].String())
}
