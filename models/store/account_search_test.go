package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// searchRemote stores a remote account with a display name.
func searchRemote(t *testing.T, s *store.Store, username, domain, display string) *models.Account {
	t.Helper()
	now := time.Now().UTC()
	a := &models.Account{ID: models.NewID(), Username: username, Domain: domain, DisplayName: display,
		ActorType: models.ActorPerson, URI: "https://" + domain + "/users/" + username,
		Fields: []models.Field{}, CreatedAt: now, UpdatedAt: now}
	if err := s.PutAccount(ctx, a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestSearchAccounts(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "viewer", "alice", "Alicia", "al_x", "alxy", "bob", "blocker", "a%b")
	s := w.s
	searchRemote(t, s, "alice", "remote.example", "Wonder Land")
	searchRemote(t, s, "carol", "other.example", "Carol ALICE Smith")
	if _, err := s.Block(ctx, w.id("blocker"), w.id("viewer"), ""); err != nil {
		t.Fatal(err)
	}
	w.by["blocker"].DisplayName = "alice's blocker"
	if err := s.UpdateAccount(ctx, w.by["blocker"]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Follow(ctx, w.id("viewer"), w.id("Alicia"), store.FollowOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnsureInstanceActor(ctx, models.MustSite("https://stoa.test")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    store.AccountSearch
		want []string // acct
	}{
		{"prefix, exact first, local first, display names",
			store.AccountSearch{Username: "ALICE", AnyDomain: true, DisplayName: "alice"},
			[]string{"alice", "alice@remote.example", "carol@other.example"}},
		{"domain prefix", store.AccountSearch{Username: "ali", Domain: "remote"}, []string{"alice@remote.example"}},
		{"local only", store.AccountSearch{Username: "ali", Domain: ""}, []string{"alice", "Alicia"}},
		{"underscore is literal", store.AccountSearch{Username: "al_", AnyDomain: true}, []string{"al_x"}},
		{"percent is literal", store.AccountSearch{Username: "a%", AnyDomain: true}, []string{"a%b"}},
		{"following", store.AccountSearch{Username: "ali", AnyDomain: true, Following: true}, []string{"Alicia"}},
		{"limit and offset", store.AccountSearch{Username: "ali", AnyDomain: true, Limit: 2, Offset: 1},
			[]string{"Alicia", "alice@remote.example"}},
		{"instance actor never", store.AccountSearch{Username: "stoa", AnyDomain: true}, nil},
	}
	for _, tt := range tests {
		tt.q.ViewerID = w.id("viewer")
		got, err := s.SearchAccounts(ctx, tt.q)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var accts []string
		for _, a := range got {
			accts = append(accts, a.Acct())
		}
		if !slices.Equal(accts, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, accts, tt.want)
		}
	}
}

func TestFamiliarFollowers(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "me", "f1", "f2", "stranger", "target", "lonely")
	follow := func(a, b string) {
		t.Helper()
		if _, err := w.s.Follow(ctx, w.id(a), w.id(b), store.FollowOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	follow("me", "f1")
	follow("me", "f2")
	follow("f1", "target")
	follow("f2", "target")
	follow("stranger", "target")
	got, err := w.s.FamiliarFollowers(ctx, w.id("me"), []string{w.id("target"), w.id("lonely"), w.id("target")})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range got[w.id("target")] {
		names = append(names, a.Username)
	}
	if !slices.Equal(names, []string{"f2", "f1"}) {
		t.Errorf("target: got %v, want [f2 f1] (newest follow first)", names)
	}
	if l, ok := got[w.id("lonely")]; !ok || len(l) != 0 {
		t.Errorf("lonely: got %v (present %v), want an empty list", l, ok)
	}
	if n, err := w.s.CountFollowRequests(ctx, w.id("target")); err != nil || n != 0 {
		t.Errorf("CountFollowRequests = %d, %v; want 0", n, err)
	}
}
