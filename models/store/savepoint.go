package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/uptrace/bun"
)

// errNotInTx: Savepoint was called on a Store that is not a transaction's.
var errNotInTx = errors.New("store: savepoint outside a transaction")

// Savepoint runs fn inside a savepoint of the transaction s belongs to (s
// is the Store that Tx hands its function), so that when fn fails only
// fn's writes, and the stream events they queued, are undone and the
// transaction goes on (several inbox activities share one transaction and
// one failure must not sink the rest). It returns fn's error as failed;
// err is the savepoint's own failure, after which the transaction is
// unusable and must be rolled back (returned from Tx's function).
func (s *Store) Savepoint(ctx context.Context, fn func(tx *Store) error) (failed, err error) {
	tx, ok := s.db.(bun.Tx)
	if !ok {
		return nil, errNotInTx
	}
	events := 0
	if s.pending != nil {
		events = len(*s.pending)
	}
	if _, err := tx.ExecContext(ctx, "SAVEPOINT stoa_item"); err != nil {
		return nil, fmt.Errorf("store: savepoint: %w", err)
	}
	if failed = fn(s); failed == nil {
		if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT stoa_item"); err != nil {
			return nil, fmt.Errorf("store: release savepoint: %w", err)
		}
		return nil, nil
	}
	// ROLLBACK TO keeps the savepoint open (and clears PostgreSQL's
	// aborted state); RELEASE then drops it.
	if _, err := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT stoa_item"); err != nil {
		return failed, fmt.Errorf("store: rollback to savepoint: %w", err)
	}
	if s.pending != nil {
		*s.pending = (*s.pending)[:events]
	}
	if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT stoa_item"); err != nil {
		return failed, fmt.Errorf("store: release savepoint: %w", err)
	}
	return failed, nil
}
