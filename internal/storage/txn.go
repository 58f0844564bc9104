package storage

import (
	"fmt"
	"strconv"
)

// spKind is what a savepoint on the stack stands for.
type spKind uint8

const (
	spFrame spKind = iota + 1 // an isolation frame
	spTurn                    // the implicit transaction of the current turn
	spTxn                     // transaction()
	spSync                    // transactionSync()
)

// savepoint is one open savepoint; the stack lists them outermost first. A frame also
// remembers the pragmas in force when it was pushed, to put them back when it is popped.
type savepoint struct {
	kind    spKind
	name    string
	pragmas pragmaState
}

const turnSavepoint = "_cf_turn"

// PushFrame opens an isolation frame and returns the number of frames now open. Popping
// it undoes every write made after this call, whatever committed in between. An open turn
// is committed first; a frame cannot be pushed while a transaction is open.
func (h *DB) PushFrame() (int, error) {
	d := h.d
	if d.closed {
		return 0, errNoLongerAccessible()
	}
	if d.txns > 0 || d.syncs > 0 {
		return 0, fmt.Errorf("failed to push a frame: %w", ErrTxnOpen)
	}
	if d.turn {
		if err := d.commitTurn(); err != nil {
			return 0, fmt.Errorf("failed to push a frame: %w", h.result(err))
		}
	}

	name := "_dotest_frame_" + strconv.Itoa(d.frames+1)
	if err := d.open(spFrame, name); err != nil {
		return 0, fmt.Errorf("failed to push a frame: %w", err)
	}
	return d.frames, nil
}

// PopFrame closes the innermost frame and rolls the database back to the state it had
// when the frame was pushed: turns, transactions, deleteAll and pragma changes made since
// are all undone, and live cursors and kv.list() iterators end.
func (h *DB) PopFrame() error {
	d := h.d
	if d.closed {
		return errNoLongerAccessible()
	}
	i := d.innermost(spFrame)
	if i < 0 {
		return fmt.Errorf("failed to pop a frame: %w", ErrNoFrame)
	}

	d.endReaders()
	saved := d.stack[i].pragmas
	if err := d.rollbackTo(i); err != nil {
		return fmt.Errorf("failed to pop a frame: %w", err)
	}
	if err := d.restorePragmas(saved); err != nil {
		return fmt.Errorf("failed to pop a frame: %w", err)
	}
	return nil
}

// Frames returns the number of open frames.
func (h *DB) Frames() int { return h.d.frames }

// TurnOpen reports whether the current turn has written, so that its implicit transaction
// is open and CommitTurn has something to commit.
func (h *DB) TurnOpen() bool { return h.d.turn }

// InTransaction reports whether a transaction() or transactionSync() is open.
func (h *DB) InTransaction() bool { return h.d.txns > 0 || h.d.syncs > 0 }

// CommitTurn commits the implicit transaction of the turn, if a write opened one. With no
// frame open on a file database this is a real commit: the data is on disk when it
// returns. If foreign key constraints are left violated, the turn is rolled back and the
// error says so; the engine then resets the object, as workerd does.
func (h *DB) CommitTurn() error {
	if err := h.check(); err != nil {
		return err
	}
	if !h.d.turn {
		return nil
	}
	return h.result(h.d.commitTurn())
}

func (d *database) commitTurn() error {
	i := d.innermost(spTurn)
	if i != len(d.stack)-1 {
		return fmt.Errorf("failed to commit the turn: %w", ErrTxnOpen)
	}
	return d.commitAt(i)
}

// RollbackTurn discards everything not yet committed: the turn's writes and any open
// transaction. Frames stay as they are.
func (h *DB) RollbackTurn() error {
	if h.d.closed {
		return errNoLongerAccessible()
	}
	if h.broken != nil {
		// Breaking the handle already rolled back.
		return nil
	}
	return h.result(h.d.rollbackUncommitted())
}

func (d *database) rollbackUncommitted() error {
	i := len(d.stack)
	for i > 0 && d.stack[i-1].kind != spFrame {
		i--
	}
	if i == len(d.stack) {
		return nil
	}
	if err := d.rollbackTo(i); err != nil {
		return err
	}
	return d.endOfTransaction()
}

// BeginTxn opens a transaction() and returns its depth, 0 for the outermost. As in
// workerd, an open turn is committed first, so the transaction starts from committed data.
func (h *DB) BeginTxn() (int, error) {
	if err := h.check(); err != nil {
		return 0, err
	}
	d := h.d
	if d.turn && d.innermost(spTurn) == len(d.stack)-1 {
		if err := d.commitTurn(); err != nil {
			return 0, h.result(err)
		}
	}
	depth := d.txns
	if err := d.open(spTxn, "_cf_savepoint_"+strconv.Itoa(depth)); err != nil {
		return 0, h.result(err)
	}
	return depth, nil
}

// CommitTxn commits the transaction() of the given depth, which must be the innermost
// open transaction. Committing the outermost one with no frame open is a real commit.
func (h *DB) CommitTxn(depth int) error {
	if err := h.check(); err != nil {
		return err
	}
	i, err := h.d.txnIndex(spTxn, depth)
	if err != nil {
		return err
	}
	return h.result(h.d.commitAt(i))
}

// RollbackTxn rolls back the transaction() of the given depth. Rolling back an outer
// transaction while a nested one is open is an error, as in workerd.
func (h *DB) RollbackTxn(depth int) error {
	if err := h.check(); err != nil {
		return err
	}
	d := h.d
	if depth < d.txns-1 {
		return newError(KindError, msgNestedTxnRunning)
	}
	i, err := d.txnIndex(spTxn, depth)
	if err != nil {
		return err
	}
	if err := d.rollbackTo(i); err != nil {
		return h.result(err)
	}
	if d.outermost(i) {
		return h.result(d.endOfTransaction())
	}
	return nil
}

// BeginSyncTxn opens a transactionSync() and returns its depth. Like workerd it counts as
// a write, so the turn's implicit transaction is opened under it.
func (h *DB) BeginSyncTxn() (int, error) {
	if !h.d.opts.SQL {
		return 0, newError(KindError, MsgNotBackedBySQL)
	}
	if err := h.check(); err != nil {
		return 0, err
	}
	d := h.d
	if err := d.ensureWriteScope(); err != nil {
		return 0, h.result(err)
	}
	depth := d.syncs
	if err := d.open(spSync, "_cf_sync_savepoint_"+strconv.Itoa(depth)); err != nil {
		return 0, h.result(err)
	}
	return depth, nil
}

// CommitSyncTxn commits the transactionSync() of the given depth. After a critical error
// it fails with "Cannot commit transaction due to an earlier SQL critical error".
func (h *DB) CommitSyncTxn(depth int) error {
	if h.broken != nil && h.broken.Critical {
		return newError(KindError, msgCriticalCommit)
	}
	if err := h.check(); err != nil {
		return err
	}
	i, err := h.d.txnIndex(spSync, depth)
	if err != nil {
		return err
	}
	return h.result(h.d.commitAt(i))
}

// RollbackSyncTxn rolls back the transactionSync() of the given depth. On a broken
// handle it does nothing: breaking already rolled everything back.
func (h *DB) RollbackSyncTxn(depth int) error {
	if h.broken != nil {
		return nil
	}
	if err := h.check(); err != nil {
		return err
	}
	i, err := h.d.txnIndex(spSync, depth)
	if err != nil {
		return err
	}
	return h.result(h.d.rollbackTo(i))
}

// txnIndex finds the innermost savepoint, which must be the transaction named.
func (d *database) txnIndex(kind spKind, depth int) (int, error) {
	i := len(d.stack) - 1
	if i < 0 || d.stack[i].kind != kind || d.depthOf(i) != depth {
		return 0, fmt.Errorf("failed to end transaction at depth %d: %w", depth, ErrNoTxn)
	}
	return i, nil
}

// depthOf returns the depth of the transaction at stack index i among those of its kind.
func (d *database) depthOf(i int) int {
	n := 0
	for _, sp := range d.stack[:i] {
		if sp.kind == d.stack[i].kind {
			n++
		}
	}
	return n
}

// ensureWriteScope opens the turn's implicit transaction before a write, unless a
// transaction already covers it.
func (d *database) ensureWriteScope() error {
	if d.turn || d.txns > 0 || d.syncs > 0 {
		return nil
	}
	return d.open(spTurn, turnSavepoint)
}

func (d *database) open(kind spKind, name string) error {
	if err := d.run("SAVEPOINT " + name); err != nil {
		return err
	}
	d.stack = append(d.stack, savepoint{kind: kind, name: name, pragmas: d.pragmas})
	d.recount()
	return nil
}

// commitAt releases the savepoint at stack index i, which must be the innermost. When it
// is outermost in workerd's terms (only frames below it), this is where workerd commits,
// so deferred foreign keys are checked here, and a violation rolls it back.
func (d *database) commitAt(i int) error {
	outer := d.outermost(i)
	if outer && d.c.deferredViolations() {
		if err := d.rollbackTo(i); err != nil {
			return err
		}
		_ = d.endOfTransaction()
		return &Error{Kind: KindError, Code: 19, Message: MsgConstraintReset +
			"FOREIGN KEY constraint failed: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_FOREIGNKEY)"}
	}

	if err := d.run("RELEASE " + d.stack[i].name); err != nil {
		if err.(*Error).Critical {
			return err
		}
		// A failed real commit leaves the savepoint open: undo it.
		if rerr := d.rollbackTo(i); rerr != nil {
			return rerr
		}
		if err.(*Error).Code == 19 {
			err.(*Error).Message = MsgConstraintReset + err.(*Error).Message
		}
		return err
	}
	d.stack = d.stack[:i]
	d.recount()
	if outer {
		return d.endOfTransaction()
	}
	return nil
}

// rollbackTo rolls back to the savepoint at index i and closes it and all above it.
func (d *database) rollbackTo(i int) error {
	name := d.stack[i].name
	if err := d.run("ROLLBACK TO " + name); err != nil {
		return err
	}
	if err := d.run("RELEASE " + name); err != nil {
		return err
	}
	d.stack = d.stack[:i]
	d.recount()
	d.invalidate()
	return nil
}

// outermost reports whether only frames lie below stack index i.
func (d *database) outermost(i int) bool {
	for _, sp := range d.stack[:i] {
		if sp.kind != spFrame {
			return false
		}
	}
	return true
}

func (d *database) innermost(kind spKind) int {
	for i := len(d.stack) - 1; i >= 0; i-- {
		if d.stack[i].kind == kind {
			return i
		}
	}
	return -1
}

func (d *database) recount() {
	d.frames, d.txns, d.syncs, d.turn = 0, 0, 0, false
	for _, sp := range d.stack {
		switch sp.kind {
		case spFrame:
			d.frames++
		case spTurn:
			d.turn = true
		case spTxn:
			d.txns++
		case spSync:
			d.syncs++
		}
	}
}

// endOfTransaction does what SQLite does at the end of a real transaction and frames
// prevent: defer_foreign_keys switches back off.
func (d *database) endOfTransaction() error {
	if !d.pragmas.deferForeignKeys {
		return nil
	}
	if err := d.run("PRAGMA defer_foreign_keys = OFF"); err != nil {
		return err
	}
	d.pragmas.deferForeignKeys = false
	return nil
}
