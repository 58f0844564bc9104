package jsrt

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// Exception is a JS value that was thrown, seen from Go: its name, message and stack, and
// the value itself for code that needs more (an AssertionError's actual and expected).
type Exception struct {
	Value   goja.Value
	Name    string
	Message string
	Stack   string // the JS stack text, source-mapped by goja
	Origin  string // where it escaped: "timer", "unhandled rejection", ...

	goErr error
}

// Error renders the exception as "Name: message".
func (e *Exception) Error() string {
	if e.Name == "" {
		return e.Message
	}
	return e.Name + ": " + e.Message
}

// Unwrap returns the Go error behind the exception, when it came from Go.
func (e *Exception) Unwrap() error { return e.goErr }

// Exception describes a thrown value. A thrown non-Error (a string, a number, a plain
// object) keeps its printed form as the message and an empty name.
func (rt *Runtime) Exception(v goja.Value) *Exception {
	ex := &Exception{Value: v}
	obj, ok := v.(*goja.Object)
	if !ok || v == nil {
		ex.Message = printable(v)
		return ex
	}
	if ge, ok := obj.Export().(error); ok && obj.ClassName() != "Error" {
		ex.Name, ex.Message, ex.goErr = "Error", ge.Error(), ge
		return ex
	}
	ex.Name = stringProp(obj, "name")
	ex.Message = stringProp(obj, "message")
	ex.Stack = stringProp(obj, "stack")
	if ex.Name == "" && ex.Message == "" {
		ex.Message = printable(v)
	}
	return ex
}

func stringProp(obj *goja.Object, name string) string {
	v := obj.Get(name)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return ""
	}
	return v.String()
}

func printable(v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	if s, ok := v.Export().(string); ok {
		return s
	}
	return v.String()
}

// StackFrame is one frame of a JS stack trace.
type StackFrame struct {
	Function string
	File     string
	Line     int
	Column   int // 1-based
}

// goja prints frames as "at fn (file:line:col(pc))" or "at file:line:col(pc)"; mapped
// columns are 0-based and unmapped ones 1-based, and sources are resolved against the
// script's name, so the frame text is all there is to go on.
var frameRE = regexp.MustCompile(`^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)(?:\(\d+\))?\)?$`)

// ParseStack extracts the frames of a stack text; lines that are not frames are skipped.
func ParseStack(stack string) []StackFrame {
	var frames []StackFrame
	for _, line := range strings.Split(stack, "\n") {
		m := frameRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		ln, _ := strconv.Atoi(m[3])
		col, _ := strconv.Atoi(m[4])
		frames = append(frames, StackFrame{Function: m[1], File: m[2], Line: ln, Column: col})
	}
	return frames
}
