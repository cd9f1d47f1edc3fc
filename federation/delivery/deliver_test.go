package delivery_test

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/delivery"
	"github.com/stoa-social/stoa/federation/httpclient"
)

func TestDeliverSigned(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	body := f.enqueue(t, f.inbox.URL("bob"), f.inbox.URL("carol"), f.inbox.URL("shared"))
	f.drain(t)
	got := f.inbox.received()
	checkSigned(t, got)
	var paths []string
	for _, r := range got {
		paths = append(paths, r.Path)
		if r.Body != body {
			t.Errorf("%s got %q, want %q", r.Path, r.Body, body)
		}
	}
	sort.Strings(paths)
	if len(paths) != 3 || paths[0] != "/inbox/bob" || paths[1] != "/inbox/carol" || paths[2] != "/inbox/shared" {
		t.Errorf("delivered to %q", paths)
	}
	if rows := f.rows(t); len(rows) != 0 {
		t.Errorf("%d rows left after delivery", len(rows))
	}
	if s := f.q.Stats(); s != (delivery.Stats{Delivered: 3}) {
		t.Errorf("stats %+v", s)
	}
	f.drain(t) // nothing more is sent
	if n := len(f.inbox.received()); n != 3 {
		t.Errorf("%d requests after a second drain", n)
	}
}

// TestRetryWithBackoff: a server failing twice then succeeding gets the
// activity once, after waits of RetryBase and twice that.
func TestRetryWithBackoff(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	f.inbox.setRespond(func(n int, r *http.Request, w http.ResponseWriter) bool {
		if n <= 2 {
			http.Error(w, "oops", http.StatusInternalServerError)
			return true
		}
		return false
	})
	f.enqueue(t, f.inbox.URL("bob"))
	start := f.clock.Now()
	steps := []struct {
		advance  time.Duration
		requests int
		attempts int
		next     time.Duration // since start
	}{
		{0, 1, 1, 30 * time.Second},
		{29 * time.Second, 1, 1, 30 * time.Second}, // not due yet
		{time.Second, 2, 2, 90 * time.Second},      // 30 s + 60 s
		{time.Minute, 3, 0, 0},                     // delivered
	}
	for i, s := range steps {
		f.clock.Advance(s.advance)
		f.drain(t)
		if n := len(f.inbox.received()); n != s.requests {
			t.Fatalf("step %d: %d requests, want %d", i, n, s.requests)
		}
		rows := f.rows(t)
		if s.attempts == 0 {
			if len(rows) != 0 {
				t.Fatalf("step %d: row left: %+v", i, rows)
			}
			continue
		}
		r := rows[0]
		if r.Attempts != s.attempts || r.LastStatus != 500 || r.LastError == "" || r.ClaimedBy != "" ||
			!r.NextAttemptAt.Equal(start.Add(s.next)) {
			t.Fatalf("step %d: row %+v, want attempts %d next %v", i, r, s.attempts, start.Add(s.next))
		}
	}
	checkSigned(t, f.inbox.received())
	if s := f.q.Stats(); s != (delivery.Stats{Delivered: 1, Retried: 2}) {
		t.Errorf("stats %+v", s)
	}
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status     int
		retryAfter func(now time.Time) string
		wait       time.Duration
	}{
		{429, func(time.Time) string { return "120" }, 2 * time.Minute},
		{503, func(now time.Time) string { return now.Add(time.Hour).Format(http.TimeFormat) }, time.Hour},
		{429, func(time.Time) string { return "" }, 30 * time.Second},        // none: backoff
		{503, func(time.Time) string { return "999999999" }, 24 * time.Hour}, // capped at MaxRetryAfter
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", tt.status, tt.wait), func(t *testing.T) {
			t.Parallel()
			retryAfterCase(t, tt.status, tt.retryAfter, tt.wait)
		})
	}
}

func retryAfterCase(t *testing.T, status int, retryAfter func(time.Time) string, wait time.Duration) {
	f := newFixture(t, nil)
	now := f.clock.Now()
	f.inbox.setRespond(func(n int, r *http.Request, w http.ResponseWriter) bool {
		if v := retryAfter(now); v != "" {
			w.Header().Set("Retry-After", v)
		}
		w.WriteHeader(status)
		return true
	})
	f.enqueue(t, f.inbox.URL("bob"))
	f.drain(t)
	rows := f.rows(t)
	if len(rows) != 1 || rows[0].LastStatus != status || !rows[0].NextAttemptAt.Equal(now.Add(wait)) {
		t.Errorf("%d %q: rows %+v, want next attempt at %v", status, retryAfter(now), rows, now.Add(wait))
	}
}

func TestPermanentOutcomes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status int
		kept   bool
		stats  delivery.Stats
	}{
		{http.StatusGone, false, delivery.Stats{Failed: 1, Gone: 1}},
		{http.StatusNotFound, false, delivery.Stats{Failed: 1}},
		{http.StatusForbidden, false, delivery.Stats{Failed: 1}},
		{http.StatusBadRequest, false, delivery.Stats{Failed: 1}},
		{http.StatusRequestTimeout, true, delivery.Stats{Retried: 1}},
		{http.StatusBadGateway, true, delivery.Stats{Retried: 1}},
		{http.StatusOK, false, delivery.Stats{Delivered: 1}},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			t.Parallel()
			outcomeCase(t, tt.status, tt.kept, tt.stats)
		})
	}
}

func outcomeCase(t *testing.T, status int, kept bool, stats delivery.Stats) {
	var mu sync.Mutex
	var gone []string
	f := newFixture(t, func(c *delivery.Config) {
		c.OnGone = func(_ context.Context, inbox string) { mu.Lock(); gone = append(gone, inbox); mu.Unlock() }
	})
	f.inbox.setRespond(func(_ int, _ *http.Request, w http.ResponseWriter) bool { w.WriteHeader(status); return true })
	f.enqueue(t, f.inbox.URL("bob"))
	f.drain(t)
	if k := len(f.rows(t)) == 1; k != kept {
		t.Errorf("%d: row kept %v, want %v", status, k, kept)
	}
	if s := f.q.Stats(); s != stats {
		t.Errorf("%d: stats %+v, want %+v", status, s, stats)
	}
	wantGone := 0
	if status == http.StatusGone {
		wantGone = 1
	}
	if len(gone) != wantGone || (wantGone == 1 && gone[0] != f.inbox.URL("bob")) {
		t.Errorf("%d: OnGone got %q", status, gone)
	}
}

// TestPrivateAddressRefused: with the guard on, a delivery to loopback is
// dropped as permanent and never reaches the server.
func TestPrivateAddressRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	q := delivery.New(f.st, httpclient.New(httpclient.Config{}), f.cfg)
	id := "https://stoa.test/a/1"
	if _, err := q.Enqueue(context.Background(), f.st, []byte("{}"), id, f.author.ID, []string{f.inbox.URL("bob")}); err != nil {
		t.Fatal(err)
	}
	if err := q.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(f.inbox.received()); n != 0 {
		t.Errorf("loopback server got %d requests", n)
	}
	if rows := f.rows(t); len(rows) != 0 {
		t.Errorf("row kept: %+v", rows)
	}
	if s := q.Stats(); s != (delivery.Stats{Failed: 1}) {
		t.Errorf("stats %+v", s)
	}
}

// TestGiveUpAfterMaxAge: retries stop once the next one would fall past
// MaxAge.
func TestGiveUpAfterMaxAge(t *testing.T) {
	t.Parallel()
	f := newFixture(t, func(c *delivery.Config) { c.MaxAge = 10 * time.Minute; c.HostFailures = 1000 })
	f.inbox.setRespond(func(_ int, _ *http.Request, w http.ResponseWriter) bool { w.WriteHeader(500); return true })
	f.enqueue(t, f.inbox.URL("bob"))
	for i := 0; i < 20; i++ {
		f.drain(t)
		rows := f.rows(t)
		if len(rows) == 0 {
			break
		}
		f.clock.Advance(rows[0].NextAttemptAt.Sub(f.clock.Now()))
	}
	// Attempts at 0 s, 30 s, 1.5, 3.5 and 7.5 min: the 5th failure would
	// retry at 15.5 min, past MaxAge.
	if n := len(f.inbox.received()); n != 5 {
		t.Errorf("%d attempts before giving up, want 5", n)
	}
	if rows := f.rows(t); len(rows) != 0 {
		t.Errorf("row kept: %+v", rows)
	}
	if s := f.q.Stats(); s != (delivery.Stats{Retried: 4, Failed: 1}) {
		t.Errorf("stats %+v", s)
	}
}
