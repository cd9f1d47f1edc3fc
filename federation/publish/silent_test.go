package publish_test

import (
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
)

// TestPostNobodyRemoteSees: a post no remote account can receive is
// dropped before any claim (RunOnce claims nothing and no row is left),
// while a post that mentions a remote account is published as before.
func TestPostNobodyRemoteSees(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 2)
	a, b := f.Servers[0], f.Servers[1]
	ctx := t.Context()
	alice, bob := a.NewUser(t, "alice"), b.NewUser(t, "bob")
	carol := a.NewUser(t, "carol")
	if _, err := carol.C.AccountFollow(ctx, gomasto.ID(alice.Account.ID)); err != nil {
		t.Fatal(err) // a local follower: no inbox to reach
	}
	f.Settle(t)
	if _, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "to no one remote", Visibility: "public"}); err != nil {
		t.Fatal(err)
	}
	if n, err := a.Publisher().RunOnce(ctx); n != 0 || err != nil {
		t.Fatalf("run claimed %d (%v), want the silent post dropped unclaimed", n, err)
	}
	if ps, _ := a.Store().Publications(ctx, 10); len(ps) != 0 {
		t.Fatalf("%d publications left", len(ps))
	}
	if ds, _ := a.Store().Deliveries(ctx, 10); len(ds) != 0 {
		t.Fatalf("%d deliveries queued", len(ds))
	}

	a.Resolve(t, bob.Handle())
	if _, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "hi @" + bob.Handle(), Visibility: "public"}); err != nil {
		t.Fatal(err)
	}
	if n, err := a.Publisher().RunOnce(ctx); n != 1 || err != nil {
		t.Fatalf("run claimed %d (%v), want the mention published", n, err)
	}
	f.Settle(t)
	got := b.Take()
	if len(got) != 1 || got[0].Type() != "Create" {
		t.Fatalf("b got %d activities, want the Create of the mention", len(got))
	}
}
