package federation_test

import (
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
)

// TestFederationCommunityMastodonClients drives joining and posting to a
// closed community with go-mastodon alone, as a plain Mastodon app would:
// only the community's creation uses Stoa's own API.
func TestFederationCommunityMastodonClients(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 3)
	a, b, c := f.Servers[0], f.Servers[1], f.Servers[2]
	ctx := t.Context()
	owner := a.NewUser(t, "owner")
	bob, carol := b.NewUser(t, "bob"), c.NewUser(t, "carol")
	newCommunity(t, owner, "gophers", true)
	const acct = "gophers@a.test"

	for _, u := range []*fedtest.User{bob, carol} {
		res, err := u.C.Search(ctx, acct, true)
		if err != nil || len(res.Accounts) != 1 || res.Accounts[0].Acct != acct || !res.Accounts[0].Locked {
			t.Fatalf("%s: search %s: %+v %v", u.Account.Username, acct, res, err)
		}
		rel, err := u.C.AccountFollow(ctx, res.Accounts[0].ID)
		if err != nil || rel.Following {
			t.Fatalf("%s: follow of a closed community: %+v %v", u.Account.Username, rel, err)
		}
	}
	f.Settle(t)
	reqs, err := owner.C.GetFollowRequests(ctx, nil)
	if err != nil || len(reqs) != 2 {
		t.Fatalf("the owner's follow requests: %+v %v", reqs, err)
	}
	for _, r := range reqs {
		if err := owner.C.FollowRequestAuthorize(ctx, r.ID); err != nil {
			t.Fatal(err)
		}
	}
	f.Settle(t)
	if reqs, _ := owner.C.GetFollowRequests(ctx, nil); len(reqs) != 0 {
		t.Fatalf("requests left after approval: %+v", reqs)
	}

	if _, err := carol.C.PostStatus(ctx, &gomasto.Toot{Status: "@" + acct + " generics, yes or no?",
		Visibility: "public"}); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	home, err := bob.C.GetTimelineHome(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var boost *gomasto.Status
	for _, st := range home {
		if st.Reblog != nil && st.Account.Acct == acct && strings.Contains(st.Reblog.Content, "generics, yes or no?") {
			boost = st
		}
	}
	if boost == nil {
		t.Fatalf("bob's home lacks the community's reblog of carol's post (%d statuses)", len(home))
	}
	if _, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "@carol@c.test @" + acct + " yes",
		InReplyToID: boost.Reblog.ID, Visibility: "public"}); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	notes, err := carol.C.GetNotifications(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, n := range notes {
		found = found || n.Type == "mention" && n.Status != nil && strings.Contains(n.Status.Content, "yes")
	}
	if !found {
		t.Fatalf("carol was not notified of bob's reply: %d notifications", len(notes))
	}
}
