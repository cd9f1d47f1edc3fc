package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

func seedCount(t *testing.T, st *store.Store, table, where string, args ...any) int {
	t.Helper()
	var n int
	q := st.DB().NewSelect().TableExpr(table).ColumnExpr("count(*)")
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func homeIDs(t *testing.T, st *store.Store, accountID string) []string {
	t.Helper()
	sts, _, err := st.Home(context.Background(), accountID, store.Page{Limit: 40})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(sts))
	for i, s := range sts {
		ids[i] = s.ID
	}
	return ids
}

func TestSeed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := instancetest.New(t)
	st := s.Store()
	var bar bytes.Buffer
	cfg := SeedConfig{Prefix: "seed", Accounts: 40, Follows: 6, Statuses: 2000, HomeKeep: 50, Tokens: 3,
		Password: "seed-password", Batch: 7, RandomSeed: 1, Progress: &bar}
	res, err := Seed(ctx, st, s.Site(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Accounts != 40 || res.Follows != 240 || res.Statuses != 2000 || res.HomeRows != 40*50 || len(res.Tokens) != 3 {
		t.Errorf("result %+v", res)
	}
	for _, c := range []struct {
		table, where string
		want         int
	}{
		{"accounts", "username LIKE 'seed%'", 40},
		{"users", "email LIKE 'seed%@seed.invalid'", 40},
		{"follows", "", 240},
		{"statuses", "visibility = 'public' AND local = TRUE", 2000},
		{"home_timeline", "", 40 * 50},
		{"oauth_tokens", "", 3},
	} {
		if got := seedCount(t, st, c.table, c.where); got != c.want {
			t.Errorf("%s: %d rows, want %d", c.table, got, c.want)
		}
	}
	for _, want := range []string{"accounts", "statuses", "homes", "100%"} {
		if !strings.Contains(bar.String(), want) {
			t.Errorf("progress output lacks %q: %q", want, bar.String())
		}
	}
	seedCheckAccounts(t, st, s.Site())
	seedCheckHomes(t, st)
	seedCheckAPI(t, s, res.Tokens)
	if _, err := Seed(ctx, st, s.Site(), cfg); err == nil || !strings.Contains(err.Error(), "already exist") {
		t.Errorf("seeding twice: %v", err)
	}
}

// seedCheckAccounts checks the seeded accounts and their counters against
// the rows they count.
func seedCheckAccounts(t *testing.T, st *store.Store, site models.Site) {
	t.Helper()
	ctx := context.Background()
	a, err := st.AccountByUsername(ctx, "seed7", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.URI != site.ActorURI("seed7") || a.PublicKeyPEM == "" || a.PrivateKeyPEM == "" || !a.IsLocal() {
		t.Errorf("account %+v", a)
	}
	if _, err := st.UserByAccountID(ctx, a.ID); err != nil {
		t.Errorf("no user: %v", err)
	}
	stats, err := st.AccountStats(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := stats[a.ID]
	if got.FollowingCount != 6 || got.FollowersCount != seedCount(t, st, "follows", "target_account_id = ?", a.ID) ||
		got.StatusesCount != seedCount(t, st, "statuses", "account_id = ?", a.ID) {
		t.Errorf("stats %+v", got)
	}
}

// seedCheckHomes checks that seeded home timelines are what the store
// builds itself (RebuildHomeTimeline, fan-out's rules).
func seedCheckHomes(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	for _, name := range []string{"seed0", "seed13", "seed39"} {
		a, err := st.AccountByUsername(ctx, name, "")
		if err != nil {
			t.Fatal(err)
		}
		seeded := homeIDs(t, st, a.ID)
		if len(seeded) != 40 {
			t.Errorf("%s: home page of %d statuses", name, len(seeded))
		}
		if err := st.RebuildHomeTimeline(ctx, a.ID, 50); err != nil {
			t.Fatal(err)
		}
		if rebuilt := homeIDs(t, st, a.ID); !slices.Equal(seeded, rebuilt) {
			t.Errorf("%s: seeded home %v\nrebuilt by the store %v", name, seeded, rebuilt)
		}
	}
}

// seedCheckAPI reads the seeded data through the client API.
func seedCheckAPI(t *testing.T, s *instancetest.Server, tokens []string) {
	t.Helper()
	ctx := context.Background()
	a, err := newAPI(s.URL, 1)
	if err != nil {
		t.Fatal(err)
	}
	acct, err := a.verifyCredentials(ctx, tokens[1])
	if err != nil || acct.Username != "seed1" {
		t.Fatalf("token 1 is %+v, %v", acct, err)
	}
	var home []mStatus
	if err := a.call(ctx, "GET", "/api/v1/timelines/home", tokens[1], nil, &home); err != nil || len(home) != 20 {
		t.Fatalf("home: %d statuses, %v", len(home), err)
	}
	if !strings.HasPrefix(home[0].Content, "<p>Seeded status") {
		t.Errorf("home[0] = %+v", home[0])
	}
	res, err := Read(ctx, Config{Server: s.URL, Tokens: tokens, Clients: 2, Duration: 300 * time.Millisecond})
	if err != nil || res.Errors != 0 || len(res.Endpoints) != 4 {
		t.Errorf("read on seeded data: %+v, %v", res, err)
	}
}
