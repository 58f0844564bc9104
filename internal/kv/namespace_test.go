package kv

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func openTest(t *testing.T, now func() time.Time) *Namespace {
	ns, err := Open("test", Options{Now: now})
	require.NoError(t, err)
	t.Cleanup(func() { _ = ns.Close() })
	return ns
}

func ptr(v int64) *int64 { return &v }

func TestNamespaceValuesAcrossChunks(t *testing.T) {
	ns := openTest(t, nil)
	for _, size := range []int{0, 1, chunkBytes - 1, chunkBytes, chunkBytes + 1, 2 * chunkBytes, 3*chunkBytes + 7} {
		value := bytes.Repeat([]byte{byte(size % 251)}, size)
		value = append(value[:0:0], value...)
		require.NoError(t, ns.Put("k", value, PutOptions{}))
		e, err := ns.Get("k", nil)
		require.NoError(t, err)
		require.NotNil(t, e)
		assert.Equal(t, len(value), len(e.Value), "size %d", size)
		assert.True(t, bytes.Equal(value, e.Value), "size %d", size)
	}
}

func TestNamespaceFrames(t *testing.T) {
	ns := openTest(t, nil)
	require.NoError(t, ns.Put("kept", []byte("1"), PutOptions{Metadata: `{"a":1}`}))

	depth, err := ns.PushFrame()
	require.NoError(t, err)
	assert.Equal(t, 1, depth)
	require.NoError(t, ns.Put("kept", bytes.Repeat([]byte("x"), 2*chunkBytes+1), PutOptions{}))
	require.NoError(t, ns.Put("added", []byte("2"), PutOptions{}))
	require.NoError(t, ns.Clear())
	res, err := ns.List(ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, res.Keys)
	require.NoError(t, ns.PopFrame())

	e, err := ns.Get("kept", nil)
	require.NoError(t, err)
	assert.Equal(t, &Entry{Key: "kept", Value: []byte("1"), Metadata: `{"a":1}`}, e)
	e, err = ns.Get("added", nil)
	require.NoError(t, err)
	assert.Nil(t, e)
}

func TestNamespaceExpirationClock(t *testing.T) {
	now := time.Unix(1_700_000_000, 500_000_000)
	ns := openTest(t, func() time.Time { return now })
	require.NoError(t, ns.Put("k", []byte("v"), PutOptions{ExpirationTTL: ptr(60)}))
	res, err := ns.List(ListOptions{})
	require.NoError(t, err)
	assert.Equal(t, []Entry{{Key: "k", Expiration: 1_700_000_060}}, res.Keys, "the TTL counts from the whole second")

	now = time.Unix(1_700_000_059, 999_000_000)
	e, err := ns.Get("k", nil)
	require.NoError(t, err)
	assert.NotNil(t, e)
	now = time.Unix(1_700_000_060, 0)
	e, err = ns.Get("k", nil)
	require.NoError(t, err)
	assert.Nil(t, e)
}

func TestNamespaceErrorsAreTyped(t *testing.T) {
	ns := openTest(t, nil)
	var e *Error
	require.True(t, errors.As(ns.Put("", nil, PutOptions{}), &e))
	assert.Equal(t, &Error{TypeError: true, Message: "Key name cannot be empty."}, e)
	require.True(t, errors.As(ns.Delete(string(make([]byte, 600))), &e))
	assert.False(t, e.TypeError)
	_, err := ns.List(ListOptions{Limit: 5000})
	assert.EqualError(t, err, "KV GET failed: 400 Invalid key_count_limit of 5000. "+
		"Please specify an integer less than 1000.")
	_, err = ns.GetBulk(nil, "", nil)
	assert.EqualError(t, err, "KV GET_BULK failed: 400 You must request a minimum of 1 key")
}

func TestNamespaceBulkSizeLimit(t *testing.T) {
	ns := openTest(t, nil)
	big := make([]byte, MaxValueBytes)
	require.NoError(t, ns.Put("a", big, PutOptions{}))
	require.NoError(t, ns.Put("b", []byte("1"), PutOptions{}))
	got, err := ns.GetBulk([]string{"a", "missing"}, "", nil)
	require.NoError(t, err)
	assert.Nil(t, got[1])
	_, err = ns.GetBulk([]string{"a", "b"}, "text", nil)
	assert.EqualError(t, err, "KV GET_BULK failed: 413 Total size of request exceeds the limit of 25MB")
}

func TestDecodeCursor(t *testing.T) {
	tests := map[string]string{
		"":         "",
		"YS8y":     "a/2",
		"YS8y=":    "a/2",
		"w6k=":     "é",
		"w6k":      "é",
		"_-8":      "\xff\xef",
		"Y!S@8#y$": "a/2",
	}
	for cursor, want := range tests {
		assert.Equal(t, want, decodeCursor(cursor), cursor)
	}
}

func TestPrefixEnd(t *testing.T) {
	tests := []struct {
		prefix, want string
		ok           bool
	}{
		{"", "", false},
		{"a", "b", true},
		{"a/", "a0", true},
		{"a\xff", "b", true},
		{"\xff\xff", "", false},
	}
	for _, tt := range tests {
		got, ok := prefixEnd(tt.prefix)
		assert.Equal(t, tt.want, got, tt.prefix)
		assert.Equal(t, tt.ok, ok, tt.prefix)
	}
}

func TestOpenBusyFile(t *testing.T) {
	path := t.TempDir() + "/busy.sqlite"
	holder, err := Open("busy", Options{Path: path})
	require.NoError(t, err)
	defer holder.Close()
	_, err = holder.PushFrame()
	require.NoError(t, err)
	require.NoError(t, holder.Put("k", []byte("v"), PutOptions{}), "a write inside a frame holds the file")

	other, err := Open("busy", Options{Path: path})
	require.NoError(t, err, "reading the schema needs no lock")
	defer other.Close()
	err = other.Put("k", []byte("w"), PutOptions{})
	require.ErrorIs(t, err, ErrBusy)
	assert.Equal(t, "another runtime is using the namespace's file; run one test file at a time when KV is "+
		"persisted (database is locked: SQLITE_BUSY)", err.Error())
	require.NoError(t, holder.PopFrame())
	require.NoError(t, other.Put("k", []byte("w"), PutOptions{}), "the lock ends with the frame")
}
