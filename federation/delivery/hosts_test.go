package delivery_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/delivery"
)

// TestFailingHostPaused: after HostFailures failures in a row the host is
// paused as a whole (recorded in the store, so a new queue respects it);
// when it answers again its record is cleared.
func TestFailingHostPaused(t *testing.T) {
	t.Parallel()
	tune := func(c *delivery.Config) { c.HostFailures, c.PerHost, c.HostPauseBase = 2, 1, time.Hour }
	f := newFixture(t, tune)
	var up atomic.Bool
	f.inbox.setRespond(func(_ int, _ *http.Request, w http.ResponseWriter) bool {
		if up.Load() {
			return false
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		return true
	})
	f.enqueue(t, f.inbox.URL("a"), f.inbox.URL("b"), f.inbox.URL("c"))
	start := f.clock.Now()
	f.drain(t)
	// One at a time: a fails, b fails and pauses the host, c is not tried.
	if n := len(f.inbox.received()); n != 2 {
		t.Fatalf("%d requests, want 2", n)
	}
	hosts, err := f.st.DeliveryHosts(context.Background())
	if err != nil || len(hosts) != 1 {
		t.Fatalf("hosts %+v, %v", hosts, err)
	}
	pausedUntil := start.Add(time.Hour)
	if h := hosts[0]; h.Failures != 2 || h.PausedUntil == nil || !h.PausedUntil.Equal(pausedUntil) ||
		h.Host != f.inbox.srv.Listener.Addr().String() {
		t.Errorf("host %+v, want 2 failures, paused until %v", h, pausedUntil)
	}
	for _, r := range f.rows(t) {
		if r.NextAttemptAt.Before(pausedUntil) {
			t.Errorf("row %s due at %v, inside the pause", r.Inbox, r.NextAttemptAt)
		}
	}

	// Past every row's own backoff, inside the pause: a new queue (a
	// restarted process) sends nothing either.
	f.clock.Advance(30 * time.Minute)
	q2 := delivery.New(f.st, testClient(), f.cfg)
	if err := q2.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(f.inbox.received()); n != 2 {
		t.Fatalf("%d requests during the pause", n)
	}

	up.Store(true)
	f.clock.Advance(31 * time.Minute)
	if err := q2.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(f.inbox.received()); n != 5 {
		t.Errorf("%d requests, want 5", n)
	}
	if rows := f.rows(t); len(rows) != 0 {
		t.Errorf("rows left: %+v", rows)
	}
	if hosts, _ := f.st.DeliveryHosts(context.Background()); len(hosts) != 0 {
		t.Errorf("host record not cleared: %+v", hosts)
	}
}
