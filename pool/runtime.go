package pool

import (
	"errors"
	"log/slog"

	"github.com/dotest-dev/dotest/internal/bundle"
	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/kv"
	"github.com/dotest-dev/dotest/internal/objects"
	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/internal/services"
	"github.com/dotest-dev/dotest/isolation"
)

// The hooks of this file let Go code drive a project's worker in a runtime set up as RunFile
// sets up each test file's, without a test file or the test runner: package cloudflaretest
// builds its workers with them, so that a worker driven from Go sees the same platform and
// engine, and shares the pool's bundle cache.

// RuntimeOptions configure NewRuntime.
type RuntimeOptions struct {
	// Console receives each line that console.* prints; nil discards them.
	Console func(stream, text string)
	// Logger replaces the pool's logger for this runtime when set.
	Logger *slog.Logger
	// Isolation is how storage frames follow the tests: per test or per file.
	Isolation project.Isolation
}

// Runtime is a runtime set up as every test file's is before its test runner: the platform,
// the Durable Object engine, the isolation stack over every store, Workers KV namespaces and
// service bindings. The caller owns it (see package jsrt for which goroutine may use it) and
// closes it when done.
type Runtime struct {
	JS        *jsrt.Runtime
	Engine    *objects.Engine
	Isolation *isolation.Stack

	kv *kv.Bindings
}

// Close closes the runtime's stores.
func (r *Runtime) Close() error {
	var kvErr error
	if r.kv != nil {
		kvErr = r.kv.Close()
	}
	return errors.Join(r.Engine.Close(), kvErr)
}

// NewRuntime returns a fresh runtime with what RunFile installs in every runtime before the
// test runner. Nothing of the project is evaluated yet.
func (p *Pool) NewRuntime(opts RuntimeOptions) (*Runtime, error) {
	log := opts.Logger
	if log == nil {
		log = p.opts.Logger
	}
	proj := p.opts.Project
	rt, err := jsrt.New(jsrt.Options{Logger: log, Console: opts.Console})
	if err != nil {
		return nil, err
	}
	if err := installPlatform(rt, proj); err != nil {
		return nil, err
	}
	engine, err := objects.Install(rt, proj, objects.Options{PersistDir: p.opts.PersistDir, Logger: log})
	if err != nil {
		return nil, err
	}
	r := &Runtime{JS: rt, Engine: engine}
	if err := p.installBindings(r, opts.Isolation); err != nil {
		_ = r.Close()
		return nil, err
	}
	return r, nil
}

// installBindings adds the isolation stack, the KV namespaces it covers too, and the service
// bindings.
func (p *Pool) installBindings(r *Runtime, mode project.Isolation) error {
	proj := p.opts.Project
	keep := p.opts.PersistDir != ""
	var err error
	r.Isolation, err = isolation.New(r.JS, r.Engine, isolation.Options{Mode: mode, KeepFileWrites: keep})
	if err != nil {
		return err
	}
	r.kv, err = kv.Install(r.JS, r.Engine.Env(), proj.KVNamespaces, kv.InstallOptions{PersistDir: p.opts.PersistDir})
	if err != nil {
		return err
	}
	for _, ns := range r.kv.Namespaces() {
		r.Isolation.AddStore(ns)
	}
	return services.Install(r.JS, r.Engine, proj)
}

// BundleMain bundles the project's main module alone, with the pool's bundle cache: running
// the bundle evaluates the main module and hands its namespace to the runtime, as a test
// file's bundle does before the test file. Setup files are left out, since they are written
// for the test runner. Problems in the project come back as a diag.List.
func (p *Pool) BundleMain() (*bundle.Bundle, error) {
	proj := p.opts.Project
	// The main module stands in for the test file: esbuild includes a module once, so the
	// bundle is the main module and nothing else.
	return p.bundler.Build(bundle.Request{
		TestFile:   proj.Main,
		Main:       proj.Main,
		NodeCompat: proj.HasFlag("nodejs_compat") || proj.HasFlag("nodejs_compat_v2"),
	})
}
