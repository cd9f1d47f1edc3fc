package federation_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/deref"
	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/models"
)

// TestFederationDomainBlock: A suspends B's domain. Follows both ways are
// severed and B's posts leave A's home timelines; B's signed activities
// get 403 with nothing stored (not even the key of an actor A never saw:
// no key fetch); A delivers nothing to B, not even what was queued before
// the block; A cannot resolve B's accounts. Unblocking restores all that.
func TestFederationDomainBlock(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 2)
	a, b := f.Servers[0], f.Servers[1]
	ctx := t.Context()
	alice, bob, carol := newFedUser(t, a, "alice"), newFedUser(t, b, "bob"), newFedUser(t, b, "carol")
	bobOnA, aliceOnB := learn(t, a, bob), learn(t, b, alice)
	if _, err := alice.C.AccountFollow(ctx, gomasto.ID(bobOnA.ID)); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.C.AccountFollow(ctx, gomasto.ID(aliceOnB.ID)); err != nil {
		t.Fatal(err)
	}
	fedSettle(t, a, b)
	before, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "bob before the block", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	fedSettle(t, a, b)
	beforeOnA, err := a.Store().StatusByURI(ctx, b.URL+"/users/bob/statuses/"+string(before.ID))
	if err != nil {
		t.Fatalf("setup: bob's post did not reach A: %v", err)
	}
	if !homeHas(t, alice, beforeOnA.ID) {
		t.Fatal("setup: bob's post is not in alice's home")
	}
	// Queued for B before the block, sent after it: dropped at send time.
	if _, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "@" + bob.handle() + " queued before", Visibility: "public"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Publisher().RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	a.Take()
	b.Take()

	bHost := hostname(t, b.URL)
	block := &models.DomainBlock{Domain: bHost, Severity: models.SeveritySuspend}
	sev, err := a.Store().CreateDomainBlock(ctx, block)
	if err != nil {
		t.Fatal(err)
	}
	if sev.Follows != 2 {
		t.Errorf("severed %+v, want both follows", sev)
	}
	for _, pair := range [][2]*models.Account{{alice.Account, bobOnA}, {bobOnA, alice.Account}} {
		if _, err := a.Store().FollowBetween(ctx, pair[0].ID, pair[1].ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("A: follow %s -> %s survived: %v", pair[0].Username, pair[1].Username, err)
		}
	}
	if homeHas(t, alice, beforeOnA.ID) {
		t.Error("bob's post is still in alice's home")
	}

	// B's activities are refused, and nothing is stored.
	after, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "bob after the block", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t) // B still thinks alice follows bob: it delivers, A refuses
	got := a.Take()
	if len(got) == 0 {
		t.Fatal("B delivered nothing to A; the refusal was not exercised")
	}
	for _, r := range got {
		if r.Status != http.StatusForbidden {
			t.Errorf("A answered %s from B with %d, want 403", r.Type(), r.Status)
		}
	}
	if _, err := a.Store().StatusByURI(ctx, b.URL+"/users/bob/statuses/"+string(after.ID)); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("A stored bob's post from after the block: %v", err)
	}
	follow := map[string]any{"id": carol.URI + "#follow-1", "type": "Follow", "actor": carol.URI, "object": alice.URI}
	status, msg := sendAs(t, b, carol.Account, a.URL+"/users/alice/inbox", follow)
	if status != http.StatusForbidden || msg == "" {
		t.Errorf("carol's Follow: %d %q, want 403 with an error", status, msg)
	}
	if _, err := a.Store().AccountByURI(ctx, carol.URI); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("A fetched or stored carol (her key) for a refused request: %v", err)
	}

	// Signed fetches by B's actors verify nothing on A: bob was known
	// before the block, and his stored key must not count either.
	aliceNote := a.URL + "/users/alice"
	if resp, _ := b.SignedGet(t, aliceNote+"/outbox", bob.Account); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("B's signed GET after the block: %d, want 401", resp.StatusCode)
	}

	// A sends nothing to B, and cannot resolve B's accounts.
	if _, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "@" + bob.handle() + " after", Visibility: "public"}); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	if r := b.Take(); len(r) != 0 {
		t.Errorf("B received %d POSTs from A after the block (first: %s)", len(r), r[0].Type())
	}
	if _, err := a.Federator().Deref().AccountByHandle(ctx, carol.handle()); !errors.Is(err, deref.ErrDomainBlocked) {
		t.Errorf("A resolved carol: %v", err)
	}
	for _, q := range []string{carol.handle(), bob.handle(), carol.URI, bob.URI} {
		res, err := alice.C.Search(ctx, q, true)
		if err != nil || len(res.Accounts) != 0 {
			t.Errorf("search %q with resolve found %+v (%v)", q, res, err)
		}
	}

	// Unblocking restores federation.
	if _, err := a.Store().DeleteDomainBlock(ctx, block.ID); err != nil {
		t.Fatal(err)
	}
	if status, msg := sendAs(t, b, carol.Account, a.URL+"/users/alice/inbox", follow); status != http.StatusAccepted {
		t.Errorf("carol's Follow after the unblock: %d %q", status, msg)
	}
	if _, err := alice.C.AccountFollow(ctx, gomasto.ID(bobOnA.ID)); err != nil {
		t.Fatal(err)
	}
	fedSettle(t, a, b)
	if _, err := a.Store().FollowBetween(ctx, alice.ID, bobOnA.ID); err != nil {
		t.Errorf("alice cannot follow bob again: %v", err)
	}
	res, err := alice.C.Search(ctx, carol.handle(), true)
	if err != nil || len(res.Accounts) != 1 {
		t.Errorf("search for carol after the unblock: %+v %v", res, err)
	}
}

// homeHas reports whether u's home timeline (first page) holds statusID.
func homeHas(t *testing.T, u *fedUser, statusID string) bool {
	t.Helper()
	sts, err := u.C.GetTimelineHome(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		if string(st.ID) == statusID {
			return true
		}
	}
	return false
}

// hostname is the host of a server's base URL, without a port.
func hostname(t *testing.T, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ToLower(u.Hostname())
}

// TestDomainBlockDropsQueuedActivities: an activity accepted (202) and
// queued before its domain was suspended is dropped when it is processed.
func TestDomainBlockDropsQueuedActivities(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 2)
	a, b := f.Servers[0], f.Servers[1]
	ctx := t.Context()
	alice, bob := newFedUser(t, a, "alice"), newFedUser(t, b, "bob")
	if _, err := alice.C.AccountFollow(ctx, gomasto.ID(learn(t, a, bob).ID)); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	st, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "@" + alice.handle() + " queued, then blocked", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	// Deliver B's work to A's inbox queue, without processing it there.
	for _, d := range b.Drainers {
		if _, err := d(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := a.Take(); len(got) == 0 || got[0].Status != http.StatusAccepted {
		t.Fatalf("A's inbox answered %+v, want a 202", got)
	}
	if _, err := a.Store().CreateDomainBlock(ctx, &models.DomainBlock{Domain: hostname(t, b.URL), Severity: models.SeveritySuspend}); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	if _, err := a.Store().StatusByURI(ctx, st.URI); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("A processed an activity of a domain blocked while it was queued: %v", err)
	}
}
