package publish_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/federation/publish"
	"github.com/stoa-social/stoa/models/store"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// crashingQueue enqueues for real and then fails, as if the process died
// before the publisher's transaction committed.
type crashingQueue struct{ publish.Enqueuer }

func (q crashingQueue) Enqueue(ctx context.Context, st *store.Store, body []byte, id, actor string, inboxes []string) (int, error) {
	if _, err := q.Enqueuer.Enqueue(ctx, st, body, id, actor, inboxes); err != nil {
		return 0, err
	}
	return 0, errors.New("crash")
}

// TestPublisherIsIdempotentAcrossCrashes: a publisher that dies before its
// commit leaves nothing behind but the publication, which a later run (or
// another worker, once the lease ends) publishes exactly once.
func TestPublisherIsIdempotentAcrossCrashes(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 2)
	a, b := f.Servers[0], f.Servers[1]
	ctx := t.Context()
	alice, bob := a.NewUser(t, "alice"), b.NewUser(t, "bob")
	if _, err := bob.C.AccountFollow(ctx, gomasto.ID(b.Resolve(t, alice.Handle()).ID)); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	b.Take()
	counts := func(step string, pubs, deliveries int) {
		t.Helper()
		p, _ := a.Store().Publications(ctx, 10)
		d, _ := a.Store().Deliveries(ctx, 10)
		if len(p) != pubs || len(d) != deliveries {
			t.Fatalf("%s: %d publications and %d deliveries, want %d and %d", step, len(p), len(d), pubs, deliveries)
		}
	}
	later := func(d time.Duration) func() time.Time { return func() time.Time { return time.Now().Add(d) } }

	// 1. The process dies inside the transaction: rolled back, retried later.
	if _, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "one", Visibility: "public"}); err != nil {
		t.Fatal(err)
	}
	crashy := publish.New(a.Store(), crashingQueue{a.Deliveries()}, publish.Config{Site: a.Site(), Name: "crashy", Logger: quiet})
	if n, err := crashy.RunOnce(ctx); n != 1 || err != nil {
		t.Fatalf("crashing run: %d %v", n, err)
	}
	counts("after the crash", 1, 0)
	if n, _ := a.Publisher().RunOnce(ctx); n != 0 {
		t.Fatalf("retried before its time: %d", n)
	}
	// 2. A worker claims and dies before doing anything: the lease keeps
	// others off until it ends.
	if _, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "two", Visibility: "public"}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if ps, err := a.Store().ClaimPublications(ctx, store.PublicationClaim{Worker: "dead", Now: now,
		Until: now.Add(3 * time.Minute), Limit: 10}); err != nil || len(ps) != 1 {
		t.Fatalf("dead worker's claim: %d %v", len(ps), err)
	}
	if n, _ := a.Publisher().RunOnce(ctx); n != 0 {
		t.Fatalf("took a leased row: %d", n)
	}
	// 3. Later, another worker publishes both, once each; runs after that
	// find nothing.
	survivor := publish.New(a.Store(), a.Deliveries(), publish.Config{Site: a.Site(), Name: "survivor",
		Now: later(5 * time.Minute), Logger: quiet})
	for i, want := range []int{2, 0} {
		if n, err := survivor.RunOnce(ctx); n != want || err != nil {
			t.Fatalf("survivor run %d: %d %v, want %d", i, n, err, want)
		}
	}
	counts("after the survivor", 0, 2)
	f.Settle(t)
	creates := map[string]int{}
	for _, r := range b.Take() {
		if r.Type() == "Create" {
			creates[r.Activity()["id"].(string)]++
		}
	}
	if len(creates) != 2 {
		t.Fatalf("b got creates %v, want two, once each", creates)
	}
	for id, n := range creates {
		if n != 1 {
			t.Errorf("%s delivered %d times", id, n)
		}
	}
}
