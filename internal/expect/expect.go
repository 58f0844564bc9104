// Package expect is vitest's expect and mock functions for dotest, written
// in JavaScript and run in goja.
//
// Install runs the library in a runtime and returns its object, lib:
//
//   - lib.expect: the global expect, bound to the state given to
//     lib.setState(state) (a fallback state when none is set);
//   - lib.createExpect(state): an expect bound to one test's state, for the
//     test context's `expect`;
//   - lib.checkAssertions(state): the Error for an unmet
//     expect.assertions(n) / expect.hasAssertions(), or undefined;
//   - lib.AssertionError, lib.finishError(err) (adds the printed values and
//     the diff to an error, once), lib.newState(), lib.getState(),
//     lib.equals(a, b, strict);
//   - lib.format(value): a value as assertion errors print actual/expected;
//     lib.stringify(value): as messages print it (printReceived);
//     lib.inspect(value): chai's one-line form used inside messages, and
//     lib.objDisplay(value): the same, shortened as #{this} shows it;
//     lib.serializeSnapshot(value): as vitest 4 stores snapshots;
//   - lib.diff(expected, actual): the diff text an error's `diff` holds;
//   - lib.fn, lib.spyOn, lib.mocked, lib.isMockFunction,
//     lib.restoreAllMocks, lib.clearAllMocks, lib.resetAllMocks;
//   - lib.snapshotUtils: addExtraLineBreaks, removeExtraLineBreaks,
//     escapeBacktickString, stripSnapshotIndentation, prepareInlineSnapshot.
//
// A test's state is a plain object the runner owns:
//
//	{ assertionCalls: 0, expectedAssertionsNumber: null,
//	  isExpectingAssertions: false, softErrors: [], testName: "suite > test",
//	  snapshot: { match(request) -> {pass, expected, actual, key} },
//	  promises: [], timers: { setTimeout, clearTimeout } }
//
// expect.soft pushes its errors to softErrors. When promises is an array,
// every .resolves/.rejects assertion pushes its promise there, so that the
// runner can await the ones a test did not. expect.poll uses timers (the
// global ones when absent). snapshot.match receives
// {kind: "file"|"inline", received, hint, inline, error}; received is the
// value serialized as vitest stores it and inline the inline snapshot after
// vitest's indentation stripping (js/snapshot.js documents the contract).
//
// Failed assertions throw an AssertionError whose message is vitest 4's
// text. When a diff is meaningful (showDiff), its actual and expected are
// the values printed with pretty-format exactly as vitest's serialized
// errors have them (a string stays as it is unless the diff had to print
// it, as with `expect('1').toBe(1)`), and diff holds the uncolored diff; the
// raw values stay in the non-enumerable actualValue/expectedValue. Errors of
// custom matchers and snapshot mismatches are plain Errors, as in vitest.
//
// Not provided: toMatchFileSnapshot, expect.schemaMatching,
// expect.element, chai's assert interface, and the warning vitest prints
// for a .resolves/.rejects the test did not await (the promises are handed
// to the runner in state.promises instead).
package expect

import (
	"embed"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/dop251/goja"
)

//go:embed js/*.js
var sources embed.FS

// files lists the library's sources in the order they run; later files use
// the functions of earlier ones.
var files = []string{
	"inspect.js",
	"format.js",
	"diff.js",
	"equals.js",
	"asymmetric.js",
	"spy.js",
	"assertion.js",
	"matchers.js",
	"throws.js",
	"mock_matchers.js",
	"extend.js",
	"snapshot.js",
	"chai.js",
	"poll.js",
	"expect.js",
}

// ProgramName is the file name the library's stack frames carry.
const ProgramName = "dotest:expect.js"

var (
	programOnce sync.Once
	program     *goja.Program
	programErr  error
)

// Source returns the library's JavaScript: one function expression whose
// call returns lib.
func Source() (string, error) {
	var b strings.Builder
	b.WriteString("(function () {\n'use strict';\n")
	for _, name := range files {
		text, err := sources.ReadFile("js/" + name)
		if err != nil {
			return "", fmt.Errorf("failed to read %s: %w", name, err)
		}
		b.Write(text)
		b.WriteString("\n")
	}
	b.WriteString("})")
	return b.String(), nil
}

func compiled() (*goja.Program, error) {
	programOnce.Do(func() {
		src, err := Source()
		if err != nil {
			programErr = err
			return
		}
		program, programErr = goja.Compile(ProgramName, src, true)
		if programErr != nil {
			programErr = fmt.Errorf("failed to compile the expect library: %w", programErr)
		}
	})
	return program, programErr
}

// Install runs the library in vm and returns its object (see the package
// documentation). It needs nothing from the runtime beyond the language.
func Install(vm *goja.Runtime) (*goja.Object, error) {
	prg, err := compiled()
	if err != nil {
		return nil, err
	}
	factory, err := vm.RunProgram(prg)
	if err != nil {
		return nil, fmt.Errorf("failed to load the expect library: %w", err)
	}
	call, ok := goja.AssertFunction(factory)
	if !ok {
		return nil, fmt.Errorf("failed to load the expect library: %w", ErrNotLibrary)
	}
	lib, err := call(goja.Undefined())
	if err != nil {
		return nil, fmt.Errorf("failed to start the expect library: %w", err)
	}
	obj, ok := lib.(*goja.Object)
	if !ok {
		return nil, fmt.Errorf("failed to start the expect library: %w", ErrNotLibrary)
	}
	return obj, nil
}

// ErrNotLibrary means the embedded program did not produce the library
// object, which only a broken build can cause.
var ErrNotLibrary = errors.New("the expect program did not return the library")
