package project

import (
	"slices"
	"sort"
	"strings"
)

// keyRole says what dotest does with a key of the wrangler configuration.
type keyRole int

const (
	roleUsed         keyRole = iota // read by dotest
	roleIgnored                     // deployment settings: no effect on tests
	roleBinding                     // a binding that dotest does not provide
	roleBuild                       // changes how the worker is built; dotest does not apply it
	roleRemoved                     // no longer accepted by wrangler
	roleTopLevelOnly                // valid at the top level only, not inside [env.NAME]
)

// wranglerKeys lists the keys of a wrangler environment (valid at the top level and in
// [env.NAME]) with what dotest does with them. It follows the configuration schema of
// wrangler 4.
var wranglerKeys = map[string]keyRole{
	"name": roleUsed, "main": roleUsed, "compatibility_date": roleUsed, "compatibility_flags": roleUsed,
	"vars": roleUsed, "durable_objects": roleUsed, "migrations": roleUsed, "exports": roleUsed,
	"secrets": roleUsed, "kv_namespaces": roleUsed, "services": roleUsed,

	"account_id": roleIgnored, "workers_dev": roleIgnored, "preview_urls": roleIgnored,
	"route": roleIgnored, "routes": roleIgnored, "triggers": roleIgnored, "limits": roleIgnored,
	"placement": roleIgnored, "logpush": roleIgnored, "observability": roleIgnored,
	"upload_source_maps": roleIgnored, "first_party_worker": roleIgnored, "compliance_region": roleIgnored,
	"access": roleIgnored, "cache": roleIgnored, "previews": roleIgnored, "usage_model": roleIgnored,
	"zone_id": roleIgnored, "workers_dev_subdomain": roleIgnored,

	"r2_buckets": roleBinding, "d1_databases": roleBinding,
	"queues": roleBinding, "analytics_engine_datasets": roleBinding,
	"ai": roleBinding, "browser": roleBinding, "hyperdrive": roleBinding, "vectorize": roleBinding,
	"workflows": roleBinding, "send_email": roleBinding, "mtls_certificates": roleBinding,
	"dispatch_namespaces": roleBinding, "images": roleBinding, "pipelines": roleBinding,
	"secrets_store_secrets": roleBinding, "ratelimits": roleBinding, "unsafe": roleBinding,
	"version_metadata": roleBinding, "assets": roleBinding, "worker_loaders": roleBinding,
	"tail_consumers": roleBinding, "streaming_tail_consumers": roleBinding, "media": roleBinding,
	"stream": roleBinding, "artifacts": roleBinding, "flagship": roleBinding,
	"vpc_services": roleBinding, "vpc_networks": roleBinding, "ai_search": roleBinding,
	"ai_search_namespaces": roleBinding, "websearch": roleBinding, "agent_memory": roleBinding,
	"logfwdr": roleBinding, "containers": roleBinding, "cloudchamber": roleBinding,
	"connect": roleBinding, "unsafe_hello_world": roleBinding,

	"define": roleBuild, "rules": roleBuild, "find_additional_modules": roleBuild, "base_dir": roleBuild,
	"preserve_file_names": roleBuild, "tsconfig": roleBuild, "jsx_factory": roleBuild,
	"jsx_fragment": roleBuild, "no_bundle": roleBuild, "minify": roleBuild, "keep_names": roleBuild,
	"build": roleBuild, "python_modules": roleBuild,

	"node_compat": roleRemoved, "legacy_env": roleRemoved, "type": roleRemoved, "webpack_config": roleRemoved,
}

// topLevelKeys are valid only at the top level of the file.
var topLevelKeys = map[string]keyRole{
	"$schema": roleIgnored, "env": roleUsed,
	"send_metrics": roleIgnored, "dependencies_instrumentation": roleIgnored, "keep_vars": roleIgnored,
	"addresses": roleIgnored, "pages_build_output_dir": roleIgnored, "dev": roleIgnored, "site": roleIgnored,
	"alias":        roleBuild,
	"wasm_modules": roleBinding, "text_blobs": roleBinding, "data_blobs": roleBinding,
}

// keyRoleOf returns the role of a key at the top level (top) or in an environment.
func keyRoleOf(key string, top bool) (keyRole, bool) {
	if r, ok := wranglerKeys[key]; ok {
		return r, true
	}
	if r, ok := topLevelKeys[key]; ok {
		if top {
			return r, true
		}
		return roleTopLevelOnly, true
	}
	return 0, false
}

// suggest returns the known key closest to an unknown one, or "" when none is close enough
// to be a misspelling.
func suggest(key string, known []string) string {
	best, bestDist := "", 0
	for _, k := range known {
		d := editDistance(strings.ToLower(key), k)
		if best == "" || d < bestDist || d == bestDist && k < best {
			best, bestDist = k, d
		}
	}
	// Allow about one edit per five characters, and always one.
	if best == "" || bestDist > max(1, len(key)/5) {
		return ""
	}
	return best
}

// allWranglerKeys returns the known keys, sorted, for suggestions.
func allWranglerKeys(top bool) []string {
	keys := make([]string, 0, len(wranglerKeys)+len(topLevelKeys))
	for k := range wranglerKeys {
		keys = append(keys, k)
	}
	if top {
		for k := range topLevelKeys {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// editDistance is the Damerau-Levenshtein distance (with adjacent transpositions) between
// two strings, counted in bytes.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// sortedKeys returns the keys of an object value in sorted order.
func sortedKeys(v *value) []string {
	var keys []string
	for _, m := range v.members {
		keys = append(keys, m.key)
	}
	slices.Sort(keys)
	return keys
}
