package project

import (
	"fmt"
	"path/filepath"
	"strings"
)

// durableObjects decodes `durable_objects.bindings`. Bindings to classes of other workers
// (`script_name`) are reported and left out: dotest runs one worker.
func (r *wranglerReader) durableObjects(v *value, path string) []Binding {
	if v.kind != kindObject {
		r.typeError(v, path, kindObject)
		return nil
	}
	r.unexpectedKeys(v, path, "bindings")
	list := v.get("bindings")
	if list == nil {
		return nil
	}
	if list.kind != kindArray {
		r.typeError(list, path+".bindings", kindArray)
		return nil
	}

	var out []Binding
	seen := map[string]bool{}
	for i, b := range list.items {
		at := fmt.Sprintf("%s.bindings[%d]", path, i)
		binding, ok := r.durableObjectBinding(b, at)
		if !ok {
			continue
		}
		if seen[binding.Name] {
			r.c.errorf(r.src.at(b.get("name").pos), "give each binding its own name",
				"%s: the binding name %q is already used", at, binding.Name)
			continue
		}
		seen[binding.Name] = true
		out = append(out, binding)
	}
	return out
}

func (r *wranglerReader) durableObjectBinding(b *value, at string) (Binding, bool) {
	if b.kind != kindObject {
		r.typeError(b, at, kindObject)
		return Binding{}, false
	}
	r.unexpectedKeys(b, at, "name", "class_name", "script_name", "environment")

	var binding Binding
	for _, key := range []string{"name", "class_name"} {
		m := b.lookup(key)
		if m == nil {
			r.c.errorf(r.src.at(b.pos), fmt.Sprintf("add %q to the binding", key), "%s has no %q", at, key)
			return Binding{}, false
		}
		s := r.str(m.val, at+"."+key)
		if s == "" {
			return Binding{}, false
		}
		if key == "name" {
			binding.Name = s
		} else {
			binding.ClassName = s
		}
	}

	if m := b.lookup("script_name"); m != nil {
		r.c.warnf(r.src.at(m.keyPos), "test the other worker in its own project, or mock the binding",
			"%s.script_name: Durable Objects of other workers are not supported; env.%s will be missing",
			at, binding.Name)
		return Binding{}, false
	}
	return binding, true
}

// unexpectedKeys warns about the keys of an object that are not among known.
func (r *wranglerReader) unexpectedKeys(v *value, path string, known ...string) {
	for _, m := range v.members {
		found := false
		for _, k := range known {
			found = found || m.key == k
		}
		if found {
			continue
		}
		hint := "expected one of: " + strings.Join(known, ", ")
		if s := suggest(m.key, known); s != "" {
			hint = fmt.Sprintf("rename it to %q", s)
		}
		r.c.warnf(r.src.at(m.keyPos), hint, "unexpected key %q in %s; dotest ignores it", m.key, path)
	}
}

// classes replays the migrations in order, then the declarative exports, to find each
// class and its storage backend, as wrangler does for local development. A bound class
// that neither creates is KV-backed: wrangler then passes no backend to Miniflare, whose
// default is the legacy KV storage.
func (r *wranglerReader) classes(bindings []Binding) map[string]Class {
	classes := map[string]Class{}
	migrations, mpath := r.field("migrations", true)
	if migrations != nil {
		r.migrations(migrations.val, mpath, classes)
	}
	exports, epath := r.field("exports", true)
	if exports != nil {
		r.exports(exports.val, epath, classes)
	}

	for _, b := range bindings {
		if _, ok := classes[b.ClassName]; ok {
			continue
		}
		classes[b.ClassName] = Class{Name: b.ClassName}
		r.c.warnf(r.src.at(r.classNamePos(b)),
			fmt.Sprintf(`add a migration to %s: new_sqlite_classes = ["%s"]`, filepath.Base(r.src.path), b.ClassName),
			"no migration creates the Durable Object class %q; it is KV-backed, as in wrangler dev", b.ClassName)
	}
	return classes
}

// classNamePos finds where a binding's class_name is written, for diagnostics.
func (r *wranglerReader) classNamePos(b Binding) pos {
	for _, table := range []*value{r.envBody, r.doc} {
		list := table.get("durable_objects").get("bindings")
		if list == nil || list.kind != kindArray {
			continue
		}
		for _, it := range list.items {
			if n := it.get("name"); n != nil && n.str == b.Name {
				if c := it.get("class_name"); c != nil {
					return c.pos
				}
			}
		}
	}
	return pos{}
}

func (r *wranglerReader) migrations(v *value, path string, classes map[string]Class) {
	r.eachObject(v, path, func(m *value, at string) {
		r.unexpectedKeys(m, at, "tag", "new_classes", "new_sqlite_classes", "renamed_classes",
			"deleted_classes", "transferred_classes")
		if tag := m.get("tag"); tag == nil {
			r.c.errorf(r.src.at(m.pos), `give the migration a tag, for example tag = "v1"`, "%s has no \"tag\"", at)
		} else {
			r.str(tag, at+".tag")
		}
		r.applyMigration(m, at, classes)
	})
}

// applyMigration applies one migration in wrangler's order: deletions, renames, then new
// classes, with wrangler's error texts.
func (r *wranglerReader) applyMigration(m *value, at string, classes map[string]Class) {
	file := filepath.Base(r.src.path)
	for _, name := range r.classList(m, at, "deleted_classes") {
		if _, ok := classes[name.str]; !ok {
			r.c.errorf(r.src.at(name.pos), "remove the class from deleted_classes in "+file,
				"Cannot apply deleted_classes migration to non-existent class %s", name.str)
			continue
		}
		delete(classes, name.str)
	}
	r.renames(m, at, classes)
	for _, key := range []string{"new_classes", "new_sqlite_classes"} {
		for _, name := range r.classList(m, at, key) {
			if _, ok := classes[name.str]; ok {
				r.c.errorf(r.src.at(name.pos), "a class can be created by one migration only",
					"Cannot apply %s migration to existing class %s", key, name.str)
				continue
			}
			classes[name.str] = Class{Name: name.str, SQLite: key == "new_sqlite_classes"}
		}
	}
}

func (r *wranglerReader) renames(m *value, at string, classes map[string]Class) {
	list := m.get("renamed_classes")
	if list == nil {
		return
	}
	path := at + ".renamed_classes"
	if list.kind != kindArray {
		r.typeError(list, path, kindArray)
		return
	}
	for i, it := range list.items {
		from, to := it.get("from"), it.get("to")
		if it.kind != kindObject || from == nil || to == nil || from.kind != kindString || to.kind != kindString {
			r.c.errorf(r.src.at(it.pos), `write each rename as { from = "Old", to = "New" }`,
				"%s[%d] should be an object with string \"from\" and \"to\"", path, i)
			continue
		}
		class, ok := classes[from.str]
		if !ok {
			r.c.errorf(r.src.at(from.pos), "rename a class that an earlier migration creates",
				"Cannot apply renamed_classes migration to non-existent class %s", from.str)
			continue
		}
		delete(classes, from.str)
		classes[to.str] = Class{Name: to.str, SQLite: class.SQLite}
	}
}

// classList returns the strings of a class-name array of a migration.
func (r *wranglerReader) classList(m *value, at, key string) []*value {
	list := m.get(key)
	if list == nil {
		return nil
	}
	if list.kind != kindArray {
		r.typeError(list, at+"."+key, kindArray)
		return nil
	}
	var out []*value
	for i, it := range list.items {
		if r.str(it, fmt.Sprintf("%s.%s[%d]", at, key, i)) != "" {
			out = append(out, it)
		}
	}
	return out
}

// exports reads the declarative Durable Object exports of wrangler 4:
// { "Counter": { "type": "durable-object", "storage": "sqlite" } }. Entries being deleted
// or transferred away no longer define a class.
func (r *wranglerReader) exports(v *value, path string, classes map[string]Class) {
	if v.kind != kindObject {
		r.typeError(v, path, kindObject)
		return
	}
	declared := 0
	for _, m := range v.members {
		e := m.val
		if e.kind != kindObject || e.get("type") == nil || e.get("type").str != "durable-object" {
			continue
		}
		state := e.get("state")
		if state != nil && state.str != "created" && state.str != "expecting-transfer" {
			continue
		}
		storage := e.get("storage")
		classes[m.key] = Class{Name: m.key, SQLite: storage != nil && storage.str == "sqlite"}
		declared++
	}

	if migrations, _ := r.field("migrations", true); migrations != nil && len(migrations.val.items) > 0 &&
		declared > 0 {
		r.c.errorf(r.src.at(v.pos), "declare the classes in one of the two places",
			"`migrations` and `exports` are mutually exclusive. Choose one or the other to declare your "+
				"Durable Object lifecycle, but not both.")
	}
}
