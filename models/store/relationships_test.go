package store_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

func TestRelationships(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "me", "friend", "fan", "enemy", "bully", "quiet", "shy")
	no, yes := false, true
	if _, err := w.s.Follow(ctx, w.id("me"), w.id("friend"), store.FollowOptions{ShowReblogs: &no, Notify: &yes, Languages: []string{"EN", "de"}}); err != nil {
		t.Fatal(err)
	}
	w.follow("friend", "me")
	w.follow("fan", "me")
	if _, err := w.s.Block(ctx, w.id("me"), w.id("enemy"), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Block(ctx, w.id("bully"), w.id("me"), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Mute(ctx, w.id("me"), w.id("quiet"), store.MuteOptions{Notifications: true}); err != nil {
		t.Fatal(err)
	}
	shy := w.by["shy"]
	shy.Locked = true
	if err := w.s.UpdateAccount(ctx, shy); err != nil {
		t.Fatal(err)
	}
	res, err := w.s.Follow(ctx, w.id("me"), w.id("shy"), store.FollowOptions{})
	if err != nil || res.Request == nil || res.Follow != nil {
		t.Fatalf("following a locked account: %+v %v", res, err)
	}
	names := []string{"friend", "fan", "enemy", "bully", "quiet", "shy", "friend"}
	var idList []string
	for _, n := range names {
		idList = append(idList, w.id(n))
	}
	rels, err := w.s.Relationships(ctx, w.id("me"), idList)
	if err != nil {
		t.Fatal(err)
	}
	want := []models.Relationship{
		{Following: true, Notifying: true, Languages: []string{"en", "de"}, FollowedBy: true},
		{FollowedBy: true},
		{Blocking: true},
		{BlockedBy: true},
		{Muting: true, MutingNotifications: true},
		{Requested: true, ShowingReblogs: true},
		{Following: true, Notifying: true, Languages: []string{"en", "de"}, FollowedBy: true},
	}
	for i := range want {
		want[i].ID = idList[i]
		if got := rels[i]; !reflect.DeepEqual(got, want[i]) {
			t.Errorf("%s: %+v, want %+v", names[i], got, want[i])
		}
	}
	back, _ := w.s.Relationships(ctx, w.id("shy"), []string{w.id("me")})
	if !back[0].RequestedBy {
		t.Errorf("shy should see requested_by: %+v", back[0])
	}
}

func TestFollowRequests(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "shy", "a", "b")
	shy := w.by["shy"]
	shy.Locked = true
	if err := w.s.UpdateAccount(ctx, shy); err != nil {
		t.Fatal(err)
	}
	w.follow("a", "shy")
	w.follow("b", "shy")
	reqs, _, err := w.s.FollowRequests(ctx, w.id("shy"), store.Page{})
	if err != nil || len(reqs) != 2 || reqs[0].ID != w.id("b") {
		t.Fatalf("requests: %v %v", reqs, err)
	}
	if got := w.notificationTypes("shy", store.NotificationFilter{}); !slices.Equal(got, []string{"follow_request", "follow_request"}) {
		t.Errorf("notifications: %v", got)
	}
	f, err := w.s.AuthorizeFollowRequest(ctx, w.id("shy"), w.id("a"))
	if err != nil || f.AccountID != w.id("a") {
		t.Fatalf("authorize: %+v %v", f, err)
	}
	if again, err := w.s.AuthorizeFollowRequest(ctx, w.id("shy"), w.id("a")); err != nil || again.ID != f.ID {
		t.Errorf("authorizing twice: %+v %v", again, err)
	}
	if _, err := w.s.RejectFollowRequest(ctx, w.id("shy"), w.id("b")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.RejectFollowRequest(ctx, w.id("shy"), w.id("b")); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("rejecting twice: %v", err)
	}
	followers, _, _ := w.s.Followers(ctx, w.id("shy"), store.Page{})
	if len(followers) != 1 || followers[0].ID != w.id("a") {
		t.Errorf("followers: %v", followers)
	}
	if got := w.notificationTypes("shy", store.NotificationFilter{}); len(got) != 0 {
		t.Errorf("request notifications left after answering: %v", got)
	}
	stats, _ := w.s.AccountStats(ctx, w.id("shy"), w.id("a"))
	if stats[w.id("shy")].FollowersCount != 1 || stats[w.id("a")].FollowingCount != 1 {
		t.Errorf("stats: %+v", stats)
	}
}

func TestFollowListsAndBlocks(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "star", "f1", "f2", "f3")
	for _, f := range []string{"f1", "f2", "f3"} {
		w.follow(f, "star")
	}
	w.follow("star", "f1")
	page, info, err := w.s.Followers(ctx, w.id("star"), store.Page{Limit: 2})
	if err != nil || len(page) != 2 || page[0].ID != w.id("f3") || page[1].ID != w.id("f2") {
		t.Fatalf("first page: %v %v", page, err)
	}
	page, _, _ = w.s.Followers(ctx, w.id("star"), store.Page{Limit: 2, MaxID: info.NextMaxID})
	if len(page) != 1 || page[0].ID != w.id("f1") {
		t.Errorf("second page: %v", page)
	}
	if _, err := w.s.Block(ctx, w.id("star"), w.id("f1"), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Follow(ctx, w.id("f1"), w.id("star"), store.FollowOptions{}); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("following across a block: %v", err)
	}
	stats, _ := w.s.AccountStats(ctx, w.id("star"), w.id("f1"))
	if s := stats[w.id("star")]; s.FollowersCount != 2 || s.FollowingCount != 0 {
		t.Errorf("star's stats after blocking f1: %+v", s)
	}
	blocks, _, _ := w.s.Blocks(ctx, w.id("star"), store.Page{})
	if len(blocks) != 1 || blocks[0].ID != w.id("f1") {
		t.Errorf("blocks list: %v", blocks)
	}
	if _, err := w.s.RemoveFromFollowers(ctx, w.id("star"), w.id("f2")); err != nil {
		t.Fatal(err)
	}
	following, _, _ := w.s.Following(ctx, w.id("f2"), store.Page{})
	if len(following) != 0 {
		t.Errorf("f2 still follows: %v", following)
	}
	if _, err := w.s.Unfollow(ctx, w.id("f2"), w.id("star")); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unfollowing nobody: %v", err)
	}
	if _, err := w.s.Follow(ctx, w.id("star"), w.id("star"), store.FollowOptions{}); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("following oneself: %v", err)
	}
}

func TestMutesList(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "me", "a", "b")
	past, future := time.Now().Add(-time.Hour), time.Now().Add(time.Hour)
	if _, err := w.s.Mute(ctx, w.id("me"), w.id("a"), store.MuteOptions{ExpiresAt: &past}); err != nil {
		t.Fatal(err)
	}
	m, err := w.s.Mute(ctx, w.id("me"), w.id("b"), store.MuteOptions{ExpiresAt: &future})
	if err != nil || m.ExpiresAt == nil || m.HideNotifications {
		t.Fatalf("mute: %+v %v", m, err)
	}
	list, _, err := w.s.Mutes(ctx, w.id("me"), store.Page{})
	if err != nil || len(list) != 1 || list[0].Account.ID != w.id("b") || list[0].Mute.ExpiresAt == nil {
		t.Errorf("mutes: %+v %v", list, err)
	}
	rels, _ := w.s.Relationships(ctx, w.id("me"), []string{w.id("a"), w.id("b")})
	if rels[0].Muting || !rels[1].Muting {
		t.Errorf("expired mute counts: %+v", rels)
	}
}
