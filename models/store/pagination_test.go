package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// pager reads one page of some newest-first list.
type pager func(p store.Page) ([]*models.Status, store.PageInfo, error)

func TestPagination45(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	w.follow("bob", "alice")
	var all []string // newest first
	for i := 0; i < 45; i++ {
		all = append([]string{w.post("alice", storeNew("n")).ID}, all...)
	}
	lists := map[string]pager{
		"account": func(p store.Page) ([]*models.Status, store.PageInfo, error) {
			return w.s.AccountStatuses(ctx, "", w.id("alice"), store.AccountStatusesFilter{}, p)
		},
		"home": func(p store.Page) ([]*models.Status, store.PageInfo, error) { return w.s.Home(ctx, w.id("bob"), p) },
		"public": func(p store.Page) ([]*models.Status, store.PageInfo, error) {
			return w.s.Public(ctx, "", store.PublicFilter{Local: true}, p)
		},
	}
	for name, list := range lists {
		t.Run(name, func(t *testing.T) {
			if got := walk(t, list, store.Page{Limit: 20}, []int{20, 20, 5}); !slices.Equal(got, all) {
				t.Fatalf("max_id walk = %v\nwant %v", got, all)
			}
			if got := walk(t, list, store.Page{Limit: 20, MinID: "0"}, []int{20, 20, 5, 0}); !slices.Equal(got, all) {
				t.Fatalf("min_id walk = %v\nwant %v", got, all)
			}
			for _, c := range []struct {
				p    store.Page
				want []string
			}{
				{store.Page{Limit: 5, SinceID: all[20]}, all[:5]},  // the newest above
				{store.Page{Limit: 5, MinID: all[20]}, all[15:20]}, // the oldest above
				{store.Page{MaxID: all[10], SinceID: all[14]}, all[11:14]},
				{store.Page{MaxID: strings.ToLower(all[43])}, all[44:]}, // ids are case-insensitive
			} {
				page, _, err := list(c.p)
				if err != nil || !slices.Equal(ids(page), c.want) {
					t.Errorf("%+v: %v (%v), want %v", c.p, ids(page), err, c.want)
				}
			}
		})
	}
}

// walk follows a list's pages from p: towards older pages (Link next,
// max_id) or, when p has a MinID, towards newer ones (Link prev, min_id).
// It checks each page's size and returns every id seen, newest first.
func walk(t *testing.T, list pager, p store.Page, sizes []int) []string {
	t.Helper()
	var got []string
	for _, want := range sizes {
		page, info, err := list(p)
		if err != nil || len(page) != want {
			t.Fatalf("page %+v: %d statuses, err %v; want %d", p, len(page), err, want)
		}
		if p.MinID != "" {
			got = append(ids(page), got...)
			p.MinID = info.PrevMinID
		} else {
			got = append(got, ids(page)...)
			p.MaxID = info.NextMaxID
		}
	}
	return got
}

func TestPageLimits(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	for i := 0; i < 45; i++ {
		w.post("alice", storeNew("n"))
	}
	for _, c := range []struct{ limit, want int }{{0, 20}, {-3, 20}, {7, 7}, {40, 40}, {100, 40}} {
		page, info, err := w.s.AccountStatuses(ctx, "", w.id("alice"), store.AccountStatusesFilter{}, store.Page{Limit: c.limit})
		if err != nil || len(page) != c.want {
			t.Errorf("limit %d: %d statuses (%v), want %d", c.limit, len(page), err, c.want)
		}
		if info.NextMaxID != page[len(page)-1].ID || info.PrevMinID != page[0].ID {
			t.Errorf("limit %d: page info %+v", c.limit, info)
		}
	}
	page, info, err := w.s.AccountStatuses(ctx, "", w.id("alice"), store.AccountStatusesFilter{}, store.Page{MaxID: "0"})
	if err != nil || len(page) != 0 || info != (store.PageInfo{}) {
		t.Errorf("empty page: %v %+v %v", page, info, err)
	}
}
