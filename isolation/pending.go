package isolation

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/vitest"
)

// ErrPendingWork is wrapped by the error of a scope that ended with waitUntil work pending.
var ErrPendingWork = errors.New("work handed to waitUntil() was still pending")

// WaitUntil records that work was handed to waitUntil at site (a "file:line:column" or a
// short description), so that a frame that ends with it pending can say where it came from.
// Call the returned function once the work settles. cloudflare:test's ExecutionContext
// records its work here; the engine's own ctx.waitUntil is seen only as pending work.
func (s *Stack) WaitUntil(site string) (settled func()) {
	if len(s.frames) == 0 {
		return func() {}
	}
	s.waitSeq++
	id := s.waitSeq
	s.waits[id] = &wait{site: site, f: s.top()}
	return func() { delete(s.waits, id) }
}

// wait is work recorded by WaitUntil and not settled yet, with the frame that answers for it.
type wait struct {
	site string
	f    *frame
}

// checkPending fails a frame that ends with waitUntil work pending. Work pending already
// when the frame was pushed, or already reported by an inner frame, is not this frame's to
// report: the engine's drain cannot tell old work from new. The file's frame, left from Go
// once every test ran, waits for the work first.
func (s *Stack) checkPending(f *frame) error {
	pending := s.workPending()
	if pending && f.kind == vitest.ScopeFile && !s.rt.Loop.Busy() {
		pending = !s.drain()
	}
	if !pending || f.pendingAtPush || s.reports != f.reportsAtPush {
		s.handOver(f)
		return nil
	}
	s.reports++
	err := fmt.Errorf("%w when the %s ended: %s", ErrPendingWork, scopeNoun(f.kind), s.describeWaits(f))
	for id, w := range s.waits {
		if w.f == f {
			delete(s.waits, id)
		}
	}
	return err
}

// handOver gives the work the frame recorded and that is still pending to the frame below,
// which may yet be the one that reports it; with no frame below it is forgotten.
func (s *Stack) handOver(f *frame) {
	for id, w := range s.waits {
		if w.f != f {
			continue
		}
		if len(s.frames) == 0 {
			delete(s.waits, id)
		} else {
			w.f = s.top()
		}
	}
}

// drain runs the loop until the waitUntil work settles, nothing left can settle it, or
// DrainTimeout passes on real time; it reports whether the work settled.
func (s *Stack) drain() bool {
	p, ok := jsrt.AsPromise(s.e.Drain())
	if !ok {
		return true
	}
	// The deadline does not keep the loop alive: work that nothing can settle ends the wait
	// at once.
	expired := false
	deadline := s.rt.Loop.SetTimer(jsrt.RealTimer, s.opts.DrainTimeout, 0, func() error { expired = true; return nil })
	s.rt.Loop.Unref(deadline)
	defer s.rt.Loop.ClearTimer(deadline.ID)
	err := s.rt.Loop.RunUntil(func() bool { return expired || p.State() != goja.PromiseStatePending })
	return err == nil && !expired
}

func scopeNoun(kind vitest.ScopeKind) string {
	switch kind {
	case vitest.ScopeFile:
		return "test file"
	case vitest.ScopeSuite:
		return "describe block"
	default:
		return "test"
	}
}

// describeWaits says where the pending work came from, as far as it was recorded, and what
// to do about it.
func (s *Stack) describeWaits(f *frame) string {
	var b strings.Builder
	var sites []string
	for _, w := range s.waits {
		if w.f == f {
			sites = append(sites, w.site)
		}
	}
	slices.Sort(sites)
	switch len(sites) {
	case 0:
		b.WriteString("the work came from ctx.waitUntil() in the worker or a Durable Object")
	case 1:
		b.WriteString("the promise passed to ctx.waitUntil() at " + sites[0])
	default:
		b.WriteString("the promises passed to ctx.waitUntil() at " + strings.Join(sites, ", "))
	}
	b.WriteString(". Isolation cannot wait for it: await it before the " + scopeNoun(f.kind) +
		" ends (waitOnExecutionContext(ctx), or vi.waitUntil() for work the worker started)")
	return b.String()
}
