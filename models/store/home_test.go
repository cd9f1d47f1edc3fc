package store_test

import (
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

func TestHomeFanOut(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol", "dave")
	early := w.post("alice", storeNew("before bob follows"))
	w.follow("bob", "alice")
	if h := w.home("bob"); !has(h, early.ID) {
		t.Errorf("follow did not backfill alice's earlier status: %v", h)
	}
	later := w.post("alice", storeNew("after"))
	if h := w.home("bob"); len(h) != 2 || h[0] != later.ID || h[1] != early.ID {
		t.Errorf("bob's home = %v, want [%s %s]", h, later.ID, early.ID)
	}
	if h := w.home("alice"); !has(h, later.ID) {
		t.Errorf("author's own home lacks the status: %v", h)
	}
	if h := w.home("carol"); has(h, later.ID) {
		t.Errorf("a stranger's home got the status: %v", h)
	}
	priv := storeNew("followers only")
	priv.Visibility = models.VisibilityPrivate
	p := w.post("alice", priv)
	if h := w.home("bob"); !has(h, p.ID) {
		t.Errorf("private status did not reach a follower")
	}
	if h := w.home("carol"); has(h, p.ID) {
		t.Errorf("private status reached a non-follower")
	}
	if _, err := w.s.Unfollow(ctx, w.id("bob"), w.id("alice")); err != nil {
		t.Fatal(err)
	}
	if h := w.home("bob"); len(h) != 0 {
		t.Errorf("unfollow left alice's statuses in bob's home: %v", h)
	}
	w.follow("dave", "alice")
	if _, err := w.s.Block(ctx, w.id("dave"), w.id("alice"), ""); err != nil {
		t.Fatal(err)
	}
	if h := w.home("dave"); len(h) != 0 {
		t.Errorf("block left alice's statuses in dave's home: %v", h)
	}
	if h := w.home("alice"); len(h) != 3 {
		t.Errorf("alice's own home changed: %v", h)
	}
}

func TestHomeReblogs(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol", "dave")
	no := false
	w.follow("bob", "alice")
	if _, err := w.s.Follow(ctx, w.id("carol"), w.id("alice"), store.FollowOptions{ShowReblogs: &no}); err != nil {
		t.Fatal(err)
	}
	orig := w.post("dave", storeNew("worth sharing"))
	r, err := w.s.Reblog(ctx, w.id("alice"), orig.ID, store.ReblogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if h := w.home("bob"); !has(h, r.ID) {
		t.Errorf("reblog did not reach a follower: %v", h)
	}
	if h := w.home("carol"); has(h, r.ID) {
		t.Errorf("reblog reached a follower with show_reblogs=false: %v", h)
	}
	if h := w.home("dave"); has(h, r.ID) {
		t.Errorf("reblog of dave's own status landed in dave's home")
	}
	// bob also follows carol; carol's reblog of the same status is not shown twice.
	w.follow("bob", "carol")
	r2, err := w.s.Reblog(ctx, w.id("carol"), orig.ID, store.ReblogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if h := w.home("bob"); has(h, r2.ID) {
		t.Errorf("second reblog of the same status shown again: %v", h)
	}
	// Blocking the original's author removes reblogs of them too.
	if _, err := w.s.Block(ctx, w.id("bob"), w.id("dave"), ""); err != nil {
		t.Fatal(err)
	}
	if h := w.home("bob"); has(h, r.ID) {
		t.Errorf("block left a reblog of the blocked account: %v", h)
	}
	// Turning show_reblogs off later, then following again, backfills no reblogs.
	if _, err := w.s.Unfollow(ctx, w.id("carol"), w.id("alice")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Follow(ctx, w.id("carol"), w.id("alice"), store.FollowOptions{ShowReblogs: &no}); err != nil {
		t.Fatal(err)
	}
	if h := w.home("carol"); has(h, r.ID) {
		t.Errorf("backfill brought a reblog despite show_reblogs=false: %v", h)
	}
}

func TestHomeRepliesAndMentions(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol", "dave")
	w.follow("bob", "alice")
	w.follow("carol", "alice")
	w.follow("carol", "dave")
	parent := w.post("dave", storeNew("question"))
	in := storeNew("answer")
	in.InReplyToID = parent.ID
	reply := w.post("alice", in)
	if h := w.home("bob"); has(h, reply.ID) {
		t.Errorf("reply to someone bob does not follow is in bob's home")
	}
	if h := w.home("carol"); !has(h, reply.ID) {
		t.Errorf("reply between two accounts carol follows is missing")
	}
	dm := storeNew("psst")
	dm.Visibility, dm.Mentions = models.VisibilityDirect, []string{w.id("dave")}
	d := w.post("alice", dm)
	if h := w.home("dave"); !has(h, d.ID) {
		t.Errorf("direct message missing from the mentioned account's home")
	}
	if h := w.home("bob"); has(h, d.ID) {
		t.Errorf("direct message reached a follower who was not mentioned")
	}
}

func TestHomeMutesApplyWhenReading(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol", "dave")
	w.follow("bob", "alice")
	w.follow("bob", "carol")
	st := w.post("alice", storeNew("hi"))
	r, err := w.s.Reblog(ctx, w.id("carol"), w.post("dave", storeNew("shared")).ID, store.ReblogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Mute(ctx, w.id("bob"), w.id("dave"), store.MuteOptions{}); err != nil {
		t.Fatal(err)
	}
	if h := w.home("bob"); has(h, r.ID) || !has(h, st.ID) {
		t.Errorf("muting dave should hide carol's reblog of dave, only: %v", h)
	}
	past := time.Now().Add(-time.Minute)
	if _, err := w.s.Mute(ctx, w.id("bob"), w.id("alice"), store.MuteOptions{ExpiresAt: &past}); err != nil {
		t.Fatal(err)
	}
	if h := w.home("bob"); !has(h, st.ID) {
		t.Errorf("an expired mute still hides: %v", h)
	}
	if _, err := w.s.Mute(ctx, w.id("bob"), w.id("alice"), store.MuteOptions{}); err != nil {
		t.Fatal(err)
	}
	if h := w.home("bob"); has(h, st.ID) {
		t.Errorf("a muted account's status is in home: %v", h)
	}
	if _, err := w.s.VisibleStatus(ctx, w.id("bob"), st.ID); err != nil {
		t.Errorf("a muted account's status should stay visible by id: %v", err)
	}
	if _, err := w.s.Unmute(ctx, w.id("bob"), w.id("alice")); err != nil {
		t.Fatal(err)
	}
	if h := w.home("bob"); !has(h, st.ID) {
		t.Errorf("unmute did not bring the status back: %v", h)
	}
}

func TestRebuildAndTrimHome(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	w.follow("bob", "alice")
	var want []string
	for i := 0; i < 5; i++ {
		want = append([]string{w.post("alice", storeNew("x")).ID}, want...)
	}
	if err := w.s.RebuildHomeTimeline(ctx, w.id("bob"), 3); err != nil {
		t.Fatal(err)
	}
	if h := w.home("bob"); len(h) != 3 || h[0] != want[0] || h[2] != want[2] {
		t.Errorf("rebuilt home = %v, want the 3 newest of %v", h, want)
	}
	n, err := w.s.TrimHomeTimelines(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if h := w.home("bob"); len(h) != 1 || h[0] != want[0] || n < 2 {
		t.Errorf("trimmed home = %v (deleted %d), want [%s]", h, n, want[0])
	}
}
