package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

var ctx = context.Background()

// world is a store with a few local accounts, by name.
type world struct {
	t  testing.TB
	s  *store.Store
	by map[string]*models.Account
}

func newWorld(t testing.TB, names ...string) *world {
	t.Helper()
	w := &world{t: t, s: storetest.New(t), by: map[string]*models.Account{}}
	for _, n := range names {
		w.by[n] = quickAccount(t, w.s, n)
	}
	return w
}

// quickAccount stores a local account without keys or a user: store tests
// need hundreds, and RSA key generation would dominate their run time.
func quickAccount(t testing.TB, s *store.Store, username string) *models.Account {
	t.Helper()
	now := time.Now().UTC()
	a := &models.Account{ID: models.NewID(), Username: username, ActorType: models.ActorPerson,
		Fields: []models.Field{}, CreatedAt: now, UpdatedAt: now}
	storetest.Site.FillLocalURIs(a)
	if err := s.PutAccount(ctx, a); err != nil {
		t.Fatalf("account %s: %v", username, err)
	}
	return a
}

func (w *world) id(name string) string {
	a := w.by[name]
	if a == nil {
		w.t.Fatalf("no account %q", name)
	}
	return a.ID
}

// post creates a status by name; in may set anything but AccountID.
func (w *world) post(name string, in store.NewStatus) *models.Status {
	w.t.Helper()
	in.AccountID = w.id(name)
	if in.Content == "" {
		in.Content = "<p>hello</p>"
	}
	st, err := w.s.CreateStatus(ctx, in)
	if err != nil {
		w.t.Fatalf("post by %s: %v", name, err)
	}
	return st
}

func (w *world) follow(a, b string) {
	w.t.Helper()
	if _, err := w.s.Follow(ctx, w.id(a), w.id(b), store.FollowOptions{}); err != nil {
		w.t.Fatalf("%s follows %s: %v", a, b, err)
	}
}

// home returns the ids of name's home timeline, newest first.
func (w *world) home(name string) []string {
	w.t.Helper()
	sts, _, err := w.s.Home(ctx, w.id(name), store.Page{Limit: 40})
	if err != nil {
		w.t.Fatalf("home of %s: %v", name, err)
	}
	return ids(sts)
}

func ids(sts []*models.Status) []string {
	out := make([]string, len(sts))
	for i, st := range sts {
		out[i] = st.ID
	}
	return out
}

func has(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func storeNew(text string) store.NewStatus {
	return store.NewStatus{Text: text, Content: "<p>" + text + "</p>"}
}
