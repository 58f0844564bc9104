package cloudflaretest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/web"
)

// Call calls a method of the stub's object with args, as `await stub[method](...args)` does in
// JS, and returns what it returned. The call goes through the engine's RPC path, so arguments
// and the result are structured-cloned as in production, the object's gates apply, and its
// storage writes have committed when Call returns.
//
// Arguments are converted to JavaScript and the result back to Go as the package
// documentation describes; Decode or CallInto turns the result into a typed value. A method
// that throws gives a *JSError with the receiver's name, message and stack; a method the
// object lacks gives workerd's TypeError.
//
// When ctx ends first, Call returns ctx.Err() and the call goes on in the runtime; its result is
// dropped. A ctx without a deadline gets the worker's timeout (WithTimeout).
func (s *Stub) Call(ctx context.Context, method string, args ...any) (any, error) {
	if err := s.w.check(); err != nil {
		return nil, err
	}
	h := s.w.h
	return h.await(ctx, func() string { return "call " + strconv.Quote(method) }, func(id int64) error {
		stub, err := h.jsStub(s)
		if err != nil {
			return err
		}
		jsArgs := make([]any, len(args))
		for i, a := range args {
			v, err := toJS(h.rt.VM, a)
			if err != nil {
				return fmt.Errorf("call %q: argument %d: %w", method, i+1, err)
			}
			jsArgs[i] = v
		}
		return h.settle(id, h.js.call, stub, h.rt.VM.ToValue(method), h.rt.VM.NewArray(jsArgs...))
	}, h.fromJS)
}

// CallInto is Call followed by Decode of the result into out, a pointer.
func (s *Stub) CallInto(ctx context.Context, out any, method string, args ...any) error {
	v, err := s.Call(ctx, method, args...)
	if err != nil {
		return err
	}
	return Decode(v, out)
}

// Fetch sends req to the stub's fetch handler, as stub.fetch(request) does, and returns the
// response with its body read in full. A URL without scheme and host (as
// httptest.NewRequest makes from a path) is taken as http://<req.Host><path>. The request's
// context bounds the call as ctx bounds Call. A response that upgrades to a WebSocket is an
// error: WebSockets cannot be driven from Go yet.
func (s *Stub) Fetch(req *http.Request) (*http.Response, error) {
	if err := s.w.check(); err != nil {
		return nil, err
	}
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, fmt.Errorf("failed to read the request body: %w", err)
		}
		body = b
	}
	url := absoluteURL(req)

	h := s.w.h
	v, err := h.await(req.Context(), func() string { return "fetch " + url }, func(id int64) error {
		stub, err := h.jsStub(s)
		if err != nil {
			return err
		}
		jsReq, err := web.NewRequest(h.rt, req.Method, url, req.Header, body)
		if err != nil {
			return err
		}
		return h.settle(id, h.js.fetchVia, stub, jsReq)
	}, h.readResponse)
	if err != nil {
		return nil, err
	}
	resp := v.(*http.Response)
	resp.Request = req
	return resp, nil
}

// absoluteURL is the URL a worker sees for req.
func absoluteURL(req *http.Request) string {
	if req.URL.IsAbs() {
		return req.URL.String()
	}
	scheme, host := "http", req.Host
	if req.TLS != nil {
		scheme = "https"
	}
	if host == "" {
		host = "example.com"
	}
	return scheme + "://" + host + req.URL.RequestURI()
}

// readResponse converts what host.js fetchVia read: [status, statusText, headers, body,
// isWebSocket].
func (h *host) readResponse(v goja.Value) (any, error) {
	arr := v.ToObject(h.rt.VM)
	if arr.Get("4").ToBoolean() {
		return nil, fmt.Errorf("the response upgrades to a WebSocket, which Go cannot drive yet: " +
			"test WebSockets from a JS test file")
	}
	status := int(arr.Get("0").ToInteger())
	text := arr.Get("1").String()
	if text == "" {
		text = http.StatusText(status)
	}
	header := http.Header{}
	pairs := arr.Get("2").ToObject(h.rt.VM)
	for i := range pairs.Get("length").ToInteger() {
		pair := pairs.Get(strconv.FormatInt(i, 10)).ToObject(h.rt.VM)
		header.Add(pair.Get("0").String(), pair.Get("1").String())
	}
	body := append([]byte(nil), arr.Get("3").Export().(goja.ArrayBuffer).Bytes()...)
	return &http.Response{
		Status:        strconv.Itoa(status) + " " + text,
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        header,
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
	}, nil
}

// Handler returns an http.Handler that sends each request to the worker's default export, as
// SELF.fetch does, for httptest.NewServer or any Go HTTP client. A request that fails in the
// worker (its fetch handler threw) answers 500 with the error's text, as wrangler dev shows it;
// one made after the worker closed answers 503.
func (w *Worker) Handler() http.Handler {
	self := w.Self()
	return http.HandlerFunc(func(rw http.ResponseWriter, req *http.Request) {
		resp, err := self.Fetch(req)
		if err != nil {
			status := http.StatusInternalServerError
			if w.check() != nil {
				status = http.StatusServiceUnavailable
			}
			http.Error(rw, err.Error(), status)
			return
		}
		defer resp.Body.Close()
		for name, values := range resp.Header {
			rw.Header()[name] = values
		}
		rw.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(rw, resp.Body)
	})
}
