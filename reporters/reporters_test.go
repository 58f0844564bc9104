package reporters

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files with the current output")

// fixedNow is the clock of every golden run.
func fixedNow() time.Time { return t0.Add(1260 * time.Millisecond) }

// render runs a scenario through the reporter called name and returns what it wrote.
func render(t *testing.T, name string, s scenario, color bool) string {
	t.Helper()
	var buf bytes.Buffer
	r, err := New(name, &buf, Options{Color: color, Now: fixedNow, Hostname: "ci-runner"})
	require.NoError(t, err)
	for _, e := range s.events() {
		r.Event(e)
	}
	require.NoError(t, r.Close())
	return buf.String()
}

// golden compares got with the file, or rewrites the file under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create the golden file")
	assert.Equal(t, string(want), got)
}

func TestGolden(t *testing.T) {
	for _, s := range scenarios() {
		for _, name := range Names() {
			t.Run(s.name+"/"+name, func(t *testing.T) {
				got := render(t, name, s, false)
				golden(t, filepath.Join("testdata", "golden", s.name, name+".golden"), got)
			})
		}
	}
}

func TestGoldenColor(t *testing.T) {
	for _, s := range scenarios() {
		if s.name != "fail" && s.name != "skip" {
			continue
		}
		for _, name := range []string{"default", "tree", "dot"} {
			t.Run(s.name+"/"+name, func(t *testing.T) {
				got := render(t, name, s, true)
				golden(t, filepath.Join("testdata", "golden", s.name, name+"-color.golden"), got)
			})
		}
	}
}
