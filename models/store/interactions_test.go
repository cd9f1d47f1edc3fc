package store_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

func TestPins(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	var sts []*models.Status
	for i := 0; i < 6; i++ {
		sts = append(sts, w.post("alice", storeNew("s")))
	}
	for i := 0; i < 5; i++ {
		if _, err := w.s.Pin(ctx, w.id("alice"), sts[i].ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.s.Pin(ctx, w.id("alice"), sts[0].ID); err != nil {
		t.Errorf("pinning again: %v", err)
	}
	if _, err := w.s.Pin(ctx, w.id("alice"), sts[5].ID); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("sixth pin: %v", err)
	}
	if _, err := w.s.Pin(ctx, w.id("bob"), sts[5].ID); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("pinning someone else's: %v", err)
	}
	pinned, _, _ := w.s.AccountStatuses(ctx, "", w.id("alice"), store.AccountStatusesFilter{Pinned: true}, store.Page{})
	if len(pinned) != 5 || pinned[0].ID != sts[4].ID {
		t.Errorf("pinned: %v", ids(pinned))
	}
	mine, _ := w.s.StatusViewers(ctx, w.id("alice"), sts[:1])
	if !mine[sts[0].ID].Pinned {
		t.Errorf("author's viewer state lacks pinned: %+v", mine)
	}
	if err := w.s.Unpin(ctx, w.id("alice"), sts[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Pin(ctx, w.id("alice"), sts[5].ID); err != nil {
		t.Errorf("pin after unpin: %v", err)
	}
}

func TestBookmarksFavouritesLists(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	var sts []*models.Status
	for i := 0; i < 4; i++ {
		sts = append(sts, w.post("alice", storeNew("s")))
	}
	for _, st := range []*models.Status{sts[1], sts[3]} {
		if _, err := w.s.Bookmark(ctx, w.id("bob"), st.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.Favourite(ctx, w.id("bob"), st.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.s.Bookmark(ctx, w.id("bob"), sts[1].ID); err != nil {
		t.Errorf("bookmarking again: %v", err)
	}
	bm, _, _ := w.s.Bookmarks(ctx, w.id("bob"), store.Page{})
	fv, _, _ := w.s.Favourites(ctx, w.id("bob"), store.Page{})
	if want := []string{sts[3].ID, sts[1].ID}; !slices.Equal(ids(bm), want) || !slices.Equal(ids(fv), want) {
		t.Errorf("bookmarks %v favourites %v, want %v", ids(bm), ids(fv), want)
	}
	by, _, _ := w.s.FavouritedBy(ctx, sts[1].ID, store.Page{})
	if len(by) != 1 || by[0].ID != w.id("bob") {
		t.Errorf("favourited by: %v", by)
	}
	if err := w.s.MuteConversation(ctx, w.id("bob"), sts[1].ID); err != nil {
		t.Fatal(err)
	}
	v, err := w.s.StatusViewers(ctx, w.id("bob"), bm)
	if err != nil {
		t.Fatal(err)
	}
	if got := v[sts[1].ID]; got != (models.StatusViewer{Favourited: true, Bookmarked: true, Muted: true}) {
		t.Errorf("viewer state of sts[1]: %+v", got)
	}
	if err := w.s.Unbookmark(ctx, w.id("bob"), sts[1].ID); err != nil {
		t.Fatal(err)
	}
	if bm, _, _ = w.s.Bookmarks(ctx, w.id("bob"), store.Page{}); len(bm) != 1 {
		t.Errorf("after unbookmark: %v", ids(bm))
	}
}
