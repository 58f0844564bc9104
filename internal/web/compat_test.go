package web

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompatFlags(t *testing.T) {
	cases := []struct {
		name string
		cfg  Config
		flag compatFlag
		isOn bool
	}{
		{"newest without a date", Config{}, flagWebSocketBlob, true},
		{"before the date", Config{CompatibilityDate: "2025-01-01"}, flagWebSocketBlob, false},
		{"on the date", Config{CompatibilityDate: "2026-03-17"}, flagWebSocketBlob, true},
		{"enabled by flag", Config{CompatibilityDate: "2025-01-01",
			CompatibilityFlags: []string{"websocket_standard_binary_type"}}, flagWebSocketBlob, true},
		{"disabled by flag", Config{CompatibilityFlags: []string{"no_websocket_standard_binary_type"}},
			flagWebSocketBlob, false},
		{"flag-only behaviour", Config{}, flagPedanticWPT, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.isOn, newCompat(tc.cfg.CompatibilityDate, tc.cfg.CompatibilityFlags).on(tc.flag))
		})
	}
}

func TestOlderWebSocketBehaviour(t *testing.T) {
	h := newHarness(t, Config{CompatibilityDate: "2025-01-01"})
	got, err := h.eval(t, `
		const [a, b] = new WebSocketPair(); a.accept(); b.accept();
		const msg = new Promise((r) => b.addEventListener("message", (e) => r(e.data)));
		a.send(new Uint8Array([1]));
		const data = await msg;
		const closed = new Promise((r) => b.addEventListener("close", () => r(b.readyState)));
		a.close(1000);
		return [b.binaryType, data instanceof ArrayBuffer, await closed, a.readyState]`)
	require.NoError(t, err)
	assert.Equal(t, `["arraybuffer",true,2,2]`, got)
}
