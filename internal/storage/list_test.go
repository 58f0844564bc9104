package storage

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompileListOptions(t *testing.T) {
	tests := []struct {
		name    string
		opts    ListOptions
		start   string
		end     *string
		limit   int
		empty   bool
		wantErr string
	}{
		{name: "none", opts: ListOptions{}},
		{name: "start", opts: ListOptions{Start: ptr("b")}, start: "b"},
		{name: "start after", opts: ListOptions{StartAfter: ptr("b")}, start: "b\x00"},
		{name: "both starts", opts: ListOptions{Start: ptr("a"), StartAfter: ptr("b")}, wantErr: msgBothStarts},
		{name: "end", opts: ListOptions{End: ptr("m")}, end: ptr("m")},
		{name: "end before start", opts: ListOptions{Start: ptr("m"), End: ptr("b")}, empty: true},
		{name: "end equals start", opts: ListOptions{Start: ptr("m"), End: ptr("m")}, empty: true},
		{name: "end equals start after", opts: ListOptions{StartAfter: ptr("m"), End: ptr("m\x00")}, empty: true},
		{name: "limit", opts: ListOptions{Limit: ptr(3)}, limit: 3},
		{name: "limit zero", opts: ListOptions{Limit: ptr(0)}, wantErr: msgLimitPositive},
		{name: "limit negative", opts: ListOptions{Limit: ptr(-1)}, wantErr: msgLimitPositive},
		{name: "empty prefix", opts: ListOptions{Prefix: ptr("")}},
		{name: "prefix", opts: ListOptions{Prefix: ptr("ab")}, start: "ab", end: ptr("ac")},
		{name: "prefix, start before", opts: ListOptions{Prefix: ptr("ab"), Start: ptr("a")},
			start: "ab", end: ptr("ac")},
		{name: "prefix, start inside", opts: ListOptions{Prefix: ptr("ab"), Start: ptr("abc")},
			start: "abc", end: ptr("ac")},
		{name: "prefix, start after", opts: ListOptions{Prefix: ptr("ab"), Start: ptr("b")}, empty: true},
		{name: "prefix, end inside", opts: ListOptions{Prefix: ptr("ab"), End: ptr("abm")},
			start: "ab", end: ptr("abm")},
		{name: "prefix, end after", opts: ListOptions{Prefix: ptr("ab"), End: ptr("z")},
			start: "ab", end: ptr("ac")},
		{name: "prefix, end at prefix", opts: ListOptions{Prefix: ptr("ab"), End: ptr("ab")}, empty: true},
		{name: "prefix, end before", opts: ListOptions{Prefix: ptr("ab"), End: ptr("aa")}, empty: true},
		{name: "prefix ends in 0xFF", opts: ListOptions{Prefix: ptr("a\xff\xff")},
			start: "a\xff\xff", end: ptr("b")},
		{name: "prefix of 0xFF only", opts: ListOptions{Prefix: ptr("\xff\xff")}, start: "\xff\xff"},
		{name: "prefix of 0xFF only, end", opts: ListOptions{Prefix: ptr("\xff"), End: ptr("\xff\x10")},
			start: "\xff", end: ptr("\xff\x10")},
		{name: "prefix, multibyte", opts: ListOptions{Prefix: ptr("é")}, start: "é", end: ptr("\xc3\xaa")},
		{name: "reverse keeps the range", opts: ListOptions{Prefix: ptr("ab"), Reverse: true, Limit: ptr(1)},
			start: "ab", end: ptr("ac"), limit: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok, err := tt.opts.compile()
			if tt.wantErr != "" {
				e := asError(t, err)
				assert.Equal(t, tt.wantErr, e.Message)
				assert.Equal(t, KindTypeError, e.Kind)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, !tt.empty, ok)
			if tt.empty {
				return
			}
			assert.Equal(t, tt.start, r.start)
			assert.Equal(t, tt.end, r.end)
			assert.Equal(t, tt.limit, r.limit)
			assert.Equal(t, tt.opts.Reverse, r.reverse)
		})
	}
}

func TestList(t *testing.T) {
	db := sqlDB(t)
	keys := []string{"a", "ab", "abc", "abd", "ac", "b", "\xff", "\xff\x01", "\U0001F600", "\uFF5E"}
	for _, k := range keys {
		require.NoError(t, db.Put(k, []byte(k)))
	}
	tests := []struct {
		name string
		opts ListOptions
		want []string
	}{
		{"all", ListOptions{},
			[]string{"a", "ab", "abc", "abd", "ac", "b", "\uFF5E", "\U0001F600", "\xff", "\xff\x01"}},
		{"prefix", ListOptions{Prefix: ptr("ab")}, []string{"ab", "abc", "abd"}},
		{"prefix reverse limit", ListOptions{Prefix: ptr("ab"), Reverse: true, Limit: ptr(2)}, []string{"abd", "abc"}},
		{"start after", ListOptions{StartAfter: ptr("ab"), End: ptr("ac")}, []string{"abc", "abd"}},
		{"start end", ListOptions{Start: ptr("ab"), End: ptr("abd")}, []string{"ab", "abc"}},
		{"limit", ListOptions{Limit: ptr(2)}, []string{"a", "ab"}},
		{"reverse", ListOptions{Reverse: true, Limit: ptr(3)}, []string{"\xff\x01", "\xff", "\U0001F600"}},
		{"prefix 0xFF", ListOptions{Prefix: ptr("\xff")}, []string{"\xff", "\xff\x01"}},
		{"empty range", ListOptions{Start: ptr("z"), End: ptr("a")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := db.List(tt.opts)
			require.NoError(t, err)
			var got []string
			for _, e := range entries {
				got = append(got, e.Key)
				assert.Equal(t, e.Key, string(e.Value))
			}
			assert.Equal(t, tt.want, got)
		})
	}

	_, err := db.List(ListOptions{Start: ptr("a"), StartAfter: ptr("a")})
	assert.Equal(t, msgBothStarts, asError(t, err).Message)
}

func TestListIterator(t *testing.T) {
	db := sqlDB(t)
	empty, err := db.ListIter(ListOptions{})
	require.NoError(t, err)
	_, _, ok, err := empty.Next()
	require.NoError(t, err)
	assert.False(t, ok, "no table yet")

	for _, k := range []string{"a", "b", "c"} {
		require.NoError(t, db.Put(k, []byte(k)))
	}
	it1, err := db.ListIter(ListOptions{})
	require.NoError(t, err)
	k, _, ok, err := it1.Next()
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "a", k)

	// Writes made while iterating are seen: the iterator reads lazily.
	require.NoError(t, db.Put("bb", []byte("bb")))
	var rest []string
	for {
		k, _, ok, err := it1.Next()
		require.NoError(t, err)
		if !ok {
			break
		}
		rest = append(rest, k)
	}
	assert.Equal(t, []string{"b", "bb", "c"}, rest)

	// A finished iterator is not invalidated by a later list.
	_, err = db.List(ListOptions{})
	require.NoError(t, err)
	_, _, ok, err = it1.Next()
	require.NoError(t, err)
	assert.False(t, ok)

	// A live one is, by kv.list() and by list() alike, but not by an empty range.
	it2, err := db.ListIter(ListOptions{})
	require.NoError(t, err)
	_, err = db.ListIter(ListOptions{Start: ptr("z"), End: ptr("a")})
	require.NoError(t, err)
	_, _, ok, err = it2.Next()
	require.NoError(t, err)
	assert.True(t, ok, "an empty range does not invalidate")

	it3, err := db.ListIter(ListOptions{Prefix: ptr("b")})
	require.NoError(t, err)
	_, _, _, err = it2.Next()
	e := asError(t, err)
	assert.Equal(t, MsgIteratorInvalidated, e.Message)
	assert.Equal(t, KindError, e.Kind)
	_, _, _, err = it2.Next()
	assert.Error(t, err, "stays invalid")

	_, err = db.List(ListOptions{})
	require.NoError(t, err)
	_, _, _, err = it3.Next()
	assert.Equal(t, MsgIteratorInvalidated, asError(t, err).Message)

	it4, err := db.ListIter(ListOptions{})
	require.NoError(t, err)
	it4.Close()
	_, _, ok, err = it4.Next()
	require.NoError(t, err)
	assert.False(t, ok)
}
