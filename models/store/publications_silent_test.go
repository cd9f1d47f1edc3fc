package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// TestDropSilentPublications: status publications that no remote account
// could receive go; every one with a possible remote recipient stays, and
// so do other kinds, rows not yet due and claimed rows.
func TestDropSilentPublications(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "solo", "followed", "mentioner", "replier", "fav", "booster", "root", "threader", "later", "claimed", "follower")
	b1 := pubRemote(t, w, "b1", "b.example", true)
	d1 := pubRemote(t, w, "d1", "d.example", false)
	g1 := pubRemote(t, w, "g1", "g.example", false)
	remote, err := w.s.CreateStatus(ctx, store.NewStatus{AccountID: d1.ID, URI: d1.URI + "/statuses/1",
		URL: d1.URL + "/1", Content: "<p>p</p>"})
	if err != nil {
		t.Fatal(err)
	}
	w.follow("b1", "followed")
	w.follow("follower", "solo") // a local follower reaches no inbox
	kept := map[string]string{}  // object id → why
	// Statuses nobody remote could receive get no Create: their edits
	// give the query rows to keep or drop.
	edit := func(st *models.Status) *models.Status {
		t.Helper()
		if _, err := w.s.UpdateStatus(ctx, st.ID, store.StatusUpdate{Content: "<p>edited</p>"}); err != nil {
			t.Fatal(err)
		}
		return st
	}
	kept[w.post("followed", storeNew("x")).ID] = "remote follower"
	kept[w.post("mentioner", store.NewStatus{Visibility: models.VisibilityDirect, Mentions: []string{d1.ID}}).ID] = "remote mention"
	kept[w.post("replier", store.NewStatus{InReplyToID: remote.ID}).ID] = "reply to a remote status"
	rb, err := w.s.Reblog(ctx, w.id("booster"), remote.ID, store.ReblogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	kept[rb.ID] = "reblog of a remote status"
	faved := w.post("fav", storeNew("y"))
	if _, err := w.s.Favourite(ctx, b1.ID, faved.ID, b1.URI+"#likes/1"); err != nil {
		t.Fatal(err)
	}
	edit(faved) // its Create went to no one: see TestNewStatusPublication
	kept[faved.ID] = "remote favourite"
	root := w.post("root", storeNew("root"))
	if _, err := w.s.Reblog(ctx, g1.ID, root.ID, store.ReblogOptions{URI: g1.URI + "/announces/1"}); err != nil {
		t.Fatal(err)
	}
	edit(root)
	kept[root.ID] = "remote reblog"
	kept[w.post("threader", store.NewStatus{InReplyToID: root.ID, Content: "<p>c</p>"}).ID] = "thread boosted by a remote account"
	silent := edit(w.post("solo", storeNew("nobody")))
	gone := w.post("solo", storeNew("deleted"))
	if _, err := w.s.Follow(ctx, w.id("solo"), d1.ID, store.FollowOptions{}); err != nil {
		t.Fatal(err) // a follow request: not a status publication
	}

	now := time.Now()
	if _, err := w.s.DeleteStatus(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	claimed := edit(w.post("claimed", storeNew("mine")))
	cs, err := w.s.ClaimPublications(ctx, store.PublicationClaim{Worker: "w", Now: now.Add(time.Minute),
		Until: now.Add(time.Hour), Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range cs { // release all but the claimed status's
		if p.ObjectID != claimed.ID {
			p.NextAttemptAt = now
			if err := w.s.RetryPublication(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	future := edit(w.post("later", storeNew("not due"))) // due after now

	if err := w.s.DropSilentPublications(ctx, now); err != nil {
		t.Fatal(err)
	}
	ps, err := w.s.Publications(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	left := map[string][]models.PublicationKind{}
	for _, p := range ps {
		left[p.ObjectID] = append(left[p.ObjectID], p.Kind)
	}
	for id, why := range kept {
		if _, ok := left[id]; !ok {
			t.Errorf("dropped a status with a %s", why)
		}
	}
	for _, id := range []string{silent.ID} {
		if k, ok := left[id]; ok {
			t.Errorf("kept %v publication of a status nobody remote can see", k)
		}
	}
	if k := left[gone.ID]; !slices.Equal(k, []models.PublicationKind{models.PublishDelete}) {
		t.Errorf("deleted status: left %v, want only its delete", k)
	}
	if _, ok := left[claimed.ID]; !ok {
		t.Error("dropped a claimed publication")
	}
	if _, ok := left[future.ID]; !ok {
		t.Error("dropped a publication not yet due")
	}
	var kinds []models.PublicationKind
	for _, p := range ps {
		kinds = append(kinds, p.Kind)
	}
	if !slices.Contains(kinds, models.PublishFollow) {
		t.Errorf("kinds left %v: the follow went", kinds)
	}
}

// TestNewStatusPublication: a new local status gets a Create publication
// only when some remote account could receive it (dropSilentQuery's rule
// for a status nobody has interacted with yet).
func TestNewStatusPublication(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "solo", "followed", "mentioner", "replier", "localfan")
	b1 := pubRemote(t, w, "b1", "b.example", true)
	w.follow("b1", "followed")
	w.follow("localfan", "solo")
	parent := w.post("solo", storeNew("parent"))
	cases := []struct {
		name, author string
		in           store.NewStatus
		want         bool
	}{
		{"only local followers", "solo", storeNew("x"), false},
		{"direct to a local account", "solo", store.NewStatus{Visibility: models.VisibilityDirect, Mentions: []string{w.id("followed")}}, false},
		{"remote follower", "followed", storeNew("y"), true},
		{"remote mention", "mentioner", store.NewStatus{Visibility: models.VisibilityDirect, Mentions: []string{b1.ID}}, true},
		{"reply", "replier", store.NewStatus{InReplyToID: parent.ID}, true},
	}
	pubTake(t, w)
	for _, tc := range cases {
		st := w.post(tc.author, tc.in)
		ps := pubTake(t, w)
		got := len(ps) == 1 && ps[0].Kind == models.PublishCreate && ps[0].ObjectID == st.ID
		if got != tc.want || (!tc.want && len(ps) != 0) {
			t.Errorf("%s: publications %v, want a Create: %v", tc.name, pubKinds(ps), tc.want)
		}
	}
}
