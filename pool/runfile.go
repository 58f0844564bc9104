package pool

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"runtime/debug"

	"github.com/dotest-dev/dotest/internal/bundle"
	"github.com/dotest-dev/dotest/internal/cftest"
	"github.com/dotest-dev/dotest/internal/clone"
	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/internal/nodecompat"
	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/internal/regexp"
	"github.com/dotest-dev/dotest/internal/vitest"
	"github.com/dotest-dev/dotest/internal/web"
	"github.com/dotest-dev/dotest/pool/event"
)

// runFile is the pipeline of one file: bundle it, build a fresh runtime, install the
// platform and the test API, and run. A panic anywhere in it fails this file only.
func (p *Pool) runFile(ctx context.Context, rel string, emit func(event.Event)) (res *event.FileResult) {
	defer func() {
		if v := recover(); v != nil {
			res = errorResult(panicError(v, debug.Stack()))
		}
	}()
	if p.beforeFile != nil {
		p.beforeFile(rel)
	}
	if err := ctx.Err(); err != nil {
		return errorResult(&event.TestError{Name: "Error", Message: "the run was cancelled before this file started"})
	}

	proj := p.opts.Project
	abs := filepath.Join(proj.Root, filepath.FromSlash(rel))
	b, err := p.bundler.Build(bundle.Request{
		TestFile:   abs,
		Main:       proj.Main,
		SetupFiles: proj.SetupFiles,
		NodeCompat: proj.HasFlag("nodejs_compat") || proj.HasFlag("nodejs_compat_v2"),
	})
	if err != nil {
		return bundleErrorResult(err)
	}
	p.inputsMu.Lock()
	p.inputs[rel] = b.Inputs
	p.inputsMu.Unlock()

	var runner *vitest.Runner
	mode := proj.Isolation
	if p.opts.Isolation != nil {
		mode = *p.opts.Isolation
	}
	r, err := p.NewRuntime(RuntimeOptions{
		Console:   func(stream, text string) { runner.Log(stream, text) },
		Isolation: mode,
	})
	if err != nil {
		return errorResult(internalError(err))
	}
	defer r.Close()
	rt, engine, stack := r.JS, r.Engine, r.Isolation
	cftest.Install(rt, engine, cftest.Options{Isolation: stack, Root: proj.Root, Logger: p.opts.Logger})
	cfg := p.vitestConfig(abs, rel, emit)
	cfg.Scopes = stack
	runner, err = vitest.Install(rt, cfg)
	if err != nil {
		return errorResult(internalError(err))
	}
	res = runner.Run(b.Program)
	res.Snapshots = runner.Snapshots()
	return res
}

// installPlatform gives a runtime what workerd gives a Worker: the web platform,
// structuredClone, a RegExp that behaves as V8's, and the Node modules of nodejs_compat with
// process.env filled from the vars as workerd does.
func installPlatform(rt *jsrt.Runtime, proj *project.Project) error {
	webCfg := web.Config{CompatibilityDate: proj.CompatibilityDate, CompatibilityFlags: proj.CompatibilityFlags}
	if err := web.Install(rt, webCfg); err != nil {
		return err
	}
	if err := clone.Install(rt.VM); err != nil {
		return err
	}
	if err := regexp.Install(rt); err != nil {
		return err
	}
	env := map[string]string{}
	for k, v := range proj.Vars {
		if s, ok := v.(string); ok {
			env[k] = s
		} else if b, err := json.Marshal(v); err == nil {
			env[k] = string(b)
		}
	}
	// Cloudflare's runners add nodejs_compat to every test worker whatever the project says,
	// so Buffer and process are globals in tests either way.
	return nodecompat.Install(rt, nodecompat.Options{Env: env, Globals: true})
}

func (p *Pool) vitestConfig(abs, rel string, emit func(event.Event)) vitest.Config {
	proj := p.opts.Project
	timeout := proj.TestTimeout
	if p.opts.TestTimeout > 0 {
		timeout = p.opts.TestTimeout
	}
	return vitest.Config{
		File:            abs,
		RelFile:         rel,
		TestNamePattern: p.opts.TestNamePattern,
		TestTimeout:     timeout,
		HookTimeout:     proj.HookTimeout,
		UpdateSnapshots: p.opts.UpdateSnapshots,
		CI:              p.opts.CI,
		AllowOnly:       p.opts.AllowOnly,
		Globals:         proj.Globals,
		Emit:            emit,
	}
}

// bundleErrorResult turns what the bundler reported into file errors, one per diagnostic,
// each with its location and code frame.
func bundleErrorResult(err error) *event.FileResult {
	var list diag.List
	if !errors.As(err, &list) {
		return errorResult(internalError(err))
	}
	res := &event.FileResult{State: event.Fail}
	for _, d := range list {
		if d.Kind != diag.Error {
			continue
		}
		msg := d.Text
		if d.Hint != "" {
			msg += "\n" + d.Hint
		}
		res.Errors = append(res.Errors, &event.TestError{
			Name: "Error", Message: msg, Location: d.Location, Origin: "bundle",
		})
	}
	return res
}

func internalError(err error) *event.TestError {
	return &event.TestError{Name: "InternalError", Message: err.Error(), Origin: "dotest"}
}
