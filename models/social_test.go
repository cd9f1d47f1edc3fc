package models

import (
	"testing"
	"time"
)

func TestParseVisibility(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Visibility{"": "public", "public": "public", "unlisted": "unlisted",
		"private": "private", "direct": "direct"} {
		if got, err := ParseVisibility(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	if _, err := ParseVisibility("limited"); err == nil {
		t.Errorf("limited: want a validation error")
	}
}

func TestNewIDAtSortsByTime(t *testing.T) {
	t.Parallel()
	old := NewIDAt(time.Now().Add(-24 * time.Hour))
	older := NewIDAt(time.Now().Add(-48 * time.Hour))
	now, future := NewID(), NewIDAt(time.Now().Add(time.Hour))
	if !(older < old && old < now && now < future) {
		t.Errorf("ids out of time order: %s %s %s %s", older, old, now, future)
	}
}

func TestNotificationGroupKey(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 2, 23, 0, 0, 0, time.UTC)
	day := "20455" // 2026-01-02 in days since 1970
	for _, c := range []struct {
		n    Notification
		want string
	}{
		{Notification{ID: "N", Type: NotificationFavourite, StatusID: "S", CreatedAt: at}, "favourite-S-" + day},
		{Notification{ID: "N", Type: NotificationReblog, StatusID: "S", CreatedAt: at}, "reblog-S-" + day},
		{Notification{ID: "N", Type: NotificationFollow, CreatedAt: at}, "follow-" + day},
		{Notification{ID: "N", Type: NotificationMention, StatusID: "S", CreatedAt: at}, "ungrouped-N"},
	} {
		if got := NotificationGroupKey(&c.n); got != c.want {
			t.Errorf("%s: %q, want %q", c.n.Type, got, c.want)
		}
	}
}

func TestLanguages(t *testing.T) {
	t.Parallel()
	if got := JoinLanguages([]string{" EN", "de", "en", ""}); got != "en,de" {
		t.Errorf("join: %q", got)
	}
	if got := LanguageList("en,de"); len(got) != 2 || got[1] != "de" || LanguageList("") != nil {
		t.Errorf("list: %v", got)
	}
}
