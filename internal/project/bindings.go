package project

import (
	"fmt"
)

// eachObject calls f with each item of the array v and its path, reporting v when it is not
// an array and each item that is not an object.
func (r *wranglerReader) eachObject(v *value, path string, f func(item *value, at string)) {
	if v.kind != kindArray {
		r.typeError(v, path, kindArray)
		return
	}
	for i, item := range v.items {
		at := fmt.Sprintf("%s[%d]", path, i)
		if item.kind != kindObject {
			r.typeError(item, at, kindObject)
			continue
		}
		f(item, at)
	}
}

// kvNamespaces decodes `kv_namespaces`: [{ binding, id, preview_id }]. Locally a namespace
// is named by its id, else by its binding, as wrangler dev names it; preview_id only
// matters to remote development.
func (r *wranglerReader) kvNamespaces(v *value, path string) []KVNamespace {
	var out []KVNamespace
	seen := map[string]bool{}
	r.eachObject(v, path, func(b *value, at string) {
		r.unexpectedKeys(b, at, "binding", "id", "preview_id", "remote")
		name, ok := r.requiredString(b, at, "binding")
		if !ok || !r.unique(seen, b, at, name) {
			return
		}
		ns := KVNamespace{Binding: name, ID: name}
		if id := b.get("id"); id != nil {
			if s := r.str(id, at+".id"); s != "" {
				ns.ID = s
			} else if id.kind == kindString {
				r.emptyString(id, at+".id")
			}
		}
		if p := b.get("preview_id"); p != nil {
			r.str(p, at+".preview_id")
		}
		r.remoteIgnored(b, at, "KV data stays local")
		out = append(out, ns)
	})
	return out
}

// services decodes `services`: [{ binding, service, entrypoint, props }]. A binding to this
// worker (named worker) is kept; a binding to another worker is reported and left out,
// since dotest runs one worker.
func (r *wranglerReader) services(v *value, path, worker string) []Service {
	var out []Service
	seen := map[string]bool{}
	r.eachObject(v, path, func(b *value, at string) {
		r.unexpectedKeys(b, at, "binding", "service", "environment", "entrypoint", "props", "remote")
		name, ok := r.requiredString(b, at, "binding")
		if !ok || !r.unique(seen, b, at, name) {
			return
		}
		target, ok := r.requiredString(b, at, "service")
		if !ok {
			return
		}
		svc, ok := r.serviceOptions(b, at, name)
		if !ok {
			return
		}
		if !sameWorker(target, r.optionalString(b, at, "environment"), worker) {
			r.c.warnf(r.src.at(b.get("service").pos), "test the other worker in its own project, or mock the binding",
				"%s.service: bindings to other workers are not supported (this worker is %s); env.%s will be missing",
				at, workerLabel(worker), name)
			return
		}
		out = append(out, svc)
	})
	return out
}

// serviceOptions reads the entrypoint and props of a service binding.
func (r *wranglerReader) serviceOptions(b *value, at, name string) (Service, bool) {
	svc := Service{Binding: name, Entrypoint: r.optionalString(b, at, "entrypoint")}
	if p := b.get("props"); p != nil {
		if p.kind != kindObject {
			r.typeError(p, at+".props", kindObject)
			return Service{}, false
		}
		svc.Props, _ = p.plain().(map[string]any)
	}
	r.remoteIgnored(b, at, "the binding reaches this worker")
	return svc, true
}

// sameWorker reports whether a service binding's target names the worker: by its name, or
// by the name and the legacy environment that wrangler appends to it.
func sameWorker(service, environment, worker string) bool {
	if worker == "" {
		return false
	}
	return service == worker || environment != "" && service+"-"+environment == worker
}

func workerLabel(worker string) string {
	if worker == "" {
		return `unnamed: set "name"`
	}
	return fmt.Sprintf("%q", worker)
}

// requiredString returns the string member key of the object b, reporting its absence or
// its type.
func (r *wranglerReader) requiredString(b *value, at, key string) (string, bool) {
	m := b.lookup(key)
	if m == nil {
		r.c.errorf(r.src.at(b.pos), fmt.Sprintf("add %q to the binding", key), "%s has no %q", at, key)
		return "", false
	}
	s := r.str(m.val, at+"."+key)
	if s == "" && m.val.kind == kindString {
		r.emptyString(m.val, at+"."+key)
	}
	return s, s != ""
}

func (r *wranglerReader) emptyString(v *value, path string) {
	r.c.errorf(r.src.at(v.pos), "write a name, or remove the key", "%q should not be empty", path)
}

// optionalString returns the string member key of b, "" when it is absent or not a string
// (which is reported).
func (r *wranglerReader) optionalString(b *value, at, key string) string {
	v := b.get(key)
	if v == nil {
		return ""
	}
	return r.str(v, at+"."+key)
}

// unique reports whether name is a binding name not seen before in the list, and reports
// the repeated one.
func (r *wranglerReader) unique(seen map[string]bool, b *value, at, name string) bool {
	if seen[name] {
		r.c.errorf(r.src.at(b.get("binding").pos), "give each binding its own name",
			"%s: the binding name %q is already used", at, name)
		return false
	}
	seen[name] = true
	return true
}

// remoteIgnored warns that `remote: true` has no effect: dotest reaches no Cloudflare
// account.
func (r *wranglerReader) remoteIgnored(b *value, at, why string) {
	m := b.lookup("remote")
	if m == nil || m.val.kind != kindBool || !m.val.boolean {
		return
	}
	r.c.warnf(r.src.at(m.keyPos), "remove it, or run the tests that need remote data with wrangler",
		"%s.remote: dotest does not reach remote resources; %s", at, why)
}
