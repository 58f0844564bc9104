package pool

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce is how long watch mode waits after a change for more changes before it reruns:
// an editor's save is often several writes and a rename.
const debounce = 80 * time.Millisecond

// Plan is one rerun decided by watch mode: the files to run, and why.
type Plan struct {
	Files  []string
	Reason string
}

// Affected returns the test files that a change to the given absolute paths can change the
// outcome of: test files that are themselves changed, and those whose last bundle read one of
// the paths. A change to a file that no bundle read yet (a new test file) is matched against
// the project's test files.
func (p *Pool) Affected(changed []string) ([]string, error) {
	files, err := p.Files()
	if err != nil {
		return nil, err
	}

	p.inputsMu.Lock()
	defer p.inputsMu.Unlock()
	var out []string
	for _, rel := range files {
		abs := filepath.Join(p.opts.Project.Root, filepath.FromSlash(rel))
		inputs, seen := p.inputs[rel]
		if !seen {
			inputs = []string{abs}
		}
		if slices.ContainsFunc(changed, func(c string) bool { return slices.Contains(inputs, c) }) {
			out = append(out, rel)
		}
	}
	return out, nil
}

// Watch reruns test files as their sources change until ctx is done. It first runs every
// file, then for each batch of changes it asks Affected which files to rerun and sends
// each Plan to run; the caller runs it (typically with RunFiles) so it can print between
// runs. Changes to the project's configuration are reported with Plan.Reason "config" and
// every file: the caller should reload the project and start again.
func (p *Pool) Watch(ctx context.Context, run func(Plan)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := addTree(w, p.opts.Project.Root); err != nil {
		return err
	}

	files, err := p.Files()
	if err != nil {
		return err
	}
	run(Plan{Files: files, Reason: "start"})

	var pending []string
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			p.opts.Logger.Warn("file watcher error", "error", err)
		case ev := <-w.Events:
			if ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					_ = addTree(w, ev.Name)
				}
			}
			pending = append(pending, ev.Name)
			timer.Reset(debounce)
		case <-timer.C:
			plan, err := p.plan(pending)
			pending = nil
			if err != nil {
				return err
			}
			if len(plan.Files) > 0 {
				run(plan)
			}
		}
	}
}

// plan decides what a batch of changed paths reruns.
func (p *Pool) plan(changed []string) (Plan, error) {
	for _, c := range changed {
		if p.isConfig(c) {
			files, err := p.Files()
			return Plan{Files: files, Reason: "config"}, err
		}
	}
	files, err := p.Affected(changed)
	names := make([]string, 0, len(changed))
	for _, c := range changed {
		if rel, err := filepath.Rel(p.opts.Project.Root, c); err == nil {
			names = append(names, filepath.ToSlash(rel))
		}
	}
	slices.Sort(names)
	return Plan{Files: files, Reason: strings.Join(slices.Compact(names), ", ")}, err
}

func (p *Pool) isConfig(path string) bool {
	proj := p.opts.Project
	base := filepath.Base(path)
	return path == proj.ConfigFile || (proj.VitestConfigFile != "" && path == proj.VitestConfigFile) ||
		strings.HasPrefix(base, ".dev.vars") || strings.HasPrefix(base, "wrangler.") ||
		strings.HasPrefix(base, "vitest.config.")
}

// addTree watches dir and every directory below it that can hold sources: fsnotify is not
// recursive.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if path != dir && ignored(path) {
			return filepath.SkipDir
		}
		return w.Add(path)
	})
}

// ignored reports paths whose changes never affect a test: dependencies, VCS data, dotest's
// and wrangler's own state.
func ignored(path string) bool {
	for _, part := range strings.Split(filepath.ToSlash(path), "/") {
		switch part {
		case "node_modules", ".git", ".wrangler", ".dotest":
			return true
		}
	}
	return false
}
