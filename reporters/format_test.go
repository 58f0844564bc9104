package reporters

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0ms"},
		{400 * time.Microsecond, "0ms"},
		{1500 * time.Microsecond, "2ms"},
		{120 * time.Millisecond, "120ms"},
		{1000 * time.Millisecond, "1000ms"},
		{1001 * time.Millisecond, "1.00s"},
		{1260 * time.Millisecond, "1.26s"},
		{95 * time.Second, "95.00s"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, formatDuration(tt.d), tt.d.String())
	}
}

func TestFormatMillis(t *testing.T) {
	assert.Equal(t, "0ms", formatMillis(0))
	assert.Equal(t, "5012ms", formatMillis(5012*time.Millisecond))
}

func TestSeconds(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0"},
		{time.Millisecond, "0.001"},
		{1442286 * time.Nanosecond, "0.001442286"},
		{5 * time.Second, "5"},
		{361 * time.Millisecond, "0.361"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, seconds(tt.d), tt.d.String())
	}
}

func TestPaths(t *testing.T) {
	p := paths{root: "/home/dev/app"}
	assert.Equal(t, "test/a.test.ts", p.rel("/home/dev/app/test/a.test.ts"))
	assert.Equal(t, "test/a.test.ts", p.rel("test/a.test.ts"))
	assert.Equal(t, "/elsewhere/x.ts", p.rel("/elsewhere/x.ts"), "a file outside the root stays absolute")
	assert.Equal(t, "/home/dev/app/test/a.test.ts", p.abs("test/a.test.ts"))
	assert.Equal(t, "/lib/x.js", p.abs("/lib/x.js"))
	assert.Equal(t, "x.ts", paths{}.abs("x.ts"), "no root leaves the path as it is")
}

func TestPaletteNesting(t *testing.T) {
	c := palette{on: true}
	assert.Equal(t, "plain", palette{}.bold("plain"))
	assert.Equal(t, "\x1b[2mms\x1b[22m", c.dim("ms"))

	// The inner end of dim would end the outer bold: bold is opened again after it.
	assert.Equal(t, "\x1b[1ma\x1b[2mb\x1b[22m\x1b[1mc\x1b[22m", c.bold("a"+c.dim("b")+"c"))
}
