package store

import (
	"context"
	"time"
)

// writeGate admits one SQLite write transaction of this process at a time.
// Every Tx on SQLite begins IMMEDIATE, so only one can hold the write lock
// anyway; without the gate the others each hold a pool connection and poll
// in SQLite's busy handler (sleeping 1, 2, 5, 10 ... ms), so the lock sits
// idle between writers and readers run short of connections. Queued on a
// channel, the next writer is handed the slot as soon as the last commits
// (a channel's waiting senders are served in order) and holds no connection
// while it waits.
//
// The gate only schedules: SQLite's lock still serialises writers, and
// writes outside Tx (and other processes) still meet busy_timeout. A writer
// that waits longer than gateWait goes on without the gate, so code that
// (wrongly) starts a root Tx inside another one fails as it did before the
// gate, at busy_timeout, rather than hanging. nil (PostgreSQL) admits all.
type writeGate chan struct{}

// gateWait bounds the wait for the gate; as long as busy_timeout.
const gateWait = 10 * time.Second

func newWriteGate() writeGate { return make(writeGate, 1) }

// enter waits for the gate (or ctx, or gateWait) and returns the function
// that leaves it.
func (g writeGate) enter(ctx context.Context) (func(), error) {
	if g == nil {
		return func() {}, nil
	}
	select {
	case g <- struct{}{}:
		return g.leave, nil
	default:
	}
	t := time.NewTimer(gateWait)
	defer t.Stop()
	select {
	case g <- struct{}{}:
		return g.leave, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-t.C:
		return func() {}, nil
	}
}

func (g writeGate) leave() { <-g }

// gated runs fn inside the write gate, leaving it even if fn panics.
func (s *Store) gated(ctx context.Context, fn func() error) error {
	leave, err := s.gate.enter(ctx)
	if err != nil {
		return err
	}
	defer leave()
	return fn()
}
