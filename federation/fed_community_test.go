package federation_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/models"
)

// TestFederationCommunity: a community on A with members on B and C. C's
// post to it reaches B's home as the community's reblog and the
// community's statuses on A; B's reply reaches C; a moderator's removal
// makes B and C drop the reblog; a ban stops the banned member's posts
// from being announced; leaving ends membership; refused actions federate
// nothing.
func TestFederationCommunity(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 3)
	a, b, c := f.Servers[0], f.Servers[1], f.Servers[2]
	ctx := t.Context()
	owner, eve := a.NewUser(t, "owner"), a.NewUser(t, "eve")
	bob, carol := b.NewUser(t, "bob"), c.NewUser(t, "carol")
	lounge := newCommunity(t, owner, "lounge", false)
	const acct = "lounge@a.test"
	for _, u := range []*fedtest.User{bob, carol} {
		if _, err := u.C.AccountFollow(ctx, gomasto.ID(u.Server.Resolve(t, acct).ID)); err != nil {
			t.Fatal(err)
		}
	}
	f.Settle(t)
	bobOnA, carolOnA := storedOn(t, a, bob.Account), storedOn(t, a, carol.Account)
	for _, m := range []*models.Account{bobOnA, carolOnA} {
		if _, err := a.Store().FollowBetween(ctx, m.ID, lounge.ID); err != nil {
			t.Fatalf("%s is not a member: %v", m.URI, err)
		}
	}

	post, err := carol.C.PostStatus(ctx, &gomasto.Toot{Status: "@" + acct + " hello, lounge", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	home, err := bob.C.GetTimelineHome(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	boost := communityReblogOf(home, acct, post.URI)
	if boost == nil {
		t.Fatalf("bob's home lacks the community's reblog of carol's post: %d statuses", len(home))
	}
	onA, err := owner.C.GetAccountStatuses(ctx, gomasto.ID(lounge.ID), nil)
	if err != nil || communityReblogOf(onA, "lounge", post.URI) == nil {
		t.Fatalf("the community's statuses on A lack carol's post: %v", err)
	}
	postOnA, err := a.Store().StatusByURI(ctx, post.URI)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := a.Store().CommunityPost(ctx, lounge.ID, postOnA.ID)
	if err != nil {
		t.Fatal(err)
	}
	announce, err := a.Store().StatusByID(ctx, cp.ReblogID)
	if err != nil {
		t.Fatal(err)
	}

	// Bob replies (mentioning carol and the community, as apps prefill).
	reply, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "@carol@c.test @" + acct + " welcome",
		InReplyToID: boost.Reblog.ID, Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	replyOnC, err := c.Store().StatusByURI(ctx, reply.URI)
	if err != nil {
		t.Fatalf("bob's reply did not reach C: %v", err)
	}
	if replyOnC.InReplyToID != string(post.ID) {
		t.Fatalf("bob's reply on C replies to %q, want %q", replyOnC.InReplyToID, post.ID)
	}

	// Refused: a non-moderator's removal, and removing or pinning a post
	// the community never received. Nothing is federated.
	quietOnA := localPost(t, a, eve, "eve's own post, not for the lounge")
	f.Settle(t)
	b.Take()
	c.Take()
	base := "/api/v1/communities/" + lounge.ID + "/statuses/"
	for _, tc := range []struct {
		token, path string
		want        int
	}{
		{eve.Token, base + postOnA.ID + "/remove", http.StatusForbidden},
		{eve.Token, base + postOnA.ID + "/pin", http.StatusForbidden},
		{eve.Token, "/api/v1/communities/" + lounge.ID + "/bans/" + bobOnA.ID, http.StatusForbidden},
		{owner.Token, base + quietOnA.ID + "/remove", http.StatusNotFound},
		{owner.Token, base + quietOnA.ID + "/pin", http.StatusNotFound},
		{owner.Token, "/api/v1/communities/" + owner.Account.ID + "/statuses/" + postOnA.ID + "/remove", http.StatusNotFound},
	} {
		if code, body := communityAPI(t, a, tc.token, http.MethodPost, tc.path, nil); code != tc.want {
			t.Errorf("POST %s: %d %s, want %d", tc.path, code, body, tc.want)
		}
	}
	f.Settle(t)
	if got := append(b.Take(), c.Take()...); len(got) != 0 {
		t.Fatalf("refused actions federated %v", received(got))
	}

	// Removal: the community's Announce is undone on B and C.
	if code, body := communityAPI(t, a, owner.Token, http.MethodPost, base+postOnA.ID+"/remove", nil); code != http.StatusOK {
		t.Fatalf("remove: %d %s", code, body)
	}
	f.Settle(t)
	for _, s := range []*fedtest.Server{b, c} {
		if _, err := s.Store().StatusByURI(ctx, announce.URI); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("%s kept the removed Announce: %v", s.Name, err)
		}
	}
	if home, _ := bob.C.GetTimelineHome(ctx, nil); communityReblogOf(home, acct, post.URI) != nil {
		t.Error("the removed reblog is still in bob's home")
	}

	// Ban: the community Blocks bob (federated); his later posts are not
	// announced, so nothing reaches C.
	if code, body := communityAPI(t, a, owner.Token, http.MethodPost,
		"/api/v1/communities/"+lounge.ID+"/bans/"+bobOnA.ID, nil); code != http.StatusOK {
		t.Fatalf("ban: %d %s", code, body)
	}
	f.Settle(t)
	if got := received(b.Take()); !slices.Contains(got, "Block") {
		t.Fatalf("B did not receive the ban's Block: %v", got)
	}
	c.Take()
	banned, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "@" + acct + " am I still here?", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	if got := received(c.Take()); len(got) != 0 {
		t.Fatalf("a banned member's post reached C: %v", got)
	}
	if st, err := a.Store().StatusByURI(ctx, banned.URI); err == nil {
		if _, err := a.Store().CommunityPost(ctx, lounge.ID, st.ID); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("the banned member's post was received by the community: %v", err)
		}
	}

	// Leave: carol unfollows; she is no longer a member and her posts to
	// the (open, members-only posting) community are not announced.
	if _, err := carol.C.AccountUnfollow(ctx, gomasto.ID(c.Resolve(t, acct).ID)); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	if _, err := a.Store().FollowBetween(ctx, carolOnA.ID, lounge.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("carol is still a member after leaving: %v", err)
	}
	gone, err := carol.C.PostStatus(ctx, &gomasto.Toot{Status: "@" + acct + " bye", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	st, err := a.Store().StatusByURI(ctx, gone.URI)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Store().CommunityPost(ctx, lounge.ID, st.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("a former member's post was announced: %v", err)
	}
}

// localPost posts as u on s (a status the community never received).
func localPost(t *testing.T, s *fedtest.Server, u *fedtest.User, text string) *models.Status {
	t.Helper()
	st, err := u.C.PostStatus(t.Context(), &gomasto.Toot{Status: text, Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Store().StatusByID(t.Context(), string(st.ID))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestFederationClosedCommunity: joining a closed community waits for a
// moderator, who sees the request in their own follow requests and
// authorizes it there; then the member's posts are announced.
func TestFederationClosedCommunity(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 2)
	a, b := f.Servers[0], f.Servers[1]
	ctx := t.Context()
	owner, mod := a.NewUser(t, "owner"), a.NewUser(t, "mod")
	bob := b.NewUser(t, "bob")
	club := newCommunity(t, owner, "club", true)
	if code, body := communityAPI(t, a, owner.Token, http.MethodPost,
		"/api/v1/communities/"+club.ID+"/moderators/"+mod.Account.ID, nil); code != http.StatusOK {
		t.Fatalf("add moderator: %d %s", code, body)
	}
	if code, _ := communityAPI(t, a, mod.Token, http.MethodPost,
		"/api/v1/communities/"+club.ID+"/moderators/"+mod.Account.ID, nil); code != http.StatusForbidden {
		t.Fatalf("a moderator who is not the owner named moderators: %d", code)
	}
	clubOnB := b.Resolve(t, "club@a.test")
	if !clubOnB.Locked {
		t.Fatal("the closed community is not locked on B")
	}
	if _, err := bob.C.AccountFollow(ctx, gomasto.ID(clubOnB.ID)); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	reqs, err := mod.C.GetFollowRequests(ctx, nil)
	if err != nil || len(reqs) != 1 || reqs[0].Acct != "bob@b.test" {
		t.Fatalf("the moderator's follow requests: %+v %v", reqs, err)
	}
	early, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "@club@a.test may I?", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	if st, err := a.Store().StatusByURI(ctx, early.URI); err == nil {
		if _, err := a.Store().CommunityPost(ctx, club.ID, st.ID); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("a pending member's post was received: %v", err)
		}
	}
	if err := mod.C.FollowRequestAuthorize(ctx, reqs[0].ID); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	if _, err := b.Store().FollowBetween(ctx, bob.Account.ID, clubOnB.ID); err != nil {
		t.Fatalf("bob is not a member after approval: %v", err)
	}
	post, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "@club@a.test thanks!", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	onA, err := owner.C.GetAccountStatuses(ctx, gomasto.ID(club.ID), nil)
	if err != nil || communityReblogOf(onA, "club", post.URI) == nil {
		t.Fatalf("the closed community did not announce its new member's post: %v", err)
	}
	// A Flag about a remote member's post the community received reaches
	// its moderators.
	rep := b.NewUser(t, "rep")
	flag, err := json.Marshal(map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
		"id": rep.Account.URI + "#flags/1", "type": "Flag", "actor": rep.Account.URI,
		"object": []string{post.URI}, "content": "off topic"})
	if err != nil {
		t.Fatal(err)
	}
	if resp, body := b.SignedPost(t, a.URL+"/inbox", flag, rep.Account); resp.StatusCode >= 300 {
		t.Fatalf("flag: %d %s", resp.StatusCode, body)
	}
	f.Settle(t)
	postOnA, err := a.Store().StatusByURI(ctx, post.URI)
	if err != nil {
		t.Fatal(err)
	}
	code, body := communityAPI(t, a, mod.Token, http.MethodGet, "/api/v1/communities/"+club.ID+"/reports", nil)
	var reports []struct {
		StatusIDs     []string `json:"status_ids"`
		Comment       string   `json:"comment"`
		TargetAccount struct {
			ID string `json:"id"`
		} `json:"target_account"`
	}
	if code != http.StatusOK || json.Unmarshal(body, &reports) != nil || len(reports) != 1 ||
		reports[0].Comment != "off topic" || !slices.Equal(reports[0].StatusIDs, []string{postOnA.ID}) ||
		reports[0].TargetAccount.ID != club.ID {
		t.Fatalf("reports: %d %s", code, body)
	}
	if code, _ := communityAPI(t, a, bob.Token, http.MethodGet, "/api/v1/communities/"+club.ID+"/reports", nil); code != http.StatusUnauthorized {
		t.Fatalf("a token of another server: %d", code)
	}
}
