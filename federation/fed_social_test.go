package federation_test

import (
	"errors"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/models"
)

// TestFederationLockedFollow: a follow of a locked account becomes a
// follow request on its instance; once authorized there, the follower's
// instance marks it following.
func TestFederationLockedFollow(t *testing.T) {
	t.Parallel()
	srv := fedInstances(t, 2)
	a, b := srv[0], srv[1]
	ctx := t.Context()
	alice, bob := newFedUser(t, a, "alice"), newFedUser(t, b, "bob")
	alice.Locked = true
	if err := a.Store().UpdateAccount(ctx, alice.Account); err != nil {
		t.Fatal(err)
	}
	aliceOnB := learn(t, b, alice)
	if !aliceOnB.Locked {
		t.Fatal("alice's manuallyApprovesFollowers was not read")
	}
	if _, err := bob.C.AccountFollow(ctx, gomasto.ID(aliceOnB.ID)); err != nil {
		t.Fatal(err)
	}
	fedSettle(t, a, b)
	reqs, err := alice.C.GetFollowRequests(ctx, nil)
	if err != nil || len(reqs) != 1 || reqs[0].Acct != bob.handle() {
		t.Fatalf("alice's follow requests: %+v %v", reqs, err)
	}
	if _, err := b.Store().FollowRequestBetween(ctx, bob.ID, aliceOnB.ID); err != nil {
		t.Fatalf("B: bob's request is not pending: %v", err)
	}
	if err := alice.C.FollowRequestAuthorize(ctx, reqs[0].ID); err != nil {
		t.Fatal(err)
	}
	fedSettle(t, a, b)
	if _, err := b.Store().FollowBetween(ctx, bob.ID, aliceOnB.ID); err != nil {
		t.Fatalf("B: bob does not follow alice after authorize: %v", err)
	}
}

// TestFederationThreadsAndBoosts: a reply whose parent A does not have
// fetches the parent; a boost of a status A does not have fetches it; a
// direct message reaches only its recipient, with a notification.
func TestFederationThreadsAndBoosts(t *testing.T) {
	t.Parallel()
	srv := fedInstances(t, 2)
	a, b := srv[0], srv[1]
	ctx := t.Context()
	alice, bob, carol := newFedUser(t, a, "alice"), newFedUser(t, b, "bob"), newFedUser(t, b, "carol")
	learn(t, b, alice)
	if _, err := alice.C.AccountFollow(ctx, gomasto.ID(learn(t, a, bob).ID)); err != nil {
		t.Fatal(err)
	}
	fedSettle(t, a, b)

	parent, err := carol.C.PostStatus(ctx, &gomasto.Toot{Status: "a question from carol", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	reply, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "bob answers", InReplyToID: parent.ID, Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	boosted, _ := carol.C.PostStatus(ctx, &gomasto.Toot{Status: "carol's news", Visibility: "public"})
	if _, err := bob.C.Reblog(ctx, boosted.ID); err != nil {
		t.Fatal(err)
	}
	dm, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "@" + alice.handle() + " psst", Visibility: "direct"})
	if err != nil {
		t.Fatal(err)
	}
	fedSettle(t, a, b)

	p, err := a.Store().StatusByURI(ctx, parent.URI)
	if err != nil || !strings.Contains(p.Content, "a question") || p.Account.URI != carol.URI {
		t.Fatalf("parent not fetched: %+v %v", p, err)
	}
	r, err := a.Store().StatusByURI(ctx, reply.URI)
	if err != nil || r.InReplyToID != p.ID || r.ThreadID != p.ThreadID {
		t.Fatalf("reply not linked to its parent: %+v %v", r, err)
	}
	orig, err := a.Store().StatusByURI(ctx, boosted.URI)
	if err != nil || orig.ReblogsCount != 1 {
		t.Fatalf("boosted status on A: %+v %v", orig, err)
	}
	home, err := alice.C.GetTimelineHome(ctx, nil)
	if err != nil || !fedHas(home, func(s *gomasto.Status) bool { return s.Reblog != nil && s.Reblog.URI == boosted.URI }) {
		t.Fatalf("the boost is not in alice's home: %v", err)
	}
	d, err := a.Store().StatusByURI(ctx, dm.URI)
	if err != nil || d.Visibility != models.VisibilityDirect || len(d.Mentions) != 1 || d.Mentions[0].AccountID != alice.ID {
		t.Fatalf("direct message on A: %+v %v", d, err)
	}
	ns, err := alice.C.GetNotifications(ctx, nil)
	if err != nil || !fedHasN(ns, func(n *gomasto.Notification) bool { return n.Type == "mention" && n.Status.URI == dm.URI }) {
		t.Fatalf("no mention notification for the DM: %v", err)
	}
	if ok, _ := a.Store().CanSee(ctx, "", d); ok {
		t.Fatal("the direct message is visible to anonymous viewers")
	}
}

// TestFederationRemoteActions: Flag, profile Update, Block and its Undo
// sent by a remote actor.
func TestFederationRemoteActions(t *testing.T) {
	t.Parallel()
	srv := fedInstances(t, 2)
	a, b := srv[0], srv[1]
	ctx := t.Context()
	alice, bob := newFedUser(t, a, "alice"), newFedUser(t, b, "bob")
	bobOnA := learn(t, a, bob)
	if _, err := alice.C.AccountFollow(ctx, gomasto.ID(bobOnA.ID)); err != nil {
		t.Fatal(err)
	}
	fedSettle(t, a, b)
	mine, _ := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "alice's post", Visibility: "public"})
	inbox := a.Site().SharedInboxURI()

	flag := map[string]any{"id": bob.URI + "#flags/1", "type": "Flag", "actor": bob.URI,
		"object": []any{alice.URI, mine.URI}, "content": "spam"}
	for range 2 { // a repeat stores nothing more
		if status, msg := sendAs(t, a, bob.Account, inbox, flag); status != 202 {
			t.Fatalf("Flag: %d %s", status, msg)
		}
		drained(t, a)
	}
	reports, err := a.Store().ReportsAbout(ctx, alice.ID)
	if err != nil || len(reports) != 1 || reports[0].Comment != "spam" || reports[0].AccountID != bobOnA.ID ||
		len(reports[0].Statuses()) != 1 || reports[0].Statuses()[0] != string(mine.ID) {
		t.Fatalf("reports: %+v %v", reports, err)
	}

	update := map[string]any{"id": bob.URI + "#updates/1", "type": "Update", "actor": bob.URI,
		"object": map[string]any{"id": bob.URI, "type": "Person", "preferredUsername": "bob", "name": "Bob Renamed",
			"inbox": bob.InboxURI, "publicKey": map[string]any{"id": bob.PublicKeyURI, "owner": bob.URI,
				"publicKeyPem": bob.PublicKeyPEM}}}
	if status, msg := sendAs(t, a, bob.Account, inbox, update); status != 202 {
		t.Fatalf("Update Person: %d %s", status, msg)
	}
	drained(t, a)
	if got, _ := a.Store().AccountByID(ctx, bobOnA.ID); got.DisplayName != "Bob Renamed" {
		t.Fatalf("display name %q after Update", got.DisplayName)
	}

	block := map[string]any{"id": bob.URI + "#blocks/1", "type": "Block", "actor": bob.URI, "object": alice.URI}
	if status, msg := sendAs(t, a, bob.Account, inbox, block); status != 202 {
		t.Fatalf("Block: %d %s", status, msg)
	}
	drained(t, a)
	if _, err := a.Store().BlockBetween(ctx, bobOnA.ID, alice.ID); err != nil {
		t.Fatalf("block not stored: %v", err)
	}
	if _, err := a.Store().FollowBetween(ctx, alice.ID, bobOnA.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("alice still follows bob after his block: %v", err)
	}
	undo := map[string]any{"id": bob.URI + "#blocks/1/undo", "type": "Undo", "actor": bob.URI, "object": block}
	if status, msg := sendAs(t, a, bob.Account, inbox, undo); status != 202 {
		t.Fatalf("Undo Block: %d %s", status, msg)
	}
	drained(t, a)
	if _, err := a.Store().BlockBetween(ctx, bobOnA.ID, alice.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("block still stored after Undo: %v", err)
	}

}

// TestFederationDeleteActor: an actor's Delete of itself removes its
// account and its statuses.
func TestFederationDeleteActor(t *testing.T) {
	t.Parallel()
	srv := fedInstances(t, 2)
	a, b := srv[0], srv[1]
	ctx := t.Context()
	alice, bob := newFedUser(t, a, "alice"), newFedUser(t, b, "bob")
	inbox := a.Site().SharedInboxURI()
	uri := bob.URI + "/statuses/soon-gone"
	if status, msg := sendAs(t, a, bob.Account, inbox, create(bob.Account, note(bob.Account, uri, "soon gone",
		map[string]any{"to": []any{alice.URI}, "cc": []any{}}))); status != 202 {
		t.Fatalf("Create: %d %s", status, msg)
	}
	drained(t, a)
	if _, err := a.Store().StatusByURI(ctx, uri); err != nil {
		t.Fatalf("Create addressed to alice not stored: %v", err)
	}
	del := map[string]any{"id": bob.URI + "#delete", "type": "Delete", "actor": bob.URI, "object": bob.URI,
		"to": []any{"https://www.w3.org/ns/activitystreams#Public"}}
	if status, msg := sendAs(t, a, bob.Account, inbox, del); status != 202 {
		t.Fatalf("Delete actor: %d %s", status, msg)
	}
	drained(t, a)
	if _, err := a.Store().AccountByURI(ctx, bob.URI); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("bob still on A: %v", err)
	}
	if _, err := a.Store().StatusByURI(ctx, uri); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("bob's status still on A: %v", err)
	}
}

func fedHas(sts []*gomasto.Status, ok func(*gomasto.Status) bool) bool {
	for _, s := range sts {
		if ok(s) {
			return true
		}
	}
	return false
}

func fedHasN(ns []*gomasto.Notification, ok func(*gomasto.Notification) bool) bool {
	for _, n := range ns {
		if ok(n) {
			return true
		}
	}
	return false
}
