package cloudflaretest_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/cloudflaretest"
)

func TestFetchAnObject(t *testing.T) {
	w := newEdge(t)
	thing := w.Namespace("THING").GetByName("a")

	req := httptest.NewRequest(http.MethodPost, "/path?q=1", strings.NewReader("payload"))
	req.Header.Set("X-Test", "1")
	resp, err := thing.Fetch(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)

	assert.Equal(t, 201, resp.StatusCode)
	assert.Equal(t, "201 Created", resp.Status)
	assert.Equal(t, "POST http://example.com/path?q=1 payload", string(body))
	assert.Equal(t, "yes", resp.Header.Get("X-Thing"))
	assert.Equal(t, []string{"a=1"}, resp.Header.Values("Set-Cookie"))
	assert.Same(t, req, resp.Request)

	abs, err := http.NewRequest(http.MethodGet, "https://worker.test/x", nil)
	require.NoError(t, err)
	resp, err = thing.Fetch(abs)
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	assert.Equal(t, "GET https://worker.test/x ", string(body))
}

func TestFetchRefusesWebSockets(t *testing.T) {
	w := newEdge(t)
	req := httptest.NewRequest(http.MethodGet, "/ws", nil)
	req.Header.Set("Upgrade", "websocket")
	_, err := w.Namespace("THING").GetByName("a").Fetch(req)
	assert.ErrorContains(t, err, "the response upgrades to a WebSocket, which Go cannot drive yet")
}

func TestSelf(t *testing.T) {
	w := newEdge(t)

	var sum int
	require.NoError(t, w.Self().CallInto(t.Context(), &sum, "add", 2, 3))
	assert.Equal(t, 5, sum)

	resp, err := w.Self().Fetch(httptest.NewRequest(http.MethodGet, "/hi", nil))
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, "entry GET /hi", string(body))

	_, err = w.Self().Fetch(httptest.NewRequest(http.MethodGet, "/boom", nil))
	var js *cloudflaretest.JSError
	require.ErrorAs(t, err, &js)
	assert.Equal(t, "the handler threw", js.Message)
}

func TestHandlerServesHTTP(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	srv := httptest.NewServer(w.Handler())
	defer srv.Close()

	resp, err := http.Post(srv.URL+"/counter/web", "text/plain", strings.NewReader("3"))
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.JSONEq(t, `{"count":3}`, string(body))
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))

	resp, err = http.Get(srv.URL + "/anything")
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "hello from /anything", string(body))
}

func TestHandlerAnswersErrors(t *testing.T) {
	var handler http.Handler
	t.Run("owner", func(t *testing.T) {
		w := newEdge(t)
		handler = w.Handler()

		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/boom", nil))
		assert.Equal(t, http.StatusInternalServerError, rec.Code)
		assert.Equal(t, "Error: the handler threw\n", rec.Body.String())
	})

	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Contains(t, rec.Body.String(), "the worker is closed")
}
