package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// remoteAccount stores a remote account through PutRemoteAccount.
func remoteAccount(t *testing.T, s *store.Store, name string) *models.Account {
	t.Helper()
	a := &models.Account{Username: name, Domain: "remote.example", ActorType: models.ActorPerson,
		URI: "https://remote.example/users/" + name, InboxURI: "https://remote.example/users/" + name + "/inbox"}
	if err := s.PutRemoteAccount(ctx, a, time.Now()); err != nil {
		t.Fatalf("remote %s: %v", name, err)
	}
	return a
}

func TestPutRemoteAccountUpserts(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	first := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	a := &models.Account{Username: "dan", Domain: "remote.example", URI: "https://remote.example/users/dan",
		DisplayName: "Dan", ActorType: models.ActorPerson, PrivateKeyPEM: "not kept"}
	if err := w.s.PutRemoteAccount(ctx, a, first); err != nil {
		t.Fatal(err)
	}
	id := a.ID
	b := &models.Account{Username: "dan", Domain: "remote.example", URI: a.URI, DisplayName: "Dan 2",
		ActorType: models.ActorPerson}
	if err := w.s.PutRemoteAccount(ctx, b, first.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, err := w.s.AccountByURI(ctx, a.URI)
	if err != nil || got.ID != id || b.ID != id || got.DisplayName != "Dan 2" || got.PrivateKeyPEM != "" {
		t.Fatalf("after update: %+v %v (first id %s)", got, err, id)
	}
	if at, err := w.s.AccountFetchedAt(ctx, id); err != nil || !at.Equal(first.Add(time.Hour)) {
		t.Fatalf("fetched at %v %v", at, err)
	}
	if _, err := w.s.AccountFetchedAt(ctx, w.id("alice")); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("local account has a fetch time: %v", err)
	}
	local := &models.Account{Username: "x", Domain: "remote.example", URI: w.by["alice"].URI}
	if err := w.s.PutRemoteAccount(ctx, local, first); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("overwrote a local account: %v", err)
	}
	clash := &models.Account{Username: "DAN", Domain: "remote.example", URI: "https://remote.example/other"}
	if err := w.s.PutRemoteAccount(ctx, clash, first); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("handle clash: %v", err)
	}
}

func TestDeleteRemoteAccount(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	dan := remoteAccount(t, w.s, "dan")
	w.by["dan"] = dan
	w.follow("alice", "dan") // a request: dan is remote
	if _, err := w.s.AuthorizeFollowRequest(ctx, dan.ID, w.id("alice")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Follow(ctx, dan.ID, w.id("alice"), store.FollowOptions{URI: dan.URI + "#f"}); err != nil {
		t.Fatal(err)
	}
	mine := w.post("alice", storeNew("mine"))
	if _, err := w.s.Favourite(ctx, dan.ID, mine.ID, dan.URI+"#like"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Reblog(ctx, dan.ID, mine.ID, store.ReblogOptions{URI: dan.URI + "#boost"}); err != nil {
		t.Fatal(err)
	}
	his := w.post("dan", store.NewStatus{URI: dan.URI + "/s/1", Content: "<p>his</p>"})
	if _, err := w.s.DeleteRemoteAccount(ctx, dan.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.AccountByID(ctx, dan.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("account left: %v", err)
	}
	if _, err := w.s.StatusByID(ctx, his.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("status left: %v", err)
	}
	st, _ := w.s.StatusByID(ctx, mine.ID)
	stats, _ := w.s.AccountStats(ctx, w.id("alice"))
	if st.FavouritesCount != 0 || st.ReblogsCount != 0 || stats[w.id("alice")].FollowersCount != 0 ||
		stats[w.id("alice")].FollowingCount != 0 {
		t.Fatalf("counters left: favourites %d reblogs %d stats %+v", st.FavouritesCount, st.ReblogsCount, stats)
	}
	if _, err := w.s.DeleteRemoteAccount(ctx, w.id("alice")); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("deleted a local account: %v", err)
	}
}

func TestInboxActivities(t *testing.T) {
	t.Parallel()
	s := newWorld(t).s
	id := "https://remote.example/a/1"
	if ok, err := s.InboxContains(ctx, id); ok || err != nil {
		t.Fatalf("empty inbox contains: %v %v", ok, err)
	}
	old := time.Now().Add(-72 * time.Hour)
	for _, inbox := range []string{"https://here/inbox", "https://here/users/alice/inbox"} {
		if err := s.PutInboxActivity(ctx, inbox, id, old); err != nil {
			t.Fatal(err)
		}
	}
	if ok, _ := s.InboxContains(ctx, id); !ok {
		t.Fatal("recorded activity not found")
	}
	if err := s.PutInboxActivity(ctx, "https://here/inbox", "https://remote.example/a/2", time.Now()); err != nil {
		t.Fatal(err)
	}
	if n, err := s.PruneInboxActivities(ctx, time.Now().Add(-48*time.Hour)); n != 1 || err != nil {
		t.Fatalf("pruned %d, %v; want 1", n, err)
	}
	if err := s.ForgetInboxActivity(ctx, "https://remote.example/a/2"); err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{id, "https://remote.example/a/2"} {
		if ok, _ := s.InboxContains(ctx, a); ok {
			t.Errorf("%s still recorded", a)
		}
	}
}

func TestReportsAndCollections(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	dan := remoteAccount(t, w.s, "dan")
	w.follow("bob", "alice")
	if _, err := w.s.Follow(ctx, dan.ID, w.id("alice"), store.FollowOptions{URI: dan.URI + "#f"}); err != nil {
		t.Fatal(err)
	}
	uris, err := w.s.FollowerURIs(ctx, w.id("alice"), 10)
	if err != nil || len(uris) != 2 || uris[0] != dan.URI || uris[1] != w.by["bob"].URI {
		t.Fatalf("followers: %v %v", uris, err)
	}
	if ok, _ := w.s.HasLocalFollowers(ctx, dan.ID); ok {
		t.Fatal("dan has no local followers")
	}
	if ok, _ := w.s.HasLocalFollowers(ctx, w.id("alice")); !ok {
		t.Fatal("alice has a local follower")
	}
	local, err := w.s.LocalAccountIDs(ctx, []string{dan.URI, w.by["bob"].URI, "https://x.example/u"})
	if err != nil || len(local) != 1 || local[w.by["bob"].URI] != w.id("bob") {
		t.Fatalf("local ids: %v %v", local, err)
	}
	st := w.post("alice", storeNew("reported"))
	for range 2 {
		r := &store.Report{URI: dan.URI + "#flag", AccountID: dan.ID, TargetAccountID: w.id("alice"), Comment: "spam"}
		if _, err := w.s.PutReport(ctx, r, []string{st.ID, st.ID}); err != nil {
			t.Fatal(err)
		}
	}
	rs, err := w.s.ReportsAbout(ctx, w.id("alice"))
	if err != nil || len(rs) != 1 || rs[0].Comment != "spam" || len(rs[0].Statuses()) != 1 {
		t.Fatalf("reports: %+v %v", rs, err)
	}
}

func TestStatusStored(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	bob := remoteAccount(t, w.s, "bob")
	uri := "https://remote.example/users/bob/statuses/1"
	if ok, err := w.s.StatusStored(ctx, uri); ok || err != nil {
		t.Fatalf("before: %v, %v", ok, err)
	}
	if _, err := w.s.CreateStatus(ctx, store.NewStatus{AccountID: bob.ID, URI: uri, Content: "<p>hi</p>",
		Visibility: models.VisibilityPublic}); err != nil {
		t.Fatal(err)
	}
	if ok, err := w.s.StatusStored(ctx, uri); !ok || err != nil {
		t.Fatalf("after: %v, %v", ok, err)
	}
	if ok, err := w.s.StatusStored(ctx, uri+"0"); ok || err != nil {
		t.Fatalf("another uri: %v, %v", ok, err)
	}
}
