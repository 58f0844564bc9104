package storage

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// alarmRow reads the alarm row as stored: nanoseconds, or nil.
func alarmRow(t *testing.T, db *DB) any {
	t.Helper()
	var v any
	found, err := db.d.queryRow(sqlAlarmGet, func(p uintptr) { v = db.d.c.column(p, 0) })
	require.NoError(t, err)
	require.True(t, found)
	return v
}

func TestAlarm(t *testing.T) {
	db := openDB(t, Options{})
	_, set, err := db.GetAlarm()
	require.NoError(t, err)
	assert.False(t, set)
	require.NoError(t, db.DeleteAlarm())
	assert.Empty(t, schema(t, db), "deleting no alarm writes nothing")

	require.NoError(t, db.SetAlarm(1_700_000_000_123))
	ms, set, err := db.GetAlarm()
	require.NoError(t, err)
	assert.True(t, set)
	assert.Equal(t, int64(1_700_000_000_123), ms)
	assert.Equal(t, int64(1_700_000_000_123_000_000), alarmRow(t, db), "stored in nanoseconds")
	assert.Equal(t, []string{"_cf_METADATA"}, schema(t, db))

	require.NoError(t, db.DeleteAlarm())
	_, set, err = db.GetAlarm()
	require.NoError(t, err)
	assert.False(t, set)
	assert.Nil(t, alarmRow(t, db), "a deleted alarm is a NULL")
}

func TestAlarmLimits(t *testing.T) {
	db := openDB(t, Options{})
	for _, ms := range []int64{0, -5} {
		e := asError(t, db.SetAlarm(ms))
		assert.Equal(t, KindTypeError, e.Kind)
		assert.Equal(t, "setAlarm() cannot be called with an alarm time <= 0", e.Message)
	}
	e := asError(t, db.SetAlarm(math.MaxInt64/1_000_000+1))
	assert.Equal(t, KindRangeError, e.Kind)
	require.NoError(t, db.SetAlarm(math.MaxInt64/1_000_000))
}

func TestAlarmFollowsRollbacks(t *testing.T) {
	db := openDB(t, Options{SQL: true})
	require.NoError(t, db.SetAlarm(1000))
	require.NoError(t, db.CommitTurn())

	_, err := db.PushFrame()
	require.NoError(t, err)
	require.NoError(t, db.SetAlarm(2000))
	require.NoError(t, db.RollbackTurn())
	ms, _, err := db.GetAlarm()
	require.NoError(t, err)
	assert.Equal(t, int64(1000), ms)

	depth, err := db.BeginTxn()
	require.NoError(t, err)
	require.NoError(t, db.DeleteAlarm())
	require.NoError(t, db.RollbackTxn(depth))
	ms, set, err := db.GetAlarm()
	require.NoError(t, err)
	assert.True(t, set)
	assert.Equal(t, int64(1000), ms)

	require.NoError(t, db.SetAlarm(3000))
	require.NoError(t, db.CommitTurn())
	require.NoError(t, db.PopFrame())
	ms, _, err = db.GetAlarm()
	require.NoError(t, err)
	assert.Equal(t, int64(1000), ms)
}
