package store_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// pubRemote stores a remote account on host, with a shared inbox when
// shared is set.
func pubRemote(t *testing.T, w *world, name, host string, shared bool) *models.Account {
	t.Helper()
	now := time.Now().UTC()
	uri := "https://" + host + "/users/" + name
	a := &models.Account{ID: models.NewID(), Username: name, Domain: host, ActorType: models.ActorPerson,
		Fields: []models.Field{}, URI: uri, URL: "https://" + host + "/@" + name, InboxURI: uri + "/inbox",
		FollowersURI: uri + "/followers", CreatedAt: now, UpdatedAt: now}
	if shared {
		a.SharedInboxURI = "https://" + host + "/inbox"
	}
	if err := w.s.PutAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	w.by[name] = a
	return a
}

// pubTake returns the pending publications and deletes them, so each step
// of a test sees only its own.
func pubTake(t *testing.T, w *world) []*models.Publication {
	t.Helper()
	ps, err := w.s.Publications(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	claimed, err := w.s.ClaimPublications(ctx, store.PublicationClaim{Worker: "t", Now: now.Add(time.Hour),
		Until: now.Add(2 * time.Hour), Limit: 100})
	if err != nil || len(claimed) != len(ps) {
		t.Fatalf("claim: %d of %d, %v", len(claimed), len(ps), err)
	}
	for _, p := range claimed {
		if ok, err := w.s.FinishPublication(ctx, p.ID, "t"); !ok || err != nil {
			t.Fatalf("finish %s: %v %v", p.ID, ok, err)
		}
	}
	return ps
}

func pubKinds(ps []*models.Publication) []models.PublicationKind {
	var out []models.PublicationKind
	for _, p := range ps {
		out = append(out, p.Kind)
	}
	return out
}

// pubFixture: local alice and carol, remote bob with a public status.
type pubFixture struct {
	t            *testing.T
	w            *world
	alice, bob   *models.Account
	remoteStatus *models.Status
}

func newPubFixture(t *testing.T) *pubFixture {
	w := newWorld(t, "alice", "carol")
	f := &pubFixture{t: t, w: w, alice: w.by["alice"], bob: pubRemote(t, w, "bob", "b.example", true)}
	st, err := w.s.CreateStatus(ctx, store.NewStatus{AccountID: f.bob.ID, URI: f.bob.URI + "/statuses/1",
		URL: f.bob.URL + "/1", Content: "<p>hi</p>"})
	f.must(err)
	f.remoteStatus = st
	pubTake(t, w)
	return f
}

func (f *pubFixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// want checks that the publications written since the last call are of
// kinds, all by alice, and returns them.
func (f *pubFixture) want(step string, kinds ...models.PublicationKind) []*models.Publication {
	f.t.Helper()
	ps := pubTake(f.t, f.w)
	if !slices.Equal(pubKinds(ps), kinds) {
		f.t.Fatalf("%s: publications %v, want %v", step, pubKinds(ps), kinds)
	}
	for _, p := range ps {
		if p.AccountID != f.alice.ID {
			f.t.Errorf("%s: actor %s, want alice", step, p.AccountID)
		}
	}
	return ps
}

func TestPublicationsOfStatusActions(t *testing.T) {
	t.Parallel()
	f := newPubFixture(t)
	w, alice, bob, remoteSt, must, want := f.w, f.alice, f.bob, f.remoteStatus, f.must, f.want
	st := w.post("alice", store.NewStatus{Mentions: []string{bob.ID}, Visibility: models.VisibilityPrivate})
	if ps := want("post", models.PublishCreate); ps[0].ObjectID != st.ID {
		t.Errorf("create object %s, want %s", ps[0].ObjectID, st.ID)
	}
	_, err := w.s.UpdateStatus(ctx, st.ID, store.StatusUpdate{Content: "<p>edited</p>", Mentions: []string{bob.ID}})
	must(err)
	want("edit", models.PublishUpdate)
	_, err = w.s.DeleteStatus(ctx, st.ID)
	must(err)
	d := want("delete", models.PublishDelete)[0].Data
	if d.URI != st.URI || d.Visibility != models.VisibilityPrivate || !slices.Equal(d.Mentions, []string{bob.ID}) ||
		!slices.Equal(d.Reach, []string{bob.ID}) {
		t.Errorf("delete data %+v", d)
	}

	fav, err := w.s.Favourite(ctx, alice.ID, remoteSt.ID, "")
	must(err)
	ps := want("favourite", models.PublishLike)
	if d := ps[0].Data; ps[0].ObjectID != fav.ID || d.ObjectURI != remoteSt.URI || d.Target != bob.ID {
		t.Errorf("like %+v", ps[0])
	}
	_, err = w.s.Unfavourite(ctx, alice.ID, remoteSt.ID)
	must(err)
	want("unfavourite", models.PublishUndoLike)
	rb, err := w.s.Reblog(ctx, alice.ID, remoteSt.ID, store.ReblogOptions{})
	must(err)
	want("reblog", models.PublishAnnounce)
	_, err = w.s.Unreblog(ctx, alice.ID, remoteSt.ID)
	must(err)
	if d := want("unreblog", models.PublishUndoAnnounce)[0].Data; d.URI != rb.URI || d.ObjectURI != remoteSt.URI ||
		!slices.Equal(d.Reach, []string{bob.ID}) {
		t.Errorf("undo announce data %+v", d)
	}
}

func TestPublicationsOfRelationshipActions(t *testing.T) {
	t.Parallel()
	f := newPubFixture(t)
	w, alice, bob, must, want := f.w, f.alice, f.bob, f.must, f.want
	res, err := w.s.Follow(ctx, alice.ID, bob.ID, store.FollowOptions{})
	must(err)
	if d := want("follow", models.PublishFollow)[0].Data; res.Request == nil || d.URI != res.Request.URI || d.Target != bob.ID {
		t.Errorf("follow data %+v (result %+v)", d, res)
	}
	_, err = w.s.Unfollow(ctx, alice.ID, bob.ID)
	must(err)
	want("unfollow", models.PublishUndoFollow)

	// bob (remote) asks to follow locked alice; she authorizes, removes him, blocks him.
	alice.Locked = true
	must(w.s.UpdateAccount(ctx, alice))
	want("profile", models.PublishUpdateActor)
	_, err = w.s.Follow(ctx, bob.ID, alice.ID, store.FollowOptions{URI: bob.URI + "#follows/1"})
	must(err)
	want("remote follow request")
	_, err = w.s.AuthorizeFollowRequest(ctx, alice.ID, bob.ID)
	must(err)
	if d := want("authorize", models.PublishAccept)[0].Data; d.URI != bob.URI+"#follows/1" || d.Target != bob.ID {
		t.Errorf("accept data %+v", d)
	}
	_, err = w.s.RemoveFromFollowers(ctx, alice.ID, bob.ID)
	must(err)
	want("remove from followers", models.PublishReject)
	_, err = w.s.Follow(ctx, bob.ID, alice.ID, store.FollowOptions{URI: bob.URI + "#follows/2"})
	must(err)
	_, err = w.s.RejectFollowRequest(ctx, alice.ID, bob.ID)
	must(err)
	want("reject", models.PublishReject)
	_, err = w.s.Follow(ctx, alice.ID, bob.ID, store.FollowOptions{})
	must(err)
	pubTake(t, w)
	_, err = w.s.Block(ctx, alice.ID, bob.ID, "")
	must(err)
	want("block", models.PublishUndoFollow, models.PublishBlock)
	_, err = w.s.Unblock(ctx, alice.ID, bob.ID)
	must(err)
	want("unblock", models.PublishUndoBlock)

	// Nothing to tell anyone: local targets.
	w.follow("alice", "carol")
	carolSt := w.post("carol", storeNew("local"))
	pubTake(t, w)
	_, err = w.s.Favourite(ctx, alice.ID, carolSt.ID, "")
	must(err)
	_, err = w.s.Block(ctx, alice.ID, w.id("carol"), "")
	must(err)
	want("local favourite, unfollow and block")
}

func TestPublicationsNotForRemoteActions(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	bob := pubRemote(t, w, "bob", "b.example", false)
	alice := w.by["alice"]
	st := w.post("alice", storeNew("mine"))
	pubTake(t, w)
	remote, err := w.s.CreateStatus(ctx, store.NewStatus{AccountID: bob.ID, URI: bob.URI + "/statuses/9",
		URL: bob.URL + "/9", Content: "<p>reply</p>", InReplyToID: st.ID})
	if err != nil {
		t.Fatal(err)
	}
	steps := []func() error{
		func() error { _, err := w.s.Favourite(ctx, bob.ID, st.ID, bob.URI+"#likes/1"); return err },
		func() error {
			_, err := w.s.Reblog(ctx, bob.ID, st.ID, store.ReblogOptions{URI: bob.URI + "/statuses/10/activity"})
			return err
		},
		func() error {
			_, err := w.s.UpdateStatus(ctx, remote.ID, store.StatusUpdate{Content: "<p>edit</p>"})
			return err
		},
		func() error { _, err := w.s.DeleteStatus(ctx, remote.ID); return err },
		func() error { return w.s.UpdateAccount(ctx, bob) },
		func() error { _, err := w.s.Block(ctx, bob.ID, alice.ID, bob.URI+"#blocks/1"); return err },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	if ps := pubTake(t, w); len(ps) != 0 {
		t.Errorf("remote actions published %v", pubKinds(ps))
	}
	// A remote Follow of an unlocked local account is accepted at once:
	// that Accept is alice's action.
	if _, err := w.s.Unblock(ctx, bob.ID, alice.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Follow(ctx, bob.ID, alice.ID, store.FollowOptions{URI: bob.URI + "#follows/3"}); err != nil {
		t.Fatal(err)
	}
	ps := pubTake(t, w)
	if len(ps) != 1 || ps[0].Kind != models.PublishAccept || ps[0].AccountID != alice.ID ||
		ps[0].Data.URI != bob.URI+"#follows/3" || ps[0].Data.Target != bob.ID {
		t.Fatalf("auto-accept publications %+v", ps)
	}
}

func TestPublicationCommitsWithItsAction(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "carol")
	pubRemote(t, w, "bob", "b.example", true)
	w.follow("bob", "alice") // a post of alice's has someone remote to reach
	secret := w.post("carol", store.NewStatus{Content: "<p>s</p>", Visibility: models.VisibilityPrivate})
	pubTake(t, w)
	// A reply to a status alice may not see fails: no status, no publication.
	_, err := w.s.CreateStatus(ctx, store.NewStatus{AccountID: w.id("alice"), Content: "<p>r</p>", InReplyToID: secret.ID})
	if !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("reply to hidden status: %v", err)
	}
	// A transaction that fails after the post rolls both back.
	boom := errors.New("boom")
	var id string
	err = w.s.Tx(ctx, func(tx *store.Store) error {
		st, err := tx.CreateStatus(ctx, store.NewStatus{AccountID: w.id("alice"), Content: "<p>x</p>"})
		if err != nil {
			return err
		}
		id = st.ID
		if ps, _ := tx.Publications(ctx, 10); len(ps) != 1 || ps[0].ObjectID != st.ID {
			t.Errorf("inside the transaction: %+v", ps)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if _, err := w.s.StatusByID(ctx, id); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("rolled-back status: %v", err)
	}
	if ps := pubTake(t, w); len(ps) != 0 {
		t.Errorf("publications after failures: %v", pubKinds(ps))
	}
}

func TestStatusReachAndFollowerInboxes(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "carol")
	b1 := pubRemote(t, w, "b1", "b.example", true)
	b2 := pubRemote(t, w, "b2", "b.example", true)
	c1 := pubRemote(t, w, "c1", "c.example", false)
	d1 := pubRemote(t, w, "d1", "d.example", false)
	for _, f := range []string{"b1", "b2", "c1", "carol"} {
		w.follow(f, "alice")
	}
	inboxes, err := w.s.RemoteFollowerInboxes(ctx, w.id("alice"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(inboxes)
	if want := []string{b1.SharedInboxURI, c1.InboxURI}; !slices.Equal(inboxes, want) {
		t.Errorf("follower inboxes %v, want %v", inboxes, want)
	}
	parent, err := w.s.CreateStatus(ctx, store.NewStatus{AccountID: d1.ID, URI: d1.URI + "/statuses/1",
		URL: d1.URL + "/1", Content: "<p>p</p>"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		vis  models.Visibility
		want []string
	}{
		{models.VisibilityPublic, []string{b2.ID, d1.ID}},
		{models.VisibilityPrivate, []string{b2.ID}},
		{models.VisibilityDirect, []string{b2.ID}},
	} {
		st := w.post("alice", store.NewStatus{Visibility: tc.vis, InReplyToID: parent.ID,
			Mentions: []string{b2.ID, w.id("carol")}})
		reach, err := w.s.StatusReach(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(reach)
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !slices.Equal(reach, want) {
			t.Errorf("%s reply: reach %v, want %v", tc.vis, reach, want)
		}
	}
}

func TestClaimPublicationsLease(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice")
	pubRemote(t, w, "bob", "b.example", true)
	w.follow("bob", "alice")
	pubTake(t, w)
	w.post("alice", storeNew("one"))
	w.post("alice", storeNew("two"))
	now := time.Now()
	claim := func(worker string, at time.Time) []*models.Publication {
		ps, err := w.s.ClaimPublications(ctx, store.PublicationClaim{Worker: worker, Now: at,
			Until: at.Add(time.Minute), Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}
	a := claim("a", now)
	if len(a) != 2 || a[0].ID > a[1].ID || a[0].ClaimedBy != "a" {
		t.Fatalf("first claim %+v", a)
	}
	if b := claim("b", now); len(b) != 0 {
		t.Fatalf("claimed twice: %+v", b)
	}
	if ok, _ := w.s.FinishPublication(ctx, a[0].ID, "b"); ok {
		t.Error("b finished a's row")
	}
	if ok, err := w.s.FinishPublication(ctx, a[0].ID, "a"); !ok || err != nil {
		t.Errorf("a finishing its row: %v %v", ok, err)
	}
	a[1].Attempts, a[1].LastError, a[1].NextAttemptAt = 1, "no luck", now.Add(30*time.Second)
	if err := w.s.RetryPublication(ctx, a[1]); err != nil {
		t.Fatal(err)
	}
	if b := claim("b", now); len(b) != 0 {
		t.Fatalf("claimed before its retry time: %+v", b)
	}
	b := claim("b", now.Add(31*time.Second))
	if len(b) != 1 || b[0].ID != a[1].ID || b[0].Attempts != 1 || b[0].LastError != "no luck" {
		t.Fatalf("retry claim %+v", b)
	}
	// A lease that runs out makes the row due again (a crashed worker).
	if c := claim("c", now.Add(2*time.Minute)); len(c) != 1 || c[0].ID != a[1].ID {
		t.Fatalf("expired lease claim %+v", c)
	}
}
