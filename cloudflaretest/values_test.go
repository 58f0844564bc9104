package cloudflaretest_test

import (
	"encoding/json"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dotest-dev/dotest/cloudflaretest"
)

type point struct {
	X     int       `json:"x"`
	Y     int       `json:"y,omitempty"`
	Label string    `json:"label"`
	Seen  time.Time `json:"seen"`
	skip  int
}

type celsius float64

func (c celsius) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]float64{"c": float64(c)})
}

// TestValuesGoToJS checks the JS type each Go value arrives as, after the RPC clone.
func TestValuesGoToJS(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	stub := w.Namespace("COUNTER").GetByName("values")
	var nilMap map[string]int
	var nilPtr *point

	tests := []struct {
		name string
		arg  any
		want string
	}{
		{"nil", nil, "null"},
		{"nil map", nilMap, "null"},
		{"nil pointer", nilPtr, "null"},
		{"bool", true, "boolean"},
		{"string", "s", "string"},
		{"int", 3, "number"},
		{"uint8", uint8(3), "number"},
		{"float", 1.5, "number"},
		{"big.Int pointer", big.NewInt(5), "bigint"},
		{"big.Int", *big.NewInt(5), "bigint"},
		{"bytes", []byte{1}, "ArrayBuffer"},
		{"time", time.Unix(0, 0), "Date"},
		{"slice", []int{1}, "Array"},
		{"array", [2]string{"a", "b"}, "Array"},
		{"map", map[string]int{"a": 1}, "object"},
		{"struct", point{X: 1}, "object"},
		{"struct pointer", &point{X: 1}, "object"},
		{"json marshaler", celsius(20), "object"},
		{"raw json", json.RawMessage(`[1,2]`), "Array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var kinds []string
			require.NoError(t, stub.CallInto(t.Context(), &kinds, "describe", tt.arg))
			assert.Equal(t, []string{tt.want}, kinds)
		})
	}
}

// TestValuesRoundTrip sends values to echo and checks what comes back.
func TestValuesRoundTrip(t *testing.T) {
	w := cloudflaretest.New(t, fixture)
	stub := w.Namespace("COUNTER").GetByName("round trip")
	when := time.Date(2026, 3, 4, 5, 6, 7, 8_000_000, time.UTC)
	huge, _ := new(big.Int).SetString("123456789012345678901234567890", 10)

	tests := []struct {
		name string
		arg  any
		want any
	}{
		{"nil", nil, nil},
		{"bool", false, false},
		{"string", "héllo", "héllo"},
		{"int becomes float64", 42, 42.0},
		{"largest exact integer", int64(1<<53 - 1), float64(1<<53 - 1)},
		{"float", 0.25, 0.25},
		{"infinity", math.Inf(1), math.Inf(1)},
		{"bytes", []byte("hi"), []byte("hi")},
		{"time to the millisecond", when.Add(999), when},
		{"big", huge, huge},
		{"nested", map[string]any{"a": []any{1, "b", nil}}, map[string]any{"a": []any{1.0, "b", nil}}},
		{"struct by JSON tags", point{X: 1, Label: "p", Seen: when, skip: 9},
			map[string]any{"x": 1.0, "label": "p", "seen": "2026-03-04T05:06:07.008Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stub.Call(t.Context(), "echo", tt.arg)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestValuesJSToGo checks the Go value of each kind of JS value a method can return.
func TestValuesJSToGo(t *testing.T) {
	w := newEdge(t)
	got, err := w.Namespace("THING").GetByName("kinds").Call(t.Context(), "kinds")
	require.NoError(t, err)
	big, _ := new(big.Int).SetString("12345678901234567890", 10)
	returned := got.(map[string]any)["err"].(*cloudflaretest.JSError)
	assert.Equal(t, map[string]any{
		"undef": nil,
		"map":   map[string]any{"a": 1.0},
		"set":   []any{1.0, "two"},
		"re":    "/a+/g",
		"bytes": []byte{1, 2, 3},
		"view":  []byte{8, 7},
		"err":   &cloudflaretest.JSError{Name: "RangeError", Message: "returned, not thrown", Stack: returned.Stack},
		"big":   big,
		"neg0":  math.Copysign(0, -1),
		"date":  time.Date(2026, 1, 2, 3, 4, 5, 6_000_000, time.UTC),
	}, got)
}

// TestValuesRefused checks that values with no form on the other side are errors that say
// what to do, never panics.
func TestValuesRefused(t *testing.T) {
	w := newEdge(t)
	thing := w.Namespace("THING").GetByName("refused")
	ch := make(chan int)
	type withChan struct{ C chan int }

	args := []struct {
		name string
		arg  any
		want string
	}{
		{"chan", ch, "chan int has no JavaScript form"},
		{"func", func() {}, "func() has no JavaScript form"},
		{"complex", 1i, "complex128 has no JavaScript form"},
		{"nested func", map[string]any{"f": []any{func() {}}}, `at ["f"][0]: a Go func()`},
		{"int past 2^53", int64(1 << 60), "pass a *big.Int for a BigInt"},
		{"uint past 2^53", uint64(1 << 63), "pass a *big.Int for a BigInt"},
		{"map with int keys", map[int]string{1: "a"}, "a map with int keys"},
		{"struct with a chan", withChan{C: ch}, "as encoding/json encodes it, which failed"},
		{"bad raw JSON", json.RawMessage(`{`), "invalid JSON"},
	}
	for _, tt := range args {
		t.Run("argument/"+tt.name, func(t *testing.T) {
			_, err := thing.Call(t.Context(), "echo", tt.arg)
			require.ErrorIs(t, err, cloudflaretest.ErrValue)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), `call "echo": argument 1`)
		})
	}

	results := []struct {
		method string
		want   string
	}{
		{"aFunction", "a function (an RPC stub, when it came through RPC) has no Go form"},
		{"aResponse", "use Stub.Fetch for HTTP"},
		{"cyclic", "the value is cyclic"},
		{"mapWithNumberKeys", "a Map with a float64 key has no Go form"},
	}
	for _, tt := range results {
		t.Run("result/"+tt.method, func(t *testing.T) {
			_, err := thing.Call(t.Context(), tt.method)
			require.ErrorIs(t, err, cloudflaretest.ErrValue)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestDecode(t *testing.T) {
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	type item struct {
		Name  string    `json:"name"`
		Count int       `json:"count"`
		At    time.Time `json:"at"`
		Data  []byte    `json:"data"`
		Big   *big.Int  `json:"big"`
	}
	var it item
	require.NoError(t, cloudflaretest.Decode(map[string]any{
		"name": "a", "count": 3.0, "at": when, "data": []byte{1}, "big": big.NewInt(7), "extra": true,
	}, &it))
	assert.Equal(t, item{Name: "a", Count: 3, At: when, Data: []byte{1}, Big: big.NewInt(7)}, it)

	var n int64
	require.NoError(t, cloudflaretest.Decode(12.0, &n))
	assert.Equal(t, int64(12), n)

	var anything any = "left over"
	require.NoError(t, cloudflaretest.Decode(nil, &anything))
	assert.Nil(t, anything)

	var m map[string]any
	src := map[string]any{"k": 1.0}
	require.NoError(t, cloudflaretest.Decode(src, &m))
	assert.Equal(t, src, m)

	var s string
	err := cloudflaretest.Decode(map[string]any{"a": 1.0}, &s)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "JavaScript gave object where Go expects string")

	assert.ErrorContains(t, cloudflaretest.Decode(1.0, s), "needs a non-nil pointer")
	assert.ErrorContains(t, cloudflaretest.Decode(math.NaN(), &n), "unsupported value: NaN")
}
