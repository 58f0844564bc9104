package cloudflaretest_test

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/dotest-dev/dotest/cloudflaretest"
)

// The projects the tests drive: the fixture of the README, and one with the odd cases.
const (
	fixture = "../fixtures/gotest"
	edge    = "testdata/edge"
)

// recorder is a testing.TB that records failures instead of failing the test, so that tests
// can check what New and Sub report. Fatal ends the goroutine, as testing's does; run New
// through record.
type recorder struct {
	testing.TB
	name string

	mu     sync.Mutex
	errors []string
	fatal  string
	output strings.Builder
}

func (r *recorder) Output() io.Writer { return recorderOutput{r} }

type recorderOutput struct{ r *recorder }

func (o recorderOutput) Write(p []byte) (int, error) {
	o.r.mu.Lock()
	defer o.r.mu.Unlock()
	return o.r.output.Write(p)
}

func (r *recorder) Name() string {
	if r.name != "" {
		return r.name
	}
	return r.TB.Name()
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.fatal = fmt.Sprintf(format, args...)
	r.mu.Unlock()
	runtime.Goexit()
}

// record runs f with a recorder over t on a goroutine of its own, so that a Fatal ends only
// that goroutine, and returns the recorder.
func record(t *testing.T, f func(r *recorder)) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r
}

// newEdge starts the edge project for t.
func newEdge(t *testing.T) *cloudflaretest.Worker {
	t.Helper()
	return cloudflaretest.New(t, edge)
}
