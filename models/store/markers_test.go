package store_test

import (
	"errors"
	"testing"

	"github.com/stoa-social/stoa/models"
)

// TestMarkers walks a marker's versions: created at 0, unchanged by the
// same id, one more for each new id; accounts and timelines stay apart.
func TestMarkers(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "alice", "bob")
	alice, bob := w.id("alice"), w.id("bob")
	if _, err := w.s.Marker(ctx, alice, models.MarkerHome); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("no marker yet: %v", err)
	}
	steps := []struct {
		timeline, id string
		version      int
	}{
		{models.MarkerHome, "01A", 0},
		{models.MarkerHome, "01A", 0},
		{models.MarkerHome, "01B", 1},
		{models.MarkerNotifications, "01C", 0},
		{models.MarkerHome, "01D", 2},
	}
	for i, st := range steps {
		m, err := w.s.SetMarker(ctx, alice, st.timeline, st.id)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if m.LastReadID != st.id || m.Version != st.version || m.Timeline != st.timeline || m.UpdatedAt.IsZero() {
			t.Errorf("step %d: %+v, want %s version %d", i, m, st.id, st.version)
		}
	}
	ms, err := w.s.Markers(ctx, alice, models.MarkerTimelines)
	if err != nil || len(ms) != 2 {
		t.Fatalf("markers: %v %v", ms, err)
	}
	got := map[string]string{}
	for _, m := range ms {
		got[m.Timeline] = m.LastReadID
	}
	if got["home"] != "01D" || got["notifications"] != "01C" {
		t.Errorf("markers %v", got)
	}
	if ms, _ := w.s.Markers(ctx, alice, []string{models.MarkerHome}); len(ms) != 1 {
		t.Errorf("home only: %d markers", len(ms))
	}
	if ms, _ := w.s.Markers(ctx, alice, nil); len(ms) != 0 {
		t.Errorf("no timelines: %d markers", len(ms))
	}
	if ms, _ := w.s.Markers(ctx, bob, models.MarkerTimelines); len(ms) != 0 {
		t.Errorf("bob: %d markers", len(ms))
	}
}
