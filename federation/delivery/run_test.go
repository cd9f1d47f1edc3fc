package delivery_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/delivery"
	"github.com/stoa-social/stoa/models/store"
)

// eventually polls cond until it holds, failing the test after a while.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// startRun runs q until the test ends or the returned stop is called;
// stop waits for Run to return.
func startRun(t *testing.T, q *delivery.Queue) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- q.Run(ctx) }()
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cancel()
			if err := <-done; err != nil {
				t.Errorf("run: %v", err)
			}
		}
	}
	t.Cleanup(stop)
	return stop
}

// TestRunWakesOnEnqueue: with polling out of the picture, Enqueue alone
// makes a running queue send.
func TestRunWakesOnEnqueue(t *testing.T) {
	t.Parallel()
	f := newFixture(t, func(c *delivery.Config) { c.Now, c.PollInterval = nil, time.Hour })
	stop := startRun(t, f.q)
	for i := 1; i <= 3; i++ {
		f.enqueue(t, f.inbox.URL(fmt.Sprint(i)))
		eventually(t, "delivery", func() bool { return len(f.inbox.received()) == i })
	}
	stop()
	checkSigned(t, f.inbox.received())
	if s := f.q.Stats(); s.Delivered != 3 {
		t.Errorf("stats %+v", s)
	}
}

// TestShutdownReleasesInFlight: a request still in flight when Run's
// context ends is cut after ShutdownGrace and its row released
// unattempted; the next run delivers it.
func TestShutdownReleasesInFlight(t *testing.T) {
	t.Parallel()
	f := newFixture(t, func(c *delivery.Config) {
		c.Now, c.PollInterval, c.ShutdownGrace = nil, time.Hour, 50*time.Millisecond
	})
	hang := make(chan struct{})
	f.inbox.setRespond(func(_ int, r *http.Request, w http.ResponseWriter) bool {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
		return false
	})
	stop := startRun(t, f.q)
	f.enqueue(t, f.inbox.URL("bob"))
	eventually(t, "the request", func() bool { return len(f.inbox.received()) == 1 })
	stop()
	rows := f.rows(t)
	if len(rows) != 1 || rows[0].ClaimedBy != "" || rows[0].Attempts != 0 || rows[0].ClaimedUntil != nil {
		t.Fatalf("rows after shutdown: %+v", rows)
	}
	close(hang)
	f.drain(t)
	if n := len(f.inbox.received()); n != 2 || len(f.rows(t)) != 0 {
		t.Errorf("%d requests, %d rows after the next run", n, len(f.rows(t)))
	}
}

// TestTwoProcessesShareQueue runs two queues, each with its own database
// pool as two stoa processes would have, over many rows and several
// hosts: every delivery arrives exactly once.
func TestTwoProcessesShareQueue(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	const hosts, perHost = 4, 60
	var servers []*inbox
	var inboxes []string
	for h := 0; h < hosts; h++ {
		in := newInbox(t, f.author)
		servers = append(servers, in)
		for i := 0; i < perHost; i++ {
			inboxes = append(inboxes, in.URL(fmt.Sprint(i)))
		}
	}
	var queues []*delivery.Queue
	for i, st := range []*store.Store{f.st, openStore(t, f.dsn)} {
		q := delivery.New(st, testClient(), delivery.Config{
			Name: fmt.Sprint("process-", i), Workers: 8, PollInterval: 20 * time.Millisecond, Logger: testLogger(t),
		})
		queues = append(queues, q)
	}
	// Enqueued on the real clock the queues run on (the fixture's is fake).
	for _, id := range []string{"a1", "a2"} {
		if _, err := queues[0].Enqueue(context.Background(), f.st, []byte(id), id, f.author.ID, inboxes); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range queues {
		startRun(t, q)
	}
	want := 2 * hosts * perHost
	eventually(t, "every delivery", func() bool { return queues[0].Stats().Delivered+queues[1].Stats().Delivered >= int64(want) })
	total := 0
	for _, in := range servers {
		seen := map[string]int{}
		for _, r := range in.received() {
			seen[r.Path+" "+r.Body]++
			if r.Err != nil {
				t.Errorf("%s: %v", r.Path, r.Err)
			}
		}
		for k, n := range seen {
			if n != 1 {
				t.Errorf("%s delivered %d times", k, n)
			}
		}
		total += len(seen)
	}
	if total != want {
		t.Errorf("%d distinct deliveries, want %d", total, want)
	}
	t.Logf("process 0 delivered %d, process 1 %d", queues[0].Stats().Delivered, queues[1].Stats().Delivered)
}
