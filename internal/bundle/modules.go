package bundle

import (
	"slices"
	"strings"
)

// CloudflareModules are the "cloudflare:" modules a bundle may import. The runtime provides
// each of them through globalThis.__dotest.require; a "cloudflare:" name missing from this
// list fails the build with a diagnostic, as workerd fails to load it.
var CloudflareModules = []string{
	"cloudflare:test",
	"cloudflare:workers",
	"cloudflare:sockets",
	"cloudflare:email",
	"cloudflare:workflows",
	"cloudflare:pipelines",
}

// HostModules are the other modules provided by the runtime rather than bundled.
var HostModules = []string{"vitest"}

// NodeBuiltins are the Node.js built-in modules, by their bare names. An import of
// "node:<name>" is always provided by the runtime. An import of the bare name is provided by
// the runtime only when no package of that name can be resolved from the importing file, so
// that a project that installs a polyfill such as the "buffer" package gets that package.
var NodeBuiltins = []string{
	"assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console",
	"constants", "crypto", "dgram", "diagnostics_channel", "dns", "dns/promises", "domain",
	"events", "fs", "fs/promises", "http", "http2", "https", "inspector", "inspector/promises",
	"module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks", "process",
	"punycode", "querystring", "readline", "readline/promises", "repl", "stream",
	"stream/consumers", "stream/promises", "stream/web", "string_decoder", "sys", "timers",
	"timers/promises", "tls", "trace_events", "tty", "url", "util", "util/types", "v8", "vm",
	"wasi", "worker_threads", "zlib",
}

// moduleKind says how an import specifier is served.
type moduleKind int

const (
	bundled       moduleKind = iota // an ordinary file or package, resolved by esbuild
	hostModule                      // provided by the runtime
	nodeBuiltin                     // provided by the runtime unless a package of that name exists
	unknownModule                   // a "cloudflare:" module that dotest does not provide
)

// classify tells how the specifier path of an import is served.
func classify(path string, extra []string) moduleKind {
	switch {
	case strings.HasPrefix(path, "node:"):
		return hostModule
	case slices.Contains(HostModules, path), slices.Contains(extra, path):
		return hostModule
	case strings.HasPrefix(path, "cloudflare:"):
		if slices.Contains(CloudflareModules, path) {
			return hostModule
		}
		return unknownModule
	case slices.Contains(NodeBuiltins, path):
		return nodeBuiltin
	}
	return bundled
}

// hostFacade is the code of the CommonJS module that stands for a host module: requiring it
// returns the runtime's module object, so any named import of it works.
func hostFacade(name string) string {
	return "module.exports = globalThis.__dotest.require(" + jsString(name) + ");\n"
}
