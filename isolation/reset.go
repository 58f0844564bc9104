package isolation

import (
	"errors"
	"fmt"

	"github.com/dotest-dev/dotest/internal/objects"
)

// Reset is what cloudflare:test's reset() does, as the current Workers pool does it: every
// running instance is aborted, and every object's storage and alarm are deleted. An object
// that a frame holds a savepoint on is wiped in place instead of deleted, so that popping the
// frame brings its storage back; until then, or until it runs again, Listed leaves it out.
// The stores added with AddStore are cleared too, and frames bring them back the same way.
func (s *Stack) Reset() error {
	s.e.AbortAll()
	var errs []error
	for _, o := range s.e.Objects() {
		db := o.DB()
		if db.Frames() == 0 {
			if err := s.e.DeleteObject(o); err != nil {
				errs = append(errs, err)
			}
			continue
		}
		if err := wipe(o); err != nil {
			errs = append(errs, err)
		}
		s.e.RestoreAlarm(o)
		s.hidden[o] = len(s.frames)
	}
	errs = append(errs, s.clearStores()...)
	return errors.Join(errs...)
}

// wipe deletes everything an object stores, its alarm included, and commits that.
func wipe(o *objects.Object) error {
	db := o.DB()
	err := db.DeleteAll()
	if err == nil {
		err = db.DeleteAlarm()
	}
	if err == nil {
		err = db.CommitTurn()
	}
	if err != nil {
		_ = db.RollbackTurn()
		return fmt.Errorf("failed to reset Durable Object %s: %w", o, err)
	}
	return nil
}

// Listed reports whether listDurableObjectIds shows the object: not when reset() wiped it in
// place and it has not run since.
func (s *Stack) Listed(o *objects.Object) bool {
	if _, ok := s.hidden[o]; !ok {
		return true
	}
	if o.Running() {
		delete(s.hidden, o)
		return true
	}
	return false
}
