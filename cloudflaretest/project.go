package cloudflaretest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dotest-dev/dotest/internal/diag"
	"github.com/dotest-dev/dotest/internal/project"
	"github.com/dotest-dev/dotest/pool"
)

// The workers of a test binary share one pool per project, and so its bundle cache: the
// second New of a project costs a runtime, not a bundle. A project is loaded again when its
// configuration files change.
var projects struct {
	sync.Mutex
	m map[projectKey]*loaded
}

type projectKey struct{ root, env, config string }

type loaded struct {
	proj  *project.Project
	pool  *pool.Pool
	stamp []fileStamp
}

type fileStamp struct {
	path    string
	size    int64
	modTime time.Time
}

// workerPool returns the pool of the project in dir, loading the project when needed.
func workerPool(dir string, cfg config) (*pool.Pool, *project.Project, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("failed to find the project directory %s: %w", dir, err)
	}
	key := projectKey{root, cfg.env, cfg.configPath}

	projects.Lock()
	defer projects.Unlock()
	if l, ok := projects.m[key]; ok && unchanged(l.stamp) {
		return l.pool, l.proj, nil
	}
	proj, err := loadProject(root, cfg)
	if err != nil {
		return nil, nil, err
	}
	l := &loaded{proj: proj, pool: pool.New(pool.Options{Project: proj}), stamp: stamps(proj)}
	if projects.m == nil {
		projects.m = map[projectKey]*loaded{}
	}
	projects.m[key] = l
	return l.pool, l.proj, nil
}

func loadProject(root string, cfg config) (*project.Project, error) {
	proj, err := project.Load(root, project.Options{Env: cfg.env, ConfigPath: cfg.configPath, Logger: cfg.logger})
	if err != nil {
		return nil, fmt.Errorf("failed to load the project in %s:\n%w", root, explain(err))
	}
	return proj, nil
}

func stamps(proj *project.Project) []fileStamp {
	var out []fileStamp
	for _, path := range []string{proj.ConfigFile, proj.VitestConfigFile} {
		if path == "" {
			continue
		}
		st := fileStamp{path: path}
		if info, err := os.Stat(path); err == nil {
			st.size, st.modTime = info.Size(), info.ModTime()
		}
		out = append(out, st)
	}
	return out
}

func unchanged(stamp []fileStamp) bool {
	for _, st := range stamp {
		info, err := os.Stat(st.path)
		if err != nil || info.Size() != st.size || !info.ModTime().Equal(st.modTime) {
			return false
		}
	}
	return true
}

// explain renders the diagnostics of a project or a bundle one per line, as
// file:line:col: error: text, each with its hint; other errors stay as they are.
func explain(err error) error {
	var list diag.List
	if !errors.As(err, &list) {
		return err
	}
	var b strings.Builder
	for _, d := range list {
		if d.Kind != diag.Error {
			continue
		}
		b.WriteString(d.Error() + "\n")
		if d.Hint != "" {
			b.WriteString("  hint: " + d.Hint + "\n")
		}
	}
	return &diagError{text: strings.TrimRight(b.String(), "\n"), list: list}
}

// diagError keeps the diagnostics behind a rendered message, for errors.As.
type diagError struct {
	text string
	list diag.List
}

func (e *diagError) Error() string { return e.text }
func (e *diagError) Unwrap() error { return e.list }
