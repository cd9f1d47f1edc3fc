package mastodon_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// ntScene is alice with one notification of each kind, oldest first:
// a mention by bob, a follow by carol, a favourite by dave, a reblog by erin.
type ntScene struct {
	s                             *instancetest.Server
	alice, bob, carol, dave, erin *user
	post, mention                 *models.Status // alice's post; bob's mention of alice
}

func ntSetup(t *testing.T) *ntScene {
	t.Helper()
	s := instancetest.New(t)
	ctx := context.Background()
	sc := &ntScene{s: s, alice: newUser(t, s, "alice"), bob: newUser(t, s, "bob"),
		carol: newUser(t, s, "carol"), dave: newUser(t, s, "dave"), erin: newUser(t, s, "erin")}
	sc.post = tlPost(t, s, sc.alice.Account, store.NewStatus{})
	sc.mention = tlPost(t, s, sc.bob.Account, store.NewStatus{
		Content: "<p>@alice hi</p>", Text: "@alice hi", Mentions: []string{sc.alice.Account.ID},
	})
	tlFollow(t, s, sc.carol.Account, sc.alice.Account)
	if _, err := s.Store().Favourite(ctx, sc.dave.Account.ID, sc.post.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Store().Reblog(ctx, sc.erin.Account.ID, sc.post.ID, store.ReblogOptions{}); err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestNotificationsKinds checks each kind's type, sender and status.
func TestNotificationsKinds(t *testing.T) {
	t.Parallel()
	sc := ntSetup(t)
	ns, err := sc.alice.C.GetNotifications(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		typ, from, status string
	}{
		{"reblog", "erin", sc.post.ID},
		{"favourite", "dave", sc.post.ID},
		{"follow", "carol", ""},
		{"mention", "bob", sc.mention.ID},
	}
	if len(ns) != len(want) {
		t.Fatalf("got %d notifications, want %d", len(ns), len(want))
	}
	for i, w := range want {
		n := ns[i]
		var status string
		if n.Status != nil {
			status = string(n.Status.ID)
		}
		if n.Type != w.typ || n.Account.Acct != w.from || status != w.status || n.CreatedAt.IsZero() {
			t.Errorf("#%d: %s from %s about %q at %v, want %s from %s about %q",
				i, n.Type, n.Account.Acct, status, n.CreatedAt, w.typ, w.from, w.status)
		}
	}
	// Raw: group_key, and "status" absent (not null) for a follow.
	_, _, body := sc.alice.do(t, http.MethodGet, "/api/v1/notifications", nil)
	raw := body.([]any)
	follow := raw[2].(map[string]any)
	if _, has := follow["status"]; has {
		t.Errorf("follow notification has a status: %v", follow["status"])
	}
	if gk, _ := follow["group_key"].(string); len(gk) < len("follow-") || gk[:7] != "follow-" {
		t.Errorf("follow group_key = %v", follow["group_key"])
	}
	mention := raw[3].(map[string]any)
	if mention["group_key"] != "ungrouped-"+mention["id"].(string) {
		t.Errorf("mention group_key = %v", mention["group_key"])
	}
	if st := mention["status"].(map[string]any); st["content"] != "<p>@alice hi</p>" {
		t.Errorf("mention status content %v", st["content"])
	}
	// One at a time through the Link header (go-mastodon follows rel="next").
	var paged []string
	for n, err := range sc.alice.C.Notifications(context.Background(), nil, &gomasto.Pagination{Limit: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, n.Type)
	}
	if !slices.Equal(paged, []string{"reblog", "favourite", "follow", "mention"}) {
		t.Errorf("paged one by one: %v", paged)
	}
}

// TestNotificationsFilters checks types[], exclude_types[] and account_id.
func TestNotificationsFilters(t *testing.T) {
	t.Parallel()
	sc := ntSetup(t)
	ctx := context.Background()
	types := func(ns []*gomasto.Notification) []string {
		var out []string
		for _, n := range ns {
			out = append(out, n.Type)
		}
		return out
	}
	excluded, err := sc.alice.C.GetNotificationsExclude(ctx, &[]string{"follow", "favourite"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := types(excluded); !slices.Equal(got, []string{"reblog", "mention"}) {
		t.Errorf("exclude_types: %v", got)
	}
	var included []string
	for n, err := range sc.alice.C.Notifications(ctx, &gomasto.NotificationFilter{Includes: []string{"mention", "follow"}}, nil) {
		if err != nil {
			t.Fatal(err)
		}
		included = append(included, n.Type)
	}
	if !slices.Equal(included, []string{"follow", "mention"}) {
		t.Errorf("types: %v", included)
	}
	tests := []struct {
		path string
		want []string
	}{
		{"/api/v1/notifications?account_id=" + sc.dave.Account.ID, []string{"favourite"}},
		{"/api/v1/notifications?types[]=nonsense", nil},
		{"/api/v1/notifications?types[]=favourite&types[]=reblog&exclude_types[]=reblog", []string{"favourite"}},
	}
	for _, tt := range tests {
		status, _, body := sc.alice.do(t, http.MethodGet, tt.path, nil)
		var got []string
		for _, n := range body.([]any) {
			got = append(got, n.(map[string]any)["type"].(string))
		}
		if status != http.StatusOK || !slices.Equal(got, tt.want) {
			t.Errorf("%s: %d %v, want %v", tt.path, status, got, tt.want)
		}
	}
}

// TestNotificationsGetDismissClear checks the single-notification calls.
func TestNotificationsGetDismissClear(t *testing.T) {
	t.Parallel()
	sc := ntSetup(t)
	ctx := context.Background()
	ns, err := sc.alice.C.GetNotifications(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	one, err := sc.alice.C.GetNotification(ctx, ns[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if one.ID != ns[1].ID || one.Type != "favourite" || one.Account.Acct != "dave" || one.Status == nil {
		t.Errorf("GetNotification: %+v", one)
	}
	for _, tt := range []struct {
		name string
		u    *user
		path string
	}{
		{"unknown id", sc.alice, "/api/v1/notifications/01HZZZZZZZZZZZZZZZZZZZZZZZ"},
		{"someone else's", sc.bob, "/api/v1/notifications/" + string(ns[1].ID)},
	} {
		if status, _, body := tt.u.do(t, http.MethodGet, tt.path, nil); status != http.StatusNotFound ||
			body.(map[string]any)["error"] != "Record not found" {
			t.Errorf("%s: %d %v", tt.name, status, body)
		}
	}
	if err := sc.alice.C.DismissNotification(ctx, ns[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.alice.C.GetNotification(ctx, ns[1].ID); err == nil {
		t.Error("dismissed notification still readable")
	}
	if status, _, _ := sc.alice.do(t, http.MethodPost, "/api/v1/notifications/"+string(ns[1].ID)+"/dismiss", nil); status != http.StatusNotFound {
		t.Errorf("dismissing twice: %d, want 404", status)
	}
	left, _ := sc.alice.C.GetNotifications(ctx, nil)
	if len(left) != 3 {
		t.Errorf("after dismiss: %d notifications, want 3", len(left))
	}
	if err := sc.alice.C.ClearNotifications(ctx); err != nil {
		t.Fatal(err)
	}
	if left, _ := sc.alice.C.GetNotifications(ctx, nil); len(left) != 0 {
		t.Errorf("after clear: %d notifications", len(left))
	}
	if bobs, _ := sc.bob.C.GetNotifications(ctx, nil); bobs == nil {
		t.Error("bob's notifications call failed")
	}
}

// TestNotificationsHideInvisibleStatus: a "status" notification about a
// private post goes away when the reader stops following its author.
func TestNotificationsHideInvisibleStatus(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	ctx := context.Background()
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	notify := true
	if _, err := s.Store().Follow(ctx, alice.Account.ID, bob.Account.ID, store.FollowOptions{Notify: &notify}); err != nil {
		t.Fatal(err)
	}
	tlPost(t, s, bob.Account, store.NewStatus{Visibility: models.VisibilityPrivate})
	ns, err := alice.C.GetNotifications(ctx, nil)
	if err != nil || len(ns) != 1 || ns[0].Type != "status" || ns[0].Status == nil {
		t.Fatalf("before unfollow: %v %+v", err, ns)
	}
	if _, err := s.Store().Unfollow(ctx, alice.Account.ID, bob.Account.ID); err != nil {
		t.Fatal(err)
	}
	if ns, _ := alice.C.GetNotifications(ctx, nil); len(ns) != 0 {
		t.Errorf("after unfollow: %d notifications, want 0", len(ns))
	}
	if _, err := alice.C.GetNotification(ctx, ns[0].ID); err == nil {
		t.Error("GetNotification of an invisible status succeeded")
	}
}

// TestNotificationsUnreadCount counts past the notifications marker.
func TestNotificationsUnreadCount(t *testing.T) {
	t.Parallel()
	sc := ntSetup(t)
	ns, err := sc.alice.C.GetNotifications(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	count := func(path string) any {
		t.Helper()
		status, _, body := sc.alice.do(t, http.MethodGet, path, nil)
		if status != http.StatusOK {
			t.Fatalf("%s: %d %v", path, status, body)
		}
		return body.(map[string]any)["count"]
	}
	if got := count("/api/v1/notifications/unread_count"); got != 4.0 {
		t.Errorf("without a marker: %v, want 4", got)
	}
	// Read up to the follow (the second oldest).
	body := map[string]any{"notifications": map[string]any{"last_read_id": string(ns[2].ID)}}
	if status, _, b := sc.alice.do(t, http.MethodPost, "/api/v1/markers", body); status != http.StatusOK {
		t.Fatalf("save marker: %d %v", status, b)
	}
	tests := []struct {
		path string
		want float64
	}{
		{"/api/v1/notifications/unread_count", 2},
		{"/api/v1/notifications/unread_count?limit=1", 1},
		{"/api/v1/notifications/unread_count?types[]=reblog", 1},
		{"/api/v1/notifications/unread_count?exclude_types[]=reblog&exclude_types[]=favourite", 0},
	}
	for _, tt := range tests {
		if got := count(tt.path); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.path, got, tt.want)
		}
	}
}

// TestNotificationsScopes checks read:/write:notifications.
func TestNotificationsScopes(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	reader := newUser(t, s, "alice", "read:notifications")
	statusesOnly := newUser(t, s, "bob", "read:statuses write:statuses")
	anon := &user{s: s}
	tests := []struct {
		name         string
		u            *user
		method, path string
		want         int
	}{
		{"anonymous list", anon, http.MethodGet, "/api/v1/notifications", http.StatusUnauthorized},
		{"list without scope", statusesOnly, http.MethodGet, "/api/v1/notifications", http.StatusForbidden},
		{"list", reader, http.MethodGet, "/api/v1/notifications", http.StatusOK},
		{"clear read-only", reader, http.MethodPost, "/api/v1/notifications/clear", http.StatusForbidden},
		{"dismiss read-only", reader, http.MethodPost, "/api/v1/notifications/01HZZZZZZZZZZZZZZZZZZZZZZZ/dismiss", http.StatusForbidden},
		{"v2 read-only dismiss", reader, http.MethodPost, "/api/v2/notifications/follow-1/dismiss", http.StatusForbidden},
		{"v2 list without scope", statusesOnly, http.MethodGet, "/api/v2/notifications", http.StatusForbidden},
		{"v2 list", reader, http.MethodGet, "/api/v2/notifications", http.StatusOK},
		{"policy patch read-only", reader, http.MethodPatch, "/api/v2/notifications/policy", http.StatusForbidden},
	}
	for _, tt := range tests {
		if status, _, body := tt.u.do(t, tt.method, tt.path, nil); status != tt.want {
			t.Errorf("%s: %d, want %d (%v)", tt.name, status, tt.want, body)
		}
	}
}
