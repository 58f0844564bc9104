// Command dotest runs the vitest-style tests of a Cloudflare Workers project that uses Durable
// Objects, without Node.js or workerd: each test file runs in a fresh JavaScript runtime
// against an in-process Durable Object engine backed by SQLite.
//
// Usage:
//
//	dotest run [filters...] [flags]
//	dotest watch [filters...] [flags]
//	dotest list [filters...] [flags]
//
// Exit codes:
//
//	0  every test passed
//	1  a test failed, or no test file was found (unless --passWithNoTests)
//	2  bad usage or a bad project configuration
//	3  an internal error of dotest
package main

import (
	"os"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// gcPercent is the garbage collector's target unless GOGC says otherwise. A test run makes
// many short-lived JS objects and little long-lived data, so collecting a quarter as often
// cuts a third of the time per test file (BenchmarkFileWarm in package pool) for a few
// megabytes of heap.
const gcPercent = 400

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}
