package isolation

import "fmt"

// Store is storage beyond the Durable Object engine that frames cover as they cover
// objects, such as a Workers KV namespace: a database that lives as long as the runtime.
type Store interface {
	// PushFrame opens a savepoint that PopFrame rolls the store back to.
	PushFrame() (int, error)
	PopFrame() error
	// Clear deletes everything the store holds and commits that, as reset() does; inside
	// a frame, popping it brings the data back.
	Clear() error
	// String names the store in errors.
	String() string
}

// AddStore puts st under the stack: every frame pushed from now on holds a savepoint on it,
// so a test's writes to it are undone when the test ends, and Reset clears it.
func (s *Stack) AddStore(st Store) { s.stores = append(s.stores, st) }

// pushStores opens the frame's savepoint on every store; when one refuses, it undoes what
// the frame pushed so far, objects included.
func (s *Stack) pushStores(f *frame) error {
	for _, st := range s.stores {
		if _, err := st.PushFrame(); err != nil {
			for _, done := range f.stores {
				_ = done.PopFrame()
			}
			for _, o := range f.pushed {
				_ = o.DB().PopFrame()
			}
			return fmt.Errorf("failed to push a frame on %s: %w", st, err)
		}
		f.stores = append(f.stores, st)
	}
	return nil
}

// clearStores empties every store, for Reset.
func (s *Stack) clearStores() []error {
	var errs []error
	for _, st := range s.stores {
		if err := st.Clear(); err != nil {
			errs = append(errs, fmt.Errorf("failed to reset %s: %w", st, err))
		}
	}
	return errs
}
