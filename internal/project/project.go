// Package project turns the directory of a Cloudflare Workers project into a Project: the
// worker's main module, its Durable Object bindings and classes (KV- or SQLite-backed), its
// Workers KV namespaces and service bindings, compatibility date and flags, vars and
// secrets, and how its tests are found and isolated.
//
// It reads what the real tools read: the wrangler configuration (wrangler.json, wrangler.jsonc
// or wrangler.toml, with `--env` sections), `.dev.vars` files, and the vitest configuration of
// `@cloudflare/vitest-pool-workers` in both its classic form (defineWorkersConfig and
// `test.poolOptions.workers`) and its current form (the `cloudflareTest()` plugin). The vitest
// configuration is TypeScript or JavaScript; it is bundled with esbuild and evaluated in a
// goja runtime with stand-ins for the modules it imports, without Node.js.
//
// Problems in the user's files are diagnostics with a file, line and column: Load returns
// them as a diag.List when any is an error, and keeps the warnings in Project.Warnings.
package project

import (
	"log/slog"
	"slices"
	"time"

	"github.com/dotest-dev/dotest/internal/diag"
)

// DefaultCompatibilityDate is the compatibility date used when neither the wrangler
// configuration nor the vitest configuration gives one. It is fixed, so that a project
// without a date behaves the same from one dotest release to the next until this changes.
const DefaultCompatibilityDate = "2026-08-01"

// Default timeouts of vitest.
const (
	DefaultTestTimeout = 5 * time.Second
	DefaultHookTimeout = 10 * time.Second
)

// Options say how to load a project.
type Options struct {
	// Env selects a wrangler environment, as `--env NAME` does. It wins over the
	// `wrangler.environment` option of the vitest configuration.
	Env string
	// ConfigPath is the wrangler configuration file to read instead of the one found in the
	// root (or named by the vitest configuration). Relative paths are relative to the root.
	ConfigPath string
	// Logger receives what the vitest configuration prints and the files that were read.
	// Nil discards it.
	Logger *slog.Logger

	// evalTimeout bounds the evaluation of a vitest configuration; zero means
	// defaultEvalTimeout. Tests shorten it.
	evalTimeout time.Duration
}

// Isolation says how far the storage writes of one test are seen by the next.
type Isolation int

const (
	// IsolateTest undoes every test's storage writes when it ends, as the classic
	// `isolatedStorage: true` did: each test starts from what its suite's hooks wrote.
	IsolateTest Isolation = iota
	// IsolateFile gives each test file fresh storage that its tests share, as the current
	// pool does.
	IsolateFile
)

func (i Isolation) String() string {
	if i == IsolateFile {
		return "file"
	}
	return "test"
}

// Style names the form of the vitest configuration that the project uses.
type Style int

const (
	// StyleNone: no vitest configuration that uses the Workers pool.
	StyleNone Style = iota
	// StyleClassic: defineWorkersConfig/defineWorkersProject or `test.poolOptions.workers`
	// (`@cloudflare/vitest-pool-workers` up to 0.12, Vitest 1 to 3).
	StyleClassic
	// StyleCurrent: the `cloudflareTest()` plugin (`@cloudflare/vitest-pool-workers` 0.13 and
	// later, `@cloudflare/vitest-plugin`, Vitest 4).
	StyleCurrent
)

func (s Style) String() string {
	switch s {
	case StyleClassic:
		return "classic"
	case StyleCurrent:
		return "current"
	default:
		return "none"
	}
}

// Binding is a Durable Object namespace bound in env: env[Name] is the namespace of the
// class ClassName exported by the main module.
type Binding struct {
	Name      string
	ClassName string
}

// Class is a Durable Object class of the main module, with its storage backend.
type Class struct {
	Name string
	// SQLite is true for classes created by `new_sqlite_classes` (or declared with
	// `storage: "sqlite"`), whose storage offers the SQL API; false for the KV-backed
	// classes of `new_classes`.
	SQLite bool
}

// KVNamespace is a Workers KV namespace bound in env.
type KVNamespace struct {
	// Binding is the name in env.
	Binding string
	// ID names the namespace's storage, which the bindings with the same ID share: the
	// wrangler `id`, else the binding name, as wrangler dev does locally.
	ID string
}

// Service is a service binding to an entrypoint of this worker: env[Binding] reaches the
// main module's default export, or its export named Entrypoint, with fetch and RPC.
type Service struct {
	// Binding is the name in env.
	Binding string
	// Entrypoint is the export of the main module; "" is the default export.
	Entrypoint string
	// Props are the entrypoint's ctx.props (JSON-like values); nil for none.
	Props map[string]any
}

// Project is everything dotest needs to know about a Workers project.
type Project struct {
	// Root is the absolute directory of the project.
	Root string
	// ConfigFile is the absolute path of the wrangler configuration, "" when none was read.
	ConfigFile string
	// VitestConfigFile is the absolute path of the vitest configuration, "" when none.
	VitestConfigFile string
	// Env is the wrangler environment in use, "" for the top level.
	Env string

	// Name is the worker name (with "-<env>" appended for an environment that does not
	// name itself, as wrangler does). Durable Object ids derive from it.
	Name string
	// Main is the absolute path of the main module, "" when the project has none.
	Main string
	// CompatibilityDate is a YYYY-MM-DD date; DefaultCompatibilityDate when none was given.
	CompatibilityDate string
	// CompatibilityFlags are the flags of the wrangler configuration and the vitest pool
	// options together, without duplicates, in the order written.
	CompatibilityFlags []string

	// Vars are the plain bindings of env: wrangler `vars`, then the secrets, then the
	// pool's `miniflare.bindings`, each overriding the one before. Values are JSON-like:
	// string, float64, bool, nil, []any and map[string]any.
	Vars map[string]any
	// Secrets are the values read from `.dev.vars` (or `.env`), already merged into Vars.
	Secrets map[string]string

	// DurableObjects are the Durable Object bindings of env, in the order declared.
	DurableObjects []Binding
	// Classes are the Durable Object classes of the main module by name: every bound class
	// and every class that the migrations (or declarative exports) create.
	Classes map[string]Class

	// KVNamespaces are the Workers KV bindings of env: wrangler `kv_namespaces`, then the
	// pool's `miniflare.kvNamespaces`, which replace them by binding name.
	KVNamespaces []KVNamespace
	// Services are the service bindings of env to this worker's own entrypoints: wrangler
	// `services`, then the pool's `miniflare.serviceBindings`. Bindings to other workers are
	// reported and left out.
	Services []Service

	// Include are the globs that select test files, relative to TestDir.
	Include []string
	// Exclude are the globs of files never run as tests, relative to TestDir.
	Exclude []string
	// TestDir is the absolute directory that Include and Exclude are relative to: the
	// directory of the vitest configuration (or its `test.dir`), else Root.
	TestDir string
	// TestTimeout and HookTimeout bound each test and each hook.
	TestTimeout time.Duration
	HookTimeout time.Duration
	// SetupFiles are the absolute paths of the files run before each test file.
	SetupFiles []string
	// Globals makes describe, it, expect and the other vitest functions globals.
	Globals bool

	// Isolation says how storage is isolated between tests.
	Isolation Isolation
	// Style is the form of the vitest configuration.
	Style Style

	// Warnings are the problems found that did not stop the project from loading.
	Warnings diag.List

	matcher *matcher // Include and Exclude, compiled by Load
}

// HasFlag reports whether the compatibility flag name is set.
func (p *Project) HasFlag(name string) bool {
	return slices.Contains(p.CompatibilityFlags, name)
}

// CompatAtLeast reports whether the compatibility date is date (YYYY-MM-DD) or later, which
// is how a behaviour that a date turns on is checked.
func (p *Project) CompatAtLeast(date string) bool {
	return p.CompatibilityDate >= date
}
