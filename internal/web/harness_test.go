package web

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// harness is a runtime with the web platform, recording uncaught errors and console lines.
type harness struct {
	*jsrt.Runtime
	errors []*jsrt.Exception
	out    []string
}

func newHarness(t testing.TB, cfg Config) *harness {
	t.Helper()
	h := &harness{}
	rt, err := jsrt.New(jsrt.Options{Console: func(stream, text string) { h.out = append(h.out, text) }})
	require.NoError(t, err)
	require.NoError(t, Install(rt, cfg))
	rt.SetErrorHandler(func(ex *jsrt.Exception) { h.errors = append(h.errors, ex) })
	// advance(ms) switches the clock to fake time and moves it, running due timers.
	require.NoError(t, rt.VM.Set("advance", func(ms float64) {
		rt.Clock.UseFake()
		if err := rt.Loop.Advance(toMillis(ms)); err != nil {
			panic(rt.VM.NewGoError(err))
		}
	}))
	h.Runtime = rt
	return h
}

// eval runs src as the body of an async function and waits for what it returns; a value
// that is not a string comes back JSON-encoded.
func (h *harness) eval(t testing.TB, src string) (string, error) {
	t.Helper()
	code := "(async () => {\n" + src + "\n})().then((v) => typeof v === 'string' ? v : JSON.stringify(v))"
	out := api.Transform(code, api.TransformOptions{
		Loader: api.LoaderJS, Target: api.ESNext,
		Supported: map[string]bool{"async-generator": false, "for-await": false, "using": false},
	})
	if len(out.Errors) > 0 {
		t.Fatalf("snippet does not parse: %v", out.Errors[0].Text)
	}
	prg, err := goja.Compile("test.js", string(out.Code), false)
	require.NoError(t, err)
	v, err := h.Run(prg)
	require.NoError(t, err)
	res, err := h.Await(v)
	if err != nil {
		return "", err
	}
	return res.String(), nil
}

// jsCase is one snippet and what it must return, or the error it must throw as
// "Name: message".
type jsCase struct {
	name    string
	src     string
	want    string
	wantErr string
}

// runCases runs each case in a fresh runtime.
func runCases(t *testing.T, cases []jsCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			got, err := h.eval(t, tc.src)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, tc.wantErr, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			for _, ex := range h.errors {
				t.Errorf("uncaught %s: %s", ex.Origin, ex.Error())
			}
		})
	}
}
