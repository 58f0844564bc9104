package event

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFullName(t *testing.T) {
	tests := []struct {
		task Task
		want string
	}{
		{Task{Name: "alone"}, "alone"},
		{Task{Name: "t", Suites: []string{"outer", "inner"}}, "outer > inner > t"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.task.FullName())
	}
}

func TestSnapshotSummaryAdd(t *testing.T) {
	s := SnapshotSummary{Written: 1, Failed: 2}
	s.Add(SnapshotSummary{Written: 2, Updated: 3, Obsolete: 4})
	assert.Equal(t, SnapshotSummary{Written: 3, Updated: 3, Obsolete: 4, Failed: 2}, s)
}

func TestErrorTitle(t *testing.T) {
	assert.Equal(t, "TypeError: bad", (&TestError{Name: "TypeError", Message: "bad"}).Title())
	assert.Equal(t, "a thrown string", (&TestError{Message: "a thrown string"}).Title())
	assert.Equal(t, "Error", (&TestError{Name: "Error"}).Title())
}
