package delivery_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/delivery"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// openStore opens dsn as a separate process would: its own pool.
func openStore(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestRestartDeliversOnce: deliveries enqueued by a process that stopped
// before sending, one of them claimed by a worker that then died, are
// each delivered exactly once by a new process on the same database: the
// free ones at once, the claimed one when its lease runs out.
func TestRestartDeliversOnce(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t)
	ctx := context.Background()
	st1 := openStore(t, dsn)
	author, err := models.NewLocalActor(storetest.Site, "alice", models.ActorPerson, time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if err := st1.PutAccount(ctx, author); err != nil {
		t.Fatal(err)
	}
	in := newInbox(t, author)
	clk := newClock()
	cfg := delivery.Config{Now: clk.Now, Logger: testLogger(t), Lease: 5 * time.Minute}
	q1 := delivery.New(st1, testClient(), cfg)
	if _, err := q1.Enqueue(ctx, st1, []byte(`{"a":1}`), "a1", author.ID,
		[]string{in.URL("a"), in.URL("b"), in.URL("c")}); err != nil {
		t.Fatal(err)
	}
	claimed, err := st1.ClaimDeliveries(ctx, store.DeliveryClaim{
		Worker: "dead", Now: clk.Now(), Until: clk.Now().Add(5 * time.Minute), Limit: 1,
	})
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v, %v", claimed, err)
	}
	st1.Close()

	st2 := openStore(t, dsn)
	q2 := delivery.New(st2, testClient(), cfg)
	if err := q2.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(in.received()); n != 2 {
		t.Fatalf("%d delivered while one is leased, want 2", n)
	}
	clk.Advance(5*time.Minute + time.Second)
	if err := q2.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, r := range in.received() {
		paths = append(paths, r.Path)
	}
	sort.Strings(paths)
	if len(paths) != 3 || paths[0] != "/inbox/a" || paths[1] != "/inbox/b" || paths[2] != "/inbox/c" {
		t.Errorf("delivered to %q, want each inbox once", paths)
	}
	checkSigned(t, in.received())
	if n, _ := st2.CountDeliveries(ctx); n != 0 {
		t.Errorf("%d rows left", n)
	}
}
