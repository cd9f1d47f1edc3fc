package mastodon_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// tlFilter saves a one-keyword filter for owner.
func tlFilter(t *testing.T, s *instancetest.Server, owner *models.Account, keyword, action string, contexts ...string) {
	t.Helper()
	f := &models.Filter{AccountID: owner.ID, Title: keyword, Context: contexts, Action: action}
	if _, err := s.Store().SaveFilter(context.Background(), f, []store.KeywordChange{{Keyword: &keyword}}); err != nil {
		t.Fatal(err)
	}
}

// TestTimelineFiltersApplied: the reader's filters warn about or hide
// statuses on timelines and in notifications, by context.
func TestTimelineFiltersApplied(t *testing.T) {
	t.Parallel()
	s := instancetest.New(t)
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	tlFollow(t, s, alice.Account, bob.Account)
	tlFilter(t, s, alice.Account, "spoilers", models.FilterWarn, models.FilterHome, models.FilterNotifications)
	tlFilter(t, s, alice.Account, "secret", models.FilterHide, models.FilterHome, models.FilterNotifications, models.FilterPublic)
	mentions := []string{alice.Account.ID}
	warned := tlPost(t, s, bob.Account, store.NewStatus{Content: "<p>@alice spoilers ahead</p>", Mentions: mentions})
	hidden := tlPost(t, s, bob.Account, store.NewStatus{Content: "<p>@alice a secret</p>", Mentions: mentions})
	plain := tlPost(t, s, bob.Account, store.NewStatus{Content: "<p>@alice plain</p>", Mentions: mentions})

	tests := []struct {
		name, path   string
		list         func(any) []any
		want         []string // status ids, in order
		warnedMarked bool
	}{
		{"home", "/api/v1/timelines/home", tlArray, []string{plain.ID, warned.ID}, true},
		{"public", "/api/v1/timelines/public", tlArray, []string{plain.ID, warned.ID}, false},
		{"notifications", "/api/v1/notifications", tlNotificationStatuses, []string{plain.ID, warned.ID}, true},
		{"grouped", "/api/v2/notifications", tlGroupedStatuses, []string{plain.ID, warned.ID}, true},
	}
	for _, tt := range tests {
		status, _, body := alice.do(t, http.MethodGet, tt.path, nil)
		if status != http.StatusOK {
			t.Fatalf("%s: %d %v", tt.name, status, body)
		}
		var ids []string
		for _, v := range tt.list(body) {
			st := v.(map[string]any)
			ids = append(ids, st["id"].(string))
			_, marked := st["filtered"]
			if want := st["id"] == warned.ID && tt.warnedMarked; marked != want {
				t.Errorf("%s: status %v filtered=%v, want %v", tt.name, st["id"], st["filtered"], want)
			}
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("%s: statuses %v, want %v (hidden %s)", tt.name, ids, tt.want, hidden.ID)
		}
	}
	_, _, body := alice.do(t, http.MethodGet, "/api/v2/notifications", nil)
	if n := len(body.(map[string]any)["notification_groups"].([]any)); n != 2 {
		t.Errorf("grouped: %d groups, want 2", n)
	}
}

func tlArray(v any) []any { return v.([]any) }

func tlNotificationStatuses(v any) []any {
	var out []any
	for _, n := range v.([]any) {
		out = append(out, n.(map[string]any)["status"])
	}
	return out
}

func tlGroupedStatuses(v any) []any { return v.(map[string]any)["statuses"].([]any) }
