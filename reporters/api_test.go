package reporters

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dotest-dev/dotest/pool/event"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func scenarioNamed(t *testing.T, name string) scenario {
	for _, s := range scenarios() {
		if s.name == name {
			return s
		}
	}
	t.Fatalf("no scenario %q", name)
	return scenario{}
}

func TestNewUnknown(t *testing.T) {
	_, err := New("html", &bytes.Buffer{}, Options{})
	require.ErrorIs(t, err, ErrUnknownReporter)
	assert.Equal(t, `unknown reporter "html": valid reporters are default, dot, github-actions, json, `+
		"junit, tap, tap-flat, tree, verbose", err.Error())
}

func TestWritesReport(t *testing.T) {
	for _, name := range Names() {
		assert.Equal(t, name == "json" || name == "junit", WritesReport(name), name)
	}
}

// recorder is a reporter that keeps the kinds it saw.
type recorder struct {
	kinds []event.EventKind
	err   error
}

func (r *recorder) Event(e event.Event) { r.kinds = append(r.kinds, e.Kind) }
func (r *recorder) Close() error        { return r.err }

func TestMulti(t *testing.T) {
	a, b := &recorder{}, &recorder{err: errors.New("disk full")}
	m := Multi(a, b)
	m.Event(event.Event{Kind: event.RunStart})
	m.Event(event.Event{Kind: event.RunEnd})
	assert.Equal(t, []event.EventKind{event.RunStart, event.RunEnd}, a.kinds)
	assert.Equal(t, a.kinds, b.kinds)
	assert.EqualError(t, m.Close(), "disk full")
}

func TestOutputFile(t *testing.T) {
	fail := scenarioNamed(t, "fail")
	for _, name := range []string{"json", "junit"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			var out bytes.Buffer
			r, err := New(name, &out, Options{
				Root: dir, OutputFile: "reports/deep/out", Now: fixedNow, Hostname: "ci-runner",
			})
			require.NoError(t, err)
			for _, e := range fail.events() {
				r.Event(e)
			}
			require.NoError(t, r.Close())

			path := filepath.Join(dir, "reports", "deep", "out")
			written, err := os.ReadFile(path)
			require.NoError(t, err)
			label := map[string]string{"json": "JSON", "junit": "JUNIT"}[name]
			assert.Equal(t, label+" report written to "+path+"\n", out.String())

			// The file holds what the reporter prints without OutputFile, except the paths
			// that the root makes absolute.
			want := strings.ReplaceAll(render(t, name, fail, false), testRoot, dir)
			assert.Equal(t, want, string(written))
		})
	}
}

func TestOutputFileError(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(blocker, nil, 0o644))
	r, err := New("json", &bytes.Buffer{}, Options{OutputFile: filepath.Join(blocker, "report.json")})
	require.NoError(t, err)
	r.Event(event.Event{Kind: event.RunEnd})
	assert.ErrorContains(t, r.Close(), "failed to create report directory")
}

// brokenWriter fails every write.
type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("pipe closed") }

func TestWriteErrorSurfacesInClose(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			r, err := New(name, brokenWriter{}, Options{Now: fixedNow})
			require.NoError(t, err)
			for _, e := range scenarioNamed(t, "fail").events() {
				r.Event(e)
			}
			assert.EqualError(t, r.Close(), "failed to write report: pipe closed")
		})
	}
}

// withoutRunEnd is a scenario's stream cut before its last event.
func withoutRunEnd(s scenario) []event.Event {
	evs := s.events()
	return evs[:len(evs)-1]
}

func TestCloseFinishesWithoutRunEnd(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			// Snapshots are counted at RunEnd only: a run without them.
			s := scenarioNamed(t, "notrun")
			var cut bytes.Buffer
			r, err := New(name, &cut, Options{Now: fixedNow, Hostname: "ci-runner"})
			require.NoError(t, err)
			for _, e := range withoutRunEnd(s) {
				r.Event(e)
			}
			require.NoError(t, r.Close())

			// The run's length is then measured by the clock, not said by RunEnd: both are
			// 1.26s here, so the reports are the same.
			assert.Equal(t, render(t, name, s, false), cut.String())
		})
	}
}

func TestCloseWithoutFiles(t *testing.T) {
	var out bytes.Buffer
	r, err := New("default", &out, Options{Now: fixedNow})
	require.NoError(t, err)
	r.Event(event.Event{Kind: event.RunStart, Time: t0, Run: &event.RunInfo{Root: "/app"}})
	require.NoError(t, r.Close())
	assert.Equal(t, "\n RUN  /app\n\n", out.String(), "the caller says why nothing ran")
}

func TestReplayFromRunEndOnly(t *testing.T) {
	s := scenarioNamed(t, "fail")
	evs := s.events()
	var out bytes.Buffer
	r, err := New("junit", &out, Options{Now: fixedNow, Hostname: "ci-runner"})
	require.NoError(t, err)
	r.Event(evs[len(evs)-1])
	require.NoError(t, r.Close())

	// A Go caller replaying a finished run may send RunEnd alone: its RunInfo carries the
	// root and every file's result, which is all the JUnit report needs.
	assert.Equal(t, render(t, "junit", s, false), out.String())
}

func TestConcurrentEvents(t *testing.T) {
	// The pool's workers may each call Event; the reporter serialises them.
	r, err := New("default", &bytes.Buffer{}, Options{Now: fixedNow})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for _, s := range scenarios() {
		evs := s.events()
		wg.Go(func() {
			for _, e := range evs[1 : len(evs)-1] {
				r.Event(e)
			}
		})
	}
	wg.Wait()
	require.NoError(t, r.Close())
}

func TestGoldenMachineReportsParse(t *testing.T) {
	for _, s := range scenarios() {
		t.Run(s.name, func(t *testing.T) {
			var report map[string]any
			require.NoError(t, json.Unmarshal([]byte(render(t, "json", s, false)), &report))

			dec := xml.NewDecoder(strings.NewReader(render(t, "junit", s, false)))
			for {
				_, err := dec.Token()
				if err != nil {
					require.ErrorIs(t, err, io.EOF)
					break
				}
			}

			for _, line := range strings.Split(strings.TrimSpace(render(t, "github-actions", s, false)), "\n") {
				if line != "" {
					assert.True(t, strings.HasPrefix(line, "::error file="), line)
				}
			}
		})
	}
}
