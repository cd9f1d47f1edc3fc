package store_test

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

func TestDomainBlockCRUD(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	b := &models.DomainBlock{Domain: " Example.COM ", PublicComment: "spam"}
	if _, err := s.CreateDomainBlock(ctx, b); err != nil {
		t.Fatal(err)
	}
	if b.Domain != "example.com" || b.Severity != models.SeveritySilence || b.ID == "" {
		t.Fatalf("created %+v", b)
	}
	if _, err := s.CreateDomainBlock(ctx, &models.DomainBlock{Domain: "EXAMPLE.com"}); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("duplicate: %v", err)
	}
	for _, bad := range []*models.DomainBlock{{Domain: ""}, {Domain: "x y"}, {Domain: "a.example", Severity: "noop"}} {
		if _, err := s.CreateDomainBlock(ctx, bad); !errors.Is(err, models.ErrInvalid) {
			t.Fatalf("%+v: %v", bad, err)
		}
	}
	got, err := s.DomainBlockByDomain(ctx, "example.com.")
	if err != nil || got.ID != b.ID || got.PublicComment != "spam" {
		t.Fatalf("by domain: %+v %v", got, err)
	}
	got.Severity, got.Obfuscate, got.Domain = models.SeveritySuspend, true, "other.example"
	if _, err := s.UpdateDomainBlock(ctx, got); err != nil {
		t.Fatal(err)
	}
	got, err = s.DomainBlockByID(ctx, b.ID)
	if err != nil || !got.Suspends() || !got.Obfuscate || got.Domain != "example.com" {
		t.Fatalf("after update (domain must not change): %+v %v", got, err)
	}
	second := &models.DomainBlock{Domain: "second.example", Severity: models.SeveritySuspend}
	if _, err := s.CreateDomainBlock(ctx, second); err != nil {
		t.Fatal(err)
	}
	list, _, err := s.ListDomainBlocks(ctx, store.Page{})
	if err != nil || len(list) != 2 || list[0].ID != second.ID {
		t.Fatalf("list: %v %v", list, err)
	}
	if page, _, err := s.ListDomainBlocks(ctx, store.Page{MaxID: second.ID}); err != nil || len(page) != 1 || page[0].ID != b.ID {
		t.Fatalf("page below %s: %v %v", second.ID, page, err)
	}
	if del, err := s.DeleteDomainBlock(ctx, b.ID); err != nil || del.Domain != "example.com" {
		t.Fatalf("delete: %+v %v", del, err)
	}
	if _, err := s.DeleteDomainBlock(ctx, b.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("delete again: %v", err)
	}
	if blk, err := s.DomainBlockFor(ctx, "sub.example.com"); err != nil || blk != nil {
		t.Fatalf("deleted block still matches: %+v %v", blk, err)
	}
	if blk, err := s.DomainBlockFor(ctx, "a.second.example:443"); err != nil || blk == nil || blk.ID != second.ID {
		t.Fatalf("subdomain lookup: %+v %v", blk, err)
	}
}

// TestDomainBlockCacheSeesOtherStore: a block written through another
// Store (another process, such as stoa admin) is seen by a Store that has
// already cached the list once DomainBlockRecheck has passed; its own
// writes it sees at once.
func TestDomainBlockCacheSeesOtherStore(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t)
	open := func() *store.Store {
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		return s
	}
	server, admin := open(), open()
	var clock atomic.Int64
	clock.Store(time.Now().UnixNano())
	store.SetDomainBlockClock(server, func() time.Time { return time.Unix(0, clock.Load()) })
	step := func() { clock.Add(int64(store.DomainBlockRecheck + time.Millisecond)) }

	if suspended, err := server.IsHostSuspended(ctx, "b.example"); err != nil || suspended {
		t.Fatalf("before any block: %v %v", suspended, err)
	}
	b := &models.DomainBlock{Domain: "b.example", Severity: models.SeveritySuspend}
	if _, err := admin.CreateDomainBlock(ctx, b); err != nil {
		t.Fatal(err)
	}
	step()
	if suspended, err := server.IsHostSuspended(ctx, "x.b.example"); err != nil || !suspended {
		t.Fatalf("server does not see the admin's block: %v %v", suspended, err)
	}
	if _, err := admin.DeleteDomainBlock(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	step()
	if suspended, err := server.IsHostSuspended(ctx, "b.example"); err != nil || suspended {
		t.Fatalf("server does not see the unblock: %v %v", suspended, err)
	}
	// Its own write is seen without waiting.
	if _, err := server.CreateDomainBlock(ctx, &models.DomainBlock{Domain: "c.example", Severity: models.SeveritySuspend}); err != nil {
		t.Fatal(err)
	}
	if suspended, err := server.IsHostSuspended(ctx, "c.example"); err != nil || !suspended {
		t.Fatalf("own write not seen: %v %v", suspended, err)
	}
}

// remoteOn stores a remote account on domain.
func remoteOn(t *testing.T, s *store.Store, name, domain string) *models.Account {
	t.Helper()
	a := &models.Account{Username: name, Domain: domain, ActorType: models.ActorPerson,
		URI: "https://" + domain + "/users/" + name, InboxURI: "https://" + domain + "/users/" + name + "/inbox"}
	if err := s.PutRemoteAccount(ctx, a, time.Now()); err != nil {
		t.Fatalf("remote %s: %v", name, err)
	}
	return a
}

// remotePost stores a public status by a remote account.
func remotePost(t *testing.T, s *store.Store, a *models.Account, text string) *models.Status {
	t.Helper()
	id := models.NewID()
	st, err := s.CreateStatus(ctx, store.NewStatus{AccountID: a.ID, URI: a.URI + "/statuses/" + id,
		URL: a.URI + "/" + id, Text: text, Content: "<p>" + text + "</p>"})
	if err != nil {
		t.Fatalf("post by %s: %v", a.Username, err)
	}
	return st
}

func publicIDs(t *testing.T, s *store.Store) []string {
	t.Helper()
	sts, _, err := s.Public(ctx, "", store.PublicFilter{}, store.Page{Limit: 40})
	if err != nil {
		t.Fatal(err)
	}
	return ids(sts)
}

// TestSuspendSeversDomain: a suspend block ends follows both ways with the
// domain's accounts (counters too), takes their statuses out of home
// timelines, and hides them from the public timeline and search.
func TestSuspendSeversDomain(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	dan := remoteOn(t, w.s, "dan", "sub.bad.example:8443")
	eve := remoteOn(t, w.s, "eve", "good.example")
	w.by["dan"], w.by["eve"] = dan, eve
	w.follow("alice", "dan") // a request to a remote account...
	if _, err := w.s.AuthorizeFollowRequest(ctx, dan.ID, w.id("alice")); err != nil {
		t.Fatal(err) // ...that dan's server accepts
	}
	w.follow("dan", "bob")   // a remote follower of an unlocked local account
	w.follow("alice", "eve") // a pending request that stays
	w.follow("eve", "alice")
	danPost := remotePost(t, w.s, dan, "from dan")
	evePost := remotePost(t, w.s, eve, "from eve")
	if !has(w.home("alice"), danPost.ID) || !has(publicIDs(t, w.s), danPost.ID) {
		t.Fatal("setup: dan's post is not in alice's home or the public timeline")
	}

	sev, err := w.s.CreateDomainBlock(ctx, &models.DomainBlock{Domain: "bad.example", Severity: models.SeveritySuspend})
	if err != nil {
		t.Fatal(err)
	}
	if sev.Follows != 2 || sev.Requests != 0 {
		t.Fatalf("severed %+v, want 2 follows", sev)
	}
	for _, pair := range [][2]string{{"alice", "dan"}, {"dan", "bob"}} {
		if _, err := w.s.FollowBetween(ctx, w.id(pair[0]), w.id(pair[1])); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("follow %s -> %s survived: %v", pair[0], pair[1], err)
		}
	}
	if _, err := w.s.FollowBetween(ctx, eve.ID, w.id("alice")); err != nil {
		t.Errorf("eve's follow was severed: %v", err)
	}
	stats, err := w.s.AccountStats(ctx, w.id("alice"), w.id("bob"))
	if err != nil || stats[w.id("alice")].FollowingCount != 0 || stats[w.id("bob")].FollowersCount != 0 {
		t.Errorf("counters after severing: %+v %v", stats, err)
	}
	if home := w.home("alice"); has(home, danPost.ID) {
		t.Errorf("dan's post still in alice's home: %v", home)
	}
	if pub := publicIDs(t, w.s); has(pub, danPost.ID) || !has(pub, evePost.ID) {
		t.Errorf("public timeline %v: want eve's %s and not dan's %s", pub, evePost.ID, danPost.ID)
	}
	found, err := w.s.SearchAccounts(ctx, store.AccountSearch{Username: "dan", AnyDomain: true, ViewerID: w.id("alice")})
	if err != nil || len(found) != 0 {
		t.Errorf("search finds %v %v", found, err)
	}
	sts, _, err := w.s.SearchStatuses(ctx, store.StatusSearch{ViewerID: w.id("alice"), Words: []string{"from"}}, store.Page{})
	if err != nil || len(sts) != 1 || sts[0].ID != evePost.ID {
		t.Errorf("status search: %v %v", ids(sts), err)
	}
}

// TestSilenceHidesAndHoldsFollows: a silenced domain's posts leave the
// public timeline, and its accounts' follows of local accounts wait for
// approval; nothing is severed.
func TestSilenceHidesAndHoldsFollows(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	dan := remoteOn(t, w.s, "dan", "quiet.example")
	w.by["dan"] = dan
	w.follow("dan", "alice")
	post := remotePost(t, w.s, dan, "hello")
	if _, err := w.s.CreateDomainBlock(ctx, &models.DomainBlock{Domain: "QUIET.example"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.FollowBetween(ctx, dan.ID, w.id("alice")); err != nil {
		t.Errorf("silence severed a follow: %v", err)
	}
	if has(publicIDs(t, w.s), post.ID) {
		t.Error("silenced post in the public timeline")
	}
	res, err := w.s.Follow(ctx, dan.ID, w.id("bob"), store.FollowOptions{URI: dan.URI + "#follow"})
	if err != nil || res.Request == nil || res.Follow != nil {
		t.Fatalf("follow from a silenced domain: %+v %v, want a request", res, err)
	}
}
