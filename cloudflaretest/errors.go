package cloudflaretest

import "errors"

// JSError is an exception thrown in JavaScript, as Go sees it: what a method threw at the end
// of Stub.Call, what an alarm handler threw at the end of Worker.RunAlarm, what a script given
// to Object.Eval threw. Errors that crossed RPC keep the name and message the receiver threw
// but not its stack, as in workerd. A JS method that returns an Error (rather than throwing it) gives a
// *JSError as a value, not as the error of the call.
type JSError struct {
	Name    string // the error's class: "Error", "TypeError", ...; "" for a thrown non-Error
	Message string
	Stack   string // the JS stack, mapped to the lines of the project's .ts files, when it has one
}

// Error renders the error as JavaScript prints it: "Name: message".
func (e *JSError) Error() string {
	if e.Name == "" {
		return e.Message
	}
	if e.Message == "" {
		return e.Name
	}
	return e.Name + ": " + e.Message
}

// Errors of the package, for errors.Is. Their messages are completed with what to change.
var (
	// ErrClosed is returned by every call on a worker (or a stub, or an object) whose test has
	// ended, or which was closed.
	ErrClosed = errors.New("the worker is closed: the test that owns it has ended")

	// ErrStopped is returned by every call on a worker whose runtime had to be stopped while
	// its test ran: JavaScript that ran without end was interrupted. The error says where.
	ErrStopped = errors.New("the worker's runtime stopped")

	// ErrNoBinding is returned for a Durable Object binding that env does not have.
	ErrNoBinding = errors.New("no such Durable Object binding")

	// ErrNotObject is returned by the Durable Object helpers (RunAlarm, RunInDurableObject,
	// Evict) for the stub of the worker itself, Worker.Self.
	ErrNotObject = errors.New("not a Durable Object stub")

	// ErrNotRunning is returned by Evict for an object that has no instance now.
	ErrNotRunning = errors.New("the Durable Object is not running")

	// ErrValue is returned for a value that cannot cross between Go and JavaScript.
	ErrValue = errors.New("the value cannot cross between Go and JavaScript")

	// ErrObjectDone is returned by the methods of an Object used after the callback of
	// RunInDurableObject returned.
	ErrObjectDone = errors.New("the Object was used after its RunInDurableObject callback returned")
)
