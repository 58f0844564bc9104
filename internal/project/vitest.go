package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dotest-dev/dotest/internal/diag"
)

// configExtensions are the extensions vitest tries for its configuration, in order.
//
// Known gap: vitest falls back to vite.config.* when there is no vitest.config.*; dotest
// reads vite.config.* only as the configuration of a workspace project directory. A
// project whose Workers pool options live in its root vite.config.* needs a
// vitest.config.* for dotest to see them.
var configExtensions = []string{".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"}

// vitestConfig is what dotest takes from the vitest configuration of the chosen project.
type vitestConfig struct {
	file  string // the file the chosen configuration is written in
	dir   string // its project directory: relative paths in it start there
	style Style

	include, exclude         []string
	hasInclude, hasExclude   bool
	testDir                  string
	testTimeout, hookTimeout time.Duration
	hasTestTimeout           bool
	hasHookTimeout           bool
	setupFiles               []string
	globals                  bool

	// The pool options, from either form.
	main            string
	wranglerPath    string
	wranglerEnv     string
	isolatedStorage *bool
	compatDate      string
	compatFlags     []string
	bindings        map[string]any
	durableObjects  []doOption
	kvNamespaces    []KVNamespace
	services        []serviceOption
}

// doOption is an entry of the pool's `miniflare.durableObjects`.
type doOption struct {
	binding, className string
	sqlite             *bool
}

// findFile returns the first of dir/base+ext that exists.
func findFile(dir, base string, exts []string) string {
	for _, ext := range exts {
		p := filepath.Join(dir, base+ext)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

// vitestLoader finds, evaluates and decodes the vitest configuration of a project.
type vitestLoader struct {
	root string
	eval *evaluator
	c    *collector
}

// load returns the configuration of the project that runs in the Workers pool, or nil when
// there is no vitest configuration (or it failed: the reasons are in the collector).
func (l *vitestLoader) load() *vitestConfig {
	file := findFile(l.root, "vitest.config", configExtensions)
	workspace := findFile(l.root, "vitest.workspace", append(slices.Clone(configExtensions), ".json"))
	if file == "" && workspace == "" {
		return nil
	}

	var root *describedConfig
	var projects []describedProject
	if file != "" {
		desc := l.describe(file, true)
		if desc == nil {
			return nil
		}
		root, projects = desc.Root, desc.Projects
	}
	projectsFile := file
	if projects == nil && workspace != "" {
		projectsFile = workspace
		projects = l.workspace(workspace)
		if projects == nil && l.c.diags.HasErrors() {
			return nil
		}
	}

	if len(projects) == 0 {
		if file == "" {
			return nil
		}
		return l.decode(root, file, filepath.Dir(file))
	}
	return l.choose(root, file, projectsFile, projects)
}

// describe bundles and evaluates one configuration file, reporting its stand-in records.
func (l *vitestLoader) describe(file string, withProjects bool) *configDescription {
	b, diags := bundleConfig(l.root, file)
	if diags != nil {
		l.c.diags = append(l.c.diags, diags...)
		return nil
	}
	desc, d := l.eval.evaluate(file, b, withProjects)
	if d != nil {
		l.c.diags = append(l.c.diags, *d)
		return nil
	}

	loc := &diag.Location{File: displayPath(l.root, file)}
	for _, w := range desc.Records.Warnings {
		l.c.warnf(loc, "", "%s", w)
	}
	for _, k := range desc.Records.Injected {
		l.c.warnf(keyLocation(l.root, file, "inject"), "pass the value in the pool options instead",
			"inject(%q) returns undefined: dotest does not run globalSetup, which provides it", k)
	}
	for _, spec := range desc.Records.Ignored {
		l.c.warnf(importLocation(l.root, file, spec), "",
			"the vitest configuration imports %q, which dotest does not load; what it provides is ignored", spec)
	}
	return desc
}

// workspace reads a vitest.workspace file: a JSON list of paths, or a module whose
// default export is the list of projects.
func (l *vitestLoader) workspace(file string) []describedProject {
	if filepath.Ext(file) != ".json" {
		desc := l.describe(file, false)
		if desc == nil {
			return nil
		}
		return desc.Projects
	}

	data, err := os.ReadFile(file)
	if err != nil {
		l.c.errorf(&diag.Location{File: displayPath(l.root, file)}, "", "cannot read the vitest workspace: %v",
			unwrapPathError(err))
		return nil
	}
	src := newSource(l.root, file, string(data))
	v, err := parseJSONC(string(data))
	var se *syntaxError
	if errors.As(err, &se) {
		l.c.errorf(src.at(se.pos), "fix the syntax of "+filepath.Base(file), "%s", se.msg)
		return nil
	}
	var out []describedProject
	for _, it := range v.items {
		if it.kind == kindString {
			out = append(out, describedProject{Path: it.str})
		} else {
			l.c.warnf(src.at(it.pos), "", "a project in a JSON workspace should be a path; this one is ignored")
		}
	}
	return out
}

// candidate is a project that may be the one dotest runs.
type candidate struct {
	name   string
	config *describedConfig
	file   string
	dir    string
}

// choose picks the first project that uses the Workers pool, warning about the others.
func (l *vitestLoader) choose(root *describedConfig, file, projectsFile string,
	projects []describedProject) *vitestConfig {
	baseDir := filepath.Dir(projectsFile)
	var negated []*glob
	for _, p := range projects {
		if rest, ok := strings.CutPrefix(p.Path, "!"); ok {
			if g, err := compileGlob(strings.TrimSuffix(rest, "/")); err == nil {
				negated = append(negated, g)
			}
		}
	}

	var all []candidate
	for i, p := range projects {
		if p.Config != nil {
			all = append(all, l.inlineCandidate(p.Config, i, projectsFile, baseDir))
			continue
		}
		for _, f := range l.projectFiles(baseDir, p.Path, projectsFile) {
			if !matchesAny(negated, filepath.ToSlash(mustRel(baseDir, f))) {
				all = append(all, l.fileCandidate(f))
			}
		}
	}

	chosen := -1
	for i, cand := range all {
		if cand.config != nil && (cand.config.Classic || cand.config.CurrentOptions != nil) {
			chosen = i
			break
		}
	}
	loc := &diag.Location{File: displayPath(l.root, projectsFile)}
	if chosen < 0 {
		l.c.warnf(loc, "use the Workers pool in one of the projects",
			"no project of the vitest configuration uses the Cloudflare Workers pool")
		if root == nil {
			return nil
		}
		return l.decode(root, file, filepath.Dir(file))
	}

	var others []string
	for i, cand := range all {
		if i != chosen {
			others = append(others, cand.name)
		}
	}
	if len(others) > 0 {
		l.c.warnf(loc, "run the other projects with vitest",
			"dotest runs the project %s only; it does not run %s", all[chosen].name, strings.Join(others, ", "))
	}
	return l.decode(all[chosen].config, all[chosen].file, all[chosen].dir)
}

func (l *vitestLoader) inlineCandidate(cfg *describedConfig, i int, file, baseDir string) candidate {
	name := fmt.Sprintf("projects[%d]", i)
	if s, ok := cfg.Name.(string); ok && s != "" {
		name = fmt.Sprintf("%q", s)
	}
	if cfg.Extends != "" {
		l.c.warnf(keyLocation(l.root, file, "extends"), "repeat the settings in the project, or use extends: true",
			"project %s extends %q, which dotest does not read", name, cfg.Extends)
	}
	dir := baseDir
	if cfg.Dir != "" {
		dir = absFrom(baseDir, cfg.Dir)
	}
	return candidate{name: name, config: cfg, file: file, dir: dir}
}

func (l *vitestLoader) fileCandidate(f string) candidate {
	name := fmt.Sprintf("%q", displayPath(l.root, f))
	st, err := os.Stat(f)
	if err == nil && st.IsDir() {
		// A directory is a project with its own configuration, or with the defaults.
		dir := f
		if f = findFile(dir, "vitest.config", configExtensions); f == "" {
			f = findFile(dir, "vite.config", configExtensions)
		}
		if f == "" {
			return candidate{name: name, dir: dir}
		}
	}
	desc := l.describe(f, false)
	if desc == nil || desc.Root == nil {
		return candidate{name: name, dir: filepath.Dir(f)}
	}
	if s, ok := desc.Root.Test["name"].(string); ok && s != "" {
		name = fmt.Sprintf("%q", s)
	}
	return candidate{name: name, config: desc.Root, file: f, dir: filepath.Dir(f)}
}

// projectFiles expands a project path or glob into the files and directories it names.
func (l *vitestLoader) projectFiles(baseDir, pattern, file string) []string {
	if strings.HasPrefix(pattern, "!") {
		return nil
	}
	if !strings.ContainsAny(pattern, "*?[{") {
		p := absFrom(baseDir, pattern)
		if _, err := os.Stat(p); err != nil {
			l.c.warnf(keyLocation(l.root, file, pattern), "", "the project %q does not exist", pattern)
			return nil
		}
		return []string{p}
	}

	g, err := compileGlob(strings.TrimSuffix(pattern, "/"))
	if err != nil {
		l.c.warnf(keyLocation(l.root, file, pattern), "", "%v", err)
		return nil
	}
	var out []string
	_ = filepath.WalkDir(baseDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel := filepath.ToSlash(mustRel(baseDir, path))
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git") {
			return filepath.SkipDir
		}
		if rel != "." && g.match(rel) {
			out = append(out, path)
		}
		return nil
	})
	return out
}

// absFrom resolves p against dir unless it is absolute.
func absFrom(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, filepath.FromSlash(p))
}
