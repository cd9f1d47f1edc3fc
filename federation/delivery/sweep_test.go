package delivery_test

import (
	"context"
	"testing"
	"time"
)

// TestSweep: Run deletes deliveries that outlived MaxAge without an
// attempt (their host stayed paused) and activities with no deliveries
// left.
func TestSweep(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	f.enqueue(t, f.inbox.URL("a"))
	f.drain(t)
	if n, _ := f.st.CountOutboxActivities(ctx); n != 1 {
		t.Fatalf("%d activities before the sweep, want 1 (spent)", n)
	}
	f.enqueue(t, "https://paused.example/inbox")
	_, err := f.st.DeliveryHostFailed(ctx, "paused.example", "down", f.clock.Now(),
		func(int) time.Duration { return 100 * time.Hour })
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(49 * time.Hour)
	stop := startRun(t, f.q)
	eventually(t, "the sweep", func() bool { return f.q.Stats().Failed == 1 })
	stop()
	if rows := f.rows(t); len(rows) != 0 {
		t.Errorf("rows left: %+v", rows)
	}
	if n, _ := f.st.CountOutboxActivities(ctx); n != 0 {
		t.Errorf("%d activities left", n)
	}
}
