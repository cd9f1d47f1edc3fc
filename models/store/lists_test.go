package store_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// csList makes a list owned by name.
func (w *world) csList(name, title, policy string, exclusive bool) *models.List {
	w.t.Helper()
	l := &models.List{AccountID: w.id(name), Title: title, RepliesPolicy: policy, Exclusive: exclusive}
	if err := w.s.CreateList(ctx, l); err != nil {
		w.t.Fatalf("create list: %v", err)
	}
	return l
}

func (w *world) csListTimeline(owner string, l *models.List) []string {
	w.t.Helper()
	sts, _, err := w.s.ListTimeline(ctx, w.id(owner), l.ID, store.Page{Limit: 40})
	if err != nil {
		w.t.Fatalf("list timeline: %v", err)
	}
	return ids(sts)
}

func TestListMembersFollowRule(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol")
	w.follow("alice", "bob")
	l := w.csList("alice", "friends", models.RepliesList, false)
	if err := w.s.AddListAccounts(ctx, w.id("alice"), l.ID, []string{w.id("bob"), w.id("bob")}); err != nil {
		t.Fatalf("add followed: %v", err)
	}
	if err := w.s.AddListAccounts(ctx, w.id("alice"), l.ID, []string{w.id("carol")}); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("add unfollowed: %v, want a validation error", err)
	}
	if err := w.s.AddListAccounts(ctx, w.id("alice"), l.ID, []string{"nope"}); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("add unknown: %v, want not found", err)
	}
	if err := w.s.AddListAccounts(ctx, w.id("bob"), l.ID, []string{w.id("alice")}); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("add to another's list: %v, want not found", err)
	}
	members := func() []string {
		accts, _, err := w.s.ListAccounts(ctx, w.id("alice"), l.ID, store.Page{}, true)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range accts {
			out = append(out, a.Username)
		}
		return out
	}
	if got := members(); !slices.Equal(got, []string{"bob"}) {
		t.Errorf("members %v, want [bob]", got)
	}
	if ls, _ := w.s.ListsWithAccount(ctx, w.id("alice"), w.id("bob")); len(ls) != 1 || ls[0].ID != l.ID {
		t.Errorf("lists with bob: %v", ls)
	}
	if _, err := w.s.Unfollow(ctx, w.id("alice"), w.id("bob")); err != nil {
		t.Fatal(err)
	}
	if got := members(); len(got) != 0 {
		t.Errorf("after unfollow members %v, want none", got)
	}
}

func TestListTimelineRepliesPolicyAndVisibility(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol", "dave")
	for _, n := range []string{"bob", "carol"} {
		w.follow("alice", n)
	}
	root := w.post("dave", storeNew("root"))
	carolPost := w.post("carol", storeNew("carol"))
	plain := w.post("bob", storeNew("plain"))
	toCarol := storeNew("to carol")
	toCarol.InReplyToID = carolPost.ID
	replyCarol := w.post("bob", toCarol)
	toDave := storeNew("to dave")
	toDave.InReplyToID = root.ID
	replyDave := w.post("bob", toDave)
	dm := storeNew("dm")
	dm.Visibility, dm.Mentions = models.VisibilityDirect, []string{w.id("alice")}
	w.post("bob", dm)
	private := storeNew("private")
	private.Visibility = models.VisibilityPrivate
	priv := w.post("bob", private)

	for _, c := range []struct {
		policy string
		want   []string
	}{
		{models.RepliesList, []string{priv.ID, replyCarol.ID, plain.ID}},
		{models.RepliesFollowed, []string{priv.ID, replyCarol.ID, plain.ID}},
		{models.RepliesNone, []string{priv.ID, plain.ID}},
	} {
		l := w.csList("alice", c.policy, c.policy, false)
		members := []string{w.id("bob")}
		if c.policy == models.RepliesList {
			members = append(members, w.id("carol"))
		}
		if err := w.s.AddListAccounts(ctx, w.id("alice"), l.ID, members); err != nil {
			t.Fatal(err)
		}
		got := w.csListTimeline("alice", l)
		if c.policy == models.RepliesList {
			c.want = append(c.want, carolPost.ID)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v (reply to dave %s)", c.policy, got, c.want, replyDave.ID)
		}
	}
	if _, _, err := w.s.ListTimeline(ctx, w.id("bob"), w.csList("alice", "x", "list", false).ID, store.Page{}); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("another's list timeline: %v, want not found", err)
	}
}

func TestFanOutFollowedTagsAndExclusiveLists(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol")
	if _, err := w.s.FollowTag(ctx, w.id("alice"), "#Go"); err != nil {
		t.Fatal(err)
	}
	tagged := func(vis models.Visibility) *models.Status {
		in := storeNew("tagged")
		in.Tags, in.Visibility = []string{"go"}, vis
		return w.post("bob", in)
	}
	pub, unl := tagged(models.VisibilityPublic), tagged(models.VisibilityUnlisted)
	other := w.post("bob", storeNew("untagged"))
	home := w.home("alice")
	if !has(home, pub.ID) || has(home, unl.ID) || has(home, other.ID) {
		t.Errorf("alice's home %v: want the public tagged status %s only", home, pub.ID)
	}
	if _, err := w.s.UnfollowTag(ctx, w.id("alice"), "go"); err != nil {
		t.Fatal(err)
	}
	if later := tagged(models.VisibilityPublic); has(w.home("alice"), later.ID) {
		t.Error("a tag no longer followed still fans out")
	}

	w.follow("carol", "bob")
	l := w.csList("carol", "bob only", models.RepliesList, true)
	if err := w.s.AddListAccounts(ctx, w.id("carol"), l.ID, []string{w.id("bob")}); err != nil {
		t.Fatal(err)
	}
	st := w.post("bob", storeNew("exclusive"))
	if has(w.home("carol"), st.ID) {
		t.Error("a member of an exclusive list reached its owner's home")
	}
	if got := w.csListTimeline("carol", l); len(got) == 0 || got[0] != st.ID {
		t.Errorf("list timeline %v, want %s first", got, st.ID)
	}
	l.Exclusive = false
	if err := w.s.UpdateList(ctx, l); err != nil {
		t.Fatal(err)
	}
	if st := w.post("bob", storeNew("inclusive")); !has(w.home("carol"), st.ID) {
		t.Error("a member of a non-exclusive list is missing from home")
	}
}
