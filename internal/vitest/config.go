package vitest

import (
	"regexp"
	"time"

	"github.com/dotest-dev/dotest/pool/event"
)

// Default timeouts, as vitest's.
const (
	DefaultTestTimeout = 5 * time.Second
	DefaultHookTimeout = 10 * time.Second
)

// Config is what the runner of one test file needs to know.
type Config struct {
	File    string // absolute path of the test file
	RelFile string // the same path relative to the project root, with forward slashes

	TestNamePattern *regexp.Regexp // -t: run only the tests whose full name matches
	TestTimeout     time.Duration  // per test; zero means DefaultTestTimeout
	HookTimeout     time.Duration  // per hook; zero means DefaultHookTimeout
	UpdateSnapshots bool           // -u: rewrite snapshots that do not match
	CI              bool           // new snapshots are failures, as vitest does in CI
	Globals         bool           // define describe/it/expect/vi/... as globals too

	// AllowOnly lets .only run. vitest refuses it in CI, so a forgotten .only cannot hide the
	// rest of a suite there; the pool sets it from --allowOnly, or to !CI.
	AllowOnly bool

	// Scopes follows the test tree for isolation; nil means none.
	Scopes Scopes

	// Emit receives every event of this file, in order, on the runtime's goroutine:
	// FileCollected once the tests are known (not when the file fails to load), then TestStart
	// and TestEnd for each test, skipped ones included, with Log events in between. Nil
	// discards them.
	Emit func(event.Event)
}

// ScopeKind says which part of the test tree a scope covers.
type ScopeKind int

// The kinds of scope, from the outermost.
const (
	ScopeFile  ScopeKind = iota // the whole file, loading included
	ScopeSuite                  // a describe block: its beforeAll, tests and afterAll
	ScopeTest                   // one attempt of a test: beforeEach, the body, afterEach and the test's own hooks
)

// String names the kind: "file", "suite" or "test".
func (k ScopeKind) String() string {
	switch k {
	case ScopeFile:
		return "file"
	case ScopeSuite:
		return "suite"
	default:
		return "test"
	}
}

// Scopes is how isolation (storage frames) follows the test tree: the runner enters a scope
// before each part of the tree runs and leaves it after, always in nested order. An error
// from Enter fails that part (the test, or every test of the suite or file); an error from
// Leave fails the test or is a file error.
type Scopes interface {
	Enter(kind ScopeKind) error
	Leave(kind ScopeKind) error
}

func (c Config) testTimeout() time.Duration {
	if c.TestTimeout > 0 {
		return c.TestTimeout
	}
	return DefaultTestTimeout
}

func (c Config) hookTimeout() time.Duration {
	if c.HookTimeout > 0 {
		return c.HookTimeout
	}
	return DefaultHookTimeout
}

// updateMode is vitest's snapshot update state: "all" with -u, "none" in CI, else "new".
func (c Config) updateMode() string {
	switch {
	case c.UpdateSnapshots:
		return updateAll
	case c.CI:
		return updateNone
	default:
		return updateNew
	}
}
