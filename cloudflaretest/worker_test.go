package cloudflaretest_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/cloudflaretest"
)

func TestCallRunsThroughRPC(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	ns := w.Namespace("COUNTER")
	a := ns.GetByName("a")

	n, err := a.Call(t.Context(), "increment")
	require.NoError(t, err)
	assert.Equal(t, 1.0, n)
	var total int
	require.NoError(t, a.CallInto(t.Context(), &total, "increment", 4))
	assert.Equal(t, 5, total)

	// Another stub of the same name reaches the same object; another name another object.
	same, err := ns.Get(ns.IDFromName("a")).Call(t.Context(), "get")
	require.NoError(t, err)
	assert.Equal(t, 5.0, same)
	other, err := ns.GetByName("b").Call(t.Context(), "get")
	require.NoError(t, err)
	assert.Equal(t, 0.0, other)
}

func TestIDs(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	ns := w.Namespace("COUNTER")

	id := ns.IDFromName("a")
	assert.Len(t, id.String(), 64)
	assert.Equal(t, "a", id.Name())
	assert.Equal(t, id, ns.IDFromName("a"))

	unique := ns.NewUniqueID()
	assert.Len(t, unique.String(), 64)
	assert.NotEqual(t, unique, ns.NewUniqueID())
	assert.Empty(t, unique.Name())

	parsed, err := ns.IDFromString(unique.String())
	require.NoError(t, err)
	assert.Equal(t, unique.String(), parsed.String())

	_, err = ns.IDFromString("not hex")
	assert.ErrorContains(t, err, `IDFromString("not hex"): Invalid Durable Object ID: must be 64 hex digits`)

	// An id used from JS keeps its name.
	var name string
	require.NoError(t, ns.Get(id).CallInto(t.Context(), &name, "echo", "x"))
	err = w.RunInDurableObject(ns.Get(id), func(o *cloudflaretest.Object) error {
		v, err := o.Eval("ctx.id.name")
		assert.Equal(t, "a", v)
		return err
	})
	require.NoError(t, err)
}

func TestVarsOfEnv(t *testing.T) {
	w := newEdge(t)
	v, err := w.Env().Var("LIMITS")
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"max": 3.0}, v)

	_, err = w.Env().Var("NOPE")
	assert.ErrorContains(t, err, `env has no binding "NOPE": add it to "vars" in wrangler.jsonc`)
}

func TestBadInput(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	ctx := t.Context()

	t.Run("unknown binding", func(t *testing.T) {
		nope := w.Namespace("NOPE")
		_, err := nope.GetByName("a").Call(ctx, "get")
		require.ErrorIs(t, err, cloudflaretest.ErrNoBinding)
		assert.EqualError(t, err, `no such Durable Object binding "NOPE" in env (it has COUNTER): `+
			`add it to "durable_objects"."bindings" in wrangler.jsonc`)
		_, err = nope.IDFromString(strings.Repeat("0", 64))
		assert.ErrorIs(t, err, cloudflaretest.ErrNoBinding)
		_, err = w.ListDurableObjectIDs(nope)
		assert.ErrorIs(t, err, cloudflaretest.ErrNoBinding)
		assert.Empty(t, nope.NewUniqueID().String())
	})

	t.Run("unknown method", func(t *testing.T) {
		_, err := w.Namespace("COUNTER").GetByName("a").Call(ctx, "nope")
		var js *cloudflaretest.JSError
		require.ErrorAs(t, err, &js)
		assert.Equal(t, "TypeError", js.Name)
		assert.Equal(t, `The RPC receiver does not implement "nope".`, js.Message)
	})

	t.Run("exception", func(t *testing.T) {
		_, err := w.Namespace("COUNTER").GetByName("a").Call(ctx, "fail", "too far")
		var js *cloudflaretest.JSError
		require.ErrorAs(t, err, &js)
		assert.Equal(t, "RangeError", js.Name)
		assert.Equal(t, "too far", js.Message)
		assert.Equal(t, "RangeError: too far", err.Error())
		assert.NotContains(t, js.Stack, "index.ts", "errors cross RPC without their stack, as in workerd")
	})

	t.Run("Durable Object helpers on Self", func(t *testing.T) {
		_, err := w.RunAlarm(w.Self())
		assert.ErrorIs(t, err, cloudflaretest.ErrNotObject)
		assert.ErrorIs(t, w.Evict(w.Self()), cloudflaretest.ErrNotObject)
		err = w.RunInDurableObject(w.Self(), func(*cloudflaretest.Object) error { return nil })
		assert.ErrorIs(t, err, cloudflaretest.ErrNotObject)
	})
}

func TestContextEndsTheWait(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	stub := w.Namespace("COUNTER").GetByName("never")

	ctx, cancel := context.WithCancel(t.Context())
	go cancel()
	_, err := stub.Call(ctx, "never")
	assert.ErrorIs(t, err, context.Canceled)

	ctx, cancel = context.WithTimeout(t.Context(), time.Millisecond)
	defer cancel()
	_, err = stub.Call(ctx, "never")
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	// The runtime goes on.
	n, err := stub.Call(t.Context(), "increment")
	require.NoError(t, err)
	assert.Equal(t, 1.0, n)
}

func TestTimeoutBoundsCallsWithoutDeadline(t *testing.T) {
	w := cloudflaretest.New(t, fixture, cloudflaretest.WithTimeout(20*time.Millisecond))
	_, err := w.Namespace("COUNTER").GetByName("never").Call(context.Background(), "never")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorContains(t, err, `call "never" did not finish within 20ms`)
	assert.ErrorContains(t, err, "WithTimeout changes this limit")
}

func TestAnEndlessLoopIsInterrupted(t *testing.T) {
	var r *recorder
	t.Run("owner", func(t *testing.T) {
		r = record(t, func(r *recorder) {
			w := cloudflaretest.New(r, edge, cloudflaretest.WithTimeout(50*time.Millisecond))
			thing := w.Namespace("THING").GetByName("a")
			_, err := thing.Call(context.Background(), "spin")
			assert.ErrorContains(t, err, `call "spin" did not finish within 50ms`)

			_, err = thing.Call(context.Background(), "now")
			require.ErrorIs(t, err, cloudflaretest.ErrStopped)
			assert.ErrorContains(t, err, "the worker's runtime stopped: the worker's JavaScript ran for more "+
				"than 50ms without returning to the event loop: look for an infinite loop at spin (")
		})
	})
	require.Len(t, r.errors, 1, "the test fails when it ends, once")
	assert.Contains(t, r.errors[0], "look for an infinite loop")
}

func TestAnEndlessTimerIsInterrupted(t *testing.T) {
	var r *recorder
	t.Run("owner", func(t *testing.T) {
		r = record(t, func(r *recorder) {
			w := cloudflaretest.New(r, edge, cloudflaretest.WithTimeout(50*time.Millisecond))
			_, err := w.Namespace("THING").GetByName("a").Call(t.Context(), "spinLater", 0)
			require.NoError(t, err)
			// Not a call that awaits JavaScript: the loop is stuck in the timer all the same. A call
			// that reaches the loop before the timer's turn still answers, so ask until one waits
			// behind the timer; the loop takes its due timer as soon as its queue is empty.
			for range 100 {
				_, err = w.Namespace("THING").IDFromString(strings.Repeat("0", 64))
				if errors.Is(err, cloudflaretest.ErrStopped) {
					break
				}
			}
			require.ErrorIs(t, err, cloudflaretest.ErrStopped)
		})
	})
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "look for an infinite loop")
}

func TestCallsAfterTheTestEnded(t *testing.T) {
	var stub *cloudflaretest.Stub
	var w *cloudflaretest.Worker
	t.Run("owner", func(t *testing.T) {
		w = cloudflaretest.New(t, fixture)
		stub = w.Namespace("COUNTER").GetByName("a")
		_, err := stub.Call(t.Context(), "increment")
		require.NoError(t, err)
	})

	_, err := stub.Call(context.Background(), "get")
	require.ErrorIs(t, err, cloudflaretest.ErrClosed)
	assert.ErrorContains(t, err, "(TestCallsAfterTheTestEnded/owner): use a worker, and its stubs, only inside "+
		"the test that made it")
	assert.ErrorIs(t, w.Advance(time.Second), cloudflaretest.ErrClosed)
	_, err = w.RunAlarm(stub)
	assert.ErrorIs(t, err, cloudflaretest.ErrClosed)
	assert.ErrorIs(t, w.Evict(stub), cloudflaretest.ErrClosed)
	_, err = w.Namespace("COUNTER").IDFromString(stub.ID().String())
	assert.ErrorIs(t, err, cloudflaretest.ErrClosed)
}

func TestStartAndClose(t *testing.T) {
	w, err := cloudflaretest.Start(fixture)
	require.NoError(t, err)
	stub := w.Namespace("COUNTER").GetByName("a")
	_, err = stub.Call(t.Context(), "increment")
	require.NoError(t, err)

	require.NoError(t, w.Close())
	require.NoError(t, w.Close(), "closing twice is harmless")
	_, err = stub.Call(t.Context(), "get")
	require.ErrorIs(t, err, cloudflaretest.ErrClosed)
	assert.ErrorContains(t, err, "Close was called")
}

func TestProjectsThatCannotStart(t *testing.T) {
	tests := []struct {
		dir  string
		want []string
	}{
		{"testdata/nomain", []string{`the project in `, `has no main module: set "main" in wrangler.jsonc`}},
		{"testdata/badbundle", []string{"failed to bundle the main module:",
			`src/index.ts:4:3: error: Expected ")" but found "}"`}},
		{"testdata/throws", []string{"the main module threw while loading: SyntaxError"}},
		{"testdata/none", []string{"failed to load the project"}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			_, err := cloudflaretest.Start(tt.dir)
			require.Error(t, err)
			for _, want := range tt.want {
				assert.Contains(t, err.Error(), want)
			}

			r := record(t, func(r *recorder) { cloudflaretest.New(r, tt.dir) })
			assert.Contains(t, r.fatal, "cloudflaretest.New: "+tt.want[0])
		})
	}
}

func TestUncaughtExceptionsFailTheTest(t *testing.T) {
	var r *recorder
	t.Run("inner", func(t *testing.T) {
		r = record(t, func(r *recorder) {
			w := cloudflaretest.New(r, edge)
			_, err := w.Namespace("THING").GetByName("a").Call(t.Context(), "throwLater", 0)
			require.NoError(t, err)
			// A call after the timer's turn, so that the exception has escaped by then.
			_, err = w.Namespace("THING").GetByName("a").Call(t.Context(), "now")
			require.NoError(t, err)
		})
	})
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "uncaught exception (timer): Error: thrown by a timer")
}

func TestConsoleGoesToTheTestLog(t *testing.T) {
	r := record(t, func(r *recorder) {
		w := cloudflaretest.New(r, edge)
		_, err := w.Namespace("THING").GetByName("a").Call(t.Context(), "log", "hello")
		require.NoError(t, err)
	})
	r.mu.Lock()
	defer r.mu.Unlock()
	assert.Equal(t, "hello\nerr: hello\n", r.output.String())
}

func TestConsoleGoesToTheLogger(t *testing.T) {
	var b strings.Builder
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(lockedWriter{&b, &mu}, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	w, err := cloudflaretest.Start(edge, cloudflaretest.WithLogger(log))
	require.NoError(t, err)
	_, err = w.Namespace("THING").GetByName("a").Call(t.Context(), "log", "hello")
	require.NoError(t, err)
	require.NoError(t, w.Close())

	mu.Lock()
	defer mu.Unlock()
	assert.Contains(t, b.String(), `level=INFO msg=console stream=stdout text=hello`)
	assert.Contains(t, b.String(), `level=INFO msg=console stream=stderr text="err: hello"`)
}

type lockedWriter struct {
	b  *strings.Builder
	mu *sync.Mutex
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func TestConcurrentCalls(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	stub := w.Namespace("COUNTER").GetByName("shared")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 25 {
				_, err := stub.Call(context.Background(), "increment")
				assert.NoError(t, err)
			}
		})
	}
	wg.Wait()
	n, err := stub.Call(t.Context(), "get")
	require.NoError(t, err)
	assert.Equal(t, 200.0, n)
}

func TestParallelSubtestsShareTheParentFrame(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	stub := w.Namespace("COUNTER").GetByName("shared")
	t.Run("group", func(t *testing.T) {
		for i := range 4 {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				_, err := stub.Call(t.Context(), "increment")
				require.NoError(t, err)
			})
		}
	})
	n, err := stub.Call(t.Context(), "get")
	require.NoError(t, err)
	assert.Equal(t, 4.0, n)
}

func TestSubIsolatesSubtests(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	counter := w.Namespace("COUNTER")
	_, err := counter.GetByName("a").Call(t.Context(), "increment", 10)
	require.NoError(t, err)

	var inSub *cloudflaretest.Stub
	t.Run("writes", func(t *testing.T) {
		sub := w.Sub(t)
		inSub = sub.Namespace("COUNTER").GetByName("a")
		n, err := inSub.Call(t.Context(), "increment")
		require.NoError(t, err)
		assert.Equal(t, 11.0, n, "the subtest starts from what its parent wrote")
		_, err = sub.Namespace("COUNTER").GetByName("made in sub").Call(t.Context(), "increment")
		require.NoError(t, err)

		ids, err := sub.ListDurableObjectIDs(sub.Namespace("COUNTER"))
		require.NoError(t, err)
		assert.Len(t, ids, 2)

		t.Run("nested", func(t *testing.T) {
			nested := sub.Sub(t)
			_, err := nested.Namespace("COUNTER").GetByName("a").Call(t.Context(), "increment", 100)
			require.NoError(t, err)
		})
		n, err = inSub.Call(t.Context(), "get")
		require.NoError(t, err)
		assert.Equal(t, 11.0, n, "the nested frame was popped")
	})

	n, err := counter.GetByName("a").Call(t.Context(), "get")
	require.NoError(t, err)
	assert.Equal(t, 10.0, n, "the subtest's writes are undone")
	ids, err := w.ListDurableObjectIDs(counter)
	require.NoError(t, err)
	require.Len(t, ids, 1, "the object the subtest made is gone")
	assert.Equal(t, "a", ids[0].Name())

	_, err = inSub.Call(t.Context(), "get")
	assert.ErrorIs(t, err, cloudflaretest.ErrClosed, "stubs of the subtest's view end with it")
}

func TestSubRefusesWhatCannotNest(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	t.Run("parallel", func(t *testing.T) {
		var first *cloudflaretest.Worker
		t.Run("a", func(t *testing.T) {
			first = w.Sub(t)
			t.Run("b", func(t *testing.T) {
				// w is not the innermost view while a's frame is open.
				r := record(t, func(r *recorder) { w.Sub(r) })
				assert.Contains(t, r.fatal, "cannot have a frame of its own while TestSubRefusesWhatCannotNest/"+
					"parallel/a holds one")
			})
		})
		require.NotNil(t, first)
	})

	r := record(t, func(r *recorder) {
		r.name = "TestSomethingElse"
		w.Sub(r)
	})
	assert.Contains(t, r.fatal, "Sub takes a subtest of TestSubRefusesWhatCannotNest")
}

func TestWaitUntilWorkIsAwaitedAtTheEnd(t *testing.T) {
	// The recorder's cleanups run when the subtest ends.
	var settles, pending *recorder
	t.Run("settles", func(t *testing.T) {
		settles = record(t, func(r *recorder) {
			w := cloudflaretest.New(r, edge)
			_, err := w.Namespace("THING").GetByName("a").Call(t.Context(), "work", 5)
			require.NoError(t, err)
		})
	})
	t.Run("pending", func(t *testing.T) {
		pending = record(t, func(r *recorder) {
			w := cloudflaretest.New(r, edge, cloudflaretest.WithTimeout(20*time.Millisecond))
			_, err := w.Namespace("THING").GetByName("a").Call(t.Context(), "work", 60_000)
			require.NoError(t, err)
		})
	})

	assert.Empty(t, settles.errors, "work that settles soon is waited for")
	require.Len(t, pending.errors, 1)
	assert.Contains(t, pending.errors[0], "work handed to waitUntil() was still pending when the test ended")
}
