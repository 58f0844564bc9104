package project

import (
	"slices"
)

// serviceOption is an entry of the pool's `miniflare.serviceBindings` that names a worker.
type serviceOption struct {
	binding    string
	path       string // where it is written, for diagnostics
	worker     string // "" for the worker under test (kCurrentWorker)
	entrypoint string
	props      map[string]any
}

// kvNamespaces decodes ["BINDING"] and { BINDING: "id" } or { BINDING: { id } }, the forms
// Miniflare accepts; a namespace given by its binding alone is named after it.
func (r *optionReader) kvNamespaces(v any, path string) []KVNamespace {
	var out []KVNamespace
	switch x := v.(type) {
	case []any:
		for _, it := range x {
			s, ok := it.(string)
			if !ok || s == "" {
				r.fail("kvNamespaces", `write the binding names, e.g. kvNamespaces: ["KV"]`,
					"%s should hold binding names", path)
				return nil
			}
			out = append(out, KVNamespace{Binding: s, ID: s})
		}
	case map[string]any:
		for _, binding := range sortedMapKeys(x) {
			id, ok := x[binding].(string)
			if m, isMap := x[binding].(map[string]any); isMap {
				id, ok = m["id"].(string)
			}
			if !ok || id == "" {
				r.fail(binding, `write { BINDING: "namespace-id" }`, "%s.%s should be a namespace id", path, binding)
				continue
			}
			out = append(out, KVNamespace{Binding: binding, ID: id})
		}
	default:
		r.fail("kvNamespaces", "", "%s should be an array of binding names or an object", path)
	}
	return out
}

// serviceBindings decodes { BINDING: "worker" } and { BINDING: { name, entrypoint, props } }.
// kCurrentWorker, a symbol, does not survive the evaluation of the configuration, so a
// designator without a name stands for the worker under test. Functions and the network,
// external and disk services cannot be provided: they are reported and left out.
func (r *optionReader) serviceBindings(v any, path string) []serviceOption {
	m, ok := v.(map[string]any)
	if !ok {
		r.fail("serviceBindings", "", "%s should be an object", path)
		return nil
	}
	var out []serviceOption
	for _, binding := range sortedMapKeys(m) {
		sub := path + "." + binding
		switch d := m[binding].(type) {
		case string:
			out = append(out, serviceOption{binding: binding, path: sub, worker: d})
		case map[string]any:
			if o, ok := r.serviceDesignator(d, binding, sub); ok {
				out = append(out, o)
			}
		default:
			r.fail(binding, `write "worker-name" or { name: "worker-name", entrypoint: "Name" }`,
				"%s should be a worker name or an object", sub)
		}
	}
	return out
}

func (r *optionReader) serviceDesignator(d map[string]any, binding, path string) (serviceOption, bool) {
	if _, isFunc := d["$function"]; isFunc {
		r.warn(binding, "bind an entrypoint of the worker instead, or mock what the test calls",
			"%s is a function, which runs in Node.js in the real pool and cannot run in dotest; env.%s will be missing",
			path, binding)
		return serviceOption{}, false
	}
	for _, kind := range []string{"network", "external", "disk", "node"} {
		if _, ok := d[kind]; ok {
			r.warn(binding, "mock what the test calls instead",
				"%s: dotest does not provide %s services; env.%s will be missing", path, kind, binding)
			return serviceOption{}, false
		}
	}

	o := serviceOption{binding: binding, path: path}
	for _, key := range sortedMapKeys(d) {
		switch key {
		case "name":
			o.worker, _ = d[key].(string)
		case "entrypoint":
			o.entrypoint, _ = d[key].(string)
		case "props":
			props, ok := d[key].(map[string]any)
			if !ok {
				r.fail(binding, "", "%s.props should be an object", path)
				return serviceOption{}, false
			}
			o.props = props
		default:
			r.unknown(key, path+"."+key, "name", "entrypoint", "props")
		}
	}
	return o, true
}

// applyKVNamespaces adds the pool's `miniflare.kvNamespaces`, replacing wrangler's by
// binding name as Miniflare merges them.
func (l *loader) applyKVNamespaces() {
	p := l.p
	for _, ns := range l.vc.kvNamespaces {
		if i := slices.IndexFunc(p.KVNamespaces, func(x KVNamespace) bool { return x.Binding == ns.Binding }); i >= 0 {
			p.KVNamespaces[i] = ns
		} else {
			p.KVNamespaces = append(p.KVNamespaces, ns)
		}
	}
}

// applyServices adds the pool's `miniflare.serviceBindings`. Each replaces the wrangler
// binding of the same name; one that names another worker leaves the binding out.
func (l *loader) applyServices() {
	p := l.p
	for _, o := range l.vc.services {
		p.Services = slices.DeleteFunc(p.Services, func(s Service) bool { return s.Binding == o.binding })
		if o.worker != "" && !sameWorker(o.worker, "", p.Name) {
			l.c.warnf(keyLocation(l.root, l.vc.file, o.binding),
				"test the other worker in its own project, or mock the binding",
				"%s: bindings to other workers (%q) are not supported (this worker is %s); env.%s will be missing",
				o.path, o.worker, workerLabel(p.Name), o.binding)
			continue
		}
		p.Services = append(p.Services, Service{Binding: o.binding, Entrypoint: o.entrypoint, Props: o.props})
	}
}
