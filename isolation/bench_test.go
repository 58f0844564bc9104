package isolation

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/internal/objects"
	"github.com/dotest-dev/dotest/internal/project"
)

// The two workloads of the benchmarks: three objects that each write 10 rows in the test,
// and one object of 10,000 rows of which the test changes 10. Each is measured with frames
// (in memory, dotest's default, and on files, as --persist keeps them) and with the classic
// pool's method, copying every .sqlite file away when the test starts and back when it
// ends. The copy is timed alone, without closing and reopening the databases around it, so
// it is a lower bound of what the classic pool pays.

const setupThree = `for (const n of ["a", "b", "c"]) await env.COUNTER.getByName(n).fill(0);`
const testThree = `for (const n of ["a", "b", "c"]) await env.COUNTER.getByName(n).fill(10);`
const setupBig = `await env.COUNTER.getByName("big").fill(10000);`
const testBig = `await env.COUNTER.getByName("big").change(10);`

func BenchmarkFrame(b *testing.B) {
	for _, w := range []struct{ name, setup, test string }{
		{"3x10rows", setupThree, testThree},
		{"10000rows-10changed", setupBig, testBig},
	} {
		b.Run(w.name+"/memory", func(b *testing.B) { benchFrames(b, "", w.setup, w.test) })
		b.Run(w.name+"/files", func(b *testing.B) { benchFrames(b, b.TempDir(), w.setup, w.test) })
		b.Run(w.name+"/copy-files", func(b *testing.B) { benchCopies(b, w.setup, w.test) })
	}
}

// benchFrames times the push and the pop of a test's frame; the test's writes in between
// are not timed.
func benchFrames(b *testing.B, dir, setup, work string) {
	h := newHarness(b, Options{Mode: project.IsolateTest}, objects.Options{PersistDir: dir})
	h.enter(b, file)
	runJS(b, h, setup)
	b.ResetTimer()
	for b.Loop() {
		h.enter(b, test)
		b.StopTimer()
		runJS(b, h, work)
		b.StartTimer()
		h.leave(b, test)
	}
}

// benchCopies times copying every database file away and back, as the classic pool's push
// and pop of a frame do.
func benchCopies(b *testing.B, setup, work string) {
	dir := b.TempDir()
	h := newHarness(b, Options{Mode: project.IsolateFile, KeepFileWrites: true}, objects.Options{PersistDir: dir})
	h.enter(b, file)
	runJS(b, h, setup)
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.sqlite"))
	require.NoError(b, err)
	require.NotEmpty(b, files)
	stack := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			copyFile(b, f, filepath.Join(stack, filepath.Base(f)))
		}
		b.StopTimer()
		runJS(b, h, work)
		b.StartTimer()
		for _, f := range files {
			copyFile(b, filepath.Join(stack, filepath.Base(f)), f)
		}
	}
}

func runJS(b *testing.B, h *harness, src string) {
	if _, err := h.eval(b, src); err != nil {
		b.Fatal(err)
	}
}

func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	require.NoError(b, err)
	defer in.Close()
	out, err := os.Create(to)
	require.NoError(b, err)
	_, err = io.Copy(out, in)
	require.NoError(b, err)
	require.NoError(b, out.Close())
}
