package reporters

import (
	"fmt"
	"io"
	"strings"

	"github.com/dotest-dev/dotest/pool/event"
)

// tapReporter writes TAP version 13 at RunEnd as vitest does: files, suites and tests
// nested as subtests ("tap"), or every test at the top level named "file > suite > test"
// ("tap-flat").
type tapReporter struct {
	flat bool
	out  sink
	run  *run
	done bool
	b    strings.Builder
	pad  string
}

func newTAP(flat bool, w io.Writer, opts Options) *tapReporter {
	return &tapReporter{flat: flat, out: sink{w: w}, run: newRun(opts)}
}

func (r *tapReporter) Event(e event.Event) {
	if r.done {
		return
	}
	r.run.observe(e)
	if e.Kind == event.RunEnd {
		r.finish()
	}
}

func (r *tapReporter) Close() error {
	if !r.done {
		r.finish()
	}
	return r.out.err
}

// tapItem is one point of a TAP plan: a file, a suite or a test.
type tapItem struct {
	name     string
	node     *node
	file     *fileRun // set for a file
	children []tapItem
}

func (r *tapReporter) finish() {
	r.done = true
	r.line("TAP version 13")
	var items []tapItem
	for _, f := range r.run.fileList() {
		items = append(items, fileItem(f))
	}
	if r.flat {
		items = flatten(items, "")
	}
	r.plan(items)
	r.out.write(r.b.String())
}

// fileItem is the item of a file with its suites and tests under it.
func fileItem(f *fileRun) tapItem {
	var build func(n *node) []tapItem
	build = func(n *node) []tapItem {
		var out []tapItem
		for _, c := range n.children {
			out = append(out, tapItem{name: c.name, node: c, children: build(c)})
		}
		return out
	}
	root := buildTree(f)
	return tapItem{name: f.path, node: root, file: f, children: build(root)}
}

// flatten lifts every test to the top level, its name prefixed by its file and suites.
// Files and suites without children stay as items of their own.
func flatten(items []tapItem, prefix string) []tapItem {
	var out []tapItem
	for _, it := range items {
		if len(it.children) == 0 {
			it.name = prefix + it.name
			out = append(out, it)
			continue
		}
		out = append(out, flatten(it.children, prefix+it.name+" > ")...)
	}
	return out
}

// plan writes "1..N" and the items, nesting subtests in braces.
func (r *tapReporter) plan(items []tapItem) {
	r.line(fmt.Sprintf("1..%d", len(items)))
	for i, it := range items {
		ok := "ok"
		if s := r.state(it); s != event.Pass && s != event.Skip && s != event.Todo {
			ok = "not ok"
		}
		head := fmt.Sprintf("%s %d - %s%s", ok, i+1, tapString(it.name), r.directive(it))
		if len(it.children) > 0 {
			r.line(head + " {")
			r.pad += "    "
			r.plan(it.children)
			r.pad = r.pad[4:]
			r.line("}")
			continue
		}
		r.line(head)
		r.failure(it)
	}
}

// state is the outcome of an item; a file is failed by its own errors too.
func (r *tapReporter) state(it tapItem) event.State {
	if it.file != nil {
		return it.file.state()
	}
	return it.node.state()
}

// directive is " # SKIP", " # TODO" or " # time=1.23ms".
func (r *tapReporter) directive(it tapItem) string {
	switch s := r.state(it); {
	case s == event.Skip:
		return " # SKIP"
	case s == event.Todo:
		return " # TODO"
	case s == event.NotRun:
		return ""
	case it.file != nil:
		return fmt.Sprintf(" # time=%.2fms", millis(it.file.duration()))
	default:
		return fmt.Sprintf(" # time=%.2fms", millis(it.node.duration()))
	}
}

// failure writes the YAML block of each error of a failed test, or of a file without tests
// that failed to load.
func (r *tapReporter) failure(it tapItem) {
	var errs []*event.TestError
	switch {
	case it.file != nil:
		errs = it.file.errors()
	case !it.node.suite && testState(it.node.test) == event.Fail:
		errs = it.node.test.Errors
	}
	if len(errs) == 0 {
		return
	}
	r.pad += "    "
	for _, e := range errs {
		r.line("---")
		r.line("error:")
		r.pad += "    "
		name := e.Name
		if name == "" {
			name = "Unknown Error"
		}
		r.line("name: " + yamlString(name))
		r.line("message: " + yamlString(e.Message))
		r.pad = r.pad[4:]
		if at := r.at(e); at != "" {
			r.line("at: " + yamlString(at))
		}
		if e.ShowDiff {
			r.line("actual: " + yamlString(e.Actual))
			r.line("expected: " + yamlString(e.Expected))
		}
	}
	r.line("...")
	r.pad = r.pad[4:]
}

// at is the position of the error's first frame outside dotest's own code, or of its
// location when it has no such frame.
func (r *tapReporter) at(e *event.TestError) string {
	p := r.run.paths
	for _, f := range e.Stack {
		if !internalFrame(f) {
			return fmt.Sprintf("%s:%d:%d", p.abs(f.File), f.Line, f.Column)
		}
	}
	if e.Location != nil && e.Location.File != "" {
		return fmt.Sprintf("%s:%d:%d", p.abs(e.Location.File), e.Location.Line, e.Location.Column)
	}
	return ""
}

func (r *tapReporter) line(s string) {
	r.b.WriteString(r.pad + s + "\n")
}

// tapString escapes a test name for a TAP line: backslashes and # escaped, line breaks
// turned into spaces.
func tapString(s string) string {
	return tapEscaper.Replace(s)
}

var tapEscaper = strings.NewReplacer(`\`, `\\`, "#", `\#`, "\n", " ")

// yamlString quotes s for the YAML block. vitest escapes only the quotes; line breaks and
// backslashes are escaped here too, so that a multi-line message keeps the block valid.
func yamlString(s string) string {
	if s == "" {
		return ""
	}
	return `"` + yamlEscaper.Replace(s) + `"`
}

var yamlEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`)
