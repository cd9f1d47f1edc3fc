package publish_test

import (
	"strings"
	"testing"
	"time"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/models"
)

// TestUpdateCommunity: editing a community's Group account sends its
// members' servers an Update whose object is the whole Group document,
// rules and moderators included, not a Person-shaped actor.
func TestUpdateCommunity(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	f := fedtest.New(t, 2)
	a, b := f.Servers[0], f.Servers[1]
	alice, bob := a.NewUser(t, "alice"), b.NewUser(t, "bob")
	group, c, err := models.NewCommunity{Name: "readers", OwnerID: alice.Account.ID,
		Rules: []string{"Be kind"}}.Build(a.Site(), time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Store().CreateCommunity(ctx, group, c); err != nil {
		t.Fatal(err)
	}
	groupOnB := b.Resolve(t, "readers@"+a.Site().Host())
	if _, err := bob.C.AccountFollow(ctx, gomasto.ID(groupOnB.ID)); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	b.Take()

	group.DisplayName, group.Note = "Readers", "<p>Books and more</p>"
	if err := a.Store().UpdateAccount(ctx, group); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	var updates []map[string]any
	for _, r := range b.Take() {
		if r.Type() == "Update" {
			updates = append(updates, r.Activity())
		}
	}
	if len(updates) != 1 {
		t.Fatalf("b received %d Updates, want 1", len(updates))
	}
	obj, _ := updates[0]["object"].(map[string]any)
	summary, _ := obj["summary"].(string)
	if obj["type"] != "Group" || obj["moderators"] != group.URI+"/moderators" || obj["postingRestrictedToMods"] != false ||
		!strings.HasPrefix(summary, "<p>Books and more</p>") || !strings.Contains(summary, "<li>Be kind</li>") {
		t.Errorf("Update object: %v", obj)
	}
	if got, err := b.Store().AccountByID(ctx, groupOnB.ID); err != nil || got.DisplayName != "Readers" {
		t.Errorf("b's copy of the group: %v %v", got, err)
	}
}
