package web

import (
	"net/http"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

func TestNewRequestAndReadResponse(t *testing.T) {
	h := newHarness(t, Config{})
	req, err := NewRequest(h.Runtime, "POST", "https://do.test/x", http.Header{"X-A": {"1"}}, []byte("payload"))
	require.NoError(t, err)

	prg := goja.MustCompile("handler.js",
		`(async (req) => new Response(req.method + " " + await req.text() + " " + req.headers.get("x-a"),
		{ status: 201, headers: { "X-Out": "o" } }))`, false)
	fn, err := h.VM.RunProgram(prg)
	require.NoError(t, err)
	call, _ := goja.AssertFunction(fn)
	promise, err := call(goja.Undefined(), req)
	require.NoError(t, err)

	res, err := ReadResponse(h.Runtime, promise)
	require.NoError(t, err)
	assert.Equal(t, 201, res.Status)
	assert.Equal(t, "Created", res.StatusText)
	assert.Equal(t, "o", res.Header.Get("X-Out"))
	assert.Equal(t, "POST payload 1", string(res.Body))
	assert.Nil(t, res.WebSocket)
}

func TestNewRequestErrors(t *testing.T) {
	h := newHarness(t, Config{})
	_, err := NewRequest(h.Runtime, "GET", "/relative", nil, nil)
	var ex *goja.Exception
	require.ErrorAs(t, err, &ex)
	assert.Contains(t, err.Error(), "Invalid URL: /relative")

	_, err = ReadResponse(h.Runtime, h.VM.ToValue(42))
	assert.ErrorIs(t, err, ErrNotAResponse)

	bare, err := jsrt.New(jsrt.Options{})
	require.NoError(t, err)
	_, err = NewRequest(bare, "GET", "https://x/", nil, nil)
	assert.ErrorIs(t, err, ErrNotInstalled)
}
