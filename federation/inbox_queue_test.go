package federation_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stoa-social/stoa/instance"
	"github.com/stoa-social/stoa/models/storetest"
)

// openInstance builds an instance (no HTTP server, no workers) on dsn.
func openInstance(t *testing.T, dsn, dataDir string) *instance.Instance {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	inst, err := instance.New(ctx, instance.Config{URL: "http://stoa.test", DB: dsn, DataDir: dataDir,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// TestInboxQueueSurvivesRestart: an activity answered 202 is in the table
// before anything processes it; an instance closed then and opened again
// processes it on start (Run), once; a repeat delivery afterwards is
// recognised and queues nothing.
func TestInboxQueueSurvivesRestart(t *testing.T) {
	t.Parallel()
	dsn, dir := storetest.DSN(t), t.TempDir()
	first := openInstance(t, dsn, dir)
	bob := newRemoteSender(t, first, "bob")
	req := bob.createRequest(t, first, 1)
	replay := bob.createRequest(t, first, 1)
	if code := serveInbox(first, req); code != http.StatusAccepted {
		t.Fatalf("inbox: %d", code)
	}
	if n, err := first.Federator().InboxQueue().Len(t.Context()); n != 1 || err != nil {
		t.Fatalf("queued: %d %v, want 1", n, err)
	}
	if n := statusesBy(t, first, bob.ID); n != 0 {
		t.Fatalf("%d statuses stored before processing", n)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}

	second := openInstance(t, dsn, dir)
	defer second.Close()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- second.Federator().InboxQueue().Run(ctx) }()
	deadline := time.Now().Add(20 * time.Second)
	for statusesBy(t, second, bob.ID) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the queued activity was not processed after the restart")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n, _ := second.Federator().InboxQueue().Len(t.Context()); n != 0 {
		t.Fatalf("%d rows left after processing", n)
	}
	if code := serveInbox(second, replay); code != http.StatusAccepted {
		t.Fatalf("replay: %d", code)
	}
	if n, _ := second.Federator().InboxQueue().Len(t.Context()); n != 0 {
		t.Fatalf("a replay was queued (%d rows)", n)
	}
	if err := second.Federator().InboxQueue().Drain(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := statusesBy(t, second, bob.ID); n != 1 {
		t.Fatalf("%d statuses, want 1", n)
	}
}

// TestInboxQueueGroupCommit: concurrent deliveries, each activity sent
// twice at once, share commits; every one is answered 202, each activity
// is queued exactly once and, processed, stored once.
func TestInboxQueueGroupCommit(t *testing.T) {
	t.Parallel()
	inst := openInstance(t, storetest.DSN(t), t.TempDir())
	defer inst.Close()
	const perSender = 12
	senders := []*remoteSender{newRemoteSender(t, inst, "bob"), newRemoteSender(t, inst, "carol"),
		newRemoteSender(t, inst, "dan")}
	var reqs []*http.Request
	for _, s := range senders {
		for n := range perSender {
			reqs = append(reqs, s.createRequest(t, inst, n), s.createRequest(t, inst, n))
		}
	}
	codes := make([]int, len(reqs))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, r := range reqs {
		wg.Go(func() {
			<-start
			codes[i] = serveInbox(inst, r)
		})
	}
	close(start)
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusAccepted {
			t.Fatalf("request %d: %d", i, c)
		}
	}
	q := inst.Federator().InboxQueue()
	if n, err := q.Len(t.Context()); n != len(senders)*perSender || err != nil {
		t.Fatalf("queued %d (%v), want %d", n, err, len(senders)*perSender)
	}
	if err := q.Drain(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, s := range senders {
		if n := statusesBy(t, inst, s.ID); n != perSender {
			t.Errorf("%s: %d statuses, want %d", s.Username, n, perSender)
		}
	}
	if n, _ := q.Len(t.Context()); n != 0 {
		t.Fatalf("%d rows left", n)
	}
}
