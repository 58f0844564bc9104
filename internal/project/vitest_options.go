package project

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/dotest-dev/dotest/internal/diag"
)

// harmlessTopKeys are the keys of a Vite configuration that do not change how tests run
// in dotest.
var harmlessTopKeys = map[string]bool{
	"test": true, "plugins": true, "name": true, "extends": true, "cacheDir": true, "server": true,
	"logLevel": true, "clearScreen": true, "mode": true, "envDir": true, "envPrefix": true, "build": true,
	"optimizeDeps": true, "preview": true, "customLogger": true, "appType": true, "root": true,
}

// testKeyNotes explain why common vitest options have no effect in dotest.
var testKeyNotes = map[string]string{
	"globalSetup": "it runs in Node.js, which dotest does not have",
	"environment": "tests run in the Workers runtime",
	"coverage":    "dotest does not measure coverage",
	"reporters":   "choose a reporter with dotest's --reporter flag",
	"deps":        "dotest bundles dependencies with esbuild",
	"server":      "dotest bundles dependencies with esbuild",
	"alias":       "dotest does not apply aliases when it bundles the tests",
}

// optionReader decodes the options of one configuration, reporting problems against it.
type optionReader struct {
	root string
	file string
	dir  string
	c    *collector
}

// decode turns a described configuration into what dotest uses. A nil cfg (a project
// without a configuration of its own) gives the defaults.
func (l *vitestLoader) decode(cfg *describedConfig, file, dir string) *vitestConfig {
	vc := &vitestConfig{file: file, dir: dir, testDir: dir}
	if cfg == nil {
		return vc
	}
	r := &optionReader{root: l.root, file: file, dir: dir, c: l.c}

	r.topKeys(cfg)
	r.testOptions(cfg.Test, vc)
	switch {
	case cfg.CurrentOptions != nil:
		vc.style = StyleCurrent
		r.poolOptions(cfg.CurrentOptions, "cloudflareTest()", false, vc)
	case cfg.Classic:
		vc.style = StyleClassic
		if cfg.ClassicOptions != nil {
			r.poolOptions(cfg.ClassicOptions, "test.poolOptions.workers", true, vc)
		}
	}
	for _, pool := range cfg.OtherPools {
		r.warn(pool, "", "test.poolOptions.%s is ignored: dotest runs every test in the Workers runtime", pool)
	}
	return vc
}

func (r *optionReader) warn(key, hint, format string, args ...any) {
	r.c.warnf(keyLocation(r.root, r.file, key), hint, format, args...)
}

// unknown warns about an option dotest does not know, suggesting the known one it may be a
// misspelling of.
func (r *optionReader) unknown(key, path string, known ...string) {
	hint := ""
	if s := suggest(key, known); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	}
	r.warn(key, hint, "%s is not supported by dotest and is ignored", path)
}

func (r *optionReader) fail(key, hint, format string, args ...any) {
	r.c.errorf(keyLocation(r.root, r.file, key), hint, format, args...)
}

func (r *optionReader) topKeys(cfg *describedConfig) {
	for _, k := range cfg.Keys {
		if !harmlessTopKeys[k] {
			r.warn(k, "", "the vitest configuration sets %q, which dotest does not apply", k)
		}
	}
	for _, name := range cfg.Plugins {
		r.warn("plugins", "", "dotest does not run the Vite plugin %q", name)
	}
}

func (r *optionReader) testOptions(test map[string]any, vc *vitestConfig) {
	for _, key := range sortedMapKeys(test) {
		v := test[key]
		path := "test." + key
		switch key {
		case "include":
			vc.include, vc.hasInclude = r.stringList(v, path, key), true
		case "exclude":
			vc.exclude, vc.hasExclude = r.stringList(v, path, key), true
		case "testTimeout":
			vc.testTimeout, vc.hasTestTimeout = r.millis(v, path, key)
		case "hookTimeout":
			vc.hookTimeout, vc.hasHookTimeout = r.millis(v, path, key)
		case "globals":
			vc.globals = r.boolean(v, path, key)
		case "setupFiles":
			vc.setupFiles = r.setupFiles(r.stringList(v, path, key))
		case "dir", "root":
			if s, ok := v.(string); ok {
				vc.testDir = absFrom(r.dir, s)
			}
		case "name":
		case "pool":
			if v != "@cloudflare/vitest-pool-workers" {
				r.warn(key, "", "test.pool %v is ignored: dotest runs every test in the Workers runtime", v)
			}
		default:
			note := testKeyNotes[key]
			if note == "" {
				note = "dotest does not support it"
			}
			r.warn(key, "", "%s is ignored: %s", path, note)
		}
	}
}

// setupFiles resolves setup files as vitest does: relative to the project, trying the
// usual extensions when none is written.
func (r *optionReader) setupFiles(files []string) []string {
	var out []string
	for _, f := range files {
		abs := absFrom(r.dir, f)
		found := ""
		for _, cand := range []string{abs, abs + ".ts", abs + ".mts", abs + ".js", abs + ".mjs",
			filepath.Join(abs, "index.ts"), filepath.Join(abs, "index.js")} {
			if st, err := os.Stat(cand); err == nil && !st.IsDir() {
				found = cand
				break
			}
		}
		if found == "" {
			r.fail(f, "fix test.setupFiles, or create the file", "the setup file %q does not exist", f)
			continue
		}
		out = append(out, found)
	}
	return out
}

// poolOptions decodes the options of the Workers pool, classic or current.
func (r *optionReader) poolOptions(v any, where string, classic bool, vc *vitestConfig) {
	opts, ok := v.(map[string]any)
	if !ok {
		r.fail("poolOptions", "", "the options of %s should be an object", where)
		return
	}
	for _, key := range sortedMapKeys(opts) {
		val := opts[key]
		path := where + "." + key
		switch key {
		case "main":
			vc.main = r.mainModule(val, path)
		case "isolatedStorage", "singleWorker":
			if !classic {
				r.warn(key, "remove it", "%s was removed in @cloudflare/vitest-pool-workers 0.13 and has no effect",
					path)
				continue
			}
			b := r.boolean(val, path, key)
			if key == "isolatedStorage" {
				vc.isolatedStorage = &b
			}
		case "wrangler":
			r.wranglerOptions(val, path, vc)
		case "miniflare":
			r.miniflare(val, path, vc)
		default:
			r.unknown(key, path, "main", "isolatedStorage", "singleWorker", "wrangler", "miniflare")
		}
	}
}

func (r *optionReader) mainModule(v any, path string) string {
	s, ok := v.(string)
	if !ok {
		r.fail("main", "", "%s should be a string", path)
		return ""
	}
	abs := absFrom(r.dir, s)
	if st, err := os.Stat(abs); err != nil || st.IsDir() {
		r.fail("main", "fix "+path+", or create the file", "the main module %q does not exist", s)
		return ""
	}
	return abs
}

func (r *optionReader) wranglerOptions(v any, path string, vc *vitestConfig) {
	opts, ok := v.(map[string]any)
	if !ok {
		r.fail("wrangler", "", "%s should be an object", path)
		return
	}
	for _, key := range sortedMapKeys(opts) {
		s, isString := opts[key].(string)
		switch {
		case key != "configPath" && key != "environment":
			r.unknown(key, path+"."+key, "configPath", "environment")
		case !isString:
			r.fail(key, "", "%s.%s should be a string", path, key)
		case key == "configPath":
			vc.wranglerPath = absFrom(r.dir, s)
		default:
			vc.wranglerEnv = s
		}
	}
}

func (r *optionReader) miniflare(v any, path string, vc *vitestConfig) {
	opts, ok := v.(map[string]any)
	if !ok {
		r.fail("miniflare", "", "%s should be an object", path)
		return
	}
	for _, key := range sortedMapKeys(opts) {
		val := opts[key]
		sub := path + "." + key
		switch key {
		case "compatibilityDate":
			if s, ok := val.(string); ok && validDate(s) {
				vc.compatDate = s
			} else {
				r.fail(key, `write the date as "YYYY-MM-DD"`, "%s is not a valid date: %v", sub, val)
			}
		case "compatibilityFlags":
			vc.compatFlags = r.stringList(val, sub, key)
		case "bindings":
			if m, ok := val.(map[string]any); ok {
				vc.bindings = m
			} else {
				r.fail(key, "", "%s should be an object", sub)
			}
		case "durableObjects":
			vc.durableObjects = r.durableObjects(val, sub)
		case "kvNamespaces":
			vc.kvNamespaces = r.kvNamespaces(val, sub)
		case "serviceBindings":
			vc.services = r.serviceBindings(val, sub)
		default:
			r.unknown(key, sub, "compatibilityDate", "compatibilityFlags", "bindings", "durableObjects",
				"kvNamespaces", "serviceBindings")
		}
	}
}

// durableObjects decodes { BINDING: "Class" } and { BINDING: { className, useSQLite } }.
func (r *optionReader) durableObjects(v any, path string) []doOption {
	m, ok := v.(map[string]any)
	if !ok {
		r.fail("durableObjects", "", "%s should be an object", path)
		return nil
	}
	var out []doOption
	for _, binding := range sortedMapKeys(m) {
		sub := path + "." + binding
		switch d := m[binding].(type) {
		case string:
			out = append(out, doOption{binding: binding, className: d})
		case map[string]any:
			if o, ok := r.durableObjectDesignator(d, binding, sub); ok {
				out = append(out, o)
			}
		default:
			r.fail(binding, `write "ClassName" or { className: "ClassName" }`,
				"%s should be a class name or an object", sub)
		}
	}
	return out
}

func (r *optionReader) durableObjectDesignator(d map[string]any, binding, path string) (doOption, bool) {
	o := doOption{binding: binding}
	for _, key := range sortedMapKeys(d) {
		switch key {
		case "className":
			o.className, _ = d[key].(string)
		case "useSQLite":
			b := r.boolean(d[key], path+".useSQLite", key)
			o.sqlite = &b
		case "scriptName":
			r.warn(key, "test the other worker in its own project, or mock the binding",
				"%s.scriptName: Durable Objects of other workers are not supported; env.%s will be missing",
				path, binding)
			return doOption{}, false
		default:
			r.unknown(key, path+"."+key, "className", "useSQLite", "scriptName")
		}
	}
	if o.className == "" {
		r.fail(binding, "add className", "%s has no className", path)
		return doOption{}, false
	}
	return o, true
}

func (r *optionReader) stringList(v any, path, key string) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, it := range x {
			s, ok := it.(string)
			if !ok {
				r.fail(key, "", "%s should hold strings only", path)
				return nil
			}
			out = append(out, s)
		}
		return out
	default:
		r.fail(key, "", "%s should be a string or an array of strings", path)
		return nil
	}
}

func (r *optionReader) boolean(v any, path, key string) bool {
	b, ok := v.(bool)
	if !ok {
		r.fail(key, "", "%s should be true or false", path)
	}
	return b
}

// millis reads a duration written in milliseconds.
func (r *optionReader) millis(v any, path, key string) (time.Duration, bool) {
	n, ok := v.(float64)
	if !ok || n < 0 || math.IsNaN(n) {
		r.fail(key, "", "%s should be a number of milliseconds", path)
		return 0, false
	}
	return time.Duration(n * float64(time.Millisecond)), true
}

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// keyLocation points at the first place where key is written as a word in file, or at the
// file alone. The options come from running the configuration, which keeps no positions;
// the text of the key is the best guide to where it was set.
func keyLocation(root, file, key string) *diag.Location {
	q := regexp.QuoteMeta(key)
	// A property written as `key:` is a better guess than the same word elsewhere.
	if loc := findLocation(root, file, regexp.MustCompile(`(?:^|[^\w$])["']?(`+q+`)["']?\s*:`)); loc.Line > 0 {
		return loc
	}
	return findLocation(root, file, regexp.MustCompile(`(?:^|[^\w$])(`+q+`)(?:[^\w$]|$)`))
}

// importLocation points at the import of spec in file.
func importLocation(root, file, spec string) *diag.Location {
	re := regexp.MustCompile(`["'](` + regexp.QuoteMeta(spec) + `)["']`)
	return findLocation(root, file, re)
}

func findLocation(root, file string, re *regexp.Regexp) *diag.Location {
	loc := &diag.Location{File: displayPath(root, file)}
	data, err := os.ReadFile(file)
	if err != nil {
		return loc
	}
	for i, line := range strings.Split(string(data), "\n") {
		if m := re.FindStringSubmatchIndex(line); m != nil {
			loc.Line, loc.Column, loc.LineText = i+1, m[2]+1, strings.TrimRight(line, "\r")
			return loc
		}
	}
	return loc
}
