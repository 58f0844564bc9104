package project

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExampleChat loads testdata/chat, a worker laid out as real projects are: a JSONC
// wrangler configuration with environments, migrations that rename a class, local secrets
// and a classic vitest configuration.
func TestExampleChat(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("testdata", "chat"))
	require.NoError(t, err)

	tests := []struct {
		env     string
		name    string
		vars    map[string]any
		secrets map[string]string
	}{
		{"", "chat",
			map[string]any{"ROOM_LIMIT": float64(50), "WELCOME": "Welcome to the room", "API_TOKEN": "local-token",
				"TEST_MODE": true},
			map[string]string{"API_TOKEN": "local-token"}},
		{"staging", "chat-staging",
			map[string]any{"ROOM_LIMIT": float64(5), "WELCOME": "Welcome to staging", "API_TOKEN": "staging-token",
				"TEST_MODE": true},
			map[string]string{"API_TOKEN": "staging-token"}},
	}
	for _, tt := range tests {
		t.Run("env="+tt.env, func(t *testing.T) {
			p, err := Load(filepath.Join("testdata", "chat"), Options{Env: tt.env})
			require.NoError(t, err)

			want := &Project{
				Root:               root,
				ConfigFile:         filepath.Join(root, "wrangler.jsonc"),
				VitestConfigFile:   filepath.Join(root, "vitest.config.ts"),
				Env:                tt.env,
				Name:               tt.name,
				Main:               filepath.Join(root, "src", "index.ts"),
				CompatibilityDate:  "2025-04-01",
				CompatibilityFlags: []string{"nodejs_compat", "service_binding_extra_handlers"},
				Vars:               tt.vars,
				Secrets:            tt.secrets,
				DurableObjects:     []Binding{{"ROOMS", "ChatRoom"}, {"LIMITERS", "RateLimiter"}},
				Classes: map[string]Class{
					"ChatRoom":    {Name: "ChatRoom", SQLite: true},
					"RateLimiter": {Name: "RateLimiter", SQLite: false},
				},
				Include:     []string{"test/**/*.test.ts"},
				Exclude:     DefaultExclude,
				TestDir:     root,
				TestTimeout: 10 * time.Second,
				HookTimeout: DefaultHookTimeout,
				Isolation:   IsolateTest,
				Style:       StyleClassic,
			}
			p.matcher = nil
			assert.Equal(t, want, p, render(root, p.Warnings))

			files, err := p.TestFiles(nil)
			require.NoError(t, err)
			assert.Equal(t, []string{"test/chat.test.ts", "test/rate-limit.test.ts"}, files)

			files, err = p.TestFiles([]string{"rate"})
			require.NoError(t, err)
			assert.Equal(t, []string{"test/rate-limit.test.ts"}, files)
		})
	}
}

// BenchmarkLoad measures loading a project with and without a vitest configuration, which
// is bundled with esbuild and evaluated in a fresh goja runtime each time.
func BenchmarkLoad(b *testing.B) {
	for _, bc := range []struct {
		name string
		dir  string
	}{
		{"wrangler and vitest", filepath.Join("testdata", "chat")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Load(bc.dir, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}

	dir := tree{"wrangler.toml": counterTOML, "src/index.ts": ""}.write(b)
	b.Run("wrangler only", func(b *testing.B) {
		for b.Loop() {
			if _, err := Load(dir, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
