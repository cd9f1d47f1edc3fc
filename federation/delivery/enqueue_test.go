package delivery_test

import (
	"context"
	"errors"
	"sort"
	"testing"

	"github.com/stoa-social/stoa/models/store"
)

func TestEnqueueDeduplicates(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	a, b := f.inbox.URL("a"), "https://Remote.Example:8443/inbox"
	body := []byte(`{"type":"Create"}`)
	n, err := f.q.Enqueue(context.Background(), f.st, body, "https://stoa.test/1", f.author.ID,
		[]string{a, a, a + "#frag", b, "https://remote.example:8443/inbox", "", "ftp://x.example/inbox", "::bad", "/relative"})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("stored %d deliveries, want 2", n)
	}
	rows := f.rows(t)
	var got []string
	for _, r := range rows {
		got = append(got, r.Inbox+" "+r.Host)
		if r.Attempts != 0 || !r.NextAttemptAt.Equal(f.clock.Now()) || r.ClaimedBy != "" {
			t.Errorf("new row %+v", r)
		}
	}
	sort.Strings(got)
	want := []string{a + " " + f.inbox.srv.Listener.Addr().String(), "https://remote.example:8443/inbox remote.example:8443"}
	sort.Strings(want)
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("rows %q, want %q", got, want)
	}
	if n, _ := f.st.CountOutboxActivities(context.Background()); n != 1 {
		t.Errorf("%d activities stored, want the body once", n)
	}
}

func TestEnqueueInCallersTransaction(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	rollback := errors.New("rollback")
	err := f.st.Tx(ctx, func(tx *store.Store) error {
		if n, err := f.q.Enqueue(ctx, tx, []byte("{}"), "x", f.author.ID, []string{f.inbox.URL("a")}); err != nil || n != 1 {
			t.Errorf("enqueue in tx: %d, %v", n, err)
		}
		return rollback
	})
	if !errors.Is(err, rollback) {
		t.Fatal(err)
	}
	if rows := f.rows(t); len(rows) != 0 {
		t.Errorf("rolled back, yet %d rows", len(rows))
	}
	err = f.st.Tx(ctx, func(tx *store.Store) error {
		_, err := f.q.Enqueue(ctx, tx, []byte("{}"), "x", f.author.ID, []string{f.inbox.URL("a")})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f.drain(t)
	if got := f.inbox.received(); len(got) != 1 || got[0].Body != "{}" {
		t.Errorf("received %+v", got)
	}
}

func TestEnqueueRefusesEmpty(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	if _, err := f.q.Enqueue(ctx, f.st, nil, "x", f.author.ID, []string{f.inbox.URL("a")}); err == nil {
		t.Error("empty activity accepted")
	}
	if _, err := f.q.Enqueue(ctx, f.st, []byte("{}"), "x", "", []string{f.inbox.URL("a")}); err == nil {
		t.Error("no actor accepted")
	}
	if n, err := f.q.Enqueue(ctx, f.st, []byte("{}"), "x", f.author.ID, nil); err != nil || n != 0 {
		t.Errorf("no inboxes: %d, %v", n, err)
	}
	if n, _ := f.st.CountOutboxActivities(ctx); n != 0 {
		t.Errorf("an activity without deliveries was stored")
	}
}
