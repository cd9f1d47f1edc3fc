package store_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/uptrace/bun/migrate"

	"github.com/stoa-social/stoa/migrations"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// TestSearchMigrationBackfills posts to a database migrated up to just
// before the search migration, then applies it: what was there is found.
func TestSearchMigrationBackfills(t *testing.T) {
	t.Parallel()
	const search = "20261129001500_status_search.tx.up.sql"
	s, err := store.Open(ctx, storetest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before, all := fstest.MapFS{}, fstest.MapFS{}
	entries, err := os.ReadDir("../../migrations")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		b, err := os.ReadFile("../../migrations/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		all[e.Name()] = &fstest.MapFile{Data: b}
		if e.Name() < search {
			before[e.Name()] = &fstest.MapFile{Data: b}
		}
	}
	d := migrations.Dialect{Time: "TIMESTAMP"}
	if s.IsPostgres() {
		d = migrations.Dialect{Postgres: true, Time: "TIMESTAMPTZ"}
	}
	up := func(fsys fstest.MapFS) []string {
		t.Helper()
		ms := migrate.NewMigrations()
		if err := ms.Discover(fsys); err != nil {
			t.Fatal(err)
		}
		m := migrate.NewMigrator(s.DB(), ms, migrate.WithTemplateData(d), migrate.WithMarkAppliedOnSuccess(true))
		if err := m.Init(ctx); err != nil {
			t.Fatal(err)
		}
		g, err := m.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, mg := range g.Migrations {
			names = append(names, mg.Name)
		}
		return names
	}
	up(before)
	alice := quickAccount(t, s, "alice")
	old, err := s.CreateStatus(ctx, store.NewStatus{AccountID: alice.ID, Content: "<p>written before the index</p>",
		SpoilerText: "Ancient"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reblog(ctx, alice.ID, old.ID, store.ReblogOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := up(all); len(got) != len(all)-len(before) {
		t.Fatalf("applied %v, want the remaining %d", got, len(all)-len(before))
	}
	for _, q := range []string{"written index", "ancient"} {
		sts, _, err := s.SearchStatuses(ctx, store.StatusSearch{ViewerID: alice.ID, Query: q}, store.Page{})
		if err != nil || !slices.Equal(ids(sts), []string{old.ID}) {
			t.Errorf("%q after the migration: %v %v, want %s", q, ids(sts), err, old.ID)
		}
	}
}
