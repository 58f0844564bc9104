package jsrt

import "time"

// Clock is the time a runtime sees: Date, timers and Durable Object alarms read it. It is
// real until UseFake; then it stands still until Advance or Set moves it.
type Clock struct {
	fake    bool
	virtual time.Time // now, while fake

	// fixed pins Date to one instant while time is real (vi.setSystemTime without fake
	// timers), as vitest does.
	fixed *time.Time

	real func() time.Time
}

// NewClock returns a real clock reading now.
func NewClock(now func() time.Time) *Clock {
	if now == nil {
		now = time.Now
	}
	return &Clock{real: now}
}

// Now is the current time of the clock.
func (c *Clock) Now() time.Time {
	switch {
	case c.fake:
		return c.virtual
	case c.fixed != nil:
		return *c.fixed
	default:
		return c.real()
	}
}

// Real is the wall-clock time, whatever the mode.
func (c *Clock) Real() time.Time { return c.real() }

// Fake reports whether the clock is virtual.
func (c *Clock) Fake() bool { return c.fake }

// UseFake makes the clock virtual, starting from the time it shows now.
func (c *Clock) UseFake() {
	if !c.fake {
		c.virtual = c.Now()
		c.fake = true
	}
}

// UseReal makes the clock real again and drops a pinned time.
func (c *Clock) UseReal() {
	c.fake = false
	c.fixed = nil
}

// Set moves a virtual clock to t, or pins a real clock's Date to t.
func (c *Clock) Set(t time.Time) {
	if c.fake {
		c.virtual = t
		return
	}
	c.fixed = &t
}

// Pinned returns the time Date is pinned to, if any.
func (c *Clock) Pinned() (time.Time, bool) {
	if c.fake {
		return c.virtual, true
	}
	if c.fixed != nil {
		return *c.fixed, true
	}
	return time.Time{}, false
}

// advanceTo moves a virtual clock forward to t; it never goes back.
func (c *Clock) advanceTo(t time.Time) {
	if t.After(c.virtual) {
		c.virtual = t
	}
}
