// Package pool plans and runs a dotest run: it discovers the test files of a project, splits
// them into shards, runs each file on one of N worker goroutines in a fresh runtime, and
// streams what happens as events (package event). Reporters and the Go API consume them.
package pool
