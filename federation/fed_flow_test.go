package federation_test

import (
	"errors"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/models"
)

// TestFederationFollowPostInteract: alice on A follows bob on B through
// the Mastodon API; bob's posts, edits and deletions reach A; alice's
// favourites and reblogs (and their undoing) reach B. Both instances are
// Stoa: A's inbox and B's inbox are this package's, the outgoing side is
// federation/publish and delivery.
func TestFederationFollowPostInteract(t *testing.T) {
	t.Parallel()
	srv := fedInstances(t, 2)
	a, b := srv[0], srv[1]
	ctx := t.Context()
	alice, bob := newFedUser(t, a, "alice"), newFedUser(t, b, "bob")

	bobOnA := learn(t, a, bob)
	if bobOnA.Domain != b.Site().Host() || bobOnA.InboxURI != bob.InboxURI || bobOnA.PublicKeyPEM != bob.PublicKeyPEM {
		t.Fatalf("bob as A knows him: %+v", bobOnA)
	}
	rel, err := alice.C.AccountFollow(ctx, gomasto.ID(bobOnA.ID))
	if err != nil || !rel.Requested || rel.Following {
		t.Fatalf("follow: %+v %v, want requested", rel, err)
	}
	fedSettle(t, a, b)

	// B fetched alice's key on first contact and accepted her at once.
	aliceOnB, err := b.Store().AccountByURI(ctx, alice.URI)
	if err != nil || aliceOnB.PublicKeyPEM != alice.PublicKeyPEM || aliceOnB.Domain != a.Site().Host() || aliceOnB.Username != "alice" {
		t.Fatalf("alice on B: %+v %v", aliceOnB, err)
	}
	if f, err := b.Store().FollowBetween(ctx, aliceOnB.ID, bob.ID); err != nil || f.URI == "" {
		t.Fatalf("B: alice does not follow bob: %v", err)
	}
	rels, err := alice.C.GetAccountRelationships(ctx, []string{bobOnA.ID})
	if err != nil || len(rels) != 1 || !rels[0].Following || rels[0].Requested {
		t.Fatalf("A after Accept: %+v %v, want following", rels, err)
	}

	st, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "Hello from B #fediverse", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	fedSettle(t, a, b)
	home, err := alice.C.GetTimelineHome(ctx, nil)
	if err != nil || len(home) != 1 {
		t.Fatalf("alice's home: %d statuses, %v", len(home), err)
	}
	got := home[0]
	if got.URI != st.URI || !strings.Contains(got.Content, "Hello from B") || got.Account.Acct != bob.handle() ||
		got.Visibility != "public" || len(got.Tags) != 1 || got.Tags[0].Name != "fediverse" {
		t.Fatalf("bob's post on A: %+v", got)
	}

	fedInteract(t, alice, bob, got.ID, st.ID)

	fedEditDelete(t, alice, bob, got.ID, st)
}

// fedEditDelete: bob edits then deletes his status on B; A keeps the
// edit history, then drops the status.
func fedEditDelete(t *testing.T, alice, bob *fedUser, onA gomasto.ID, st *gomasto.Status) {
	t.Helper()
	ctx := t.Context()
	if _, err := bob.C.UpdateStatus(ctx, &gomasto.Toot{Status: "Hello from B, edited"}, st.ID); err != nil {
		t.Fatal(err)
	}
	fedSettle(t, alice.s, bob.s)
	edited, err := alice.C.GetStatus(ctx, onA)
	if err != nil || !strings.Contains(edited.Content, "edited") || edited.EditedAt.IsZero() {
		t.Fatalf("edit on A: %+v %v", edited, err)
	}
	if h, err := alice.C.GetStatusHistory(ctx, onA); err != nil || len(h) != 2 {
		t.Fatalf("history on A: %d versions, %v", len(h), err)
	}
	if err := bob.C.DeleteStatus(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	fedSettle(t, alice.s, bob.s)
	if _, err := alice.s.Store().StatusByURI(ctx, st.URI); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("deleted status still on A: %v", err)
	}
}

// fedInteract: alice favourites and reblogs bob's status from A, then
// takes both back; B counts each and notifies bob.
func fedInteract(t *testing.T, alice, bob *fedUser, onA, onB gomasto.ID) {
	t.Helper()
	ctx := t.Context()
	counts := func(fav, reblogs int64) {
		t.Helper()
		fedSettle(t, alice.s, bob.s)
		s, err := bob.C.GetStatus(ctx, onB)
		if err != nil || s.FavouritesCount != fav || s.ReblogsCount != reblogs {
			t.Fatalf("on B: favourites %d reblogs %d (%v), want %d %d", s.FavouritesCount, s.ReblogsCount, err, fav, reblogs)
		}
	}
	if _, err := alice.C.Favourite(ctx, onA); err != nil {
		t.Fatal(err)
	}
	counts(1, 0)
	if _, err := alice.C.Reblog(ctx, onA); err != nil {
		t.Fatal(err)
	}
	counts(1, 1)
	ns, err := bob.C.GetNotifications(ctx, nil)
	if err != nil || len(ns) != 3 { // follow, favourite, reblog
		t.Fatalf("bob's notifications: %d, %v", len(ns), err)
	}
	for _, n := range ns {
		if n.Account.Acct != alice.handle() {
			t.Errorf("notification %s from %s", n.Type, n.Account.Acct)
		}
	}
	if _, err := alice.C.Unfavourite(ctx, onA); err != nil {
		t.Fatal(err)
	}
	counts(0, 1)
	if _, err := alice.C.Unreblog(ctx, onA); err != nil {
		t.Fatal(err)
	}
	counts(0, 0)
}
