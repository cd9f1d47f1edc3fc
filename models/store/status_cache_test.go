package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// homeOf is name's home as the timeline endpoint reads it (twice: the
// second read answers from the status cache).
func (w *world) homeOf(name string) []*models.Status {
	w.t.Helper()
	var sts []*models.Status
	for range 2 {
		var err error
		if sts, _, err = w.s.Home(ctx, w.id(name), store.Page{Limit: 40}); err != nil {
			w.t.Fatalf("home of %s: %v", name, err)
		}
	}
	return sts
}

func statusIn(sts []*models.Status, id string) *models.Status {
	for _, st := range sts {
		if st.ID == id {
			return st
		}
	}
	return nil
}

// TestHomeStatusCache checks that home pages, which complete statuses from
// the status cache, answer what StatusesByIDs and LoadMedia load (mentions,
// tags, media, reblogs, counters), and show every change at once: edits
// (also one that keeps updated_at, which only the invalidation catches),
// new media, counters and replies.
func TestHomeStatusCache(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol", "dave")
	w.follow("bob", "alice")
	w.follow("bob", "carol")
	m := w.upload("alice")
	in := storeNew("with #parts @carol")
	in.Mentions, in.Tags, in.MediaIDs = []string{w.id("carol")}, []string{"Parts"}, []string{m.ID}
	withParts := w.post("alice", in)
	plain := w.post("alice", storeNew("plain"))
	davesIn := storeNew("dave's, with #parts")
	davesIn.Tags = []string{"parts"}
	daves := w.post("dave", davesIn)
	if _, err := w.s.Reblog(ctx, w.id("carol"), daves.ID, store.ReblogOptions{}); err != nil {
		t.Fatal(err)
	}

	same := func(when string) {
		t.Helper()
		got := w.homeOf("bob")
		want, err := w.s.StatusesByIDs(ctx, ids(got))
		if err != nil {
			t.Fatal(err)
		}
		if err := w.s.LoadMedia(ctx, want...); err != nil {
			t.Fatal(err)
		}
		if len(got) < 3 {
			t.Fatalf("%s: home has %d statuses, want 3 or more", when, len(got))
		}
		if d := cmp.Diff(want, got, cmpopts.EquateEmpty(), cmpopts.EquateApproxTime(0)); d != "" {
			t.Errorf("%s: home differs from StatusesByIDs (-want +got):\n%s", when, d)
		}
	}
	same("first")
	if st := statusIn(w.homeOf("bob"), withParts.ID); st == nil || len(st.Mentions) != 1 || len(st.Tags) != 1 || len(st.Media) != 1 {
		t.Fatalf("status with parts: %+v", st)
	}

	// A favourite and a reply change the counters; bob sees them at once,
	// also on the original of a reblog.
	if _, err := w.s.Favourite(ctx, w.id("bob"), plain.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Favourite(ctx, w.id("alice"), daves.ID, ""); err != nil {
		t.Fatal(err)
	}
	var reblog *models.Status
	for _, st := range w.homeOf("bob") {
		if st.ReblogOfID == daves.ID {
			reblog = st
		}
	}
	if reblog == nil || reblog.Reblog == nil || reblog.Reblog.FavouritesCount != 1 || len(reblog.Reblog.Tags) != 1 {
		t.Errorf("reblog after a favourite of its original: %+v", reblog)
	}
	reply := storeNew("a reply")
	reply.InReplyToID = plain.ID
	w.post("carol", reply)
	if st := statusIn(w.homeOf("bob"), plain.ID); st == nil || st.FavouritesCount != 1 || st.RepliesCount != 1 {
		t.Errorf("counters after a favourite and a reply: %+v", st)
	}

	// An edit with new text, tags, mentions and media.
	m2 := w.upload("alice")
	if _, err := w.s.UpdateStatus(ctx, withParts.ID, store.StatusUpdate{Content: "<p>edited</p>", Text: "edited",
		Tags: []string{"other"}, MediaIDs: []string{m2.ID}}); err != nil {
		t.Fatal(err)
	}
	st := statusIn(w.homeOf("bob"), withParts.ID)
	if st == nil || st.Content != "<p>edited</p>" || len(st.Mentions) != 0 || len(st.Tags) != 1 || st.Tags[0].Name != "other" ||
		len(st.Media) != 1 || st.Media[0].ID != m2.ID {
		t.Errorf("after an edit: %+v", st)
	}
	same("after an edit")

	// An edit that keeps updated_at (a remote Update carrying the same
	// time): only the invalidation in UpdateStatus can tell.
	if _, err := w.s.UpdateStatus(ctx, withParts.ID, store.StatusUpdate{Content: "<p>again</p>", Text: "again",
		EditedAt: st.UpdatedAt}); err != nil {
		t.Fatal(err)
	}
	if st := statusIn(w.homeOf("bob"), withParts.ID); st == nil || st.Content != "<p>again</p>" {
		t.Errorf("after an edit keeping updated_at: %+v", st)
	}
	same("after the second edit")

	// A status gone since it was cached is not shown.
	if _, err := w.s.DeleteStatus(ctx, withParts.ID); err != nil {
		t.Fatal(err)
	}
	if st := statusIn(w.homeOf("bob"), withParts.ID); st != nil {
		t.Error("a deleted status is still in the home")
	}
}

// TestStatusExtrasStatsCache checks that the account counters that home
// pages render (StatusExtras, through the stats cache) show every change
// at once: posting, following, and deleting a status a cached account
// reblogged.
func TestStatusExtrasStatsCache(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol")
	st := w.post("alice", storeNew("one"))
	if _, err := w.s.Reblog(ctx, w.id("carol"), st.ID, store.ReblogOptions{}); err != nil {
		t.Fatal(err)
	}
	stats := func() (alice, carol models.AccountStats) {
		t.Helper()
		var x store.StatusExtras
		for range 2 { // the second answers from the cache
			var err error
			if x, err = w.s.StatusExtras(ctx, w.id("bob"), []string{w.id("alice"), w.id("carol")}, nil, time.Time{}); err != nil {
				t.Fatal(err)
			}
		}
		return x.Stats[w.id("alice")], x.Stats[w.id("carol")]
	}
	if a, c := stats(); a.StatusesCount != 1 || a.FollowersCount != 0 || c.StatusesCount != 1 {
		t.Fatalf("before: alice %+v, carol %+v", a, c)
	}
	w.post("alice", storeNew("two"))
	w.follow("bob", "alice")
	if a, _ := stats(); a.StatusesCount != 2 || a.FollowersCount != 1 || a.LastStatusAt == nil {
		t.Errorf("after a post and a follow: alice %+v", a)
	}
	// Past the poison of their last writes, both are cached again; then
	// deleting alice's status uncounts carol's reblog of it.
	store.ShiftCacheClocks(w.s, 2*time.Minute)
	if a, c := stats(); a.StatusesCount != 2 || c.StatusesCount != 1 {
		t.Fatalf("later: alice %+v, carol %+v", a, c)
	}
	if _, err := w.s.DeleteStatus(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	if a, c := stats(); a.StatusesCount != 1 || c.StatusesCount != 0 {
		t.Errorf("after deleting the reblogged status: alice %+v, carol %+v", a, c)
	}
}
