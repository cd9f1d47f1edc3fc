package serve_test

import (
	"fmt"
	"slices"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/models/store"
)

// TestOutbox: the collection, then pages of Create and Announce activities
// of public and unlisted posts, newest first, with next and prev.
func TestOutbox(t *testing.T) {
	t.Parallel()
	w := newSvWorld(t)
	ctx := t.Context()
	alice := w.alice.Account
	var ids []string
	for i := range 21 {
		st, err := w.a.Store().CreateStatus(ctx, store.NewStatus{AccountID: alice.ID, Content: fmt.Sprintf("<p>%d</p>", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, st.URI)
	}
	post(t, w.alice, "followers only", "private")
	unlisted := post(t, w.alice, "unlisted", "unlisted")
	if _, err := w.bob.C.AccountFollow(ctx, gomasto.ID(w.b.Resolve(t, w.alice.Handle()).ID)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.alice.C.AccountFollow(ctx, gomasto.ID(w.bobOnA.ID)); err != nil {
		t.Fatal(err)
	}
	w.f.Settle(t)
	bobs := post(t, w.bob, "bob's", "public")
	w.f.Settle(t)
	bobsOnA, err := w.a.Store().StatusByURI(ctx, bobs.URI)
	if err != nil {
		t.Fatal(err)
	}
	reblog, err := w.alice.C.Reblog(ctx, gomasto.ID(bobsOnA.ID))
	if err != nil {
		t.Fatal(err)
	}

	code, oc := w.get(t, alice.OutboxURI, w.bob)
	if code != 200 || oc["type"] != "OrderedCollection" || oc["totalItems"] != float64(24) ||
		oc["first"] != alice.OutboxURI+"?page=true" || oc["last"] != alice.OutboxURI+"?min_id=0&page=true" {
		t.Fatalf("outbox: %d %v", code, oc)
	}
	code, p1 := w.get(t, alice.OutboxURI+"?page=true", w.bob)
	items, _ := p1["orderedItems"].([]any)
	if code != 200 || p1["type"] != "OrderedCollectionPage" || p1["partOf"] != alice.OutboxURI || len(items) != 19 {
		t.Fatalf("page 1: %d, %d items, %v", code, len(items), p1)
	}
	first, _ := items[0].(map[string]any)
	second, _ := items[1].(map[string]any)
	secondObj, _ := second["object"].(map[string]any)
	if first["type"] != "Announce" || first["id"] != reblog.URI || first["object"] != bobs.URI ||
		second["type"] != "Create" || secondObj["id"] != unlisted.URI {
		t.Errorf("page 1 starts with %v, %v", first, second)
	}
	next, _ := p1["next"].(string)
	code, p2 := w.get(t, next, w.bob)
	items2, _ := p2["orderedItems"].([]any)
	if code != 200 || len(items2) != 4 || p2["next"] != nil || p2["prev"] == nil {
		t.Fatalf("page 2 (%s): %d, %d items, %v", next, code, len(items2), p2)
	}
	last, _ := items2[3].(map[string]any)["object"].(map[string]any)
	if last["id"] != ids[0] {
		t.Errorf("oldest item %v, want %s", last["id"], ids[0])
	}
}

// TestFollowsAndFeatured: followers and following list actor ids unless
// the account is locked; featured holds the pinned Notes.
func TestFollowsAndFeatured(t *testing.T) {
	t.Parallel()
	w := newSvWorld(t)
	ctx := t.Context()
	alice := w.alice.Account
	for _, u := range []struct{ c *gomasto.Client }{{w.bob.C}, {w.carol.C}} {
		if _, err := u.c.AccountFollow(ctx, gomasto.ID(w.b.Resolve(t, w.alice.Handle()).ID)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.alice.C.AccountFollow(ctx, gomasto.ID(w.bobOnA.ID)); err != nil {
		t.Fatal(err)
	}
	w.f.Settle(t)

	code, fc := w.get(t, alice.FollowersURI, w.bob)
	if code != 200 || fc["totalItems"] != float64(2) || fc["first"] != alice.FollowersURI+"?page=true" {
		t.Fatalf("followers: %d %v", code, fc)
	}
	code, fp := w.get(t, alice.FollowersURI+"?page=true", w.bob)
	// Bob's and Carol's Follows travel concurrently, so either may land first.
	got := strs(fp["orderedItems"])
	slices.Sort(got)
	want := []string{w.carolOnA.URI, w.bobOnA.URI}
	slices.Sort(want)
	if code != 200 || !slices.Equal(got, want) || fp["partOf"] != alice.FollowersURI {
		t.Errorf("followers page: %d %v", code, fp)
	}
	code, gp := w.get(t, alice.FollowingURI+"?page=true", w.bob)
	if code != 200 || !slices.Equal(strs(gp["orderedItems"]), []string{w.bobOnA.URI}) || gp["totalItems"] != float64(1) {
		t.Errorf("following page: %d %v", code, gp)
	}

	locked := *alice
	locked.Locked = true
	if err := w.a.Store().UpdateAccount(ctx, &locked); err != nil {
		t.Fatal(err)
	}
	code, lc := w.get(t, alice.FollowersURI, w.bob)
	if code != 200 || lc["totalItems"] != float64(2) || lc["first"] != nil || lc["orderedItems"] != nil {
		t.Errorf("locked followers: %d %v", code, lc)
	}
	code, lp := w.get(t, alice.FollowersURI+"?page=true", w.bob)
	if code != 200 || lp["type"] != "OrderedCollection" || lp["orderedItems"] != nil {
		t.Errorf("locked followers page: %d %v", code, lp)
	}

	pinned := post(t, w.alice, "pinned", "public")
	secret := post(t, w.alice, "pinned for followers", "private")
	for _, id := range []gomasto.ID{pinned.ID, secret.ID} {
		if _, err := w.a.Store().Pin(ctx, alice.ID, string(id)); err != nil { // go-mastodon cannot pin
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		viewer string
		want   []string
	}{{"bob (a follower)", []string{secret.URI, pinned.URI}}, {"dora", []string{pinned.URI}}} {
		signer := w.bob
		if tc.viewer == "dora" {
			signer = w.dora
		}
		code, fe := w.get(t, alice.FeaturedURI, signer)
		var ids []string
		items, _ := fe["orderedItems"].([]any)
		for _, it := range items {
			n, _ := it.(map[string]any)
			if n["type"] == "Note" {
				ids = append(ids, n["id"].(string))
			}
		}
		if code != 200 || !slices.Equal(ids, tc.want) || fe["totalItems"] != float64(len(tc.want)) {
			t.Errorf("featured for %s: %d %v", tc.viewer, code, fe)
		}
	}
}

// TestReplies: a status's replies collection lists the public replies.
func TestReplies(t *testing.T) {
	t.Parallel()
	w := newSvWorld(t)
	ctx := t.Context()
	onB := w.b.Resolve(t, w.alice.Handle())
	if _, err := w.bob.C.AccountFollow(ctx, gomasto.ID(onB.ID)); err != nil {
		t.Fatal(err)
	}
	w.f.Settle(t)
	st := post(t, w.alice, "ask me", "public")
	w.f.Settle(t)
	parent, err := w.b.Store().StatusByURI(ctx, st.URI)
	if err != nil {
		t.Fatalf("alice's post did not reach b: %v", err)
	}
	reply, err := w.bob.C.PostStatus(ctx, &gomasto.Toot{Status: "@" + w.alice.Handle() + " answer",
		InReplyToID: gomasto.ID(parent.ID), Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	w.f.Settle(t)
	if _, err := w.a.Store().StatusByURI(ctx, reply.URI); err != nil {
		t.Fatalf("reply did not reach a: %v", err)
	}
	code, c := w.get(t, st.URI+"/replies", w.bob)
	first, _ := c["first"].(map[string]any)
	if code != 200 || c["type"] != "Collection" || c["id"] != st.URI+"/replies" ||
		!slices.Equal(strs(first["items"]), []string{reply.URI}) {
		t.Errorf("replies: %d %v", code, c)
	}
	code, p := w.get(t, st.URI+"/replies?page=true", w.bob)
	if code != 200 || p["type"] != "CollectionPage" || !slices.Equal(strs(p["items"]), []string{reply.URI}) {
		t.Errorf("replies page: %d %v", code, p)
	}
}
