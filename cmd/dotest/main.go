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
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}
