// Package nodecompat gives a runtime the node: modules that workerd offers Workers under the
// nodejs_compat flag: node:buffer, node:events, node:util, node:assert, node:crypto,
// node:path, node:async_hooks, node:url, node:string_decoder, node:timers and node:process,
// behaving as workerd's (which follow Node's), with their error codes and texts.
//
// Each module is an embedded JS file compiled once per process and built in a runtime the
// first time a bundle requires it. Hot paths run in Go: the string encodings of Buffer, the
// digests of createHash and createHmac, random bytes, and the async context that
// AsyncLocalStorage carries across promise jobs (goja's AsyncContextTracker).
//
// The web platform (TextEncoder, URL, Blob, EventTarget, crypto.subtle, ...) belongs to
// another package: where a Node module re-exports one of its globals, it reads the global when
// asked, never keeping its own copy.
//
// # Known gaps
//
// node:stream and the other modules listed in Unprovided throw when required, naming the
// module. util.inspect with options has no column layout for long arrays and no colors.
// AsyncLocalStorage follows promise jobs and the global timers; it does not follow callbacks
// that Go code schedules on the loop (Durable Object events, fetch), which start from the
// context that was current when the loop ran them.
package nodecompat
