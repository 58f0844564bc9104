package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
)

// sharedTransport carries the network fetches of every runtime whose Config has no Outbound.
var sharedTransport = sync.OnceValue(func() http.RoundTripper {
	return http.DefaultTransport.(*http.Transport).Clone()
})

// fetcher sends the fetches that reach the network. Its maps live on the loop goroutine; the
// HTTP work runs on goroutines of its own and comes back as loop tasks.
type fetcher struct {
	e        *env
	client   *http.Client
	nextID   int
	inflight map[int]context.CancelFunc
	bodies   map[int]io.ReadCloser
}

func fetchNatives(e *env) goja.Value {
	transport := e.cfg.Outbound
	if transport == nil {
		transport = sharedTransport()
	}
	f := &fetcher{
		e: e,
		client: &http.Client{
			Transport: transport,
			// Redirects are followed in JS, for every response, as workerd does.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		inflight: map[int]context.CancelFunc{},
		bodies:   map[int]io.ReadCloser{},
	}
	return e.natives(map[string]any{
		"send":       f.send,
		"read":       f.read,
		"close":      f.close,
		"abort":      f.abort,
		"resolveURL": e.resolveURL,
		"origin":     urlOrigin,
		"reference":  internalReference,
	})
}

// send starts a request and returns its id; onResponse(status, statusText, headers, bodyID)
// or onError(kind, message) runs later as a loop task. An aborted request calls neither: its
// JS side has already rejected with the signal's reason.
func (f *fetcher) send(method, url string, headers [][]string, body goja.Value, onResponse, onError goja.Callable) int {
	f.nextID++
	id := f.nextID
	var payload io.Reader
	if b, ok := f.e.bytesOf(body); ok {
		payload = bytes.NewReader(bytes.Clone(b))
	}
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		f.reject(onError, "unsupported", "Fetch API cannot load: "+url)
		return id
	}
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, method, url, payload)
	if err != nil {
		cancel()
		f.reject(onError, "unsupported", "Fetch API cannot load: "+url)
		return id
	}
	setRequestHeaders(req, headers)
	f.inflight[id] = cancel

	f.e.rt.Loop.Go(func() jsrt.Task {
		resp, err := f.client.Do(req)
		return func() error {
			delete(f.inflight, id)
			if ctx.Err() != nil {
				if resp != nil {
					resp.Body.Close()
				}
				return nil
			}
			if err != nil {
				cancel()
				_, cerr := onError(goja.Undefined(), f.e.vm.ToValue(errorKind(err)), f.e.vm.ToValue(err.Error()))
				return f.e.taskError("fetch", cerr)
			}
			f.nextID++
			bodyID := f.nextID
			f.bodies[bodyID] = cancelOnClose{resp.Body, cancel}
			_, cerr := onResponse(goja.Undefined(), f.e.vm.ToValue(resp.StatusCode),
				f.e.vm.ToValue(statusTextOf(resp)), f.e.vm.ToValue(headerPairs(resp.Header)), f.e.vm.ToValue(bodyID))
			return f.e.taskError("fetch", cerr)
		}
	})
	return id
}

func (f *fetcher) reject(onError goja.Callable, kind, message string) {
	f.e.rt.Loop.Enqueue(func() error {
		_, err := onError(goja.Undefined(), f.e.vm.ToValue(kind), f.e.vm.ToValue(message))
		return f.e.taskError("fetch", err)
	})
}

// cancelOnClose releases the request's context with its body.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

func setRequestHeaders(req *http.Request, headers [][]string) {
	// Go adds a User-Agent of its own unless one is set; workerd sends none.
	req.Header.Set("User-Agent", "")
	for _, kv := range headers {
		if len(kv) != 2 {
			continue
		}
		if strings.EqualFold(kv[0], "host") {
			req.Host = kv[1]
			continue
		}
		if strings.EqualFold(kv[0], "user-agent") {
			req.Header.Set("User-Agent", kv[1])
			continue
		}
		req.Header.Add(kv[0], kv[1])
	}
}

func statusTextOf(resp *http.Response) string {
	_, text, _ := strings.Cut(resp.Status, " ")
	return text
}

func headerPairs(h http.Header) [][]string {
	var out [][]string
	for name, values := range h {
		for _, v := range values {
			out = append(out, []string{name, v})
		}
	}
	return out
}

// errorKind sorts a transport error the way workerd reports it: a lost or refused connection
// is "disconnected" (Error: Network connection lost.); anything else, a failed DNS lookup
// included, is an internal error.
func errorKind(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH),
		errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNABORTED),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "disconnected"
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" && !isDNS(err) {
		return "disconnected"
	}
	return "internal"
}

func isDNS(err error) bool {
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

// read reads the next chunk of a response body; cb(chunk, false) gets bytes, cb(null, false)
// the end, cb(null, true) a failure.
func (f *fetcher) read(id int, cb goja.Callable) {
	body, ok := f.bodies[id]
	if !ok {
		f.e.rt.Loop.Enqueue(func() error {
			_, err := cb(goja.Undefined(), goja.Null(), f.e.vm.ToValue(false))
			return f.e.taskError("fetch", err)
		})
		return
	}
	f.e.rt.Loop.Go(func() jsrt.Task {
		buf := make([]byte, 64<<10)
		n, err := io.ReadAtLeast(body, buf, 1)
		return func() error {
			var chunk goja.Value = goja.Null()
			failed := false
			switch {
			case n > 0:
				chunk = f.e.newUint8Array(buf[:n])
			case err != nil && !errors.Is(err, io.EOF):
				failed = true
			}
			_, cerr := cb(goja.Undefined(), chunk, f.e.vm.ToValue(failed))
			return f.e.taskError("fetch", cerr)
		}
	})
}

// close releases a response body that is finished or no longer wanted.
func (f *fetcher) close(id int) {
	if body, ok := f.bodies[id]; ok {
		delete(f.bodies, id)
		body.Close()
	}
}

// abort cancels a request still waiting for its response.
func (f *fetcher) abort(id int) {
	if cancel, ok := f.inflight[id]; ok {
		delete(f.inflight, id)
		cancel()
	}
}

// resolveURL resolves a Location header against the URL it came from, or returns null.
func (e *env) resolveURL(location, base string) goja.Value {
	b, err := parseURL(base, nil)
	if err != nil {
		return goja.Null()
	}
	u, err := parseURL(location, b)
	if err != nil {
		return goja.Null()
	}
	return e.vm.ToValue(u.href(false))
}

func urlOrigin(s string) string {
	u, err := parseURL(s, nil)
	if err != nil {
		return "null"
	}
	return u.origin()
}

// internalReference makes the id workerd prints with an internal error.
func internalReference() string {
	const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
