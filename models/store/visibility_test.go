package store_test

import (
	"strings"
	"testing"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// The viewers of the matrix. "anon" is the anonymous viewer.
var viewers = []string{"author", "follower", "mentioned", "stranger", "blocked", "blocker", "anon"}

// matrixWorld: author posts one status of each visibility, mentioning
// "mentioned", and one reply of each visibility to op's public root.
// follower follows author; author blocked "blocked" (who followed before);
// "blocker" blocks author.
func matrixWorld(t *testing.T) (w *world, top, replies map[models.Visibility]*models.Status, root *models.Status) {
	w = newWorld(t, "author", "follower", "mentioned", "stranger", "blocked", "blocker", "op")
	w.follow("follower", "author")
	w.follow("blocked", "author")
	if _, err := w.s.Block(ctx, w.id("author"), w.id("blocked"), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Block(ctx, w.id("blocker"), w.id("author"), ""); err != nil {
		t.Fatal(err)
	}
	root = w.post("op", storeNew("root"))
	top, replies = map[models.Visibility]*models.Status{}, map[models.Visibility]*models.Status{}
	for _, v := range []models.Visibility{"public", "unlisted", "private", "direct"} {
		in := storeNew(string(v))
		in.Visibility, in.Mentions = v, []string{w.id("mentioned")}
		top[v] = w.post("author", in)
		in.InReplyToID = root.ID
		replies[v] = w.post("author", in)
	}
	return w, top, replies, root
}

func (w *world) viewerID(name string) string {
	if name == "anon" {
		return ""
	}
	return w.id(name)
}

func TestVisibilityMatrix(t *testing.T) {
	t.Parallel()
	w, top, replies, root := matrixWorld(t)
	// who sees which status, per read path (space-separated viewers).
	byID := map[models.Visibility]string{
		"public":   "author follower mentioned stranger anon",
		"unlisted": "author follower mentioned stranger anon",
		"private":  "author follower mentioned",
		"direct":   "author mentioned",
	}
	paths := []struct {
		name   string
		want   map[models.Visibility]string
		status map[models.Visibility]*models.Status
		seen   func(viewer string) []string
	}{
		{"by-id", byID, top, func(v string) []string { return w.visibleByID(v, top) }},
		{"can-see", byID, top, func(v string) []string { return w.canSee(v, top) }},
		{"account-statuses", byID, top, func(v string) []string { return w.accountStatuses(v, "author") }},
		{"context", byID, replies, func(v string) []string { return w.contextOf(v, root.ID) }},
		{"home", map[models.Visibility]string{
			"public": "author follower", "unlisted": "author follower",
			"private": "author follower mentioned", "direct": "author mentioned",
		}, top, func(v string) []string {
			if v == "anon" {
				return nil
			}
			return w.home(v)
		}},
		{"public", map[models.Visibility]string{
			"public": "author follower mentioned stranger anon",
		}, top, func(v string) []string { return w.public(v) }},
	}
	for _, p := range paths {
		for _, viewer := range viewers {
			got := p.seen(viewer)
			for vis, st := range p.status {
				want := strings.Contains(" "+p.want[vis]+" ", " "+viewer+" ")
				if has(got, st.ID) != want {
					t.Errorf("%s: %s sees %s status = %v, want %v", p.name, viewer, vis, !want, want)
				}
			}
		}
	}
}

func (w *world) visibleByID(viewer string, sts map[models.Visibility]*models.Status) []string {
	var out []string
	for _, st := range sts {
		if got, err := w.s.VisibleStatus(ctx, w.viewerID(viewer), st.ID); err == nil {
			out = append(out, got.ID)
		}
	}
	return out
}

func (w *world) canSee(viewer string, sts map[models.Visibility]*models.Status) []string {
	var out []string
	for _, st := range sts {
		ok, err := w.s.CanSee(ctx, w.viewerID(viewer), st)
		if err != nil {
			w.t.Fatal(err)
		}
		if ok {
			out = append(out, st.ID)
		}
	}
	return out
}

func (w *world) accountStatuses(viewer, author string) []string {
	sts, _, err := w.s.AccountStatuses(ctx, w.viewerID(viewer), w.id(author), store.AccountStatusesFilter{}, store.Page{Limit: 40})
	if err != nil {
		w.t.Fatal(err)
	}
	return ids(sts)
}

func (w *world) contextOf(viewer, id string) []string {
	c, err := w.s.Context(ctx, w.viewerID(viewer), id)
	if err != nil {
		w.t.Fatal(err)
	}
	return append(ids(c.Ancestors), ids(c.Descendants)...)
}

func (w *world) public(viewer string) []string {
	sts, _, err := w.s.Public(ctx, w.viewerID(viewer), store.PublicFilter{}, store.Page{Limit: 40})
	if err != nil {
		w.t.Fatal(err)
	}
	return ids(sts)
}

// A reblog is visible only when the original is: a reblog of a public
// status by someone the viewer blocks is hidden, and so is a public reblog
// of a status whose author blocks the viewer.
func TestReblogVisibilityFollowsOriginal(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "author", "booster", "viewer")
	orig := w.post("author", storeNew("orig"))
	r, err := w.s.Reblog(ctx, w.id("booster"), orig.ID, store.ReblogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := w.s.CanSee(ctx, w.id("viewer"), r); !ok {
		t.Fatalf("viewer should see the reblog before any block")
	}
	if _, err := w.s.Block(ctx, w.id("author"), w.id("viewer"), ""); err != nil {
		t.Fatal(err)
	}
	if ok, _ := w.s.CanSee(ctx, w.id("viewer"), r); ok {
		t.Errorf("viewer sees a reblog of an author who blocks them")
	}
	got := w.accountStatuses("viewer", "booster")
	if has(got, r.ID) {
		t.Errorf("booster's profile shows the reblog to the blocked viewer: %v", got)
	}
}
