package project

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dotest-dev/dotest/internal/diag"
)

// Load reads the project in root. Problems in the project's files come back as a diag.List
// holding every error found (and the warnings met on the way); a project that loads keeps
// its warnings in Project.Warnings. Other failures, such as a root that does not exist,
// are plain errors.
//
// A bound Durable Object class that no migration creates is KV-backed, as in wrangler dev
// (wrangler passes no backend to Miniflare, whose default is the KV storage); it is
// reported, since new classes should be SQLite-backed.
func Load(root string, opts Options) (*Project, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("failed to open the project: %w", err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("failed to open the project: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("failed to open the project: %s is not a directory", abs)
	}

	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	timeout := opts.evalTimeout
	if timeout == 0 {
		timeout = defaultEvalTimeout
	}

	c := &collector{}
	vl := &vitestLoader{root: abs, eval: &evaluator{root: abs, timeout: timeout, logger: logger}, c: c}
	vc := vl.load()
	if err := c.errors(); err != nil {
		return nil, err
	}

	p := newProject(abs)
	l := &loader{root: abs, opts: opts, c: c, p: p, vc: vc}
	l.wrangler()
	l.secrets()
	if vc != nil {
		l.applyVitest()
	}
	l.finish()
	if err := c.errors(); err != nil {
		return nil, err
	}

	p.Warnings = c.warnings()
	logger.Debug("loaded the project", "root", abs, "config", p.ConfigFile, "vitest", p.VitestConfigFile,
		"style", p.Style, "isolation", p.Isolation, "warnings", len(p.Warnings))
	return p, nil
}

func newProject(root string) *Project {
	return &Project{
		Root:        root,
		TestDir:     root,
		Vars:        map[string]any{},
		Classes:     map[string]Class{},
		Include:     slices.Clone(DefaultInclude),
		Exclude:     slices.Clone(DefaultExclude),
		TestTimeout: DefaultTestTimeout,
		HookTimeout: DefaultHookTimeout,
	}
}

// loader fills a Project from the configurations found.
type loader struct {
	root string
	opts Options
	c    *collector
	p    *Project
	vc   *vitestConfig
	w    *wranglerConfig
}

// wrangler reads the wrangler configuration: the one given in the options, else the one
// the pool options name, else the one in the root. Like the Workers pool, dotest does not
// read a wrangler configuration that the pool options do not name.
func (l *loader) wrangler() {
	usesPool := l.vc != nil && l.vc.style != StyleNone
	path := ""
	switch {
	case l.opts.ConfigPath != "":
		path = absFrom(l.root, l.opts.ConfigPath)
	case usesPool && l.vc.wranglerPath != "":
		path = l.vc.wranglerPath
	case usesPool:
		if found := findWrangler(l.root, l.root, &collector{}); found != "" {
			anchor := map[Style]string{StyleClassic: "workers", StyleCurrent: "cloudflareTest("}[l.vc.style]
			l.c.warnf(keyLocation(l.root, l.vc.file, anchor),
				fmt.Sprintf("add wrangler: { configPath: %q } to the pool options", "./"+filepath.Base(found)),
				"the pool options name no wrangler configuration, so %s is not read, as in vitest",
				filepath.Base(found))
		}
	default:
		path = findWrangler(l.root, l.root, l.c)
		if path == "" {
			l.c.errorf(&diag.Location{File: l.root}, "create a wrangler.jsonc, or pass the path of the configuration",
				"no wrangler configuration (%s) in the project", "wrangler.json, wrangler.jsonc or wrangler.toml")
			return
		}
	}
	if path == "" {
		return
	}

	env := l.opts.Env
	if env == "" && l.vc != nil {
		env = l.vc.wranglerEnv
	}
	l.p.Env = env
	l.w = readWrangler(l.root, path, env, l.c)
	if l.w == nil {
		return
	}

	p := l.p
	p.ConfigFile = l.w.path
	p.Name = l.w.name
	p.Main = l.w.main
	p.CompatibilityDate = l.w.compatDate
	p.CompatibilityFlags = slices.Clone(l.w.compatFlags)
	for k, v := range l.w.vars {
		p.Vars[k] = v
	}
	p.DurableObjects = slices.Clone(l.w.bindings)
	p.KVNamespaces = slices.Clone(l.w.kv)
	p.Services = slices.Clone(l.w.services)
	for k, v := range l.w.classes {
		p.Classes[k] = v
	}
}

// secrets reads .dev.vars (or .env) next to the wrangler configuration, or in the root.
func (l *loader) secrets() {
	dir := l.root
	loc := &diag.Location{File: displayPath(l.root, filepath.Join(l.root, ".dev.vars"))}
	if l.w != nil {
		dir = filepath.Dir(l.w.path)
		loc = &diag.Location{File: displayPath(l.root, l.w.path)}
	}
	secrets := loadSecrets(l.root, dir, l.p.Env, l.c)
	l.p.Secrets = mergeSecrets(l.w, secrets, l.p.Vars, l.c, loc)
}

// applyVitest lays the vitest configuration over the wrangler one: the pool's values win,
// as Miniflare merges them (flags are added, bindings replaced by name).
func (l *loader) applyVitest() {
	p, vc := l.p, l.vc
	p.VitestConfigFile = vc.file
	p.Style = vc.style
	p.TestDir = vc.testDir
	if vc.main != "" {
		p.Main = vc.main
	}
	if vc.compatDate != "" {
		p.CompatibilityDate = vc.compatDate
	}
	for _, f := range vc.compatFlags {
		if !slices.Contains(p.CompatibilityFlags, f) {
			p.CompatibilityFlags = append(p.CompatibilityFlags, f)
		}
	}
	for k, v := range vc.bindings {
		p.Vars[k] = v
	}
	l.applyDurableObjects()
	l.applyKVNamespaces()
	l.applyServices()

	if vc.hasInclude {
		p.Include = vc.include
	}
	if vc.hasExclude {
		p.Exclude = vc.exclude
	}
	if vc.hasTestTimeout {
		p.TestTimeout = vc.testTimeout
	}
	if vc.hasHookTimeout {
		p.HookTimeout = vc.hookTimeout
	}
	p.SetupFiles = vc.setupFiles
	p.Globals = vc.globals
}

// applyDurableObjects adds the pool's `miniflare.durableObjects`. A class named without
// useSQLite keeps the backend its migrations give it, or is KV-backed, Miniflare's default.
func (l *loader) applyDurableObjects() {
	p := l.p
	for _, o := range l.vc.durableObjects {
		b := Binding{Name: o.binding, ClassName: o.className}
		if i := slices.IndexFunc(p.DurableObjects, func(x Binding) bool { return x.Name == b.Name }); i >= 0 {
			p.DurableObjects[i] = b
		} else {
			p.DurableObjects = append(p.DurableObjects, b)
		}

		class, known := p.Classes[o.className]
		if !known {
			class = Class{Name: o.className}
		}
		if o.sqlite != nil {
			class.SQLite = *o.sqlite
		}
		p.Classes[o.className] = class
	}
}

// finish settles what depends on everything read: the compatibility date, the isolation,
// the globs, and the main module the Durable Objects need.
func (l *loader) finish() {
	p := l.p
	where := l.mainFile()
	if p.CompatibilityDate == "" {
		p.CompatibilityDate = DefaultCompatibilityDate
	}
	// A date that is missing because the configuration failed is not worth a warning.
	if p.CompatibilityDate == DefaultCompatibilityDate && !l.c.diags.HasErrors() &&
		(l.w == nil || l.w.compatDate == "") && (l.vc == nil || l.vc.compatDate == "") {
		l.c.warnf(where, `set compatibility_date, for example "compatibility_date": "2025-04-01"`,
			"no compatibility date is set; dotest uses %s", DefaultCompatibilityDate)
	}

	// Classic pools isolate each test unless isolatedStorage is false; then storage is
	// shared, which dotest gives per file (each file has its own runtime and engine).
	switch {
	case p.Style == StyleCurrent:
		p.Isolation = IsolateFile
	case p.Style == StyleClassic && l.vc.isolatedStorage != nil && !*l.vc.isolatedStorage:
		p.Isolation = IsolateFile
	default:
		p.Isolation = IsolateTest
	}

	for _, pattern := range append(slices.Clone(p.Include), p.Exclude...) {
		if _, err := compileGlob(strings.TrimPrefix(pattern, "!")); err != nil {
			loc := where
			if l.vc != nil {
				loc = importLocation(l.root, l.vc.file, pattern)
			}
			l.c.errorf(loc, "fix test.include and test.exclude", "%v", err)
		}
	}
	p.matcher, _ = compileMatcher(p.Include, p.Exclude)

	if len(p.DurableObjects) > 0 && p.Main == "" {
		l.c.errorf(where, `set "main" to the module that exports the classes`,
			"the project binds Durable Objects (%s) but has no main module", p.DurableObjects[0].Name)
	}
}

// mainFile is the file that settings missing from every configuration are reported in.
func (l *loader) mainFile() *diag.Location {
	switch {
	case l.p.ConfigFile != "":
		return &diag.Location{File: displayPath(l.root, l.p.ConfigFile)}
	case l.p.VitestConfigFile != "":
		return &diag.Location{File: displayPath(l.root, l.p.VitestConfigFile)}
	default:
		return &diag.Location{File: l.root}
	}
}
