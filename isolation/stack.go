package isolation

import (
	_ "embed"
	"errors"
	"fmt"
	"time"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/objects"
	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/internal/vitest"
)

// DefaultDrainTimeout is how long leaving a file waits for waitUntil work, as the current
// Workers pool waits before it gives up on a batch.
const DefaultDrainTimeout = 30 * time.Second

// ErrNotNested is returned by Leave for a scope that is not the innermost one entered.
var ErrNotNested = errors.New("scopes left out of order")

// Options configure a Stack.
type Options struct {
	// Mode says which scopes get a frame: every scope with IsolateTest, only the file with
	// IsolateFile.
	Mode project.Isolation
	// KeepFileWrites makes the file's frame hold no savepoint and delete no object, so that
	// what a file writes outside its tests stays in storage: with --persist that is the point.
	// Tests and describe blocks are still undone.
	KeepFileWrites bool
	// DrainTimeout bounds how long leaving the file waits for waitUntil work; zero means
	// DefaultDrainTimeout.
	DrainTimeout time.Duration
}

// Stack is the frame stack of one runtime's Durable Object engine. It implements
// vitest.Scopes; like the engine, it is for the goroutine that owns the runtime.
type Stack struct {
	rt     *jsrt.Runtime
	e      *objects.Engine
	opts   Options
	frames []*frame
	stores []Store

	// hidden are objects that reset() wiped in place, kept while a frame holds their old
	// storage: listDurableObjectIds leaves them out until they run again. The value is the
	// depth of the frame that wiped them.
	hidden map[*objects.Object]int

	reports int // pending-work failures reported, so that one stuck promise fails one scope
	waits   map[int]*wait
	waitSeq int
}

// frame is what one scope changed: the objects it holds a savepoint on, the objects first
// created under it, and what it must close.
type frame struct {
	kind    vitest.ScopeKind
	saved   bool // holds savepoints (false for a file frame with KeepFileWrites)
	pushed  []*objects.Object
	stores  []Store // the stores it holds a savepoint on
	created []*objects.Object
	sockets []func()

	pendingAtPush bool
	reportsAtPush int
}

// New returns the frame stack of the engine installed in rt. It starts tracking the objects
// the engine creates and the WebSocket pairs the runtime's code makes.
func New(rt *jsrt.Runtime, e *objects.Engine, opts Options) (*Stack, error) {
	if opts.DrainTimeout <= 0 {
		opts.DrainTimeout = DefaultDrainTimeout
	}
	s := &Stack{rt: rt, e: e, opts: opts, hidden: map[*objects.Object]int{}, waits: map[int]*wait{}}
	e.OnObjectCreated(s.created)
	if err := s.trackSockets(); err != nil {
		return nil, fmt.Errorf("failed to install isolation: %w", err)
	}
	return s, nil
}

// Depth is the number of frames open.
func (s *Stack) Depth() int { return len(s.frames) }

// framed reports whether scopes of this kind get a frame.
func (s *Stack) framed(kind vitest.ScopeKind) bool {
	return kind == vitest.ScopeFile || s.opts.Mode == project.IsolateTest
}

// Enter pushes a frame for the scope, when the mode gives it one.
func (s *Stack) Enter(kind vitest.ScopeKind) error {
	if !s.framed(kind) {
		return nil
	}
	return s.push(kind)
}

// Leave pops the scope's frame: see the package documentation for what that undoes. Every
// step runs even when one fails; the error joins what went wrong.
func (s *Stack) Leave(kind vitest.ScopeKind) error {
	if !s.framed(kind) {
		return nil
	}
	if kind == vitest.ScopeFile && len(s.frames) > 1 && s.frames[0].kind == vitest.ScopeFile {
		// The runner gave up on the file (its runtime was interrupted) inside a test: the
		// runtime cannot run JS any more, and its engine is closed next, frames and all.
		s.frames = nil
		return nil
	}
	if len(s.frames) == 0 || s.top().kind != kind {
		return fmt.Errorf("failed to leave the %s scope: %w", kind, ErrNotNested)
	}
	return s.pop()
}

func (s *Stack) top() *frame { return s.frames[len(s.frames)-1] }

// push evicts every instance and opens a savepoint on every database. A database that
// refuses (a transaction left open across the boundary) undoes the savepoints taken so far.
func (s *Stack) push(kind vitest.ScopeKind) error {
	f := &frame{kind: kind, saved: kind != vitest.ScopeFile || !s.opts.KeepFileWrites}
	f.pendingAtPush, f.reportsAtPush = s.workPending(), s.reports
	s.e.EvictAll()
	if f.saved {
		for _, o := range s.e.Objects() {
			if _, err := o.DB().PushFrame(); err != nil {
				for _, done := range f.pushed {
					_ = done.DB().PopFrame()
				}
				return fmt.Errorf("failed to push a frame on Durable Object %s: %w", o, err)
			}
			f.pushed = append(f.pushed, o)
		}
		if err := s.pushStores(f); err != nil {
			return err
		}
	}
	s.frames = append(s.frames, f)
	return nil
}

// pop undoes the top frame, in the order that keeps each step from seeing the next one's
// leftovers: pending work is judged first, sockets close before instances go, instances go
// before their storage is rolled back.
func (s *Stack) pop() error {
	f := s.top()
	s.frames = s.frames[:len(s.frames)-1]

	var errs []error
	if err := s.checkPending(f); err != nil {
		errs = append(errs, err)
	}
	for i := len(f.sockets) - 1; i >= 0; i-- {
		f.sockets[i]()
	}
	s.e.EvictAll()
	if f.saved {
		errs = append(errs, s.rollBack(f)...)
	}
	s.forgetHidden()
	return errors.Join(errs...)
}

// rollBack deletes the objects the frame created and returns the others to where it found
// them, alarms included.
func (s *Stack) rollBack(f *frame) []error {
	var errs []error
	for _, o := range f.created {
		if err := s.e.DeleteObject(o); err != nil {
			errs = append(errs, err)
		}
	}
	for _, o := range f.pushed {
		db := o.DB()
		if db == nil {
			continue // deleted since, with its frames
		}
		if err := db.PopFrame(); err != nil {
			errs = append(errs, fmt.Errorf("failed to pop the frame of Durable Object %s: %w", o, err))
			continue
		}
		s.e.RestoreAlarm(o)
	}
	for _, st := range f.stores {
		if err := st.PopFrame(); err != nil {
			errs = append(errs, fmt.Errorf("failed to pop the frame of %s: %w", st, err))
		}
	}
	return errs
}

// created is the engine's hook for an object whose storage was just opened: the frame on
// top owns it. Objects created with no frame open belong to no scope and stay.
func (s *Stack) created(o *objects.Object) {
	if len(s.frames) > 0 {
		f := s.top()
		f.created = append(f.created, o)
	}
}

// forgetHidden drops the reset marks of frames that are gone: their storage is back.
func (s *Stack) forgetHidden() {
	for o, depth := range s.hidden {
		if depth > len(s.frames) {
			delete(s.hidden, o)
		}
	}
}

// workPending reports whether promises handed to waitUntil are still pending: the engine's
// drain promise settles at once when none is.
func (s *Stack) workPending() bool {
	p, ok := jsrt.AsPromise(s.e.Drain())
	return ok && p.State() == goja.PromiseStatePending
}
