package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// communityWorld is a world with accounts owner, member, reader and
// stranger and a community "club" owned by owner, which member and reader
// have joined.
func communityWorld(t *testing.T, closed, openPosting bool) (*world, *models.Community) {
	t.Helper()
	w := newWorld(t, "owner", "member", "reader", "stranger")
	acct, c, err := models.NewCommunity{Name: "club", OwnerID: w.id("owner"), Closed: closed,
		OpenPosting: openPosting}.Build(storetest.Site, time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.CreateCommunity(ctx, acct, c); err != nil {
		t.Fatal(err)
	}
	w.by["club"] = acct
	for _, m := range []string{"member", "reader"} {
		w.follow(m, "club")
		if closed {
			if _, err := w.s.AuthorizeFollowRequest(ctx, acct.ID, w.id(m)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return w, c
}

// announced reports whether the community announced st (and still does).
func (w *world) announced(c *models.Community, st *models.Status) bool {
	w.t.Helper()
	p, err := w.s.CommunityPost(ctx, c.AccountID, st.ID)
	if errors.Is(err, models.ErrNotFound) {
		return false
	}
	if err != nil {
		w.t.Fatal(err)
	}
	if p.Removed {
		return false
	}
	r, err := w.s.StatusByID(ctx, p.ReblogID)
	if err != nil || r.AccountID != c.AccountID || r.ReblogOfID != st.ID {
		w.t.Fatalf("community post %+v: reblog %+v, %v", p, r, err)
	}
	return true
}

// mention is a status by nobody yet that mentions the community.
func (w *world) mention(text string, vis models.Visibility) store.NewStatus {
	in := storeNew(text)
	in.Visibility, in.Mentions = vis, []string{w.id("club")}
	return in
}

func TestCommunityAnnounceRules(t *testing.T) {
	for _, tc := range []struct {
		name                string
		closed, openPosting bool
		author              string
		want                bool
	}{
		{"open, member", false, false, "member", true},
		{"open, non-member", false, false, "stranger", false},
		{"open posting, non-member", false, true, "stranger", true},
		{"open posting, member", false, true, "member", true},
		{"closed, member", true, false, "member", true},
		{"closed, non-member", true, false, "stranger", false},
		{"closed ignores open posting", true, true, "stranger", false},
		{"moderator who is not a member", true, false, "owner", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, c := communityWorld(t, tc.closed, tc.openPosting)
			st := w.post(tc.author, w.mention("hello club", ""))
			if got := w.announced(c, st); got != tc.want {
				t.Fatalf("announced = %v, want %v", got, tc.want)
			}
			if tc.want && !has(w.home("reader"), mustReblogID(t, w, c, st)) {
				t.Fatal("another member's home lacks the community's reblog")
			}
		})
	}
}

func mustReblogID(t *testing.T, w *world, c *models.Community, st *models.Status) string {
	t.Helper()
	p, err := w.s.CommunityPost(ctx, c.AccountID, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p.ReblogID
}

func TestCommunityAnnounceVisibility(t *testing.T) {
	w, c := communityWorld(t, false, false)
	for vis, want := range map[models.Visibility]bool{
		models.VisibilityPublic: true, models.VisibilityUnlisted: true,
		models.VisibilityPrivate: false, models.VisibilityDirect: false,
	} {
		st := w.post("member", w.mention("to the club", vis))
		if got := w.announced(c, st); got != want {
			t.Errorf("%s: announced = %v, want %v", vis, got, want)
		}
	}
	// Unaddressed statuses are not announced, even by members.
	if st := w.post("member", storeNew("elsewhere")); w.announced(c, st) {
		t.Error("a status not addressed to the community was announced")
	}
}

func TestCommunityAnnounceAudienceAndThread(t *testing.T) {
	w, c := communityWorld(t, true, false)
	remote := &models.Account{ID: models.NewID(), Username: "rem", Domain: "remote.test",
		URI: "https://remote.test/users/rem", ActorType: models.ActorPerson, Fields: []models.Field{},
		CreatedAt: time.Now().UTC(), UpdatedAt: time.Now().UTC()}
	if err := w.s.PutAccount(ctx, remote); err != nil {
		t.Fatal(err)
	}
	w.by["rem"] = remote
	w.follow("rem", "club") // a remote Follow of a closed community waits too
	if _, err := w.s.AuthorizeFollowRequest(ctx, c.AccountID, remote.ID); err != nil {
		t.Fatal(err)
	}
	in := storeNew("via audience")
	in.URI, in.URL, in.Audience = remote.URI+"/notes/1", remote.URI+"/notes/1", []string{c.AccountID}
	root := w.post("rem", in)
	if !w.announced(c, root) {
		t.Fatal("a member's post naming the community in its audience was not announced")
	}
	// A reply inside the announced thread is announced without naming the
	// community, when its author may post; a non-member's is not.
	reply := storeNew("a reply")
	reply.InReplyToID = root.ID
	if st := w.post("member", reply); !w.announced(c, st) {
		t.Fatal("a member's reply in the community thread was not announced")
	}
	if st := w.post("stranger", reply); w.announced(c, st) {
		t.Fatal("a non-member's reply in a closed community was announced")
	}
	// Once the root is removed, the thread no longer carries replies.
	if _, err := w.s.RemoveCommunityPost(ctx, c.AccountID, root.ID); err != nil {
		t.Fatal(err)
	}
	other := w.post("owner", storeNew("unrelated root"))
	reply.InReplyToID = other.ID
	if st := w.post("member", reply); w.announced(c, st) {
		t.Fatal("a reply outside any community thread was announced")
	}
}

func TestCommunityBanAndRemove(t *testing.T) {
	w, c := communityWorld(t, false, true)
	st := w.post("member", w.mention("first", ""))
	if !w.announced(c, st) {
		t.Fatal("not announced")
	}
	rid := mustReblogID(t, w, c, st)
	if _, err := w.s.PinCommunityPost(ctx, c.AccountID, st.ID); err != nil {
		t.Fatal(err)
	}
	before := len(publications(t, w))
	p, err := w.s.RemoveCommunityPost(ctx, c.AccountID, st.ID)
	if err != nil || !p.Removed || p.ReblogID != "" {
		t.Fatalf("remove: %+v, %v", p, err)
	}
	if _, err := w.s.StatusByID(ctx, rid); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("the community's reblog survived removal: %v", err)
	}
	if got := publications(t, w)[before:]; len(got) != 1 || got[0].Kind != models.PublishUndoAnnounce ||
		got[0].AccountID != c.AccountID {
		t.Fatalf("publications after removal: %+v", got)
	}
	if has(w.home("reader"), rid) {
		t.Fatal("the removed reblog is still in the member's home")
	}
	// Removing again, or pinning a removed post, federates nothing.
	never := w.post("member", storeNew("never sent to the club"))
	n := len(publications(t, w))
	if _, err := w.s.RemoveCommunityPost(ctx, c.AccountID, st.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.PinCommunityPost(ctx, c.AccountID, st.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("pin of a removed post: %v", err)
	}
	for _, err := range []error{
		second(w.s.RemoveCommunityPost(ctx, c.AccountID, never.ID)),
		second(w.s.PinCommunityPost(ctx, c.AccountID, never.ID)),
		w.s.UnpinCommunityPost(ctx, c.AccountID, never.ID),
	} {
		if !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("action on a post the community never received: %v", err)
		}
	}
	if got := len(publications(t, w)); got != n {
		t.Fatalf("refused actions published %d activities", got-n)
	}

	// A ban is the community's Block: federated, membership ends, and
	// later posts are not announced (open posting notwithstanding).
	if _, err := w.s.BanFromCommunity(ctx, c.AccountID, w.id("owner")); err == nil {
		t.Fatal("a moderator was banned")
	}
	if _, err := w.s.BanFromCommunity(ctx, c.AccountID, w.id("member")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.FollowBetween(ctx, w.id("member"), c.AccountID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("the banned member is still a member: %v", err)
	}
	if st := w.post("member", w.mention("after the ban", "")); w.announced(c, st) {
		t.Fatal("a banned account's post was announced")
	}
	bans, _, err := w.s.CommunityBans(ctx, c.AccountID, store.Page{})
	if err != nil || len(bans) != 1 || bans[0].ID != w.id("member") {
		t.Fatalf("bans: %v, %v", bans, err)
	}
	if _, err := w.s.UnbanFromCommunity(ctx, c.AccountID, w.id("member")); err != nil {
		t.Fatal(err)
	}
	if st := w.post("member", w.mention("back", "")); !w.announced(c, st) {
		t.Fatal("an unbanned account's post (open posting) was not announced")
	}
}

func second[T any](_ T, err error) error { return err }

func publications(t *testing.T, w *world) []*models.Publication {
	t.Helper()
	ps, err := w.s.Publications(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestCommunityJoinRequestsAndReports(t *testing.T) {
	w, c := communityWorld(t, true, false)
	w.follow("stranger", "club")
	reqs, _, err := w.s.FollowRequests(ctx, w.id("owner"), store.Page{})
	if err != nil || len(reqs) != 1 || reqs[0].ID != w.id("stranger") {
		t.Fatalf("the moderator's follow requests: %v, %v", reqs, err)
	}
	if n, _ := w.s.CountFollowRequests(ctx, w.id("owner")); n != 1 {
		t.Fatalf("count = %d", n)
	}
	if reqs, _, _ := w.s.FollowRequests(ctx, w.id("member"), store.Page{}); len(reqs) != 0 {
		t.Fatalf("a non-moderator sees join requests: %v", reqs)
	}
	target, err := w.s.FollowRequestTarget(ctx, w.id("owner"), w.id("stranger"))
	if err != nil || target != c.AccountID {
		t.Fatalf("target = %q, %v", target, err)
	}
	if target, _ := w.s.FollowRequestTarget(ctx, w.id("member"), w.id("stranger")); target != w.id("member") {
		t.Fatalf("a non-moderator answers for %q", target)
	}
	if _, err := w.s.AuthorizeFollowRequest(ctx, target, w.id("stranger")); err != nil {
		t.Fatal(err)
	}
	if st := w.post("stranger", w.mention("now a member", "")); !w.announced(c, st) {
		t.Fatal("an approved member's post was not announced")
	}

	st := w.post("member", w.mention("reported", ""))
	r := &store.Report{URI: "https://remote.test/flag/1", AccountID: w.id("stranger"),
		TargetAccountID: w.id("member"), Comment: "spam"}
	if _, err := w.s.PutReport(ctx, r, []string{st.ID}); err != nil {
		t.Fatal(err)
	}
	other := &store.Report{URI: "https://remote.test/flag/2", AccountID: w.id("stranger"),
		TargetAccountID: w.id("owner"), Comment: "unrelated"}
	if _, err := w.s.PutReport(ctx, other, nil); err != nil {
		t.Fatal(err)
	}
	rs, err := w.s.CommunityReports(ctx, c.AccountID)
	if err != nil || len(rs) != 1 || rs[0].URI != r.URI {
		t.Fatalf("community reports: %v, %v", rs, err)
	}
	if id, err := w.s.CommunityOfPost(ctx, st.ID); err != nil || id != c.AccountID {
		t.Fatalf("community of post: %q, %v", id, err)
	}
}
