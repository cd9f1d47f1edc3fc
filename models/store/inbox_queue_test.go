package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// EnqueueInbox queues each activity id once: a repeat in the same group
// commit, or of one queued before, is reported false and not queued; the
// processed rows go with DeleteInboxItems.
func TestEnqueueInboxDropsRepeats(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	bob := remoteAccount(t, w.s, "bob")
	now := time.Now().UTC()
	item := func(activity string) *store.InboxItem {
		return &store.InboxItem{ID: models.NewID(), ActivityID: activity, Inbox: "/inbox", SignerID: bob.ID,
			Body: `{}`, NextAttemptAt: now, ReceivedAt: now}
	}
	first := []*store.InboxItem{item("https://remote.example/a/1"), item("https://remote.example/a/2"), item("https://remote.example/a/1")}
	queued, err := w.s.EnqueueInbox(ctx, first)
	if err != nil || !slices.Equal(queued, []bool{true, true, false}) {
		t.Fatalf("first batch: %v, %v", queued, err)
	}
	queued, err = w.s.EnqueueInbox(ctx, []*store.InboxItem{item("https://remote.example/a/2"), item("https://remote.example/a/3")})
	if err != nil || !slices.Equal(queued, []bool{false, true}) {
		t.Fatalf("second batch: %v, %v", queued, err)
	}
	if n, err := w.s.CountInboxItems(ctx); n != 3 || err != nil {
		t.Fatalf("queued: %d, %v; want 3", n, err)
	}
	if err := w.s.DeleteInboxItems(ctx, []string{first[0].ID, first[1].ID}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.DeleteInboxItems(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if n, err := w.s.CountInboxItems(ctx); n != 1 || err != nil {
		t.Fatalf("after delete: %d, %v; want 1", n, err)
	}
}
