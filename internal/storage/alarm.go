package storage

import "math"

const (
	sqlMetaCreate = "CREATE TABLE IF NOT EXISTS _cf_METADATA (key INTEGER PRIMARY KEY, value BLOB)"
	sqlAlarmGet   = "SELECT value FROM _cf_METADATA WHERE key = 1"
	sqlAlarmSet   = "INSERT INTO _cf_METADATA VALUES (1, ?) ON CONFLICT DO UPDATE SET value = excluded.value"

	msgAlarmTooLate = "setAlarm() cannot be called with an alarm time after the year 2262."
)

// alarmCache remembers the alarm row until a rollback may change it.
type alarmCache struct {
	loaded bool
	set    bool
	ms     int64
}

// GetAlarm returns the alarm time in milliseconds since the epoch; ok is false when no
// alarm is set. The row holds nanoseconds, as workerd stores them.
func (h *DB) GetAlarm() (ms int64, ok bool, err error) {
	if err := h.check(); err != nil {
		return 0, false, err
	}
	ms, ok, err = h.d.getAlarm()
	return ms, ok, h.result(err)
}

func (d *database) getAlarm() (int64, bool, error) {
	if d.alarm.loaded {
		return d.alarm.ms, d.alarm.set, nil
	}
	exists, err := d.hasTable(&d.metaTable, "_cf_METADATA")
	if err != nil {
		return 0, false, err
	}
	var a alarmCache
	if exists {
		_, err := d.queryRow(sqlAlarmGet, func(p uintptr) {
			if !d.c.columnIsNull(p, 0) {
				a.set, a.ms = true, floorDiv(d.c.columnInt64(p, 0), 1_000_000)
			}
		})
		if err != nil {
			return 0, false, err
		}
	}
	a.loaded = true
	d.alarm = a
	return a.ms, a.set, nil
}

// SetAlarm sets the alarm to ms milliseconds since the epoch, replacing any other. Times
// not after the epoch are refused with workerd's TypeError; clamping a past time to now is
// the caller's business, as it owns the clock.
func (h *DB) SetAlarm(ms int64) error {
	if err := h.check(); err != nil {
		return err
	}
	if ms <= 0 {
		return newError(KindTypeError, msgAlarmNotPositive)
	}
	if ms > math.MaxInt64/1_000_000 {
		return newError(KindRangeError, msgAlarmTooLate)
	}
	cur, set, err := h.d.getAlarm()
	if err != nil {
		return h.result(err)
	}
	if set && cur == ms {
		return nil
	}
	return h.result(h.d.setAlarm(ms))
}

func (d *database) setAlarm(ms int64) error {
	if err := d.beginMetaWrite(); err != nil {
		return err
	}
	if err := d.run(sqlAlarmSet, ms*1_000_000); err != nil {
		return err
	}
	d.alarm = alarmCache{loaded: true, set: true, ms: ms}
	return nil
}

// DeleteAlarm removes the alarm, leaving a NULL in its row as workerd does.
func (h *DB) DeleteAlarm() error {
	if err := h.check(); err != nil {
		return err
	}
	d := h.d
	if _, set, err := d.getAlarm(); err != nil || !set {
		return h.result(err)
	}
	if err := d.beginMetaWrite(); err != nil {
		return h.result(err)
	}
	if err := d.run(sqlAlarmSet, nil); err != nil {
		return h.result(err)
	}
	d.alarm = alarmCache{loaded: true}
	return nil
}

func (d *database) beginMetaWrite() error {
	if err := d.ensureWriteScope(); err != nil {
		return err
	}
	if d.metaTable == triYes {
		return nil
	}
	if err := d.run(sqlMetaCreate); err != nil {
		return err
	}
	d.metaTable = triYes
	return nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
