package reporters

import (
	"io"
	"os"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dotest-dev/dotest/pool/event"
)

// junitSuiteName is the name of the whole report, the testsuites element.
const junitSuiteName = "dotest tests"

// junitReporter writes a JUnit XML report at RunEnd, element for element as vitest writes
// it: a testsuite per file, a testcase per test named "suite > test", and a testcase named
// after the file for the errors of the file itself.
type junitReporter struct {
	out  sink
	opts Options
	run  *run
	errs *errorPrinter
	done bool
}

func newJUnit(w io.Writer, opts Options) *junitReporter {
	errs := newErrorPrinter(palette{}, paths{})
	return &junitReporter{out: sink{w: w}, opts: opts, run: newRun(opts), errs: errs}
}

func (r *junitReporter) Event(e event.Event) {
	if r.done {
		return
	}
	r.run.observe(e)
	if e.Kind == event.RunEnd {
		r.finish()
	}
}

func (r *junitReporter) Close() error {
	if !r.done {
		r.finish()
	}
	return r.out.err
}

// junitCase is one testcase element to write.
type junitCase struct {
	name     string
	duration time.Duration
	state    event.State
	note     string
	errors   []*event.TestError
	testID   string // whose logs go in the case; empty for the file's own errors
}

func (r *junitReporter) finish() {
	r.done = true
	r.errs.paths = r.run.paths
	x := &xmlWriter{}
	x.line("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>")

	files := r.run.fileList()
	cases := make([][]junitCase, len(files))
	tests, failures := 0, 0
	var total time.Duration
	for i, f := range files {
		cases[i] = junitCases(f)
		tests += len(cases[i])
		failures += countFailures(cases[i])
		total += f.duration()
	}

	x.open("testsuites", "name", junitSuiteName, "tests", itoa(tests), "failures", itoa(failures),
		"errors", "0", "time", seconds(total))
	for i, f := range files {
		r.suite(x, f, cases[i])
	}
	x.close("testsuites")
	writeReport(&r.out, r.opts, r.run.paths.root, "JUNIT", x.String())
}

// junitCases lists the test cases of a file: its tests in tree order, then one for the
// file's own errors.
func junitCases(f *fileRun) []junitCase {
	var out []junitCase
	var visit func(n *node, prefix string)
	visit = func(n *node, prefix string) {
		for _, c := range n.children {
			if c.suite {
				visit(c, prefix+c.name+" > ")
				continue
			}
			t := c.test
			out = append(out, junitCase{name: prefix + c.name, duration: t.Duration, state: testState(t),
				note: t.Note, errors: t.Errors, testID: t.ID})
		}
	}
	visit(buildTree(f), "")
	if errs := f.errors(); len(errs) > 0 {
		out = append(out, junitCase{name: f.path, duration: f.duration(), state: event.Fail, errors: errs})
	}
	return out
}

func countFailures(cases []junitCase) int {
	n := 0
	for _, c := range cases {
		if c.state == event.Fail {
			n++
		}
	}
	return n
}

// suite writes the testsuite of one file.
func (r *junitReporter) suite(x *xmlWriter, f *fileRun, cases []junitCase) {
	skipped := 0
	for _, c := range cases {
		if c.state == event.Skip || c.state == event.Todo || c.state == event.NotRun {
			skipped++
		}
	}
	x.open("testsuite", "name", f.path, "timestamp", r.opts.Now().UTC().Format("2006-01-02T15:04:05.000Z"),
		"hostname", r.hostname(), "tests", itoa(len(cases)), "failures", itoa(countFailures(cases)),
		"errors", "0", "skipped", itoa(skipped), "time", seconds(f.duration()))
	for _, c := range cases {
		r.testcase(x, f, c)
	}

	// Output printed outside any test has no testcase to go in: it goes in the testsuite,
	// where the JUnit schema also allows it.
	r.logs(x, f, "")
	x.close("testsuite")
}

// testcase writes one testcase: its output, then skipped or its failures.
func (r *junitReporter) testcase(x *xmlWriter, f *fileRun, c junitCase) {
	x.open("testcase", "classname", f.path, "name", c.name, "time", seconds(c.duration))
	if c.testID != "" {
		r.logs(x, f, c.testID)
	}
	switch c.state {
	case event.Skip, event.Todo:
		x.line("<skipped/>")
	case event.NotRun:
		note := c.note
		if note == "" {
			note = "not run"
		}
		x.line("<skipped message=\"" + escapeXML(note) + "\"/>")
	case event.Fail:
		for _, e := range c.errors {
			attrs := []string{"message", e.Message}
			if e.Name != "" {
				attrs = append(attrs, "type", e.Name)
			}
			x.open("failure", attrs...)
			x.raw(escapeXML(strings.TrimSpace(stripANSI(r.errs.plain(e)))))
			x.close("failure")
		}
	}
	x.close("testcase")
}

// logs writes the system-out and system-err of the output printed by test id, or outside
// any test when id is empty.
func (r *junitReporter) logs(x *xmlWriter, f *fileRun, id string) {
	for _, stream := range []string{"stdout", "stderr"} {
		var texts []string
		for _, l := range f.logs {
			s := l.Stream
			if s == "" {
				s = "stdout"
			}
			if l.TestID == id && s == stream {
				texts = append(texts, l.Text)
			}
		}
		if len(texts) == 0 {
			continue
		}
		tag := "system-" + strings.TrimPrefix(stream, "std")
		x.open(tag)
		for _, t := range texts {
			if !strings.HasSuffix(t, "\n") {
				t += "\n"
			}
			x.raw(escapeXML(t))
		}
		x.close(tag)
	}
}

func (r *junitReporter) hostname() string {
	if r.opts.Hostname != "" {
		return r.opts.Hostname
	}
	h, err := os.Hostname()
	if err != nil {
		return "localhost"
	}
	return h
}

// xmlWriter writes elements one a line, indented four spaces a level, as vitest does.
type xmlWriter struct {
	b      strings.Builder
	indent string
}

func (x *xmlWriter) line(s string) {
	x.b.WriteString(x.indent + s + "\n")
}

// raw writes text at the start of the line, unindented, as vitest writes text content.
func (x *xmlWriter) raw(s string) {
	x.b.WriteString(s + "\n")
}

// open writes a start tag with attributes given as name, value pairs.
func (x *xmlWriter) open(name string, attrs ...string) {
	var b strings.Builder
	b.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		b.WriteString(" " + attrs[i] + "=\"" + escapeXML(attrs[i+1]) + "\"")
	}
	b.WriteString(">")
	x.line(b.String())
	x.indent += "    "
}

func (x *xmlWriter) close(name string) {
	x.indent = x.indent[:len(x.indent)-4]
	x.line("</" + name + ">")
}

func (x *xmlWriter) String() string { return x.b.String() }

// xmlEscaper escapes the characters with a meaning in XML text and attributes.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "\"", "&quot;", "'", "&apos;", "<", "&lt;", ">", "&gt;")

// escapeXML escapes s for XML and drops what XML 1.0 cannot hold (control characters other
// than tab and line breaks, non-characters, invalid UTF-8) or discourages (C1 controls other
// than NEL, the non-characters of every plane).
func escapeXML(s string) string {
	s = xmlEscaper.Replace(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError:
			return -1
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
			return -1
		case r >= 0x7f && r <= 0x9f && r != 0x85:
			return -1
		case r >= 0xfdd0 && r <= 0xfdef:
			return -1
		case r&0xfffe == 0xfffe:
			return -1
		}
		return r
	}, s)
}

// ansiPattern matches the escape sequences of terminal colours.
var ansiPattern = regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]`)

func stripANSI(s string) string {
	return ansiPattern.ReplaceAllString(s, "")
}
