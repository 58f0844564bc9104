package pool

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in      string
		want    Shard
		wantErr bool
	}{
		{in: "1/3", want: Shard{1, 3}},
		{in: "3/3", want: Shard{3, 3}},
		{in: "0/3", wantErr: true},
		{in: "4/3", wantErr: true},
		{in: "1", wantErr: true},
		{in: "a/b", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseShard(tt.in)
			if tt.wantErr {
				assert.ErrorContains(t, err, "--shard must be")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, got.String())
		})
	}
}

func TestShardsCoverEveryFileOnce(t *testing.T) {
	var files []string
	for i := range 10 {
		files = append(files, fmt.Sprintf("test/f%02d.test.ts", i))
	}
	seen := map[string]int{}
	for i := 1; i <= 3; i++ {
		part := Shard{i, 3}.Apply(files)
		assert.LessOrEqual(t, len(part), 4)
		assert.IsNonDecreasing(t, part)
		for _, f := range part {
			seen[f]++
		}
	}
	assert.Len(t, seen, len(files))
	for f, n := range seen {
		assert.Equal(t, 1, n, f)
	}
	assert.Equal(t, files, Shard{}.Apply(files))
}
