// Package pool plans and runs a dotest run: it discovers the test files of a project, splits
// them into shards, runs each file on one of N worker goroutines in a fresh runtime, and
// streams what happens as events (package event). Reporters and the Go API consume them.
package pool

import "github.com/dotest-dev/dotest/pool/event"

// These aliases keep code written against the first home of the event types compiling while
// it moves to package event; they go once nothing uses them.
type (
	Event      = event.Event
	EventKind  = event.EventKind
	State      = event.State
	RunInfo    = event.RunInfo
	Task       = event.Task
	TestResult = event.TestResult
	TestError  = event.TestError
	Frame      = event.Frame
	FileResult = event.FileResult
	LogEntry   = event.LogEntry

	SnapshotSummary = event.SnapshotSummary
)

// Event kinds and states, re-exported for the same reason as the types.
const (
	RunStart      = event.RunStart
	FileStart     = event.FileStart
	FileCollected = event.FileCollected
	TestStart     = event.TestStart
	TestEnd       = event.TestEnd
	Log           = event.Log
	FileEnd       = event.FileEnd
	RunEnd        = event.RunEnd

	Pass   = event.Pass
	Fail   = event.Fail
	Skip   = event.Skip
	Todo   = event.Todo
	NotRun = event.NotRun
)
