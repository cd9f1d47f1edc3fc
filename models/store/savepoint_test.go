package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// TestSavepointUndoesOneFailure: a failed statement inside a savepoint
// undoes that savepoint's writes only; the transaction goes on (on
// PostgreSQL too, where the failure aborts it until ROLLBACK TO) and
// commits the others.
func TestSavepointUndoesOneFailure(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st := storetest.New(t)
	signer, _ := storetest.Account(t, st, "signer")
	item := func(id, activity string) []*store.InboxItem {
		now := time.Now().UTC()
		return []*store.InboxItem{{ID: id, ActivityID: activity, Inbox: "/inbox", SignerID: signer.ID,
			Body: "{}", NextAttemptAt: now, ReceivedAt: now}}
	}
	a, b, c := models.NewID(), models.NewID(), models.NewID()
	var failed []error
	err := st.Tx(ctx, func(tx *store.Store) error {
		for _, fn := range []func(tx *store.Store) error{
			func(tx *store.Store) error {
				_, err := tx.EnqueueInbox(ctx, item(a, "https://r.example/a"))
				return err
			},
			func(tx *store.Store) error {
				if _, err := tx.EnqueueInbox(ctx, item(b, "https://r.example/b")); err != nil {
					return err
				}
				_, err := tx.EnqueueInbox(ctx, item(a, "https://r.example/again")) // a's id again: a key violation
				return err
			},
			func(tx *store.Store) error {
				_, err := tx.EnqueueInbox(ctx, item(c, "https://r.example/c"))
				return err
			},
		} {
			f, err := tx.Savepoint(ctx, fn)
			if err != nil {
				return err
			}
			failed = append(failed, f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if failed[0] != nil || failed[1] == nil || failed[2] != nil {
		t.Fatalf("savepoint results %v, want only the second failed", failed)
	}
	items, err := st.DueInboxItems(ctx, time.Now().Add(time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.ActivityID)
	}
	if len(got) != 2 || got[0] != "https://r.example/a" || got[1] != "https://r.example/c" {
		t.Fatalf("committed %v, want a and c (b undone with its savepoint)", got)
	}
	if _, err := st.Savepoint(context.Background(), func(*store.Store) error { return nil }); err == nil {
		t.Fatal("Savepoint outside a transaction did not fail")
	} else if errors.Is(err, models.ErrNotFound) {
		t.Fatal(err)
	}
}
