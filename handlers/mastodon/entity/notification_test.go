package entity

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stoa-social/stoa/handlers/mastodon/internal/shape"
	"github.com/stoa-social/stoa/models"
)

// TestNotificationShapes checks the notification entities against the
// attributes the Mastodon docs list, null versus absent included.
func TestNotificationShapes(t *testing.T) {
	t.Parallel()
	at := time.Date(2024, 8, 23, 8, 59, 56, 743000000, time.UTC)
	acct := NewAccount(site, localAccount(), Counts{})
	st := Status{ID: "01HSTATUS"}
	statusID := "01HSTATUS"
	n := &models.Notification{ID: "01HN", Type: "favourite", GroupKey: "favourite-01HSTATUS-19958", CreatedAt: at}
	follow := &models.Notification{ID: "01HF", Type: "follow", GroupKey: "follow-19958", CreatedAt: at}
	partial := []PartialAccountWithAvatar{NewPartialAccount(site, remoteAccount())}
	tests := []struct {
		name string
		v    any
		spec shape.Spec
		want map[string]any
	}{{
		name: "notification about a status", v: NewNotification(n, acct, &st),
		spec: shape.Spec{"id": shape.String, "type": shape.String, "group_key": shape.String,
			"created_at": shape.String, "account": shape.Object, "status": shape.Object},
		want: map[string]any{"created_at": "2024-08-23T08:59:56.743Z", "group_key": "favourite-01HSTATUS-19958", "account.acct": "alice"},
	}, {
		name: "follow notification", v: NewNotification(follow, acct, nil),
		spec: shape.Spec{"status": shape.Absent, "report": shape.Absent, "type": shape.String},
		want: map[string]any{"type": "follow"},
	}, {
		name: "paged group", v: NotificationGroup{GroupKey: "k", NotificationsCount: 3, Type: "favourite",
			MostRecentNotificationID: "3", PageMinID: "1", PageMaxID: "3", LatestPageNotificationAt: &Time{at},
			SampleAccountIDs: []string{"a"}, StatusID: &statusID},
		spec: shape.Spec{"group_key": shape.String, "notifications_count": shape.Number, "type": shape.String,
			"most_recent_notification_id": shape.String, "page_min_id": shape.String, "page_max_id": shape.String,
			"latest_page_notification_at": shape.String, "sample_account_ids": shape.Array, "status_id": shape.String},
		want: map[string]any{"latest_page_notification_at": "2024-08-23T08:59:56.743Z"},
	}, {
		name: "single follow group", v: NotificationGroup{GroupKey: "k", NotificationsCount: 1, Type: "follow",
			MostRecentNotificationID: "1", SampleAccountIDs: []string{}},
		spec: shape.Spec{"page_min_id": shape.Absent, "page_max_id": shape.Absent,
			"latest_page_notification_at": shape.Absent, "status_id": shape.Absent, "sample_account_ids": shape.Array},
	}, {
		name: "results, full accounts", v: GroupedNotificationsResults{Accounts: []Account{}, Statuses: []Status{}, NotificationGroups: []NotificationGroup{}},
		spec: shape.Spec{"accounts": shape.Array, "statuses": shape.Array, "notification_groups": shape.Array, "partial_accounts": shape.Absent},
	}, {
		name: "results, partial accounts", v: GroupedNotificationsResults{Accounts: []Account{}, PartialAccounts: &partial, Statuses: []Status{}, NotificationGroups: []NotificationGroup{}},
		spec: shape.Spec{"partial_accounts": shape.Array},
	}, {
		name: "partial account", v: partial[0],
		spec: shape.Spec{"id": shape.String, "acct": shape.String, "url": shape.String, "avatar": shape.String,
			"avatar_static": shape.String, "locked": shape.Bool, "bot": shape.Bool, "username": shape.Absent},
		want: map[string]any{"acct": "bob@remote.example", "avatar": "https://remote.example/a.png", "bot": true},
	}, {
		name: "policy", v: AcceptAllPolicy(),
		spec: shape.Spec{"for_not_following": shape.String, "for_not_followers": shape.String,
			"for_new_accounts": shape.String, "for_private_mentions": shape.String, "for_limited_accounts": shape.String,
			"summary.pending_requests_count": shape.Number, "summary.pending_notifications_count": shape.Number},
		want: map[string]any{"for_private_mentions": "accept", "summary.pending_requests_count": 0.0},
	}, {
		name: "marker", v: NewMarker(&models.Marker{Timeline: "home", LastReadID: "01HX", Version: 4, UpdatedAt: at}),
		spec: shape.Spec{"last_read_id": shape.String, "version": shape.Number, "updated_at": shape.String},
		want: map[string]any{"last_read_id": "01HX", "version": 4.0, "updated_at": "2024-08-23T08:59:56.743Z"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			doc := shape.Decode(t, b)
			shape.Check(t, doc, tt.spec)
			for path, want := range tt.want {
				if got := shape.Get(doc, path); got != want {
					t.Errorf("%s: got %v, want %v", path, got, want)
				}
			}
		})
	}
}

// TestMarkersObject: markers render keyed by timeline, {} when none.
func TestMarkersObject(t *testing.T) {
	t.Parallel()
	b, _ := json.Marshal(Markers(nil))
	if string(b) != "{}" {
		t.Errorf("no markers: %s", b)
	}
	b, _ = json.Marshal(Markers([]*models.Marker{{Timeline: "notifications", LastReadID: "9"}}))
	doc := shape.Decode(t, b)
	if shape.Get(doc, "notifications.last_read_id") != "9" || shape.Get(doc, "home") != nil {
		t.Errorf("markers %s", b)
	}
}
