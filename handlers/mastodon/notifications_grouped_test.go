package mastodon_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// groupSpec is the NotificationGroup attributes of a paged answer.
var groupSpec = shape.Spec{
	"group_key": shape.String, "notifications_count": shape.Number, "type": shape.String,
	"most_recent_notification_id": shape.String, "page_min_id": shape.String, "page_max_id": shape.String,
	"latest_page_notification_at": shape.String, "sample_account_ids": shape.Array,
}

// ngScene: three favourites of alice's post (bob, carol, dave in that
// order), then a follow by erin, then a mention by bob.
type ngScene struct {
	s                             *instancetest.Server
	alice, bob, carol, dave, erin *user
	post, mention                 *models.Status
}

func ngSetup(t *testing.T) *ngScene {
	t.Helper()
	s := instancetest.New(t)
	ctx := context.Background()
	sc := &ngScene{s: s, alice: newUser(t, s, "alice"), bob: newUser(t, s, "bob"),
		carol: newUser(t, s, "carol"), dave: newUser(t, s, "dave"), erin: newUser(t, s, "erin")}
	sc.post = tlPost(t, s, sc.alice.Account, store.NewStatus{})
	for _, u := range []*user{sc.bob, sc.carol, sc.dave} {
		if _, err := s.Store().Favourite(ctx, u.Account.ID, sc.post.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	tlFollow(t, s, sc.erin.Account, sc.alice.Account)
	sc.mention = tlPost(t, s, sc.bob.Account, store.NewStatus{Mentions: []string{sc.alice.Account.ID}})
	return sc
}

// ngGet GETs a GroupedNotificationsResults.
func ngGet(t *testing.T, u *user, path string) map[string]any {
	t.Helper()
	status, _, body := u.do(t, http.MethodGet, path, nil)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d %v", path, status, body)
	}
	return body.(map[string]any)
}

func ngGroups(res map[string]any) []map[string]any {
	var out []map[string]any
	for _, g := range res["notification_groups"].([]any) {
		out = append(out, g.(map[string]any))
	}
	return out
}

func ngStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// TestGroupedNotifications: three favourites become one group of three
// with its sample accounts; accounts and statuses are sideloaded.
func TestGroupedNotifications(t *testing.T) {
	t.Parallel()
	sc := ngSetup(t)
	res := ngGet(t, sc.alice, "/api/v2/notifications")
	groups := ngGroups(res)
	if len(groups) != 3 {
		t.Fatalf("got %d groups, want 3: %v", len(groups), groups)
	}
	for _, g := range groups {
		shape.Check(t, g, groupSpec)
	}
	wantTypes := []string{"mention", "follow", "favourite"}
	for i, g := range groups {
		if g["type"] != wantTypes[i] {
			t.Errorf("group %d type %v, want %s", i, g["type"], wantTypes[i])
		}
	}
	fav := groups[2]
	if fav["notifications_count"] != 3.0 || fav["status_id"] != sc.post.ID {
		t.Errorf("favourite group: count %v, status %v", fav["notifications_count"], fav["status_id"])
	}
	wantSample := []string{sc.dave.Account.ID, sc.carol.Account.ID, sc.bob.Account.ID}
	if got := ngStrings(fav["sample_account_ids"]); !slices.Equal(got, wantSample) {
		t.Errorf("sample_account_ids %v, want %v", got, wantSample)
	}
	if fav["page_max_id"] != fav["most_recent_notification_id"] || fav["page_min_id"].(string) >= fav["page_max_id"].(string) {
		t.Errorf("page ids min %v max %v recent %v", fav["page_min_id"], fav["page_max_id"], fav["most_recent_notification_id"])
	}
	if _, has := groups[1]["status_id"]; has {
		t.Errorf("follow group has a status_id")
	}
	if !strings.HasPrefix(groups[0]["group_key"].(string), "ungrouped-") {
		t.Errorf("mention group key %v", groups[0]["group_key"])
	}
	if got := tlSet(tlIDs(t, res["accounts"])...); !ngSameAccounts(got, sc.bob, sc.carol, sc.dave, sc.erin) {
		t.Errorf("accounts %v", got)
	}
	if got := tlIDs(t, res["statuses"]); !slices.Equal(got, []string{sc.mention.ID, sc.post.ID}) {
		t.Errorf("statuses %v", got)
	}
	if _, has := res["partial_accounts"]; has {
		t.Error("partial_accounts present without expand_accounts=partial_avatars")
	}
}

func ngSameAccounts(got map[string]bool, us ...*user) bool {
	if len(got) != len(us) {
		return false
	}
	for _, u := range us {
		if !got[u.Account.ID] {
			return false
		}
	}
	return true
}

// TestGroupedNotificationsOptions checks expand_accounts, grouped_types[],
// paging with the Link header and the unread count.
func TestGroupedNotificationsOptions(t *testing.T) {
	t.Parallel()
	sc := ngSetup(t)
	res := ngGet(t, sc.alice, "/api/v2/notifications?expand_accounts=partial_avatars")
	// Newest sender of each group in full (bob: mention, erin: follow, dave:
	// favourites); carol only as a partial account.
	if got := tlSet(tlIDs(t, res["accounts"])...); !ngSameAccounts(got, sc.bob, sc.erin, sc.dave) {
		t.Errorf("full accounts %v", got)
	}
	partial := res["partial_accounts"].([]any)
	if len(partial) != 1 {
		t.Fatalf("partial_accounts %v", partial)
	}
	shape.Check(t, partial[0].(map[string]any), shape.Spec{
		"id": shape.String, "acct": shape.String, "url": shape.String, "avatar": shape.String,
		"avatar_static": shape.String, "locked": shape.Bool, "bot": shape.Bool, "username": shape.Absent,
	})
	if p := partial[0].(map[string]any); p["id"] != sc.carol.Account.ID || p["acct"] != "carol" {
		t.Errorf("partial account %v", p)
	}

	ungrouped := ngGroups(ngGet(t, sc.alice, "/api/v2/notifications?grouped_types[]=follow"))
	if len(ungrouped) != 5 || ungrouped[4]["notifications_count"] != 1.0 ||
		!strings.HasPrefix(ungrouped[4]["group_key"].(string), "ungrouped-") {
		t.Errorf("grouped_types[]=follow: %v", ungrouped)
	}

	status, h, body := sc.alice.do(t, http.MethodGet, "/api/v2/notifications?limit=2", nil)
	first := ngGroups(body.(map[string]any))
	links := tlLinks(t, sc.s, h)
	if status != http.StatusOK || len(first) != 2 || !strings.Contains(links["next"], "limit=2") {
		t.Fatalf("first page: %d %v, links %v", status, first, links)
	}
	rest := ngGroups(ngGet(t, sc.alice, links["next"]))
	if len(rest) != 1 || rest[0]["type"] != "favourite" || rest[0]["notifications_count"] != 3.0 {
		t.Errorf("second page: %v", rest)
	}

	unread := func() any {
		return ngGet(t, sc.alice, "/api/v2/notifications/unread_count")["count"]
	}
	if got := unread(); got != 3.0 {
		t.Errorf("unread groups without a marker: %v, want 3", got)
	}
	fav := rest[0]
	sc.alice.do(t, http.MethodPost, "/api/v1/markers", map[string]any{
		"notifications": map[string]any{"last_read_id": fav["most_recent_notification_id"]}})
	if got := unread(); got != 2.0 {
		t.Errorf("unread groups after the favourites: %v, want 2", got)
	}
}

// TestNotificationGroupByKey checks get, accounts and dismiss of a group.
func TestNotificationGroupByKey(t *testing.T) {
	t.Parallel()
	sc := ngSetup(t)
	groups := ngGroups(ngGet(t, sc.alice, "/api/v2/notifications"))
	favKey, mentionKey := groups[2]["group_key"].(string), groups[0]["group_key"].(string)

	one := ngGet(t, sc.alice, "/api/v2/notifications/"+favKey)
	got := ngGroups(one)
	if len(got) != 1 || got[0]["group_key"] != favKey || got[0]["notifications_count"] != 3.0 {
		t.Fatalf("group %v", got)
	}
	if _, has := got[0]["page_min_id"]; has {
		t.Error("single group has page_min_id")
	}
	if ids := tlIDs(t, one["statuses"]); !slices.Equal(ids, []string{sc.post.ID}) {
		t.Errorf("statuses %v", ids)
	}
	if m := ngGroups(ngGet(t, sc.alice, "/api/v2/notifications/"+mentionKey)); len(m) != 1 || m[0]["type"] != "mention" {
		t.Errorf("ungrouped key: %v", m)
	}

	_, _, accts := sc.alice.do(t, http.MethodGet, "/api/v2/notifications/"+favKey+"/accounts", nil)
	want := []string{sc.dave.Account.ID, sc.carol.Account.ID, sc.bob.Account.ID}
	if ids := tlIDs(t, accts); !slices.Equal(ids, want) {
		t.Errorf("accounts %v, want %v", ids, want)
	}

	for _, path := range []string{
		"/api/v2/notifications/favourite-nope-1", "/api/v2/notifications/ungrouped-nope",
		"/api/v2/notifications/favourite-nope-1/accounts",
	} {
		if status, _, _ := sc.alice.do(t, http.MethodGet, path, nil); status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, status)
		}
	}
	if status, _, _ := sc.bob.do(t, http.MethodGet, "/api/v2/notifications/"+favKey, nil); status != http.StatusNotFound {
		t.Errorf("bob reading alice's group: %d, want 404", status)
	}

	for _, key := range []string{favKey, mentionKey} {
		if status, _, body := sc.alice.do(t, http.MethodPost, "/api/v2/notifications/"+key+"/dismiss", nil); status != http.StatusOK {
			t.Errorf("dismiss %s: %d %v", key, status, body)
		}
	}
	left := ngGroups(ngGet(t, sc.alice, "/api/v2/notifications"))
	if len(left) != 1 || left[0]["type"] != "follow" {
		t.Errorf("after dismissing: %v", left)
	}
	if status, _, _ := sc.alice.do(t, http.MethodPost, "/api/v2/notifications/"+favKey+"/dismiss", nil); status != http.StatusNotFound {
		t.Errorf("dismissing twice: %d, want 404", status)
	}
}

// TestNotificationPolicy checks the accept-everything policy.
func TestNotificationPolicy(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice := newUser(t, s, "alice")
	spec := shape.Spec{
		"for_not_following": shape.String, "for_not_followers": shape.String, "for_new_accounts": shape.String,
		"for_private_mentions": shape.String, "for_limited_accounts": shape.String,
		"summary.pending_requests_count": shape.Number, "summary.pending_notifications_count": shape.Number,
	}
	for _, tt := range []struct {
		method string
		body   any
		want   int
	}{
		{http.MethodGet, nil, http.StatusOK},
		{http.MethodPatch, map[string]any{"for_not_following": "accept"}, http.StatusOK},
		{http.MethodPatch, map[string]any{"for_not_following": "sometimes"}, http.StatusUnprocessableEntity},
	} {
		status, _, body := alice.do(t, tt.method, "/api/v2/notifications/policy", tt.body)
		if status != tt.want {
			t.Errorf("%s %v: %d %v", tt.method, tt.body, status, body)
			continue
		}
		m := body.(map[string]any)
		if status != http.StatusOK {
			if m["error"] == nil {
				t.Errorf("no error message: %v", m)
			}
			continue
		}
		shape.Check(t, m, spec)
		if m["for_not_following"] != "accept" || m["for_private_mentions"] != "accept" {
			t.Errorf("policy %v", m)
		}
	}
}
