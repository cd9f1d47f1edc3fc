package federation

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// fakeBatcher applies activities by marking them in inbox_activities; it
// fails the one named fail after marking it, and refuses the ones in
// alone (not batchable).
type fakeBatcher struct {
	fail  string
	alone map[string]bool
	mu    sync.Mutex
	order []string
}

func (b *fakeBatcher) batchable(_ context.Context, qa *queuedActivity) bool {
	return !b.alone[qa.item.ActivityID]
}

func (b *fakeBatcher) applyTx(ctx context.Context, tx *store.Store, qa *queuedActivity) error {
	b.mu.Lock()
	b.order = append(b.order, qa.item.ActivityID)
	b.mu.Unlock()
	if err := tx.PutInboxActivity(ctx, "/mark", "mark:"+qa.item.ActivityID, time.Now()); err != nil {
		return err
	}
	if qa.item.ActivityID == b.fail {
		return errors.New("failed half-way")
	}
	return nil
}

// TestInboxQueueSharedTransaction: each sender's leading batchable
// activities are applied in a shared transaction; one that fails there
// is undone alone and goes, with its sender's later activities, in order,
// to the one-by-one path; other senders' activities stay applied; every
// row is gone afterwards.
func TestInboxQueueSharedTransaction(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st := storetest.New(t)
	var signers []*models.Account
	for i := range 2 {
		a, _ := storetest.Account(t, st, fmt.Sprintf("s%d", i))
		signers = append(signers, a)
	}
	id := func(s string) string { return "https://remote.example/" + s }
	fb := &fakeBatcher{fail: id("a2"), alone: map[string]bool{id("b1"): true}}
	var mu sync.Mutex
	var alone []string
	q := newInboxQueue(st, slog.New(slog.NewTextHandler(io.Discard, nil)), func(_ context.Context, qa *queuedActivity) error {
		mu.Lock()
		alone = append(alone, qa.item.ActivityID)
		mu.Unlock()
		return nil
	})
	q.batch = fb
	for _, a := range []struct {
		signer int
		name   string
	}{{0, "a0"}, {1, "b0"}, {0, "a1"}, {1, "b1"}, {0, "a2"}, {1, "b2"}, {0, "a3"}, {0, "a4"}} {
		act := &astype.Activity{ID: id(a.name), Type: "Create", Actor: signers[a.signer].URI}
		if ok, err := q.Add(ctx, "/inbox", []byte(`{}`), act, signers[a.signer], nil); !ok || err != nil {
			t.Fatalf("Add %s: %v %v", a.name, ok, err)
		}
	}
	if err := q.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	slices.Sort(fb.order)
	if want := []string{id("a0"), id("a1"), id("a2"), id("b0")}; !slices.Equal(fb.order, want) {
		t.Fatalf("applied in the shared transaction: %v, want %v", fb.order, want)
	}
	var a0, b0 []string
	for _, s := range alone {
		if s[len(s)-2] == 'a' {
			a0 = append(a0, s)
		} else {
			b0 = append(b0, s)
		}
	}
	if want := []string{id("a2"), id("a3"), id("a4")}; !slices.Equal(a0, want) {
		t.Fatalf("sender 0 one by one: %v, want %v", a0, want)
	}
	if want := []string{id("b1"), id("b2")}; !slices.Equal(b0, want) {
		t.Fatalf("sender 1 one by one: %v, want %v", b0, want)
	}
	for name, want := range map[string]int64{"a0": 1, "a1": 1, "b0": 1, "a2": 0} {
		n, err := st.DB().NewSelect().Table("inbox_activities").Where("activity_id = ?", "mark:"+id(name)).Count(ctx)
		if err != nil || n != want {
			t.Fatalf("mark of %s: %d %v, want %d", name, n, err, want)
		}
	}
	if n, err := q.Len(ctx); n != 0 || err != nil {
		t.Fatalf("left in the queue: %d %v", n, err)
	}
}
