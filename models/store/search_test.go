package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

func TestSearchStatusesEnforcesVisibility(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol", "dave")
	w.follow("carol", "alice")
	post := func(text string, vis models.Visibility, mentions ...string) *models.Status {
		in := storeNew(text)
		in.Visibility = vis
		for _, m := range mentions {
			in.Mentions = append(in.Mentions, w.id(m))
		}
		return w.post("alice", in)
	}
	pub := post("Secret garden public", models.VisibilityPublic)
	unl := post("secret garden unlisted", models.VisibilityUnlisted)
	priv := post("secret GARDEN private", models.VisibilityPrivate)
	dm := post("secret garden direct", models.VisibilityDirect, "dave")
	post("secret only", models.VisibilityPublic)
	w.post("bob", storeNew("100% garden"))
	search := func(viewer string, words ...string) []string {
		sts, _, err := w.s.SearchStatuses(ctx, store.StatusSearch{ViewerID: w.id(viewer), Words: words}, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		return ids(sts)
	}
	for _, c := range []struct {
		viewer string
		want   []string
	}{
		{"alice", []string{dm.ID, priv.ID, unl.ID, pub.ID}},
		{"bob", []string{unl.ID, pub.ID}},
		{"carol", []string{priv.ID, unl.ID, pub.ID}},
		{"dave", []string{dm.ID, unl.ID, pub.ID}},
	} {
		if got := search(c.viewer, "secret", "Garden"); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.viewer, got, c.want)
		}
	}
	// Whole words match: "100%" is the word 100; "%" alone has none.
	if got := search("bob", "100%"); len(got) != 1 {
		t.Errorf("100%% matched %d statuses, want 1", len(got))
	}
	if got := search("bob", "%"); len(got) != 0 {
		t.Errorf("a lone %% matched %d statuses, want none", len(got))
	}
	if got, _, _ := w.s.SearchStatuses(ctx, store.StatusSearch{Words: []string{"secret"}}, store.Page{}); len(got) != 0 {
		t.Errorf("anonymous search found %d statuses", len(got))
	}
}

func TestSearchTagsTrendsAndHistory(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	tag := func(name string, tags ...string) *models.Status {
		in := storeNew("t")
		in.Tags = tags
		return w.post(name, in)
	}
	tag("alice", "golang", "go")
	tag("bob", "go")
	tag("bob", "gopher")
	got, err := w.s.SearchTags(ctx, "GO", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tg := range got {
		names = append(names, tg.Name)
	}
	if !slices.Equal(names, []string{"go", "golang", "gopher"}) {
		t.Errorf("tags %v, want go first then shorter names", names)
	}
	trend, err := w.s.TrendingTags(ctx, time.Now(), 10, 0)
	if err != nil || len(trend) != 3 || trend[0].Name != "go" {
		t.Fatalf("trending %v (%v), want go first of 3", trend, err)
	}
	hist, err := w.s.TagHistory(ctx, []string{trend[0].ID}, 7, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	h := hist[trend[0].ID]
	if len(h) != 7 || h[0].Uses != 2 || h[0].Accounts != 2 || h[1].Uses != 0 {
		t.Errorf("history %+v, want 7 days, today 2 uses by 2 accounts", h)
	}
}
