package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// TestRepliesFetched: the fetch time of a status's replies is unknown,
// then recorded, then replaced.
func TestRepliesFetched(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	ctx := t.Context()
	a, _ := storetest.Account(t, s, "alice")
	st, err := s.CreateStatus(ctx, store.NewStatus{AccountID: a.ID, Text: "hi", Content: "<p>hi</p>"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RepliesFetchedAt(ctx, st.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("never fetched: %v", err)
	}
	first := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	for _, at := range []time.Time{first, first.Add(time.Hour)} {
		if err := s.MarkRepliesFetched(ctx, st.ID, at); err != nil {
			t.Fatal(err)
		}
		if got, err := s.RepliesFetchedAt(ctx, st.ID); err != nil || !got.Equal(at) {
			t.Fatalf("fetched at %v %v, want %v", got, err, at)
		}
	}
}

// TestDirectReplies: one level of replies, oldest first, paged by id,
// private ones included, reblogs and deeper replies not.
func TestDirectReplies(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	ctx := t.Context()
	a, _ := storetest.Account(t, s, "alice")
	post := func(parent string, vis models.Visibility) *models.Status {
		t.Helper()
		st, err := s.CreateStatus(ctx, store.NewStatus{AccountID: a.ID, Text: "x", Content: "<p>x</p>",
			InReplyToID: parent, Visibility: vis})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	root := post("", models.VisibilityPublic)
	r1, r2 := post(root.ID, models.VisibilityPublic), post(root.ID, models.VisibilityPrivate)
	post(r1.ID, models.VisibilityPublic)
	ids := func(after string, limit int) []string {
		t.Helper()
		sts, err := s.DirectReplies(ctx, root.ID, after, limit)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, st := range sts {
			out = append(out, st.ID)
		}
		return out
	}
	if got := ids("", 10); len(got) != 2 || got[0] != r1.ID || got[1] != r2.ID {
		t.Fatalf("replies: %v, want %s %s", got, r1.ID, r2.ID)
	}
	if got := ids(r1.ID, 10); len(got) != 1 || got[0] != r2.ID {
		t.Fatalf("after r1: %v", got)
	}
	if got := ids("", 1); len(got) != 1 || got[0] != r1.ID {
		t.Fatalf("limit 1: %v", got)
	}
}
