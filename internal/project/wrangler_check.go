package project

import (
	"fmt"
	"path/filepath"
)

// checkKeys warns about the keys of a top level or [env.NAME] table that dotest does not
// use: bindings it does not provide, build settings it does not apply, removed keys,
// misspellings and unknown keys. Deployment settings pass silently.
func (r *wranglerReader) checkKeys(table *value, prefix string, top bool) {
	file := filepath.Base(r.src.path)
	for _, m := range table.members {
		path := prefix + m.key
		role, known := keyRoleOf(m.key, top)
		if !known {
			r.unknownKey(m, path, top)
			continue
		}
		loc := r.src.at(m.keyPos)
		switch role {
		case roleBinding:
			r.c.warnf(loc, "mock the binding in the test, or remove it from "+file,
				"dotest does not provide %q bindings; they will be missing from env", path)
		case roleBuild:
			r.c.warnf(loc, "", "dotest does not apply %q when it bundles the worker", path)
		case roleRemoved:
			r.c.warnf(loc, "remove it from "+file, "%q is no longer supported by wrangler; dotest ignores it", path)
		case roleTopLevelOnly:
			r.c.warnf(loc, fmt.Sprintf("move %q to the top level of %s", m.key, file),
				"%q is only valid at the top level, not in an environment; dotest ignores it", path)
		}
	}
}

func (r *wranglerReader) unknownKey(m member, path string, top bool) {
	loc := r.src.at(m.keyPos)
	if s := suggest(m.key, allWranglerKeys(top)); s != "" {
		r.c.warnf(loc, fmt.Sprintf("rename it to %q", s), "unknown key %q in %s; did you mean %q?",
			path, filepath.Base(r.src.path), s)
		return
	}
	r.c.warnf(loc, "remove it, or check the wrangler documentation for the key you meant",
		"unknown key %q in %s; dotest ignores it", path, filepath.Base(r.src.path))
}
