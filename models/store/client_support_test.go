package store_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

func TestFiltersSaveAndKeywordChanges(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	kw := func(s string) *string { return &s }
	no := false
	f := &models.Filter{AccountID: w.id("alice"), Title: "spoilers", Context: models.FilterContexts{"home", "public"},
		Action: models.FilterHide}
	saved, err := w.s.SaveFilter(ctx, f, []store.KeywordChange{{Keyword: kw("foo")}, {Keyword: kw("bar"), WholeWord: &no}})
	if err != nil {
		t.Fatal(err)
	}
	if len(saved.Keywords) != 2 || !saved.Keywords[0].WholeWord || saved.Keywords[1].WholeWord ||
		!slices.Equal(saved.Context, models.FilterContexts{"home", "public"}) {
		t.Fatalf("saved %+v with keywords %+v", saved, saved.Keywords)
	}
	foo, bar := saved.Keywords[0], saved.Keywords[1]
	saved, err = w.s.SaveFilter(ctx, saved, []store.KeywordChange{{ID: foo.ID, Destroy: true}, {ID: bar.ID, Keyword: kw("baz")}})
	if err != nil || len(saved.Keywords) != 1 || saved.Keywords[0].Keyword != "baz" || saved.Keywords[0].ID != bar.ID {
		t.Fatalf("after changes: %+v, %v", saved.Keywords, err)
	}
	other := &models.Filter{AccountID: w.id("bob"), Title: "x", Context: models.FilterContexts{"home"}, Action: "warn"}
	if _, err := w.s.SaveFilter(ctx, other, []store.KeywordChange{{ID: bar.ID, Destroy: true}}); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("changing another filter's keyword: %v, want not found", err)
	}
	if _, err := w.s.FilterByID(ctx, w.id("bob"), saved.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("bob reading alice's filter: %v", err)
	}
	past := time.Now().Add(-time.Hour)
	saved.ExpiresAt = &past
	if _, err := w.s.SaveFilter(ctx, saved, nil); err != nil {
		t.Fatal(err)
	}
	if active, _ := w.s.ActiveFilters(ctx, w.id("alice"), time.Now()); len(active) != 0 {
		t.Errorf("an expired filter is active: %+v", active)
	}
	if err := w.s.DeleteFilterKeyword(ctx, w.id("alice"), bar.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.FilterByID(ctx, w.id("alice"), saved.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("an emptied v1 filter survived: %v", err)
	}
}

func TestDirectoryAndSuggestions(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol", "dave", "hidden", "group")
	actor, err := w.s.EnsureInstanceActor(ctx, storetest.Site)
	if err != nil {
		t.Fatal(err)
	}
	actor.Discoverable = true // even so, never listed
	if err := w.s.UpdateAccount(ctx, actor); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"alice", "bob", "carol", "dave", "group"} {
		a := w.by[n]
		a.Discoverable = true
		if n == "group" {
			a.ActorType = models.ActorGroup
		}
		if err := w.s.UpdateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	w.post("carol", storeNew("active"))
	w.follow("alice", "bob")
	w.follow("dave", "carol")
	names := func(accts []*models.Account) []string {
		var out []string
		for _, a := range accts {
			out = append(out, a.Username)
		}
		return out
	}
	dir, err := w.s.Directory(ctx, "", store.DirectoryFilter{})
	if err != nil || len(dir) != 5 || dir[0].Username != "carol" {
		t.Errorf("directory %v (%v): want 5 discoverable accounts, carol (who posted) first", names(dir), err)
	}
	groups, _ := w.s.Directory(ctx, "", store.DirectoryFilter{Groups: true})
	if got := names(groups); !slices.Equal(got, []string{"group"}) {
		t.Errorf("groups %v", got)
	}
	sugg, err := w.s.Suggestions(ctx, w.id("alice"), 0)
	if err != nil || len(sugg) != 3 || sugg[0].Username != "carol" || slices.Contains(names(sugg), "bob") {
		t.Errorf("suggestions %v (%v): want carol (most followed) first, not bob (followed)", names(sugg), err)
	}
	if err := w.s.DismissSuggestion(ctx, w.id("alice"), w.id("carol")); err != nil {
		t.Fatal(err)
	}
	if err := w.s.DismissSuggestion(ctx, w.id("alice"), "unknown"); err != nil {
		t.Errorf("dismissing an unknown account: %v", err)
	}
	if sugg, _ := w.s.Suggestions(ctx, w.id("alice"), 0); slices.Contains(names(sugg), "carol") {
		t.Errorf("dismissed carol is still suggested: %v", names(sugg))
	}
}
