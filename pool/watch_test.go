package pool

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nextPlan waits for watch mode's next plan; the deadline only guards against a hang.
func nextPlan(t *testing.T, plans <-chan Plan) Plan {
	t.Helper()
	select {
	case pl := <-plans:
		return pl
	case <-time.After(10 * time.Second):
		t.Fatal("watch mode planned nothing")
		return Plan{}
	}
}

func TestWatchRerunsWhatAChangeAffects(t *testing.T) {
	proj := newProject(t, "test/a.test.ts", "test/b.test.ts")
	p := New(Options{Project: proj})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	plans := make(chan Plan)
	done := make(chan error, 1)
	go func() {
		done <- p.Watch(ctx, func(pl Plan) {
			p.RunFiles(ctx, pl.Files)
			plans <- pl
		})
	}()

	first := nextPlan(t, plans)
	assert.Equal(t, "start", first.Reason)
	assert.Equal(t, []string{"test/a.test.ts", "test/b.test.ts"}, first.Files)

	path := filepath.Join(proj.Root, "test/b.test.ts")
	require.NoError(t, os.WriteFile(path, []byte(`import { it } from "vitest"; it("changed", () => {});`), 0o644))
	second := nextPlan(t, plans)
	assert.Equal(t, []string{"test/b.test.ts"}, second.Files)
	assert.Equal(t, "test/b.test.ts", second.Reason)

	cancel()
	require.NoError(t, <-done)
}
