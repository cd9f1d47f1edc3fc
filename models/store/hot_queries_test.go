package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// TestStatusExtras checks the one query behind a rendered page: counters
// (zero for an account without a stats row), every viewer flag on the
// status and on a reblog's original, and the active-filter flag.
func TestStatusExtras(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	alice, _ := storetest.Account(t, s, storetest.Name("alice"))
	bob, _ := storetest.Account(t, s, storetest.Name("bob"))
	st, err := s.CreateStatus(ctx, store.NewStatus{AccountID: alice.ID, Content: "<p>hi</p>", Text: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.CreateStatus(ctx, store.NewStatus{AccountID: alice.ID, Content: "<p>other</p>", Text: "other"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Favourite(ctx, bob.ID, st.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Bookmark(ctx, bob.ID, st.ID); err != nil {
		t.Fatal(err)
	}
	rb, err := s.Reblog(ctx, bob.ID, st.ID, store.ReblogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rb, err = s.StatusByID(ctx, rb.ID)
	if err != nil {
		t.Fatal(err)
	}
	x, err := s.StatusExtras(ctx, bob.ID, []string{alice.ID, "nobody"}, []*models.Status{rb.Target(), other}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got := x.Stats[alice.ID]; got.StatusesCount != 2 || got.LastStatusAt == nil {
		t.Errorf("alice's stats = %+v, want 2 statuses and a last status time", got)
	} else if want, err := s.AccountStats(ctx, alice.ID); err != nil || !got.LastStatusAt.Equal(*want[alice.ID].LastStatusAt) {
		t.Errorf("alice's last status at %v, AccountStats says %v (%v)", got.LastStatusAt, want[alice.ID].LastStatusAt, err)
	}
	if got := x.Stats["nobody"]; got.AccountID != "nobody" || got.StatusesCount != 0 {
		t.Errorf("stats without a row = %+v", got)
	}
	want := models.StatusViewer{Favourited: true, Bookmarked: true, Reblogged: true}
	if got := x.Viewers[st.ID]; got != want {
		t.Errorf("flags on the favourited status = %+v, want %+v", got, want)
	}
	if got := x.Viewers[other.ID]; got != (models.StatusViewer{}) {
		t.Errorf("flags on an untouched status = %+v", got)
	}
	if x.Filters {
		t.Error("Filters = true for a viewer without filters")
	}
	exp := time.Now().Add(time.Hour)
	if _, err := s.SaveFilter(ctx, &models.Filter{AccountID: bob.ID, Title: "f", Context: models.FilterContexts{models.FilterHome},
		Action: models.FilterWarn, ExpiresAt: &exp}, nil); err != nil {
		t.Fatal(err)
	}
	if x, err = s.StatusExtras(ctx, bob.ID, nil, []*models.Status{st}, time.Now()); err != nil || !x.Filters {
		t.Errorf("with an active filter: Filters = %v, %v", x.Filters, err)
	}
	if x, err = s.StatusExtras(ctx, bob.ID, nil, []*models.Status{st}, exp.Add(time.Minute)); err != nil || x.Filters {
		t.Errorf("after the filter expired: Filters = %v, %v", x.Filters, err)
	}
	if x, err = s.StatusExtras(ctx, "", []string{alice.ID}, []*models.Status{st}, time.Now()); err != nil || len(x.Viewers) != 0 || x.Filters {
		t.Errorf("anonymous: %+v, %v", x, err)
	}
}

// TestLiveToken checks that the middleware's lookup answers as
// TokenBySecret: relations loaded, revoked and unknown tokens not found.
func TestLiveToken(t *testing.T) {
	t.Parallel()
	s := storetest.New(t)
	a, u := storetest.Account(t, s, storetest.Name("tok"))
	tok, secret := models.NewToken(nil, &a.ID, "read", time.Now().UTC())
	if err := s.CreateToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	got, err := s.LiveToken(ctx, secret)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.TokenBySecret(ctx, secret)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != want.ID || got.Account == nil || got.Account.ID != a.ID || got.User == nil || got.User.ID != u.ID ||
		got.Application != nil || got.Scopes != "read" {
		t.Errorf("LiveToken = %+v, want %+v", got, want)
	}
	if _, err := s.LiveToken(ctx, "unknown"); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown secret: %v, want ErrNotFound", err)
	}
	if err := s.RevokeToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LiveToken(ctx, secret); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("revoked token: %v, want ErrNotFound", err)
	}
}
