package federation_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/models"
)

// TestFederationCommunityRelay: a community on A, members bob on B and
// carol on C; bob does not follow carol, so B has carol's post only
// through the community. Carol's edit reaches B (the community relays
// her Update as Announce{Update}); her deletion removes the post from B
// and the community's reblog from A and B (Announce{Delete}, Undo
// Announce). The community's pins are its pinned statuses.
func TestFederationCommunityRelay(t *testing.T) {
	t.Parallel()
	f := fedtest.New(t, 3)
	a, b, c := f.Servers[0], f.Servers[1], f.Servers[2]
	ctx := t.Context()
	owner := a.NewUser(t, "owner")
	bob, carol := b.NewUser(t, "bob"), c.NewUser(t, "carol")
	lounge := newCommunity(t, owner, "lounge", false)
	const acct = "lounge@a.test"
	for _, u := range []*fedtest.User{bob, carol} {
		if _, err := u.C.AccountFollow(ctx, gomasto.ID(u.Server.Resolve(t, acct).ID)); err != nil {
			t.Fatal(err)
		}
	}
	f.Settle(t)
	post, err := carol.C.PostStatus(ctx, &gomasto.Toot{Status: "@" + acct + " first draft", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	home, err := bob.C.GetTimelineHome(ctx, nil)
	if err != nil || communityReblogOf(home, acct, post.URI) == nil {
		t.Fatalf("bob's home lacks the community's reblog of carol's post: %v", err)
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

	// Pins: the community's pinned statuses are the posts it pinned.
	if code, body := communityAPI(t, a, owner.Token, http.MethodPost,
		"/api/v1/communities/"+lounge.ID+"/statuses/"+postOnA.ID+"/pin", nil); code != http.StatusOK {
		t.Fatalf("pin: %d %s", code, body)
	}
	code, body := communityAPI(t, a, owner.Token, http.MethodGet, "/api/v1/accounts/"+lounge.ID+"/statuses?pinned=true", nil)
	var pins []struct {
		URI     string `json:"uri"`
		Account struct {
			Acct string `json:"acct"`
		} `json:"account"`
	}
	if code != http.StatusOK || json.Unmarshal(body, &pins) != nil || len(pins) != 1 ||
		pins[0].URI != post.URI || pins[0].Account.Acct != "carol@c.test" {
		t.Fatalf("the community's pinned statuses: %d %s", code, body)
	}

	// The edit: C sends its Update to A only; B hears of it through the
	// community's Announce{Update}.
	b.Take()
	if _, err := carol.C.UpdateStatus(ctx, &gomasto.Toot{Status: "@" + acct + " final version"}, post.ID); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	onB, err := b.Store().StatusByURI(ctx, post.URI)
	if err != nil || !strings.Contains(onB.Content, "final version") {
		t.Fatalf("B's copy after the edit: %v %v", onB, err)
	}
	if got := received(b.Take()); !slices.Equal(got, []string{"Announce"}) {
		t.Fatalf("B received %v, want the community's Announce{Update} alone", got)
	}

	// The deletion: gone on B, and the community's reblog gone on A and B.
	if err := carol.C.DeleteStatus(ctx, post.ID); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	if _, err := b.Store().StatusByURI(ctx, post.URI); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("B kept the deleted post: %v", err)
	}
	for _, s := range []*fedtest.Server{a, b} {
		if _, err := s.Store().StatusByURI(ctx, announce.URI); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("%s kept the community's reblog of the deleted post: %v", s.Name, err)
		}
	}
	if home, _ := bob.C.GetTimelineHome(ctx, nil); communityReblogOf(home, acct, post.URI) != nil {
		t.Error("the deleted post's reblog is still in bob's home")
	}
	if got := received(b.Take()); !slices.Contains(got, "Announce") || !slices.Contains(got, "Undo") {
		t.Errorf("B received %v, want Announce{Delete} and Undo Announce", got)
	}
}

// TestFederationCommunityModeratorNotifications: a closed community's
// moderators are told of a join request (follow_request from the
// requester) and of a report about a post it received (admin.report with
// the report), in /api/v1 and /api/v2 notifications.
func TestFederationCommunityModeratorNotifications(t *testing.T) {
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
	if _, err := bob.C.AccountFollow(ctx, gomasto.ID(b.Resolve(t, "club@a.test").ID)); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	var requester gomasto.ID
	for _, u := range []*fedtest.User{owner, mod} {
		ns, err := u.C.GetNotifications(ctx, nil)
		if err != nil || len(ns) != 1 || ns[0].Type != "follow_request" || ns[0].Account.Acct != "bob@b.test" {
			t.Fatalf("%s's notifications after the join request: %+v %v", u.Account.Username, ns, err)
		}
		requester = ns[0].Account.ID
	}
	if err := mod.C.FollowRequestAuthorize(ctx, requester); err != nil { // from the notification, as apps do
		t.Fatal(err)
	}
	f.Settle(t)
	post, err := bob.C.PostStatus(ctx, &gomasto.Toot{Status: "@club@a.test hello", Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	postOnA, err := a.Store().StatusByURI(ctx, post.URI)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Store().CommunityPost(ctx, club.ID, postOnA.ID); err != nil {
		t.Fatalf("the approved member's post was not received: %v", err)
	}
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

	type report struct {
		Comment       string   `json:"comment"`
		StatusIDs     []string `json:"status_ids"`
		TargetAccount struct {
			ID string `json:"id"`
		} `json:"target_account"`
	}
	code, body := communityAPI(t, a, mod.Token, http.MethodGet, "/api/v1/notifications?types[]=admin.report", nil)
	var ns []struct {
		Type    string `json:"type"`
		Account struct {
			Acct string `json:"acct"`
		} `json:"account"`
		Report *report `json:"report"`
	}
	if code != http.StatusOK || json.Unmarshal(body, &ns) != nil || len(ns) != 1 || ns[0].Type != "admin.report" ||
		ns[0].Account.Acct != "rep@b.test" || ns[0].Report == nil || ns[0].Report.Comment != "off topic" ||
		!slices.Equal(ns[0].Report.StatusIDs, []string{postOnA.ID}) || ns[0].Report.TargetAccount.ID != club.ID {
		t.Fatalf("the moderator's report notifications: %d %s", code, body)
	}
	code, body = communityAPI(t, a, mod.Token, http.MethodGet, "/api/v2/notifications", nil)
	var grouped struct {
		NotificationGroups []struct {
			Type   string  `json:"type"`
			Report *report `json:"report"`
		} `json:"notification_groups"`
	}
	if code != http.StatusOK || json.Unmarshal(body, &grouped) != nil || len(grouped.NotificationGroups) == 0 ||
		grouped.NotificationGroups[0].Type != "admin.report" || grouped.NotificationGroups[0].Report == nil ||
		grouped.NotificationGroups[0].Report.Comment != "off topic" {
		t.Fatalf("the moderator's grouped notifications: %d %s", code, body)
	}
}

// TestRemoteGroupThreadDelete: a Stoa user's reply in a thread a remote
// group boosted, with no mention of the group, was posted to the group
// (its Create went there); its Delete goes there too. The post's author
// lives on another server, so only the thread rule sends it to the group.
func TestRemoteGroupThreadDelete(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	f := fedtest.New(t, 1, func(_ string, c *instance.Config) { c.HTTPSOnly = false })
	a := f.Servers[0]
	alice := a.NewUser(t, "alice")
	lemmy, elsewhere := newFakeLemmy(t), newFakeLemmy(t)
	res, err := alice.C.Search(ctx, "@"+lemmy.handle(), true)
	if err != nil || len(res.Accounts) != 1 {
		t.Fatalf("search %s: %v %+v", lemmy.handle(), err, res)
	}
	groupID := res.Accounts[0].ID
	if _, err := alice.C.AccountFollow(ctx, groupID); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	follows := lemmy.received("Follow")
	if len(follows) != 1 {
		t.Fatalf("follows at the group: %v", follows)
	}
	lemmy.send(a, map[string]any{"type": "Accept", "id": lemmy.base + "/activities/accept/1", "actor": lemmy.group(),
		"to": []any{alice.Account.URI}, "object": follows[0]})
	f.Settle(t)

	// A post by a user of another server, announced by the group.
	post := elsewhere.page(1, "Elsewhere", "<p>From another server.</p>")
	post["to"] = []any{lemmy.group(), "https://www.w3.org/ns/activitystreams#Public"}
	post["audience"] = lemmy.group()
	elsewhere.put("/post/1", post)
	if code := lemmy.send(a, lemmy.announce("Create", "c1", post["id"])); code != 202 {
		t.Fatalf("Announce{Create}: %d", code)
	}
	f.Settle(t)
	st, err := a.Store().StatusByURI(ctx, post["id"].(string))
	if err != nil {
		t.Fatalf("the announced post was not stored: %v", err)
	}
	reply, err := alice.C.PostStatus(ctx, &gomasto.Toot{Status: "A comment", InReplyToID: gomasto.ID(st.ID), Visibility: "public"})
	if err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	if !slices.ContainsFunc(lemmy.received("Create"), func(m map[string]any) bool {
		obj, _ := m["object"].(map[string]any)
		return obj != nil && obj["id"] == string(reply.URI)
	}) {
		t.Fatal("the comment's Create did not reach the group")
	}
	if err := alice.C.DeleteStatus(ctx, reply.ID); err != nil {
		t.Fatal(err)
	}
	f.Settle(t)
	if !slices.ContainsFunc(lemmy.received("Delete"), func(m map[string]any) bool {
		obj, _ := m["object"].(map[string]any)
		return obj != nil && obj["id"] == string(reply.URI)
	}) {
		t.Fatalf("the comment's Delete did not reach the group: %v", lemmy.received("Delete"))
	}
}
