package cloudflaretest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dotest-dev/dotest/cloudflaretest"
)

// The examples drive fixtures/gotest: a worker whose Counter Durable Object counts in SQLite.

// start is Start for the examples, which have no test to fail.
func start() *cloudflaretest.Worker {
	w, err := cloudflaretest.Start("../fixtures/gotest")
	if err != nil {
		log.Fatal(err)
	}
	return w
}

func ExampleRun() {
	// In a _test.go file: every JS test of the project becomes a subtest of TestJS, such as
	// TestJS/counter.test.ts/counter/increments.
	testJS := func(t *testing.T) {
		cloudflaretest.Run(t, "../fixtures/gotest")
	}
	_ = testJS
}

func ExampleNew() {
	// In a _test.go file: the worker lives as long as the test, and what the test stores is
	// undone when it ends.
	testCounter := func(t *testing.T) {
		w := cloudflaretest.New(t, "../fixtures/gotest")
		n, err := w.Namespace("COUNTER").GetByName("a").Call(t.Context(), "increment")
		if err != nil || n != 1.0 {
			t.Fatalf("increment = %v, %v", n, err)
		}
	}
	_ = testCounter
}

func ExampleStart() {
	w := start()
	defer w.Close()

	counter := w.Namespace("COUNTER").GetByName("example")
	n, err := counter.Call(context.Background(), "increment", 2)
	fmt.Println(n, err)
	// Output: 2 <nil>
}

func ExampleWorker_Sub() {
	// In a _test.go file: each subtest starts from what the test stored and leaves nothing.
	testSubtests := func(t *testing.T) {
		w := cloudflaretest.New(t, "../fixtures/gotest")
		for _, by := range []int{1, 2} {
			t.Run(fmt.Sprint(by), func(t *testing.T) {
				sub := w.Sub(t)
				n, _ := sub.Namespace("COUNTER").GetByName("a").Call(t.Context(), "increment", by)
				if n != float64(by) {
					t.Errorf("the counter did not start from zero: %v", n)
				}
			})
		}
	}
	_ = testSubtests
}

func ExampleNamespace_IDFromName() {
	w := start()
	defer w.Close()

	// Ids derive from the worker's name, the class and the object's name, as in workerd.
	id := w.Namespace("COUNTER").IDFromName("example")
	fmt.Println(id.Name(), len(id.String()))
	// Output: example 64
}

func ExampleStub_Call() {
	w := start()
	defer w.Close()
	ctx := context.Background()
	counter := w.Namespace("COUNTER").GetByName("example")

	v, _ := counter.Call(ctx, "echo", map[string]any{"when": time.Unix(0, 0), "bytes": []byte("hi")})
	fmt.Printf("%v\n", v)

	_, err := counter.Call(ctx, "fail", "too far")
	var jsErr *cloudflaretest.JSError
	fmt.Println(errors.As(err, &jsErr), jsErr.Name, jsErr.Message)
	// Output:
	// map[bytes:[104 105] when:1970-01-01 00:00:00 +0000 UTC]
	// true RangeError too far
}

func ExampleStub_CallInto() {
	w := start()
	defer w.Close()

	type entry struct {
		What string `json:"what"`
		N    int    `json:"n"`
	}
	var got entry
	err := w.Namespace("COUNTER").GetByName("example").CallInto(context.Background(), &got, "echo",
		entry{What: "increment", N: 3})
	fmt.Printf("%+v %v\n", got, err)
	// Output: {What:increment N:3} <nil>
}

func ExampleStub_Fetch() {
	w := start()
	defer w.Close()
	counter := w.Namespace("COUNTER").GetByName("example")

	resp, err := counter.Fetch(httptest.NewRequest(http.MethodPost, "/", strings.NewReader("5")))
	if err != nil {
		log.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Status, string(body))
	// Output: 200 OK {"count":5}
}

func ExampleWorker_Handler() {
	w := start()
	defer w.Close()
	srv := httptest.NewServer(w.Handler())
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/counter/web")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, resp.Header.Get("X-Counter"), string(body))
	// Output: 200 web {"count":0}
}

func ExampleWorker_RunInDurableObject() {
	w := start()
	defer w.Close()
	counter := w.Namespace("COUNTER").GetByName("example")
	_, _ = counter.Call(context.Background(), "increment", 3)

	err := w.RunInDurableObject(counter, func(o *cloudflaretest.Object) error {
		rows, err := o.SQL("SELECT what, n FROM log")
		fmt.Println(rows, err)
		if err := o.KV().Put("count", 10); err != nil {
			return err
		}
		v, err := o.Eval("instance.get()")
		fmt.Println(v, err)
		return nil
	})
	fmt.Println(err)
	// Output:
	// [map[n:3 what:increment]] <nil>
	// 10 <nil>
	// <nil>
}

func ExampleWorker_RunAlarm() {
	w := start()
	defer w.Close()
	ctx := context.Background()
	counter := w.Namespace("COUNTER").GetByName("example")

	_, _ = counter.Call(ctx, "scheduleIn", time.Hour.Milliseconds())
	ran, err := w.RunAlarm(counter)
	fmt.Println(ran, err)
	n, _ := counter.Call(ctx, "get")
	fmt.Println(n)
	ran, _ = w.RunAlarm(counter)
	fmt.Println(ran)
	// Output:
	// true <nil>
	// 100
	// false
}

func ExampleWorker_Advance() {
	w := start()
	defer w.Close()
	ctx := context.Background()
	counter := w.Namespace("COUNTER").GetByName("example")

	_ = w.Advance(0) // the clock stands still from now on
	_, _ = counter.Call(ctx, "later", 1000)
	_, _ = counter.Call(ctx, "scheduleIn", time.Hour.Milliseconds())

	_ = w.Advance(time.Second)
	n, _ := counter.Call(ctx, "get")
	fmt.Println("after a second:", n)
	_ = w.Advance(time.Hour)
	n, _ = counter.Call(ctx, "get")
	fmt.Println("after an hour:", n)
	// Output:
	// after a second: 1
	// after an hour: 101
}

func ExampleWorker_ListDurableObjectIDs() {
	w := start()
	defer w.Close()
	ns := w.Namespace("COUNTER")
	_, _ = ns.GetByName("a").Call(context.Background(), "increment")

	ids, err := w.ListDurableObjectIDs(ns)
	fmt.Println(len(ids), ids[0].Name(), err)
	// Output: 1 a <nil>
}

func ExampleWorker_Evict() {
	w := start()
	defer w.Close()
	counter := w.Namespace("COUNTER").GetByName("example")
	_, _ = counter.Call(context.Background(), "later", 60_000)

	// The instance goes, with the timer count it kept in memory; storage stays.
	fmt.Println(w.Evict(counter))
	_ = w.RunInDurableObject(counter, func(o *cloudflaretest.Object) error {
		pending, _ := o.Eval("instance.pending")
		fmt.Println(pending)
		return nil
	})
	// Output:
	// <nil>
	// 0
}

func ExampleDecode() {
	var counts map[string]int
	err := cloudflaretest.Decode(map[string]any{"a": 1.0, "b": 2.0}, &counts)
	fmt.Println(counts, err)
	// Output: map[a:1 b:2] <nil>
}
