package expect

import (
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"
)

func TestInstallInBareRuntimes(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			vm := goja.New()
			lib, err := Install(vm)
			if err != nil {
				errs <- err
				return
			}
			for _, name := range []string{"expect", "createExpect", "AssertionError", "setState", "checkAssertions",
				"format", "diff", "fn", "spyOn", "mocked", "isMockFunction", "restoreAllMocks", "clearAllMocks",
				"resetAllMocks"} {
				if goja.IsUndefined(lib.Get(name)) {
					t.Errorf("lib.%s is missing", name)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

func TestRuntimesAreIndependent(t *testing.T) {
	vm1, _ := newRuntime(t)
	vm2, _ := newRuntime(t)
	runJS(t, vm1, `globalThis.spy = vi.fn(); spy()
		expect.extend({ toBeOne(x) { return { pass: x === 1, message: () => '' } } })`)
	got := runJS(t, vm2, `[typeof expect(1).toBeOne, (vi.resetAllMocks(), 'ok')].join(',')`).String()
	if got != "undefined,ok" {
		t.Fatalf("second runtime saw the first one's state: %s", got)
	}
	if n := runJS(t, vm1, `spy.mock.calls.length`).ToInteger(); n != 1 {
		t.Fatalf("calls = %d, want 1", n)
	}
}

func TestSourceIsOneFunction(t *testing.T) {
	src, err := Source()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(src, "(function () {") || !strings.HasSuffix(src, "})") {
		t.Fatalf("unexpected wrapper: %.40q ... %.10q", src, src[len(src)-10:])
	}
}

func TestLibraryHelpers(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"format", `return lib.format({ a: [1, 'x'] })`, `"{\n  \"a\": [\n    1,\n    \"x\",\n  ],\n}"`},
		{"stringify", `return lib.stringify('x')`, `"\"x\""`},
		{"diff", `return lib.diff({ a: 1 }, { a: 2 })`,
			`"- Expected\n+ Received\n\n  {\n-   \"a\": 1,\n+   \"a\": 2,\n  }"`},
		{"diff of equal values", `return lib.diff(1, 1)`, `""`},
		{"equals", `return [lib.equals({ a: undefined }, {}), lib.equals({ a: undefined }, {}, true)]`,
			`[true, false]`},
		{"unreachable", `expect.unreachable('x')`,
			`{"error": {"name": "AssertionError", "message": "expected \"x\" not to be reached"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameJSON(t, tt.name, evalCase(t, "", tt.body), tt.want)
		})
	}
}
