package mastodon_test

import (
	"context"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

var acBG = context.Background()

// acCounts reads an account's followers_count and following_count.
func acCounts(t *testing.T, u *user, id string) (followers, following int64) {
	t.Helper()
	a, err := u.C.GetAccount(acBG, gomasto.ID(id))
	if err != nil {
		t.Fatal(err)
	}
	return a.FollowersCount, a.FollowingCount
}

func TestFollowAndRelationships(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob, carol := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol")

	rel, err := alice.C.AccountFollow(acBG, gomasto.ID(bob.Account.ID))
	if err != nil {
		t.Fatal(err)
	}
	if !rel.Following || rel.Requested || !rel.ShowingReblogs || string(rel.ID) != bob.Account.ID {
		t.Errorf("follow: %+v", rel)
	}
	if fr, fg := acCounts(t, alice, bob.Account.ID); fr != 1 || fg != 0 {
		t.Errorf("bob: followers %d following %d, want 1 0", fr, fg)
	}
	if fr, fg := acCounts(t, alice, alice.Account.ID); fr != 0 || fg != 1 {
		t.Errorf("alice: followers %d following %d, want 0 1", fr, fg)
	}

	// Options: reblogs off, notify on, a language filter.
	doc := acObject(t, alice, "POST", "/api/v1/accounts/"+bob.Account.ID+"/follow",
		map[string]any{"reblogs": false, "notify": true, "languages": []string{"en", "de"}}, 200)
	if doc["showing_reblogs"] != false || doc["notifying"] != true || len(doc["languages"].([]any)) != 2 {
		t.Errorf("follow options: %v", doc)
	}

	// Several ids, in the order asked, unknown ones and repeats left out.
	rels, err := bob.C.GetAccountRelationships(acBG, []string{alice.Account.ID, "01HUNKNOWN0000000000000000", carol.Account.ID, alice.Account.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(rels) != 2 || string(rels[0].ID) != alice.Account.ID || !rels[0].FollowedBy || rels[0].Following ||
		string(rels[1].ID) != carol.Account.ID || rels[1].FollowedBy {
		t.Errorf("relationships: %+v", rels)
	}
	status, _, v := bob.do(t, "GET", "/api/v1/accounts/relationships?id="+alice.Account.ID, nil)
	if list, _ := v.([]any); status != 200 || len(list) != 1 || list[0].(map[string]any)["languages"] != nil {
		t.Errorf("relationships?id=: %d %v (languages must be null when not following)", status, v)
	}

	rel, err = alice.C.AccountUnfollow(acBG, gomasto.ID(bob.Account.ID))
	if err != nil || rel.Following {
		t.Errorf("unfollow: %+v %v", rel, err)
	}
	if fr, _ := acCounts(t, alice, bob.Account.ID); fr != 0 {
		t.Errorf("bob followers after unfollow: %d", fr)
	}
	// Unfollowing again is fine.
	if rel, err = alice.C.AccountUnfollow(acBG, gomasto.ID(bob.Account.ID)); err != nil || rel.Following {
		t.Errorf("unfollow again: %+v %v", rel, err)
	}
}

// TestRemoveFromFollowers: bob makes carol stop following him.
func TestRemoveFromFollowers(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	bob, carol := newUser(t, s, "bob"), newUser(t, s, "carol")
	if _, err := carol.C.AccountFollow(acBG, gomasto.ID(bob.Account.ID)); err != nil {
		t.Fatal(err)
	}
	doc := acObject(t, bob, "POST", "/api/v1/accounts/"+carol.Account.ID+"/remove_from_followers", nil, 200)
	if doc["followed_by"] != false || doc["id"] != carol.Account.ID {
		t.Errorf("remove_from_followers: %v", doc)
	}
	if fr, _ := acCounts(t, bob, bob.Account.ID); fr != 0 {
		t.Errorf("bob followers_count %d after remove_from_followers, want 0", fr)
	}
	rels, err := carol.C.GetAccountRelationships(acBG, []string{bob.Account.ID})
	if err != nil || len(rels) != 1 || rels[0].Following {
		t.Errorf("carol's view: %+v %v", rels, err)
	}
}

func TestLockedAccountFollowRequests(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	owner, alice, bob := newUser(t, s, "owner"), newUser(t, s, "alice"), newUser(t, s, "bob")
	locked := true
	if _, err := owner.C.AccountUpdate(acBG, &gomasto.Profile{Locked: &locked}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []*user{alice, bob} {
		rel, err := u.C.AccountFollow(acBG, gomasto.ID(owner.Account.ID))
		if err != nil || !rel.Requested || rel.Following {
			t.Fatalf("%s follows locked owner: %+v %v", u.Account.Username, rel, err)
		}
	}
	reqs, err := owner.C.GetFollowRequests(acBG, nil)
	if err != nil || len(reqs) != 2 || string(reqs[0].ID) != bob.Account.ID || string(reqs[1].ID) != alice.Account.ID {
		t.Fatalf("follow requests (newest first): %v %v", reqs, err)
	}
	me := acObject(t, owner, "GET", "/api/v1/accounts/verify_credentials", nil, 200)
	if n := me["source"].(map[string]any)["follow_requests_count"]; n != 2.0 {
		t.Errorf("follow_requests_count %v, want 2", n)
	}

	if err := owner.C.FollowRequestAuthorize(acBG, gomasto.ID(alice.Account.ID)); err != nil {
		t.Fatal(err)
	}
	rels, err := alice.C.GetAccountRelationships(acBG, []string{owner.Account.ID})
	if err != nil || !rels[0].Following || rels[0].Requested {
		t.Errorf("after authorize: %+v %v", rels, err)
	}
	doc := acObject(t, owner, "POST", "/api/v1/follow_requests/"+bob.Account.ID+"/reject", nil, 200)
	if doc["followed_by"] != false || doc["requested_by"] != false {
		t.Errorf("reject relationship: %v", doc)
	}
	if err := owner.C.FollowRequestReject(acBG, gomasto.ID(bob.Account.ID)); err == nil {
		t.Errorf("rejecting a request that is gone: want 404")
	}
	if fr, _ := acCounts(t, owner, owner.Account.ID); fr != 1 {
		t.Errorf("owner followers_count %d, want 1", fr)
	}
	if reqs, err = owner.C.GetFollowRequests(acBG, nil); err != nil || len(reqs) != 0 {
		t.Errorf("follow requests after handling: %v %v", reqs, err)
	}
}

func TestFollowErrors(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	reader := newUser(t, s, "reader", "read")
	anon := &user{s: s}
	actor, err := s.Store().AccountByUsername(acBG, models.InstanceActorUsername, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bob.C.AccountBlock(acBG, gomasto.ID(alice.Account.ID)); err != nil {
		t.Fatal(err)
	}
	carol := newUser(t, s, "carol")
	tests := []struct {
		name   string
		u      *user
		path   string
		status int
		msg    string
	}{
		{"self", alice, "/api/v1/accounts/" + alice.Account.ID + "/follow", 422, "you cannot follow yourself"},
		{"unknown", alice, "/api/v1/accounts/01HUNKNOWN0000000000000000/follow", 404, "Record not found"},
		{"instance actor", alice, "/api/v1/accounts/" + actor.ID + "/follow", 404, "Record not found"},
		{"blocked by target", alice, "/api/v1/accounts/" + bob.Account.ID + "/follow", 403, "This action is not allowed"},
		{"blocking target", bob, "/api/v1/accounts/" + alice.Account.ID + "/follow", 403, "This action is not allowed"},
		{"read-only token", reader, "/api/v1/accounts/" + carol.Account.ID + "/follow", 403, "This action is outside the authorized scopes"},
		{"no token", anon, "/api/v1/accounts/" + carol.Account.ID + "/follow", 401, "The access token is invalid"},
		{"mute unknown", alice, "/api/v1/accounts/01HUNKNOWN0000000000000000/mute", 404, "Record not found"},
		{"block self", alice, "/api/v1/accounts/" + alice.Account.ID + "/block", 422, "you cannot block yourself"},
		{"authorize without request", alice, "/api/v1/follow_requests/" + carol.Account.ID + "/authorize", 404, "Record not found"},
		{"bad mute duration", alice, "/api/v1/accounts/" + carol.Account.ID + "/mute?duration=-5", 422, "duration must be"},
	}
	for _, tt := range tests {
		doc := acObject(t, tt.u, "POST", tt.path, nil, tt.status)
		if msg, _ := doc["error"].(string); !strings.Contains(msg, tt.msg) {
			t.Errorf("%s: error %v, want %q", tt.name, doc["error"], tt.msg)
		}
	}
	for _, path := range []string{"/api/v1/accounts/01HUNKNOWN0000000000000000/followers",
		"/api/v1/accounts/01HUNKNOWN0000000000000000/statuses", "/api/v1/accounts/" + actor.ID + "/following"} {
		if doc := getObject(t, s, path, 404); doc["error"] != "Record not found" {
			t.Errorf("GET %s: %v", path, doc)
		}
	}
}

// TestAccountsByIDs: GET /api/v1/accounts?id[]= is public and skips
// unknown ids, repeats and the instance actor.
func TestAccountsByIDs(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	actor, err := s.Store().AccountByUsername(acBG, models.InstanceActorUsername, "")
	if err != nil {
		t.Fatal(err)
	}
	list, _ := acList(t, &user{s: s}, "/api/v1/accounts?id[]="+bob.Account.ID+"&id[]=01HUNKNOWN0000000000000000&id[]="+
		actor.ID+"&id[]="+alice.Account.ID+"&id[]="+bob.Account.ID, 200)
	if got := acIDs(list); len(got) != 2 || got[0] != bob.Account.ID || got[1] != alice.Account.ID || list[0]["acct"] != "bob" {
		t.Errorf("accounts: %v", list)
	}
}
