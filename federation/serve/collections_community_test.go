package serve_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/models"
)

// TestCommunityCollections: a community on a serves its moderators (the
// owner, then a remote moderator) by actor id, and its featured
// collection lists the posts it pinned, which other people wrote: the
// local one inline, the remote one by id. A person has no moderators.
func TestCommunityCollections(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	f := fedtest.New(t, 2)
	a, b := f.Servers[0], f.Servers[1]
	alice, bob := a.NewUser(t, "alice"), b.NewUser(t, "bob")
	bobOnA := a.Resolve(t, bob.Handle())
	group, c, err := models.NewCommunity{Name: "readers", OwnerID: alice.Account.ID}.Build(a.Site(), time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Store().CreateCommunity(ctx, group, c); err != nil {
		t.Fatal(err)
	}
	if err := a.Store().AddCommunityModerator(ctx, group.ID, bobOnA.ID); err != nil {
		t.Fatal(err)
	}
	get := func(url string) map[string]any {
		t.Helper()
		resp, body := a.SignedGet(t, url, bob.Account)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", url, resp.StatusCode, body)
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	mods := get(models.CommunityModeratorsURI(group.URI))
	if mods["type"] != "OrderedCollection" || mods["totalItems"] != float64(2) ||
		!slices.Equal(strs(mods["orderedItems"]), []string{alice.Account.URI, bobOnA.URI}) {
		t.Errorf("moderators: %v", mods)
	}
	if resp, _ := a.SignedGet(t, alice.Account.URI+"/moderators", bob.Account); resp.StatusCode != 404 {
		t.Errorf("a person's moderators: %d, want 404", resp.StatusCode)
	}

	if _, err := alice.C.AccountFollow(ctx, gomasto.ID(bobOnA.ID)); err != nil {
		t.Fatal(err)
	}
	groupOnB := b.Resolve(t, "readers@"+a.Site().Host())
	if _, err := bob.C.AccountFollow(ctx, gomasto.ID(groupOnB.ID)); err != nil { // bob joins
		t.Fatal(err)
	}
	f.Settle(t)
	for _, url := range []string{group.FollowersURI, group.FollowersURI + "?page=true"} {
		if m := get(url); m["type"] != "OrderedCollection" || m["totalItems"] != float64(1) ||
			m["first"] != nil || m["orderedItems"] != nil {
			t.Errorf("members %s: %v (counted, never listed)", url, m)
		}
	}
	remote := post(t, bob, "a remote post worth pinning", "public")
	local := post(t, alice, "a local post worth pinning", "public")
	f.Settle(t)
	remoteOnA, err := a.Store().StatusByURI(ctx, remote.URI)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{remoteOnA.ID, string(local.ID)} {
		// A community pins its members' posts; store.Pin takes one's own only.
		p := &models.Pin{ID: models.NewID(), AccountID: group.ID, StatusID: id, CreatedAt: time.Now().UTC()}
		if _, err := a.Store().DB().NewInsert().Model(p).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	feat := get(group.FeaturedURI)
	items, _ := feat["orderedItems"].([]any)
	if feat["totalItems"] != float64(2) || len(items) != 2 || items[0] != remote.URI {
		t.Fatalf("featured: %v", feat)
	}
	if note, _ := items[1].(map[string]any); note["type"] != "Note" || note["id"] != local.URI ||
		note["attributedTo"] != alice.Account.URI {
		t.Errorf("featured local item: %v", items[1])
	}
}
