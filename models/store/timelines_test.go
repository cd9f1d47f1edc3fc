package store_test

import (
	"slices"
	"testing"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

func TestAccountStatusesFilters(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	other := w.post("bob", storeNew("b"))
	plain := w.post("alice", storeNew("a"))
	in := storeNew("re")
	in.InReplyToID = other.ID
	reply := w.post("alice", in)
	in.InReplyToID = plain.ID
	self := w.post("alice", in)
	tagged := storeNew("t")
	tagged.Tags = []string{"Go"}
	tg := w.post("alice", tagged)
	r, _ := w.s.Reblog(ctx, w.id("alice"), other.ID, store.ReblogOptions{})
	for _, c := range []struct {
		f    store.AccountStatusesFilter
		want []string
	}{
		{store.AccountStatusesFilter{}, []string{r.ID, tg.ID, self.ID, reply.ID, plain.ID}},
		{store.AccountStatusesFilter{ExcludeReplies: true}, []string{r.ID, tg.ID, self.ID, plain.ID}},
		{store.AccountStatusesFilter{ExcludeReblogs: true}, []string{tg.ID, self.ID, reply.ID, plain.ID}},
		{store.AccountStatusesFilter{Tagged: "GO"}, []string{tg.ID}},
		{store.AccountStatusesFilter{OnlyMedia: true}, nil},
	} {
		got, _, err := w.s.AccountStatuses(ctx, "", w.id("alice"), c.f, store.Page{})
		if err != nil || !slices.Equal(ids(got), c.want) {
			t.Errorf("%+v: %v (%v), want %v", c.f, ids(got), err, c.want)
		}
	}
}

func TestTagTimeline(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	post := func(vis models.Visibility, tags ...string) *models.Status {
		in := storeNew("x")
		in.Tags, in.Visibility = tags, vis
		return w.post("alice", in)
	}
	a := post("public", "go")
	ab := post("public", "Go", "sqlite")
	b := post("public", "sqlite")
	post("unlisted", "go")
	post("private", "go")
	for _, c := range []struct {
		f    store.TagFilter
		want []string
	}{
		{store.TagFilter{Tag: "GO"}, []string{ab.ID, a.ID}},
		{store.TagFilter{Tag: "go", Any: []string{"sqlite"}}, []string{b.ID, ab.ID, a.ID}},
		{store.TagFilter{Tag: "go", All: []string{"sqlite"}}, []string{ab.ID}},
		{store.TagFilter{Tag: "go", None: []string{"sqlite"}}, []string{a.ID}},
		{store.TagFilter{Tag: "go", Remote: true}, nil},
		{store.TagFilter{Tag: "nothing"}, nil},
	} {
		got, _, err := w.s.TagTimeline(ctx, w.id("bob"), c.f, store.Page{})
		if err != nil || !slices.Equal(ids(got), c.want) {
			t.Errorf("%+v: %v (%v), want %v", c.f, ids(got), err, c.want)
		}
	}
}

func TestCounts(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	w.post("alice", storeNew("1"))
	w.post("bob", storeNew("2"))
	dm := storeNew("dm")
	dm.Visibility = models.VisibilityDirect
	w.post("alice", dm)
	if err := w.s.PutAccount(ctx, &models.Account{ID: models.NewID(), Username: "rem", Domain: "remote.test",
		URI: "https://remote.test/users/rem", Fields: []models.Field{}}); err != nil {
		t.Fatal(err)
	}
	rem, _ := w.s.AccountByUsername(ctx, "rem", "remote.test")
	if _, err := w.s.CreateStatus(ctx, store.NewStatus{AccountID: rem.ID, URI: "https://remote.test/n/1"}); err != nil {
		t.Fatal(err)
	}
	if n, _ := w.s.CountLocalStatuses(ctx); n != 2 {
		t.Errorf("local statuses = %d, want 2 (direct messages and remote statuses do not count)", n)
	}
	if n, _ := w.s.CountStatusesByAccount(ctx, w.id("alice")); n != 1 {
		t.Errorf("alice's statuses = %d, want 1", n)
	}
	if n, _ := w.s.CountStatusesByAccount(ctx, rem.ID); n != 1 {
		t.Errorf("remote account's statuses = %d, want 1", n)
	}
}
