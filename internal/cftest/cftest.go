package cftest

import (
	_ "embed"
	"fmt"
	"log/slog"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/objects"
	"github.com/dotest-dev/dotest/isolation"
)

// ModuleName is the name tests import the helpers by.
const ModuleName = "cloudflare:test"

// Options configure Install.
type Options struct {
	// Isolation is the runtime's frame stack: reset() goes through it so that frames can undo
	// it, listDurableObjectIds hides what reset() wiped, and ExecutionContext work is named
	// when a frame ends with it pending. Nil means no frames: reset() deletes objects outright.
	Isolation *isolation.Stack
	// Root is the project's directory: the places the helpers name are relative to it.
	Root string
	// Logger receives what the helpers report that is no error of a test; nil discards it.
	Logger *slog.Logger
}

var (
	//go:embed js/test.js
	testSource string
	//go:embed js/events.js
	eventsSource string
	//go:embed js/fetchmock.js
	fetchMockSource string

	testProgram      = jsrt.MustCompile("dotest:cftest/test.js", testSource)
	eventsProgram    = jsrt.MustCompile("dotest:cftest/events.js", eventsSource)
	fetchMockProgram = jsrt.MustCompile("dotest:cftest/fetchmock.js", fetchMockSource)
)

// helpers is the Go side of the module in one runtime.
type helpers struct {
	rt   *jsrt.Runtime
	vm   *goja.Runtime
	e    *objects.Engine
	opts Options
}

// Install defines the module cloudflare:test in rt, over the Durable Object engine e. The
// module is built the first time a bundle imports it, so a file that does not import it pays
// nothing.
func Install(rt *jsrt.Runtime, e *objects.Engine, opts Options) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	h := &helpers{rt: rt, vm: rt.VM, e: e, opts: opts}
	rt.DefineModule(ModuleName, func(*jsrt.Runtime) (goja.Value, error) {
		v, err := h.build()
		if err != nil {
			return nil, fmt.Errorf("failed to build %s: %w", ModuleName, err)
		}
		return v, nil
	})
}

// build runs the embedded JS: the event helpers and fetchMock first, then the module that
// gathers them with the Durable Object helpers.
func (h *helpers) build() (goja.Value, error) {
	natives := h.natives()
	workers := h.e.Module()
	events, err := h.rt.Setup(eventsProgram, natives, workers)
	if err != nil {
		return nil, err
	}
	fetchMock, err := h.rt.Setup(fetchMockProgram, h.rt.Host())
	if err != nil {
		return nil, err
	}
	return h.rt.Setup(testProgram, natives, workers, h.rt.Host(), events, fetchMock)
}
