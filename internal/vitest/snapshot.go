package vitest

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/dop251/goja"

	"github.com/dotest-dev/dotest/internal/jsrt"
	"github.com/dotest-dev/dotest/pool/event"
)

// Snapshot update modes, as vitest's updateSnapshot option.
const (
	updateAll  = "all"  // -u: write new snapshots and rewrite the ones that differ
	updateNew  = "new"  // write new snapshots only
	updateNone = "none" // CI: write nothing; a missing snapshot fails
)

// snapshots is the snapshot state of one test file, with vitest's rules: keys are
// "<test name> <n>", n counting the snapshots of a test; a test's snapshots are forgotten
// when it is retried; snapshots nobody checked are obsolete.
type snapshots struct {
	path   string
	update string

	loaded    bool
	exists    bool
	initial   map[string]string
	data      map[string]string
	unchecked map[string]bool
	dirty     bool

	counters map[string]int
	testKeys map[string][]string
	inline   []inlineSnapshot // to write
	seen     []inlineSnapshot // every inline snapshot matched, to catch two at one place

	added, updated, matched, unmatched map[string]int // by test id

	summary event.SnapshotSummary
}

// inlineSnapshot is an inline snapshot to write at a call site: line is 1-based, column
// 0-based as the mapped stack gives it.
type inlineSnapshot struct {
	file         string
	line, column int
	snapshot     string
	testID       string
}

func newSnapshots(testFile, update string) *snapshots {
	return &snapshots{
		path: snapshotPath(testFile), update: update,
		counters: map[string]int{}, testKeys: map[string][]string{},
		added: map[string]int{}, updated: map[string]int{}, matched: map[string]int{}, unmatched: map[string]int{},
	}
}

func (s *snapshots) load() {
	if s.loaded {
		return
	}
	s.loaded = true
	s.data = map[string]string{}
	content, err := os.ReadFile(s.path)
	if err == nil {
		s.exists = true
		s.data, _ = parseSnapshotFile(string(content))
		s.dirty = len(content) > 0 && s.update != updateNone
	}
	s.initial = make(map[string]string, len(s.data))
	s.unchecked = make(map[string]bool, len(s.data))
	for k, v := range s.data {
		s.initial[k] = v
		s.unchecked[k] = true
	}
}

// matchRequest is one snapshot assertion.
type matchRequest struct {
	testID, testName string
	inline           bool
	received         string // serialized, with vitest's extra line breaks
	hint             string
	expected         *string // the inline snapshot argument, nil when absent
	stack            string  // of an Error made at the call site
}

// matchResult is what the assertion gets back; actual and expected are nil when not shown.
type matchResult struct {
	pass             bool
	key              string
	actual, expected *string
}

func (s *snapshots) match(req matchRequest) (matchResult, error) {
	s.load()
	name := req.testName
	if req.hint != "" {
		name += " > " + req.hint
	}
	s.counters[name]++
	key := fmt.Sprintf("%s %d", name, s.counters[name])
	s.testKeys[req.testID] = append(s.testKeys[req.testID], key)
	stored, inFile := s.data[key]
	if !(req.inline && inFile) {
		delete(s.unchecked, key)
	}

	expected, has := stored, inFile
	if req.inline {
		has = req.expected != nil
		if has {
			expected = *req.expected
		}
	}
	pass := has && strings.TrimSpace(expected) == strings.TrimSpace(req.received)
	if pass && !req.inline {
		s.data[key] = req.received
	}

	var at *inlineSnapshot
	if req.inline {
		loc, err := s.inlineAt(req)
		if err != nil {
			return matchResult{}, err
		}
		at = loc
	}
	return s.reconcile(req, key, pass, has, expected, at), nil
}

// reconcile decides, as vitest does, whether the snapshot is written, matched or failed.
func (s *snapshots) reconcile(req matchRequest, key string, pass, has bool, expected string,
	at *inlineSnapshot) matchResult {
	persisted := req.inline || s.exists
	writes := s.update == updateNew || s.update == updateAll
	if (has && s.update == updateAll) || ((!has || !persisted) && writes) {
		switch {
		case s.update == updateAll && pass:
			s.matched[req.testID]++
		case s.update == updateAll && has:
			s.updated[req.testID]++
			s.add(key, req.received, at)
		default:
			s.added[req.testID]++
			s.add(key, req.received, at)
		}
		return matchResult{pass: true, key: key}
	}
	if pass {
		s.matched[req.testID]++
		return matchResult{pass: true, key: key}
	}
	s.unmatched[req.testID]++
	actual := removeExtraLineBreaks(req.received)
	res := matchResult{key: key, actual: &actual}
	if has {
		e := removeExtraLineBreaks(strings.TrimSpace(expected))
		res.expected = &e
	}
	return res
}

func (s *snapshots) add(key, value string, at *inlineSnapshot) {
	s.dirty = true
	if at != nil {
		at.snapshot = value
		s.inline = append(s.inline, *at)
		return
	}
	s.data[key] = value
}

func removeExtraLineBreaks(s string) string {
	if len(s) > 2 && s[0] == '\n' && s[len(s)-1] == '\n' {
		return s[1 : len(s)-1]
	}
	return s
}

// inlineAt finds the call site of an inline snapshot from its stack and checks that no other
// snapshot was taken there with a different value.
func (s *snapshots) inlineAt(req matchRequest) (*inlineSnapshot, error) {
	var frame *jsrt.StackFrame
	frames := jsrt.ParseStack(req.stack)
	for i, f := range frames {
		if !strings.HasPrefix(f.File, "dotest:") && !isBundlePath(f.File) {
			frame = &frames[i]
			break
		}
	}
	if frame == nil {
		var b strings.Builder
		for _, f := range frames {
			fmt.Fprintf(&b, "\n  %s:%d:%d", f.File, f.Line, f.Column)
		}
		return nil, fmt.Errorf("@vitest/snapshot: Couldn't infer stack frame for inline snapshot.%s", b.String())
	}
	at := &inlineSnapshot{file: frame.File, line: frame.Line, column: frame.Column, testID: req.testID}
	same := func(o inlineSnapshot) bool { return o.file == at.file && o.line == at.line && o.column == at.column }
	if slicesContain(s.seen, same) {
		// Only one snapshot is written at one place.
		s.inline = slicesFilter(s.inline, func(o inlineSnapshot) bool { return !same(o) })
	}
	for _, o := range s.seen {
		if same(o) && o.snapshot != req.received {
			return nil, &sameLocationError{actual: req.received, expected: o.snapshot}
		}
	}
	seen := *at
	seen.snapshot = req.received
	s.seen = append(s.seen, seen)
	return at, nil
}

// sameLocationError is vitest's error for one inline snapshot call site that received
// different values (in a loop, or in test.each).
type sameLocationError struct{ actual, expected string }

func (e *sameLocationError) Error() string {
	return "toMatchInlineSnapshot with different snapshots cannot be called at the same location"
}

func slicesContain(list []inlineSnapshot, f func(inlineSnapshot) bool) bool {
	for _, o := range list {
		if f(o) {
			return true
		}
	}
	return false
}

func slicesFilter(list []inlineSnapshot, keep func(inlineSnapshot) bool) []inlineSnapshot {
	out := list[:0]
	for _, o := range list {
		if keep(o) {
			out = append(out, o)
		}
	}
	return out
}

// clearTest forgets what an attempt of a test did, before it is retried.
func (s *snapshots) clearTest(testID string) {
	s.inline = slicesFilter(s.inline, func(o inlineSnapshot) bool { return o.testID != testID })
	s.seen = slicesFilter(s.seen, func(o inlineSnapshot) bool { return o.testID != testID })
	for _, key := range s.testKeys[testID] {
		name := keyName(key)
		if s.counters[name] == 0 {
			continue
		}
		if v, ok := s.initial[key]; ok {
			s.data[key] = v
		} else {
			delete(s.data, key)
		}
		s.counters[name]--
	}
	delete(s.testKeys, testID)
	delete(s.added, testID)
	delete(s.updated, testID)
	delete(s.matched, testID)
	delete(s.unmatched, testID)
}

var keyNumber = regexp.MustCompile(` \d+$`)

func keyName(key string) string { return keyNumber.ReplaceAllString(key, "") }

var checkedSuffix = regexp.MustCompile(` \d+$| > `)

// skipTest keeps the snapshots of a skipped test from counting as obsolete. Like vitest, it
// tests what follows the first len(testName) characters of each key without comparing the
// start, so it also spares keys of other tests; matching vitest keeps the obsolete counts
// (which fail a CI run) the same.
func (s *snapshots) skipTest(testName string) {
	s.load()
	for key := range s.unchecked {
		rest := ""
		if len(key) > len(testName) {
			rest = key[len(testName):]
		}
		if checkedSuffix.MatchString(rest) {
			delete(s.unchecked, key)
		}
	}
}

// finish writes what changed and returns the errors of the file: files that could not be
// written, and obsolete snapshots when no update was asked for.
func (s *snapshots) finish() []error {
	s.load()
	obsolete := make([]string, 0, len(s.unchecked))
	for k := range s.unchecked {
		obsolete = append(obsolete, k)
	}
	sort.Strings(obsolete)
	if len(obsolete) > 0 && s.update == updateAll {
		for _, k := range obsolete {
			delete(s.data, k)
		}
		s.unchecked = map[string]bool{}
		s.dirty = true
	}
	deleted, errs := s.save()
	s.summary = event.SnapshotSummary{
		Written: total(s.added), Updated: total(s.updated), Failed: total(s.unmatched),
	}
	if !deleted {
		s.summary.Obsolete = len(obsolete)
	}
	if s.update == updateNone && len(obsolete) > 0 {
		var b strings.Builder
		b.WriteString("Obsolete snapshots found when no snapshot update is expected.\n")
		for _, k := range obsolete {
			b.WriteString("· " + k + "\n")
		}
		errs = append(errs, errors.New(b.String()))
	}
	return errs
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func (s *snapshots) save() (deleted bool, errs []error) {
	external := len(s.data) > 0
	if (s.dirty || len(s.unchecked) > 0) && (external || len(s.inline) > 0) {
		if external {
			if err := writeIfChanged(s.path, formatSnapshotFile(s.data)); err != nil {
				errs = append(errs, err)
			}
			s.exists = true
		}
		if len(s.inline) > 0 {
			errs = append(errs, writeInlineSnapshots(s.inline)...)
		}
		return false, errs
	}
	if !external && s.exists {
		if s.update == updateAll {
			if err := os.Remove(s.path); err != nil && !os.IsNotExist(err) {
				errs = append(errs, fmt.Errorf("failed to remove the snapshot file: %w", err))
			}
			s.exists = false
		}
		return true, errs
	}
	return false, errs
}

// snapshotNatives are the snapshot functions of the host.
func (r *Runner) snapshotNatives() map[string]native {
	return map[string]native{
		"snapshot": r.jsSnapshot,
		"snapshotClear": func(call goja.FunctionCall) goja.Value {
			r.snaps.clearTest(call.Argument(0).String())
			return goja.Undefined()
		},
		"snapshotSkip": func(call goja.FunctionCall) goja.Value {
			r.snaps.skipTest(call.Argument(0).String())
			return goja.Undefined()
		},
		"snapshotsFinish": r.jsSnapshotsFinish,
		"snapshotsUnchecked": func(goja.FunctionCall) goja.Value {
			r.snaps.load()
			return r.rt.VM.ToValue(len(r.snaps.unchecked) > 0)
		},
	}
}

// jsSnapshot is (testId, testName, kind, received, hint, inline, stack) -> {pass, key,
// actual, expected}.
func (r *Runner) jsSnapshot(call goja.FunctionCall) goja.Value {
	vm := r.rt.VM
	req := matchRequest{
		testID:   call.Argument(0).String(),
		testName: call.Argument(1).String(),
		inline:   call.Argument(2).String() == "inline",
		received: call.Argument(3).String(),
	}
	if h := call.Argument(4); !goja.IsUndefined(h) && !goja.IsNull(h) {
		req.hint = h.String()
	}
	if in := call.Argument(5); !goja.IsUndefined(in) && !goja.IsNull(in) {
		text := in.String()
		req.expected = &text
	}
	if st := call.Argument(6); !goja.IsUndefined(st) {
		req.stack = st.String()
	}
	res, err := r.snaps.match(req)
	if err != nil {
		r.throwSnapshotError(err)
	}
	out := vm.NewObject()
	_ = out.Set("pass", res.pass)
	_ = out.Set("key", res.key)
	if res.actual != nil {
		_ = out.Set("actual", *res.actual)
	}
	if res.expected != nil {
		_ = out.Set("expected", *res.expected)
	}
	return out
}

func (r *Runner) throwSnapshotError(err error) {
	var same *sameLocationError
	if !errors.As(err, &same) {
		r.throw(err.Error())
	}
	ctor, _ := goja.AssertConstructor(r.rt.VM.Get("Error"))
	obj, _ := ctor(nil, r.rt.VM.ToValue(err.Error()))
	_ = obj.Set("actual", same.actual)
	_ = obj.Set("expected", same.expected)
	panic(obj)
}

// jsSnapshotsFinish saves the file's snapshots once its tests have run.
func (r *Runner) jsSnapshotsFinish(goja.FunctionCall) goja.Value {
	for _, err := range r.snaps.finish() {
		r.fileErrors = append(r.fileErrors, &event.TestError{Name: "Error", Message: err.Error(), Origin: "snapshot"})
	}
	return goja.Undefined()
}
