package store_test

import (
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// count counts rows of table matching where (with args).
func (w *world) count(table, where string, args ...any) int {
	w.t.Helper()
	n, err := w.s.DB().NewSelect().TableExpr(table).Where(where, args...).Count(ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	return int(n)
}

func (w *world) status(id string) *models.Status {
	w.t.Helper()
	st, err := w.s.StatusByID(ctx, id)
	if err != nil {
		w.t.Fatalf("status %s: %v", id, err)
	}
	return st
}

func TestCreateStatusLoadsEverything(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	in := storeNew("hi @bob #Knowledge #knowledge #Go")
	in.Mentions, in.Tags, in.Language = []string{w.id("bob"), w.id("bob")}, []string{"#Knowledge", "knowledge", "Go"}, "en"
	st := w.post("alice", in)
	if st.URI != "https://stoa.test/users/alice/statuses/"+st.ID || st.URL != "https://stoa.test/@alice/"+st.ID {
		t.Errorf("uri %s url %s", st.URI, st.URL)
	}
	if !st.Local || st.ThreadID != st.ID || st.Visibility != models.VisibilityPublic || st.ContentType != models.ContentTypePlain {
		t.Errorf("defaults wrong: %+v", st)
	}
	if st.Account == nil || st.Account.Username != "alice" {
		t.Errorf("account not loaded: %+v", st.Account)
	}
	if len(st.Mentions) != 1 || st.Mentions[0].Account == nil || st.Mentions[0].Account.Username != "bob" {
		t.Errorf("mentions = %+v", st.Mentions)
	}
	var names []string
	for _, tg := range st.Tags {
		names = append(names, tg.Name+"/"+tg.DisplayName)
	}
	if !slices.Equal(names, []string{"go/Go", "knowledge/Knowledge"}) {
		t.Errorf("tags = %v", names)
	}
	if tag, err := w.s.TagByName(ctx, "#KNOWLEDGE"); err != nil || tag.DisplayName != "Knowledge" {
		t.Errorf("tag by name: %+v %v", tag, err)
	}
}

func TestIdempotency(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	in := storeNew("once")
	in.IdempotencyKey = "k1"
	first := w.post("alice", in)
	in.Text, in.Content = "twice", "<p>twice</p>"
	again := w.post("alice", in)
	if again.ID != first.ID || again.Text != "once" {
		t.Errorf("reused key made %s (%q), want %s", again.ID, again.Text, first.ID)
	}
	other := w.post("bob", in) // keys are per account
	if other.ID == first.ID {
		t.Errorf("another account's key returned alice's status")
	}
	if n := w.count("statuses", "account_id = ?", w.id("alice")); n != 1 {
		t.Errorf("alice has %d statuses, want 1", n)
	}
	// A remote status stored twice (federation redelivers) is stored once.
	remote := store.NewStatus{URI: first.URI, Content: "dup"}
	if dup := w.post("bob", remote); dup.ID != first.ID {
		t.Errorf("same uri stored twice: %s vs %s", dup.ID, first.ID)
	}
}

func TestIdempotencyUnderConcurrency(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	got := make(chan string, 8)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := storeNew("same")
			in.AccountID, in.IdempotencyKey = w.id("alice"), "race"
			st, err := w.s.CreateStatus(ctx, in)
			if err != nil {
				t.Errorf("create: %v", err)
				return
			}
			got <- st.ID
		}()
	}
	wg.Wait()
	close(got)
	first := ""
	for id := range got {
		if first == "" {
			first = id
		}
		if id != first {
			t.Errorf("concurrent posts with one key made %s and %s", first, id)
		}
	}
	if n := w.count("statuses", "account_id = ?", w.id("alice")); n != 1 {
		t.Errorf("%d statuses stored, want 1", n)
	}
}

func TestCountersFavouriteReblogReply(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol")
	st := w.post("alice", storeNew("popular"))
	reply := storeNew("re")
	reply.InReplyToID = st.ID
	w.post("carol", reply)
	for _, who := range []string{"bob", "carol", "bob"} { // bob twice: no change
		if _, err := w.s.Favourite(ctx, w.id(who), st.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	r, err := w.s.Reblog(ctx, w.id("bob"), st.ID, store.ReblogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := w.s.Reblog(ctx, w.id("bob"), r.ID, store.ReblogOptions{}); again == nil || again.ID != r.ID {
		t.Errorf("reblogging again (via the reblog) made a new reblog")
	}
	got := w.status(st.ID)
	if got.FavouritesCount != 2 || got.ReblogsCount != 1 || got.RepliesCount != 1 {
		t.Errorf("counts fav %d reblog %d replies %d, want 2 1 1", got.FavouritesCount, got.ReblogsCount, got.RepliesCount)
	}
	if _, err := w.s.Unfavourite(ctx, w.id("carol"), st.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Unfavourite(ctx, w.id("carol"), st.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("second unfavourite: %v, want ErrNotFound", err)
	}
	if got := w.status(st.ID); got.FavouritesCount != 1 {
		t.Errorf("after unfavourite: %d favourites, want 1", got.FavouritesCount)
	}
	stats, _ := w.s.AccountStats(ctx, w.id("alice"), w.id("bob"), w.id("carol"))
	if stats[w.id("alice")].StatusesCount != 1 || stats[w.id("bob")].StatusesCount != 1 ||
		stats[w.id("carol")].StatusesCount != 1 || stats[w.id("alice")].LastStatusAt == nil {
		t.Errorf("stats: %+v", stats)
	}
}

func TestDeleteCascades(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol")
	w.follow("bob", "alice")
	in := storeNew("doomed @carol")
	in.Mentions, in.Tags = []string{w.id("carol")}, []string{"gone"}
	st := w.post("alice", in)
	reply := storeNew("re")
	reply.InReplyToID = st.ID
	re := w.post("carol", reply)
	r, err := w.s.Reblog(ctx, w.id("bob"), st.ID, store.ReblogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Favourite(ctx, w.id("bob"), st.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Bookmark(ctx, w.id("carol"), st.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Pin(ctx, w.id("alice"), st.ID); err != nil {
		t.Fatal(err)
	}
	deleted, err := w.s.DeleteStatus(ctx, st.ID)
	if err != nil || deleted.Text != "doomed @carol" || deleted.Account == nil || len(deleted.Mentions) != 1 {
		t.Fatalf("delete returned %+v, %v", deleted, err)
	}
	if _, err := w.s.StatusByID(ctx, r.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("reblog of a deleted status survived: %v", err)
	}
	for _, table := range []string{"favourites", "bookmarks", "pins", "home_timeline", "notifications", "mentions", "status_tags"} {
		if n := w.count(table, "status_id IN (?, ?)", st.ID, r.ID); n != 0 {
			t.Errorf("%s: %d rows left for the deleted status or its reblog", table, n)
		}
	}
	stats, _ := w.s.AccountStats(ctx, w.id("alice"), w.id("bob"))
	if stats[w.id("alice")].StatusesCount != 0 || stats[w.id("bob")].StatusesCount != 0 {
		t.Errorf("stats after delete: %+v", stats)
	}
	if got := w.status(re.ID); got.InReplyToID != st.ID {
		t.Errorf("the reply should stay, pointing at the deleted id")
	}
	if _, err := w.s.DeleteStatus(ctx, st.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

func TestUnreblogAndReplyCounters(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	st := w.post("alice", storeNew("x"))
	r, err := w.s.Reblog(ctx, w.id("bob"), st.ID, store.ReblogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := w.count("notifications", "activity_id = ?", r.ID); n != 1 {
		t.Errorf("reblog notifications: %d", n)
	}
	un, err := w.s.Unreblog(ctx, w.id("bob"), st.ID)
	if err != nil || un.ID != r.ID {
		t.Fatalf("unreblog: %+v %v", un, err)
	}
	if got := w.status(st.ID); got.ReblogsCount != 0 {
		t.Errorf("reblogs_count after unreblog = %d", got.ReblogsCount)
	}
	if n := w.count("notifications", "activity_id = ?", r.ID); n != 0 {
		t.Errorf("reblog notification survived unreblog")
	}
	in := storeNew("re")
	in.InReplyToID = st.ID
	re := w.post("bob", in)
	if _, err := w.s.DeleteStatus(ctx, re.ID); err != nil {
		t.Fatal(err)
	}
	if got := w.status(st.ID); got.RepliesCount != 0 {
		t.Errorf("replies_count after deleting the reply = %d", got.RepliesCount)
	}
}

func TestReblogRules(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	w.follow("bob", "alice")
	for _, c := range []struct {
		vis     models.Visibility
		by      string
		wantErr error
	}{
		{models.VisibilityPrivate, "bob", models.ErrInvalid},
		{models.VisibilityPrivate, "alice", nil},
		{models.VisibilityDirect, "alice", models.ErrInvalid},
	} {
		in := storeNew("x")
		in.Visibility = c.vis
		st := w.post("alice", in)
		r, err := w.s.Reblog(ctx, w.id(c.by), st.ID, store.ReblogOptions{})
		if !errors.Is(err, c.wantErr) {
			t.Errorf("%s reblogs %s: %v, want %v", c.by, c.vis, err, c.wantErr)
		}
		if err == nil && r.Visibility != models.VisibilityPrivate {
			t.Errorf("self-reblog of a private status is %s", r.Visibility)
		}
	}
}

func TestEditKeepsHistory(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol")
	st := w.post("alice", storeNew("v1"))
	if _, err := w.s.Reblog(ctx, w.id("bob"), st.ID, store.ReblogOptions{}); err != nil {
		t.Fatal(err)
	}
	h, _ := w.s.StatusHistory(ctx, st.ID)
	if len(h) != 1 || h[0].Content != "<p>v1</p>" {
		t.Errorf("history before any edit: %+v", h)
	}
	up, err := w.s.UpdateStatus(ctx, st.ID, store.StatusUpdate{Content: "<p>v2</p>", Text: "v2",
		SpoilerText: "cw", Mentions: []string{w.id("carol")}, Tags: []string{"new"}})
	if err != nil {
		t.Fatal(err)
	}
	if up.Text != "v2" || up.EditedAt == nil || up.SpoilerText != "cw" || len(up.Mentions) != 1 || len(up.Tags) != 1 {
		t.Errorf("edited status: %+v", up)
	}
	h, _ = w.s.StatusHistory(ctx, st.ID)
	if len(h) != 2 || h[0].Content != "<p>v1</p>" || h[1].Content != "<p>v2</p>" || h[1].SpoilerText != "cw" {
		t.Errorf("history after one edit: %+v", h)
	}
	if n := w.count("notifications", "account_id = ? AND type = 'update'", w.id("bob")); n != 1 {
		t.Errorf("rebloggers got %d update notifications, want 1", n)
	}
	if n := w.count("notifications", "account_id = ? AND type = 'mention'", w.id("carol")); n != 1 {
		t.Errorf("newly mentioned got %d mention notifications, want 1", n)
	}
}

func TestContextOrderAndOrphans(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	reply := func(who string, parent *models.Status) *models.Status {
		in := storeNew("re")
		in.InReplyToID = parent.ID
		return w.post(who, in)
	}
	root := w.post("alice", storeNew("root"))
	a := reply("bob", root)
	b := reply("alice", root)
	a1 := reply("alice", a)
	a1x := reply("bob", a1)
	a2 := reply("bob", a)
	c, err := w.s.Context(ctx, "", a1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(c.Ancestors); !slices.Equal(got, []string{root.ID, a.ID}) {
		t.Errorf("ancestors = %v", got)
	}
	if got := ids(c.Descendants); !slices.Equal(got, []string{a1x.ID}) {
		t.Errorf("descendants of a1 = %v", got)
	}
	c, _ = w.s.Context(ctx, "", root.ID)
	if got, want := ids(c.Descendants), []string{a.ID, a1.ID, a1x.ID, a2.ID, b.ID}; !slices.Equal(got, want) {
		t.Errorf("descendants of root = %v, want depth first %v", got, want)
	}
	// A remote reply that arrives before its parent joins the thread later.
	orphan := w.post("bob", store.NewStatus{URI: "https://remote.test/n/2", Content: "early",
		InReplyToURI: "https://stoa.test/users/alice/statuses/late"})
	if orphan.InReplyToID != "" || orphan.ThreadID != orphan.ID {
		t.Fatalf("orphan: %+v", orphan)
	}
	late := w.post("alice", store.NewStatus{URI: "https://stoa.test/users/alice/statuses/late", InReplyToID: b.ID})
	c, _ = w.s.Context(ctx, "", orphan.ID)
	if got := ids(c.Ancestors); !slices.Equal(got, []string{root.ID, b.ID, late.ID}) {
		t.Errorf("adopted orphan's ancestors = %v", got)
	}
	if got := w.status(late.ID); got.RepliesCount != 1 {
		t.Errorf("parent's replies_count after adoption = %d", got.RepliesCount)
	}
}

// TestConcurrentWritersColdCache: more writers than pool connections on a
// fresh store (no statement prepared yet). The one holding the write lock
// must never need a second connection, which the others, queued behind
// its lock, would be holding (a deadlock until busy_timeout).
func TestConcurrentWritersColdCache(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			in := storeNew("many writers")
			in.AccountID = w.id("alice")
			if _, err := w.s.CreateStatus(ctx, in); err != nil {
				t.Errorf("create: %v", err)
			}
		})
	}
	wg.Wait()
	if n := w.count("statuses", "account_id = ?", w.id("alice")); n != 16 {
		t.Errorf("alice has %d statuses, want 16", n)
	}
}
