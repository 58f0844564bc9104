package reporters

import (
	"io"
	"strings"
	"time"

	"github.com/dotest-dev/dotest/pool/event"
)

// style is the flavour of a terminal report.
type style int

// The terminal styles, named after the vitest reporters they copy.
const (
	// styleDefault prints a line per file, and the tests of files that failed or were slow.
	styleDefault style = iota
	// styleVerbose prints a line per test as it ends, with its file and suites.
	styleVerbose
	// styleTree prints a line per file with every suite and test indented under it.
	styleTree
	// styleDot prints one character per test.
	styleDot
)

// slowTest is vitest's default slowTestThreshold: a test that took longer is shown in
// yellow, and listed even under a file that passed.
const slowTest = 300 * time.Millisecond

// The figures vitest prints.
const (
	figCheck   = "✓"
	figCross   = "×"
	figPointer = "❯"
	figDown    = "↓"
	figTodo    = "□"
	figPending = "·"
	figRight   = "→"
	figDash    = "⎯"
)

// terminal is the reporter people read: default, verbose, tree or dot.
type terminal struct {
	style    style
	out      sink
	c        palette
	run      *run
	errs     *errorPrinter
	shown    map[string]bool // tests already printed, by file and id (verbose, dot)
	warned   map[string]bool // warnings already printed
	midLine  bool            // the dot report has dots on an unfinished line
	finished bool
}

func newTerminal(s style, w io.Writer, opts Options) *terminal {
	c := palette{on: opts.Color}
	return &terminal{
		style:  s,
		out:    sink{w: w},
		c:      c,
		run:    newRun(opts),
		errs:   newErrorPrinter(c, paths{root: opts.Root}),
		shown:  map[string]bool{},
		warned: map[string]bool{},
	}
}

func (t *terminal) Event(e event.Event) {
	if t.finished {
		return
	}
	t.run.observe(e)
	t.errs.paths = t.run.paths

	switch e.Kind {
	case event.RunStart:
		t.banner()
		t.warnings()
	case event.TestEnd:
		if e.Test != nil {
			t.testEnded(t.run.file(e.File), e.Test)
		}
	case event.Log:
		if e.Entry != nil {
			t.log(t.run.file(e.File), *e.Entry)
		}
	case event.FileEnd:
		t.fileEnded(t.run.file(e.File))
	case event.RunEnd:
		t.finish()
	}
}

// Close finishes a run that ended without RunEnd. When no file ran at all the caller
// explains why (no test files, a cancelled run), so nothing more is printed.
func (t *terminal) Close() error {
	if !t.finished && len(t.run.fileList()) == 0 {
		t.finished = true
	}
	if !t.finished {
		t.finish()
	}
	return t.out.err
}

// banner is vitest's first line: " RUN " and the project root.
func (t *terminal) banner() {
	c := t.c
	t.out.write("\n" + c.bold(c.black(c.bgCyan(" RUN "))) + " " + c.gray(t.run.paths.root) + "\n\n")
}

// warnings prints the run's warnings not printed yet, and a blank line after them.
func (t *terminal) warnings() {
	printed := false
	defer func() {
		if printed {
			t.out.write("\n")
		}
	}()
	for _, w := range t.run.warnings {
		text := w.Error()
		if t.warned[text] {
			continue
		}
		t.warned[text] = true
		printed = true
		t.out.write(t.c.yellow(text) + "\n")
		if w.Hint != "" {
			t.out.write(t.c.dim("  hint: "+w.Hint) + "\n")
		}
	}
}

// testEnded prints a test as it ends, for the styles that do.
func (t *terminal) testEnded(f *fileRun, r *event.TestResult) {
	key := f.path + "\x00" + r.ID
	if t.shown[key] {
		return
	}
	switch t.style {
	case styleVerbose:
		t.verboseTest(f, r)
	case styleDot:
		t.out.write(t.dot(testState(r)))
		t.midLine = true
	default:
		return
	}
	t.shown[key] = true
}

// fileEnded prints a file as it ends: its block for default and tree, and for verbose and
// dot the tests that never reported an end of their own (those that did not run).
func (t *terminal) fileEnded(f *fileRun) {
	switch t.style {
	case styleDefault, styleTree:
		t.out.write(t.fileBlock(f))
	default:
		for _, r := range f.tests() {
			t.testEnded(f, r)
		}
	}
}

// log prints console output as vitest does: a grey "stdout | file > test" header, the text,
// and a blank line.
func (t *terminal) log(f *fileRun, entry event.LogEntry) {
	header := f.path
	if entry.TestID != "" {
		header = entry.TestID
		if task, ok := f.task(entry.TestID); ok {
			header = t.fullName(f.path, task)
		}
	}
	stream := entry.Stream
	if stream == "" {
		stream = "stdout"
	}
	text := entry.Text
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}

	// vitest writes the header right after the dots; a line of its own reads better.
	if t.midLine {
		t.out.write("\n")
		t.midLine = false
	}
	t.out.write(t.c.gray(stream+t.c.dim(" | "+header+"\n")) + text + "\n")
}

// fullName is "file > suite > test" with dimmed separators.
func (t *terminal) fullName(file string, task event.Task) string {
	sep := t.c.dim(" > ")
	return file + sep + strings.Join(append(append([]string{}, task.Suites...), task.Name), sep)
}

// testName is "suite > test" with dimmed separators.
func (t *terminal) testName(task event.Task) string {
	sep := t.c.dim(" > ")
	return strings.Join(append(append([]string{}, task.Suites...), task.Name), sep)
}

// verboseTest is one line of the verbose report, and the messages of a failed test's
// errors under it.
func (t *terminal) verboseTest(f *fileRun, r *event.TestResult) {
	s := testState(r)
	line := " " + t.symbol(s, false) + " " + t.fullName(f.path, r.Task) + t.suffix(r)
	t.out.write(line + "\n")
	if s != event.Fail {
		return
	}
	for _, e := range r.Errors {
		t.out.write(t.c.red("   "+figRight+" "+e.Message) + "\n")
	}
}

// dot is the character of the dot report for a test.
func (t *terminal) dot(s event.State) string {
	switch s {
	case event.Pass:
		return t.c.green("·")
	case event.Fail:
		return t.c.red("x")
	case event.Skip, event.Todo:
		return t.c.dim(t.c.gray("-"))
	default:
		return t.c.yellow("*")
	}
}

// symbol is the mark of a test or suite in a given state.
func (t *terminal) symbol(s event.State, suite bool) string {
	c := t.c
	switch s {
	case event.Pass:
		return c.green(figCheck)
	case event.Fail:
		if suite {
			return c.red(figPointer)
		}
		return c.red(figCross)
	case event.Skip:
		return c.dim(c.gray(figDown))
	case event.Todo:
		return c.dim(c.gray(figTodo))
	default:
		return c.gray(figPending)
	}
}

// suffix is what follows a test's name: its duration, its retries, why it was skipped or
// did not run.
func (t *terminal) suffix(r *event.TestResult) string {
	c := t.c
	s := testState(r)
	var b strings.Builder
	if s == event.Pass || s == event.Fail {
		b.WriteString(t.duration(r.Duration))
	}
	if r.Retries > 0 {
		b.WriteString(c.yellow(" (retry x" + itoa(r.Retries) + ")"))
	}
	note := r.Note
	if note == "" && s == event.NotRun {
		note = "not run"
	}
	if note != "" && s != event.Pass && s != event.Fail {
		b.WriteString(c.dim(c.gray(" [" + note + "]")))
	}
	return b.String()
}

// duration is " 12ms", green, or yellow past the slow threshold.
func (t *terminal) duration(d time.Duration) string {
	color := t.c.green
	if d > slowTest {
		color = t.c.yellow
	}
	ms := formatMillis(d)
	return color(" " + strings.TrimSuffix(ms, "ms") + t.c.dim("ms"))
}
