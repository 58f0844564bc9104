package project

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/dotest-dev/dotest/internal/diag"
)

// wranglerFiles are the names of a wrangler configuration, in the order wrangler looks for
// them.
var wranglerFiles = []string{"wrangler.json", "wrangler.jsonc", "wrangler.toml"}

// wranglerConfig is what dotest takes from a wrangler configuration, for one environment.
type wranglerConfig struct {
	path        string
	name        string
	main        string // absolute, "" when absent
	compatDate  string
	compatFlags []string
	vars        map[string]any
	bindings    []Binding
	classes     map[string]Class
	kv          []KVNamespace
	services    []Service

	// secrets is the `secrets.required` list; hasSecrets says whether `secrets` was set,
	// which limits which .dev.vars keys are loaded.
	secrets    []string
	hasSecrets bool
}

// findWrangler returns the wrangler configuration in dir, warning when there are several.
func findWrangler(root, dir string, c *collector) string {
	var found []string
	for _, name := range wranglerFiles {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			found = append(found, p)
		}
	}
	if len(found) > 1 {
		c.warnf(&diag.Location{File: displayPath(root, found[0])}, "delete the files that are not used",
			"several wrangler configurations: using %s, ignoring %s", filepath.Base(found[0]),
			strings.Join(baseNames(found[1:]), " and "))
	}
	if len(found) == 0 {
		return ""
	}
	return found[0]
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// wranglerReader decodes one wrangler configuration file.
type wranglerReader struct {
	src     *source
	c       *collector
	doc     *value
	env     string
	envBody *value // the [env.NAME] table; nil for the top level or an undefined env
}

// readWrangler reads the wrangler configuration at path for environment env ("" for the
// top level). It returns nil when the file cannot be used; the reasons are in c.
func readWrangler(root, path, env string, c *collector) *wranglerConfig {
	data, err := os.ReadFile(path)
	if err != nil {
		c.errorf(&diag.Location{File: displayPath(root, path)}, "check the path of the wrangler configuration",
			"cannot read the wrangler configuration: %v", unwrapPathError(err))
		return nil
	}
	src := newSource(root, path, string(data))

	parse := parseJSONC
	if strings.HasSuffix(path, ".toml") {
		parse = parseTOML
	}
	doc, err := parse(string(data))
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			c.errorf(src.at(se.pos), "fix the syntax of "+filepath.Base(path), "%s", se.msg)
			return nil
		}
		c.errorf(src.at(pos{}), "", "failed to parse: %v", err)
		return nil
	}
	if doc.kind != kindObject {
		c.errorf(src.at(doc.pos), "the file must hold one object of settings",
			"the wrangler configuration is %s, not an object", doc.kind)
		return nil
	}

	r := &wranglerReader{src: src, c: c, doc: doc, env: env}
	r.checkKeys(doc, "", true)
	if !r.selectEnv() {
		return nil
	}
	return r.decode()
}

// unwrapPathError drops the path from an *os.PathError, which the location already shows.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// selectEnv finds the [env.NAME] table. An environment that is not defined is an error
// when the file defines others, and a warning when it defines none, as in wrangler.
func (r *wranglerReader) selectEnv() bool {
	if r.env == "" {
		return true
	}
	envs := r.doc.get("env")
	if envs != nil && envs.kind != kindObject {
		r.c.errorf(r.src.at(envs.pos), `write environments as [env.NAME] tables`, `"env" should be an object, not %s`,
			envs.kind)
		return false
	}
	if body := envs.get(r.env); body != nil {
		if body.kind != kindObject {
			r.c.errorf(r.src.at(body.pos), fmt.Sprintf("write the environment as an [env.%s] table", r.env),
				`"env.%s" should be an object, not %s`, r.env, body.kind)
			return false
		}
		r.envBody = body
		r.checkKeys(body, "env."+r.env+".", false)
		return true
	}

	hint := fmt.Sprintf("add an [env.%s] section to %s, or pick another --env", r.env, filepath.Base(r.src.path))
	if envs == nil || len(envs.members) == 0 {
		r.c.warnf(r.src.at(pos{}), hint,
			"no environment named %q in the configuration; using the top-level settings", r.env)
		return true
	}
	r.c.errorf(r.src.at(pos{}), hint, "no environment named %q in the configuration; the environments are: %s",
		r.env, strings.Join(quoteAll(sortedKeys(envs)), ", "))
	return false
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// field returns the member for key in the selected environment. Inheritable keys fall back
// to the top level; the others do not, and wrangler warns when only the top level has them.
func (r *wranglerReader) field(key string, inheritable bool) (*member, string) {
	if r.envBody == nil {
		return r.doc.lookup(key), key
	}
	if m := r.envBody.lookup(key); m != nil {
		return m, "env." + r.env + "." + key
	}
	top := r.doc.lookup(key)
	if inheritable || top == nil {
		return top, key
	}
	r.c.warnf(r.src.at(top.keyPos), fmt.Sprintf("add %q to [env.%s]", key, r.env),
		"%q exists at the top level, but not in env.%s; environments do not inherit %q", key, r.env, key)
	return nil, key
}

func (r *wranglerReader) decode() *wranglerConfig {
	w := &wranglerConfig{path: r.src.path, vars: map[string]any{}}
	w.name = r.name()
	w.main = r.main()
	w.compatDate = r.compatDate()
	if m, path := r.field("compatibility_flags", true); m != nil {
		w.compatFlags = r.strings(m.val, path)
	}
	if m, path := r.field("vars", false); m != nil {
		w.vars = r.vars(m.val, path)
	}
	if m, path := r.field("durable_objects", false); m != nil {
		w.bindings = r.durableObjects(m.val, path)
	}
	if m, path := r.field("kv_namespaces", false); m != nil {
		w.kv = r.kvNamespaces(m.val, path)
	}
	if m, path := r.field("services", false); m != nil {
		w.services = r.services(m.val, path, w.name)
	}
	w.secrets, w.hasSecrets = r.secrets()
	w.classes = r.classes(w.bindings)
	return w
}

func (r *wranglerReader) name() string {
	if r.envBody != nil {
		if m := r.envBody.lookup("name"); m != nil {
			return r.str(m.val, "env."+r.env+".name")
		}
	}
	m := r.doc.lookup("name")
	if m == nil {
		return ""
	}
	name := r.str(m.val, "name")
	if r.env != "" && name != "" {
		// An environment that does not name itself deploys as "<name>-<env>".
		name += "-" + r.env
	}
	return name
}

func (r *wranglerReader) main() string {
	m, path := r.field("main", true)
	if m == nil {
		return ""
	}
	rel := r.str(m.val, path)
	if rel == "" {
		return ""
	}
	abs := filepath.Join(filepath.Dir(r.src.path), filepath.FromSlash(rel))
	if filepath.IsAbs(rel) {
		abs = filepath.Clean(rel)
	}
	if st, err := os.Stat(abs); err != nil || st.IsDir() {
		hint := fmt.Sprintf("fix %q in %s, or create the file", path, filepath.Base(r.src.path))
		r.c.errorf(r.src.at(m.val.pos), hint, "the main module %q does not exist", rel)
		return ""
	}
	return abs
}

var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func (r *wranglerReader) compatDate() string {
	m, path := r.field("compatibility_date", true)
	if m == nil {
		return ""
	}
	if m.val.kind == kindDatetime {
		r.c.errorf(r.src.at(m.val.pos), fmt.Sprintf(`write it in quotes: %s = "%s"`, m.key, m.val.str),
			"%q should be a string, not a date", path)
		return ""
	}
	date := r.str(m.val, path)
	if date == "" && m.val.kind == kindString || date != "" && !validDate(date) {
		r.c.errorf(r.src.at(m.val.pos), `write the date as "YYYY-MM-DD", for example "2025-04-01"`,
			"%q is not a valid date: %q", path, date)
		return ""
	}
	return date
}

func validDate(s string) bool {
	if !datePattern.MatchString(s) {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func (r *wranglerReader) vars(v *value, path string) map[string]any {
	out := map[string]any{}
	if v.kind != kindObject {
		r.typeError(v, path, kindObject)
		return out
	}
	for _, m := range v.members {
		out[m.key] = m.val.plain()
	}
	return out
}

func (r *wranglerReader) secrets() ([]string, bool) {
	m, path := r.field("secrets", false)
	if m == nil {
		return nil, false
	}
	if m.val.kind != kindObject {
		r.typeError(m.val, path, kindObject)
		return nil, true
	}
	req := m.val.get("required")
	if req == nil {
		return nil, true
	}
	return r.strings(req, path+".required"), true
}

// str returns a string value, or reports that it is not one.
func (r *wranglerReader) str(v *value, path string) string {
	if v.kind != kindString {
		r.typeError(v, path, kindString)
		return ""
	}
	return v.str
}

// strings returns an array of strings, skipping and reporting the elements of other types.
func (r *wranglerReader) strings(v *value, path string) []string {
	if v.kind != kindArray {
		r.typeError(v, path, kindArray)
		return nil
	}
	out := make([]string, 0, len(v.items))
	for i, it := range v.items {
		if s := r.str(it, fmt.Sprintf("%s[%d]", path, i)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (r *wranglerReader) typeError(v *value, path string, want kind) {
	r.c.errorf(r.src.at(v.pos), fmt.Sprintf("change %q in %s to %s", path, filepath.Base(r.src.path), want),
		"%q should be %s, not %s", path, want, v.kind)
}
