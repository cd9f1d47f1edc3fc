package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models/store"
)

// Concurrent writers, some nesting a Tx in their own, all commit.
func TestTxConcurrentWritersCommit(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7")
	const per = 12
	var wg sync.WaitGroup
	errs := make(chan error, 8*per)
	for i := range 8 {
		name := fmt.Sprintf("a%d", i)
		wg.Go(func() {
			for j := range per {
				in := storeNew(fmt.Sprintf("%s %d", name, j))
				in.AccountID = w.id(name)
				var err error
				if j%2 == 0 {
					_, err = w.s.CreateStatus(ctx, in)
				} else {
					err = w.s.Tx(ctx, func(tx *store.Store) error {
						_, err := tx.CreateStatus(ctx, in)
						return err
					})
				}
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := w.count("statuses", "TRUE"); n != 8*per {
		t.Errorf("%d statuses stored, want %d", n, 8*per)
	}
}

// On SQLite, writers waiting for their turn hold no pool connection: a
// reader gets one while more writers than the pool has wait behind an open
// transaction.
func TestTxWaitingWritersLeaveReadersAConnection(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	if w.s.IsPostgres() {
		t.Skip("the write gate is SQLite's")
	}
	st := w.post("alice", storeNew("hello"))
	release := make(chan struct{})
	holding := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		err := w.s.Tx(ctx, func(tx *store.Store) error {
			close(holding)
			<-release
			_, err := tx.CreateStatus(ctx, store.NewStatus{AccountID: w.id("alice"), Text: "held"})
			return err
		})
		if err != nil {
			t.Error(err)
		}
	})
	<-holding
	for i := range 10 { // more than the pool's 8 connections
		wg.Go(func() {
			_, err := w.s.CreateStatus(ctx, store.NewStatus{AccountID: w.id("alice"), Text: fmt.Sprint(i)})
			if err != nil {
				t.Error(err)
			}
		})
	}
	time.Sleep(300 * time.Millisecond) // let the writers queue
	rctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	got, err := w.s.StatusByID(rctx, st.ID)
	cancel()
	close(release)
	wg.Wait()
	if err != nil || got.ID != st.ID {
		t.Fatalf("read beside queued writers: %v", err)
	}
	if n := w.count("statuses", "TRUE"); n != 12 {
		t.Errorf("%d statuses, want 12", n)
	}
}

// A writer whose context ends while it waits for its turn gives up.
func TestTxGivesUpWaitingOnContext(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	if w.s.IsPostgres() {
		t.Skip("PostgreSQL runs writers side by side")
	}
	release := make(chan struct{})
	holding := make(chan struct{})
	done := make(chan error)
	go func() {
		done <- w.s.Tx(ctx, func(tx *store.Store) error {
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	wctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := w.s.Tx(wctx, func(tx *store.Store) error {
		_, err := tx.CreateStatus(ctx, store.NewStatus{AccountID: w.id("alice"), Text: "late"})
		return err
	})
	waited := time.Since(start)
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err == nil || waited > 5*time.Second {
		t.Errorf("waiting writer: err %v after %v, want an error soon after its deadline", err, waited)
	}
}
