package store_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// types lists the notification types of alice's notifications, newest first.
func (w *world) notificationTypes(name string, f store.NotificationFilter) []string {
	w.t.Helper()
	ns, _, err := w.s.Notifications(ctx, w.id(name), f, store.Page{})
	if err != nil {
		w.t.Fatal(err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, n.Type)
		if n.FromAccount == nil {
			w.t.Errorf("notification %s without its account", n.ID)
		}
		if n.StatusID != "" && n.Status == nil {
			w.t.Errorf("notification %s without its status", n.ID)
		}
	}
	return out
}

func TestNotificationsRaisedAndFiltered(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol")
	yes := true
	if _, err := w.s.Follow(ctx, w.id("bob"), w.id("alice"), store.FollowOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Follow(ctx, w.id("alice"), w.id("carol"), store.FollowOptions{Notify: &yes}); err != nil {
		t.Fatal(err)
	}
	st := w.post("alice", storeNew("hello"))
	if _, err := w.s.Favourite(ctx, w.id("bob"), st.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Reblog(ctx, w.id("bob"), st.ID, store.ReblogOptions{}); err != nil {
		t.Fatal(err)
	}
	in := storeNew("@alice hi")
	in.Mentions = []string{w.id("alice")}
	w.post("carol", in)
	w.post("carol", storeNew("news")) // alice asked to be notified
	w.post("alice", storeNew("own post notifies nobody"))

	all := w.notificationTypes("alice", store.NotificationFilter{})
	if want := []string{"status", "mention", "reblog", "favourite", "follow"}; !slices.Equal(all, want) {
		t.Fatalf("alice's notifications = %v, want %v", all, want)
	}
	for _, c := range []struct {
		f    store.NotificationFilter
		want []string
	}{
		{store.NotificationFilter{Types: []string{"mention", "follow"}}, []string{"mention", "follow"}},
		{store.NotificationFilter{ExcludeTypes: []string{"status", "follow"}}, []string{"mention", "reblog", "favourite"}},
		{store.NotificationFilter{FromAccountID: w.id("bob")}, []string{"reblog", "favourite", "follow"}},
	} {
		if got := w.notificationTypes("alice", c.f); !slices.Equal(got, c.want) {
			t.Errorf("%+v: %v, want %v", c.f, got, c.want)
		}
	}
	if n, _ := w.s.CountNotifications(ctx, w.id("alice"), store.NotificationFilter{}, "", 3); n != 3 {
		t.Errorf("unread count capped at 3 = %d", n)
	}
	// Unfavouriting removes its notification; muting with notifications hides bob's.
	if _, err := w.s.Unfavourite(ctx, w.id("bob"), st.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Mute(ctx, w.id("alice"), w.id("bob"), store.MuteOptions{Notifications: true}); err != nil {
		t.Fatal(err)
	}
	if got := w.notificationTypes("alice", store.NotificationFilter{}); !slices.Equal(got, []string{"status", "mention"}) {
		t.Errorf("after unfavourite and mute: %v", got)
	}
	if _, err := w.s.Unmute(ctx, w.id("alice"), w.id("bob")); err != nil {
		t.Fatal(err)
	}
	if got := w.notificationTypes("alice", store.NotificationFilter{}); len(got) != 4 {
		t.Errorf("after unmute: %v", got)
	}
}

func TestNotificationDismissAndClear(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol")
	w.follow("bob", "alice")
	w.follow("carol", "alice")
	ns, info, err := w.s.Notifications(ctx, w.id("alice"), store.NotificationFilter{}, store.Page{Limit: 1})
	if err != nil || len(ns) != 1 || info.NextMaxID != ns[0].ID {
		t.Fatalf("page of 1: %v %+v %v", ns, info, err)
	}
	got, err := w.s.NotificationByID(ctx, w.id("alice"), ns[0].ID)
	if err != nil || got.FromAccount.ID != w.id("carol") {
		t.Fatalf("get: %+v %v", got, err)
	}
	if _, err := w.s.NotificationByID(ctx, w.id("bob"), ns[0].ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("someone else's notification: %v", err)
	}
	if err := w.s.DismissNotification(ctx, w.id("bob"), ns[0].ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("dismissing someone else's: %v", err)
	}
	if err := w.s.DismissNotification(ctx, w.id("alice"), ns[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := w.s.CountNotifications(ctx, w.id("alice"), store.NotificationFilter{}, "", 0); n != 1 {
		t.Errorf("after dismiss: %d", n)
	}
	if err := w.s.ClearNotifications(ctx, w.id("alice")); err != nil {
		t.Fatal(err)
	}
	if n, _ := w.s.CountNotifications(ctx, w.id("alice"), store.NotificationFilter{}, "", 0); n != 0 {
		t.Errorf("after clear: %d", n)
	}
}

func TestNotificationGroups(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob", "carol", "dave")
	st := w.post("alice", storeNew("x"))
	for _, who := range []string{"bob", "carol", "dave"} {
		if _, err := w.s.Favourite(ctx, w.id(who), st.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	in := storeNew("@alice")
	in.Mentions = []string{w.id("alice")}
	w.post("bob", in)
	w.post("carol", in)
	gs, info, err := w.s.NotificationGroups(ctx, w.id("alice"), store.NotificationFilter{}, nil, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 3 {
		t.Fatalf("groups = %+v", gs)
	}
	if gs[0].Latest.Type != "mention" || gs[1].Latest.Type != "mention" || gs[2].Latest.Type != "favourite" {
		t.Errorf("group order: %s %s %s", gs[0].Latest.Type, gs[1].Latest.Type, gs[2].Latest.Type)
	}
	fav := gs[2]
	if fav.Count != 3 || !slices.Equal(fav.SampleAccountIDs, []string{w.id("dave"), w.id("carol"), w.id("bob")}) ||
		fav.Latest.Status == nil || fav.Latest.Status.ID != st.ID {
		t.Errorf("favourite group: %+v", fav)
	}
	if fav.GroupKey != "favourite-"+st.ID+"-"+dayOf(fav.LatestAt) {
		t.Errorf("group key %q", fav.GroupKey)
	}
	if info.NextMaxID != fav.PageMinID || info.PrevMinID != gs[0].PageMaxID {
		t.Errorf("page info %+v", info)
	}
	gs, _, _ = w.s.NotificationGroups(ctx, w.id("alice"), store.NotificationFilter{}, nil, store.Page{MaxID: gs[1].PageMinID})
	if len(gs) != 1 || gs[0].Count != 3 {
		t.Errorf("next page: %+v", gs)
	}
}

func dayOf(t time.Time) string {
	return models.NotificationGroupKey(&models.Notification{Type: "follow", CreatedAt: t})[len("follow-"):]
}
