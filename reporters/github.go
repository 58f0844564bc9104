package reporters

import (
	"io"
	"strconv"
	"strings"

	"github.com/dotest-dev/dotest/pool/event"
)

// githubReporter writes a GitHub Actions "::error" workflow command for each failure at
// RunEnd, which GitHub shows as an annotation on the failing line, and nothing else.
//
// Note: vitest's reporter also appends a Markdown summary to $GITHUB_STEP_SUMMARY; this one
// does not, since a reporter here writes only to its writer.
type githubReporter struct {
	out  sink
	run  *run
	errs *errorPrinter
	done bool
}

func newGitHub(w io.Writer, opts Options) *githubReporter {
	return &githubReporter{out: sink{w: w}, run: newRun(opts), errs: newErrorPrinter(palette{}, paths{})}
}

func (r *githubReporter) Event(e event.Event) {
	if r.done {
		return
	}
	r.run.observe(e)
	if e.Kind == event.RunEnd {
		r.finish()
	}
}

func (r *githubReporter) Close() error {
	if !r.done {
		r.finish()
	}
	return r.out.err
}

func (r *githubReporter) finish() {
	r.done = true
	r.errs.paths = r.run.paths
	var b strings.Builder
	for _, f := range r.run.fileList() {
		for _, e := range f.errors() {
			b.WriteString("\n" + r.annotation(f, f.path, e) + "\n")
		}
		for _, t := range f.tests() {
			if testState(t) != event.Fail {
				continue
			}
			title := f.path + " > " + t.FullName()
			for _, e := range t.Errors {
				b.WriteString("\n" + r.annotation(f, title, e) + "\n")
			}
		}
	}
	r.out.write(b.String())
}

// annotation is the command for one error: at its location in the user's code, or on the
// test file as a whole when the error has none.
func (r *githubReporter) annotation(f *fileRun, title string, e *event.TestError) string {
	p := r.run.paths
	props := [][2]string{{"file", p.abs(f.path)}}
	if loc := e.Location; loc != nil && loc.File != "" && loc.Line > 0 {
		props = [][2]string{{"file", p.abs(loc.File)}, {"line", strconv.Itoa(loc.Line)}}
		if loc.Column > 0 {
			props = append(props, [2]string{"col", strconv.Itoa(loc.Column)})
		}
	}
	props = append(props, [2]string{"title", title})

	var b strings.Builder
	b.WriteString("::error")
	for i, kv := range props {
		if i == 0 {
			b.WriteString(" ")
		} else {
			b.WriteString(",")
		}
		b.WriteString(kv[0] + "=" + escapeProperty(kv[1]))
	}
	b.WriteString("::" + escapeData(stripANSI(r.errs.plain(e))))
	return b.String()
}

// escapeData escapes the message of a workflow command as GitHub requires.
func escapeData(s string) string {
	return dataEscaper.Replace(s)
}

var dataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")

// escapeProperty escapes a property value of a workflow command, where ':' and ',' are
// separators too.
func escapeProperty(s string) string {
	return propertyEscaper.Replace(s)
}

var propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
