package expect

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/dop251/goja"
)

var update = flag.Bool("update", false, "rewrite the golden files from this implementation")

// newRuntime returns a fresh runtime with the library installed as `lib`,
// its global expect as `expect` and a `vi` with the mock functions.
func newRuntime(t testing.TB) (*goja.Runtime, *goja.Object) {
	t.Helper()
	vm := goja.New()
	lib, err := Install(vm)
	if err != nil {
		t.Fatalf("Install: %v", err)
	}
	must(t, vm.Set("lib", lib))
	must(t, vm.Set("expect", lib.Get("expect")))
	_, err = vm.RunString(`var vi = { fn: lib.fn, spyOn: lib.spyOn, mocked: lib.mocked,
		isMockFunction: lib.isMockFunction, restoreAllMocks: lib.restoreAllMocks,
		clearAllMocks: lib.clearAllMocks, resetAllMocks: lib.resetAllMocks }`)
	must(t, err)
	return vm, lib
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// runJS runs src and returns its value; a JS exception fails the test.
func runJS(t testing.TB, vm *goja.Runtime, src string) goja.Value {
	t.Helper()
	v, err := vm.RunString(src)
	if err != nil {
		t.Fatalf("script failed: %v\n%s", err, src)
	}
	return v
}

// describeCases runs every case of a cases file (an object `cases` of
// functions) and records, as JSON, how each one ended. Promises are awaited.
const describeCases = `
(function (cases) {
  lib.setState(lib.newState())
  const out = {}
  const plain = (k, v) => {
    if (v === undefined) return '<undefined>'
    if (typeof v === 'function') return '<function ' + v.name + '>'
    if (typeof v === 'bigint') return v + 'n'
    return v
  }
  const record = (name, e, value) => {
    if (e === undefined) {
      out[name] = { pass: true }
      if (value !== undefined && !(value && value.__flags)) out[name].value = JSON.parse(JSON.stringify(value, plain))
      return
    }
    const r = { pass: false, name: e.name, message: e.message }
    for (const k of ['actual', 'expected', 'diff', 'showDiff', 'operator']) {
      if (e[k] !== undefined) r[k] = e[k]
    }
    out[name] = r
  }
  let chain = Promise.resolve()
  for (const [name, f] of Object.entries(cases)) {
    chain = chain.then(() => f()).then((v) => record(name, undefined, v), (e) => record(name, lib.finishError(e)))
  }
  return chain.then(() => JSON.stringify(out, (k, v) => typeof v === 'bigint' ? v + 'n' : v, 2) + '\n')
})(cases)
`

// runCasesFile runs a cases file in a fresh runtime and returns the JSON
// record of its results.
func runCasesFile(t *testing.T, path string) []byte {
	t.Helper()
	src, err := os.ReadFile(path)
	must(t, err)
	vm, _ := newRuntime(t)
	runJS(t, vm, string(src))
	promise, ok := runJS(t, vm, describeCases).Export().(*goja.Promise)
	if !ok || promise.State() != goja.PromiseStateFulfilled {
		t.Fatalf("cases of %s did not finish", path)
	}
	return []byte(promise.Result().String())
}

// checkGolden compares got with the golden file, case by case, or rewrites
// the file with -update.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		must(t, os.WriteFile(golden, got, 0o644))
		return
	}
	wantText, err := os.ReadFile(golden)
	must(t, err)
	var want, have map[string]map[string]any
	must(t, json.Unmarshal(wantText, &want))
	must(t, json.Unmarshal(got, &have))
	for name, w := range want {
		h, ok := have[name]
		if !ok {
			t.Errorf("%s: case missing from the run", name)
			continue
		}
		for _, key := range []string{"pass", "value", "name", "message", "actual", "expected", "diff", "showDiff",
			"operator"} {
			if !jsonEqual(w[key], h[key]) {
				t.Errorf("%s: %s\n got: %#v\nwant: %#v", name, key, h[key], w[key])
			}
		}
	}
	for name := range have {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: case not in %s (run with -update)", name, filepath.Base(golden))
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func splitText(s string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			lines = append(lines, s[start:i])
			start = i + 1
		}
	}
	return append(lines, s[start:])
}

func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<end of text>"
}
