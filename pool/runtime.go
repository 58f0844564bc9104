package pool

import (
	"log/slog"

	"github.com/dotest-dev/dotest/internal/bundle"
	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/objects"
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
}

// NewRuntime returns a fresh runtime with what RunFile installs in every runtime before the
// test runner and the isolation stack: the platform (installPlatform) and the Durable Object
// engine of the project. Nothing is
// evaluated yet. The caller owns the runtime (see package jsrt for which goroutine may use
// it) and closes the engine when done.
func (p *Pool) NewRuntime(opts RuntimeOptions) (*jsrt.Runtime, *objects.Engine, error) {
	log := opts.Logger
	if log == nil {
		log = p.opts.Logger
	}
	rt, err := jsrt.New(jsrt.Options{Logger: log, Console: opts.Console})
	if err != nil {
		return nil, nil, err
	}
	if err := installPlatform(rt, p.opts.Project); err != nil {
		return nil, nil, err
	}
	engine, err := objects.Install(rt, p.opts.Project, objects.Options{PersistDir: p.opts.PersistDir, Logger: log})
	if err != nil {
		return nil, nil, err
	}
	return rt, engine, nil
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
