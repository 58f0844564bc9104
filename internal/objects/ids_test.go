package objects

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// referenceID derives an id independently of idFactory, from workerd's recipe.
func referenceID(uniqueKey, name string) string {
	key := sha256.Sum256([]byte(uniqueKey))
	mac := func(data []byte) []byte {
		m := hmac.New(sha256.New, key[:])
		m.Write(data)
		return m.Sum(nil)[:16]
	}
	a := mac([]byte(name))
	return hex.EncodeToString(append(a, mac(a)...))
}

func TestIDFromNameMatchesWorkerd(t *testing.T) {
	// Printed by workerd (miniflare 4.20260426.0) for worker "counter-worker", class Counter.
	tests := []struct{ name, want string }{
		{"alice", "b80efde734079d8804160f0cab3fe5252d33e5e784b95b9772ee8e22db1fd086"},
		{"", "00665f091f67156b1913433b7fe1d10e6d83cd5d0ae4c357e65314da45e84ac0"},
		{"ünï😀", "73bcd2fd98ae727491410a29d96680a64ab8f7f4dd01f18f326fe1cd23fc13f2"},
	}
	f := newIDFactory("counter-worker-Counter")
	for _, tt := range tests {
		assert.Equal(t, tt.want, f.fromName(tt.name).String(), tt.name)
		assert.Equal(t, tt.want, referenceID("counter-worker-Counter", tt.name), tt.name)
	}
}

func TestParseID(t *testing.T) {
	f := newIDFactory("w-Obj")
	alice := f.fromName("alice").String()
	other := newIDFactory("w-Other").fromName("alice").String()
	upper := []byte(alice)
	for i, c := range upper {
		if c >= 'a' && c <= 'f' {
			upper[i] = c - 'a' + 'A'
		}
	}
	tests := []struct {
		in      string
		want    string
		wantErr error
	}{
		{in: alice, want: alice},
		{in: string(upper), want: alice},
		{in: "zz", wantErr: ErrIDNotHex},
		{in: alice[:63] + "g", wantErr: ErrIDNotHex},
		{in: alice + "0", wantErr: ErrIDNotHex},
		{in: other, wantErr: ErrIDNotNamespace},
		{in: "0000000000000000000000000000000000000000000000000000000000000000", wantErr: ErrIDNotNamespace},
	}
	for _, tt := range tests {
		id, err := f.parse(tt.in)
		if tt.wantErr != nil {
			assert.ErrorIs(t, err, tt.wantErr, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, id.String())
	}

	u := f.unique()
	got, err := f.parse(u.String())
	require.NoError(t, err)
	assert.Equal(t, u, got)
	assert.NotEqual(t, u, f.unique())
}
