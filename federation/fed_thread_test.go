package federation_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation"
	"github.com/stoa-social/stoa/federation/fedtest"
)

// TestThreadContextAcrossServers: a thread whose replies live on three
// servers (a, b, c) is complete on a fourth (d) that only ever looked up
// its last reply: resolving that reply fetches its ancestors, and opening
// the root's context (signed in; an anonymous reader gets what is stored)
// fetches the replies collections down the thread, side branches
// included. A collection read less than RepliesRefetchAfter ago is not
// read again.
func TestThreadContextAcrossServers(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 4)
	a, b, c, d := f.Servers[0], f.Servers[1], f.Servers[2], f.Servers[3]
	ctx := t.Context()
	alice, bob, carol, dave := a.NewUser(t, "alice"), b.NewUser(t, "bob"), c.NewUser(t, "carol"), d.NewUser(t, "dave")

	root := postPublic(t, alice, "root")
	r1 := replyTo(t, f, bob, root.URI, "@"+alice.Handle()+" r1")
	r2 := replyTo(t, f, carol, r1.URI, "@"+bob.Handle()+" r2")
	s1 := replyTo(t, f, carol, root.URI, "@"+alice.Handle()+" s1")
	r3 := replyTo(t, f, alice, r2.URI, "@"+carol.Handle()+" r3")
	s2 := replyTo(t, f, bob, r2.URI, "@"+carol.Handle()+" s2")

	last := resolveOn(t, dave, r3.URI)
	for _, uri := range []string{root.URI, r1.URI, r2.URI} {
		if _, err := d.Store().StatusByURI(ctx, uri); err != nil {
			t.Errorf("ancestor %s not fetched with the reply: %v", uri, err)
		}
	}
	up, down := threadOn(t, dave, last.ID, []string{root.URI, r1.URI, r2.URI}, nil)
	if !slices.Equal(up, []string{root.URI, r1.URI, r2.URI}) || len(down) != 0 {
		t.Fatalf("context of the last reply: ancestors %v descendants %v", up, down)
	}
	rootOnD := resolveOn(t, dave, root.URI)
	anon := &fedtest.User{C: d.Mastodon(""), Server: d}
	if _, down := threadOn(t, anon, rootOnD.ID, nil, nil); !sameSet(down, []string{r1.URI, r2.URI, r3.URI}) {
		t.Fatalf("an anonymous context made d fetch, or lacks what d stores: %v", down)
	}
	want := []string{r1.URI, r2.URI, r3.URI, s1.URI, s2.URI}
	if _, down := threadOn(t, dave, rootOnD.ID, nil, want); !sameSet(down, want) {
		t.Fatalf("context of the root: descendants %v, want %v", down, want)
	}

	// A reply posted now is not seen until r2's collection is due again.
	s3 := postReplyLocal(t, carol, r2.URI, "s3")
	if _, down := threadOn(t, dave, rootOnD.ID, nil, nil); slices.Contains(down, s3.URI) {
		t.Fatal("r2's replies were fetched again at once")
	}
	r2OnD, err := d.Store().StatusByURI(ctx, r2.URI)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Store().RepliesFetchedAt(ctx, r2OnD.ID); err != nil {
		t.Fatalf("fetch of r2's replies not recorded: %v", err)
	}
	if err := d.Store().MarkRepliesFetched(ctx, r2OnD.ID, time.Now().Add(-federation.RepliesRefetchAfter-time.Minute)); err != nil {
		t.Fatal(err)
	}
	want = append(want, s3.URI)
	if _, down := threadOn(t, dave, rootOnD.ID, nil, want); !sameSet(down, want) {
		t.Fatalf("after the refetch interval: descendants %v, want %v", down, want)
	}
}

// TestAncestorsBounded: a reply 30 deep is resolved with its 20 nearest
// ancestors (MaxAncestors) and no error; opening its context then
// continues up the chain to the root.
func TestAncestorsBounded(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 2)
	a, b := f.Servers[0], f.Servers[1]
	ctx := t.Context()
	alice, bob := a.NewUser(t, "alice"), b.NewUser(t, "bob")
	chain := []*gomasto.Status{postPublic(t, bob, "0")}
	for i := 1; i <= 30; i++ {
		chain = append(chain, postReplyLocal(t, bob, chain[i-1].URI, "deeper"))
	}
	last := resolveOn(t, alice, chain[30].URI)
	for i, st := range chain {
		_, err := a.Store().StatusByURI(ctx, st.URI)
		if fetched := err == nil; fetched != (i >= 30-federation.MaxAncestors) {
			t.Errorf("status %d of the chain: stored %v", i, fetched)
		}
	}
	var all []string
	for _, st := range chain[:30] {
		all = append(all, st.URI)
	}
	if up, _ := threadOn(t, alice, last.ID, all, nil); !slices.Equal(up, all) {
		t.Fatalf("ancestors after opening the context: %d of 30", len(up))
	}
}

// TestMentionOfUnknownAccount: a status that reaches a and mentions an
// account a has never seen (carol on c) makes a fetch that account, so
// the mention renders; the local mention works as before.
func TestMentionOfUnknownAccount(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 3)
	a, b, c := f.Servers[0], f.Servers[1], f.Servers[2]
	ctx := t.Context()
	alice, bob, carol := a.NewUser(t, "alice"), b.NewUser(t, "bob"), c.NewUser(t, "carol")
	b.Resolve(t, alice.Handle())
	b.Resolve(t, carol.Handle())
	st := postPublic(t, bob, "@"+alice.Handle()+" @"+carol.Handle()+" meet")
	f.Settle(t)
	if _, err := a.Store().AccountByURI(ctx, carol.Account.URI); err != nil {
		t.Fatalf("carol not fetched by a: %v", err)
	}
	got := resolveOn(t, alice, st.URI)
	var accts []string
	for _, m := range got.Mentions {
		accts = append(accts, m.Acct)
	}
	if !sameSet(accts, []string{"alice", carol.Handle()}) {
		t.Fatalf("mentions on a: %v", accts)
	}
}

// TestForwardedReply: a Create or Delete whose signer is not its actor
// (inbox forwarding, here carol on c passing on bob's reply to her post)
// is processed only as the actor's server confirms it: the stored reply
// (and its edit) has the origin's content, not the forwarded body's; an object the
// origin does not have, or still has when the body says it was deleted,
// is refused with 401 and changes nothing.
func TestForwardedReply(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 3)
	a, b, c := f.Servers[0], f.Servers[1], f.Servers[2]
	ctx := t.Context()
	alice, bob, carol := a.NewUser(t, "alice"), b.NewUser(t, "bob"), c.NewUser(t, "carol")
	root := postPublic(t, carol, "root")
	reply := replyTo(t, f, bob, root.URI, "@"+carol.Handle()+" the real reply")
	if _, err := a.Store().StatusByURI(ctx, reply.URI); err == nil {
		t.Fatal("a already has the reply")
	}
	bobOnB := bob.Account
	forged := createOf(bobOnB, reply.URI, "<p>forged words</p>", root.URI)
	if code := forward(t, c, carol, alice.Account.InboxURI, forged); code != 202 {
		t.Fatalf("forwarded reply: %d", code)
	}
	st, err := a.Store().StatusByURI(ctx, reply.URI)
	if err != nil || !strings.Contains(st.Content, "the real reply") || strings.Contains(st.Content, "forged") ||
		st.InReplyToURI != root.URI {
		t.Fatalf("forwarded reply stored as %+v (%v), want the origin's", st, err)
	}
	if _, err := a.Store().StatusByURI(ctx, root.URI); err != nil {
		t.Errorf("the reply's parent was not fetched: %v", err)
	}

	ghost := bobOnB.URI + "/statuses/ghost"
	if code := forward(t, c, carol, alice.Account.InboxURI, createOf(bobOnB, ghost, "<p>x</p>", root.URI)); code != 401 {
		t.Errorf("forwarded Create of a status its origin lacks: %d, want 401", code)
	}
	if _, err := a.Store().StatusByURI(ctx, ghost); err == nil {
		t.Error("a status its origin lacks was stored")
	}
	del := map[string]any{"id": reply.URI + "#delete", "type": "Delete", "actor": bobOnB.URI,
		"to":     []any{"https://www.w3.org/ns/activitystreams#Public"},
		"object": map[string]any{"id": reply.URI, "type": "Tombstone"}}
	if code := forward(t, c, carol, alice.Account.InboxURI, del); code != 401 {
		t.Errorf("forwarded Delete of a status still served: %d, want 401", code)
	}
	if _, err := a.Store().StatusByURI(ctx, reply.URI); err != nil {
		t.Fatalf("the reply was deleted by a forged Delete: %v", err)
	}
	if _, err := bob.C.UpdateStatus(ctx, &gomasto.Toot{Status: "@" + carol.Handle() + " edited at the origin"}, reply.ID); err != nil {
		t.Fatal(err)
	}
	update := createOf(bobOnB, reply.URI, "<p>forged edit</p>", root.URI)
	update["type"], update["id"] = "Update", reply.URI+"#updates/1"
	update["object"].(map[string]any)["updated"] = time.Now().UTC().Format(time.RFC3339)
	if code := forward(t, c, carol, alice.Account.InboxURI, update); code != 202 {
		t.Errorf("forwarded Update: %d", code)
	}
	if st, err := a.Store().StatusByURI(ctx, reply.URI); err != nil || !strings.Contains(st.Content, "edited at the origin") {
		t.Errorf("after a forwarded Update: %+v %v, want the origin's edit", st, err)
	}
	if err := bob.C.DeleteStatus(ctx, reply.ID); err != nil {
		t.Fatal(err)
	}
	if code := forward(t, c, carol, alice.Account.InboxURI, del); code != 202 {
		t.Errorf("forwarded Delete of a deleted status: %d, want 202", code)
	}
	if _, err := a.Store().StatusByURI(ctx, reply.URI); err == nil {
		t.Error("the deleted reply is still stored")
	}
	like := map[string]any{"id": bobOnB.URI + "#likes/1", "type": "Like", "actor": bobOnB.URI, "object": root.URI}
	if code := forward(t, c, carol, alice.Account.InboxURI, like); code != 401 {
		t.Errorf("a Like signed by someone else: %d, want 401", code)
	}
}

// TestForwardedDeleteOfPrivateStatus: an origin answers 404 for a
// followers-only status to a fetcher that may not see it, so a forwarded
// Delete confirmed only by a 404 must not remove such a status.
func TestForwardedDeleteOfPrivateStatus(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 3)
	a, b, c := f.Servers[0], f.Servers[1], f.Servers[2]
	ctx := t.Context()
	alice, bob, carol := a.NewUser(t, "alice"), b.NewUser(t, "bob"), c.NewUser(t, "carol")
	bobOnA := a.Resolve(t, bob.Handle())
	if _, err := alice.C.AccountFollow(ctx, gomasto.ID(bobOnA.ID)); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	private, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "for followers", Visibility: "private"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	if _, err := a.Store().StatusByURI(ctx, private.URI); err != nil {
		t.Fatalf("a did not get the followers-only status: %v", err)
	}
	del := map[string]any{"id": private.URI + "#delete", "type": "Delete", "actor": bob.Account.URI,
		"to":     []any{bob.Account.FollowersURI},
		"object": map[string]any{"id": private.URI, "type": "Tombstone"}}
	if code := forward(t, c, carol, alice.Account.InboxURI, del); code != 401 {
		t.Errorf("forwarded Delete of a followers-only status its origin hides: %d, want 401", code)
	}
	if _, err := a.Store().StatusByURI(ctx, private.URI); err != nil {
		t.Fatalf("a forged Delete removed a followers-only status: %v", err)
	}
}
