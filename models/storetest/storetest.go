// Package storetest gives each test a fresh, migrated database: a SQLite
// file in the test's temp dir by default, or a private schema in PostgreSQL
// when STOA_TEST_POSTGRES is set (to a postgres:// URL, or to any other
// non-empty value for postgres://postgres@127.0.0.1:5432/test).
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// DefaultPostgres is the CI database.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// PostgresURL returns the server URL to test against, or "" for SQLite.
func PostgresURL() string {
	v := os.Getenv("STOA_TEST_POSTGRES")
	switch {
	case v == "" || v == "0" || v == "false":
		return ""
	case store.IsPostgres(v):
		return v
	default:
		return DefaultPostgres
	}
}

// DSN returns a DSN for a fresh, empty database that lives as long as the test.
func DSN(t testing.TB) string {
	t.Helper()
	pg := PostgresURL()
	if pg == "" {
		return filepath.Join(t.TempDir(), "stoa.db")
	}
	schema := "t_" + strings.ToLower(models.NewID())
	admin, err := sql.Open("pgx", pg)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(pg)
	if err != nil {
		t.Fatalf("parse %s: %v", pg, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// New opens and migrates a fresh database, closed when the test ends.
func New(t testing.TB) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := store.Open(ctx, DSN(t))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

// Site is the base URL fixtures are built for.
var Site = models.MustSite("https://stoa.test")

// Account creates a local account with password "correct horse" and returns it.
func Account(t testing.TB, s *store.Store, username string) (*models.Account, *models.User) {
	t.Helper()
	return AccountAt(t, s, Site, username, "correct horse")
}

// AccountAt creates a local account of site (its URIs, a real RSA key) with
// the given password; instance test harnesses pass their own site.
func AccountAt(t testing.TB, s *store.Store, site models.Site, username, password string) (*models.Account, *models.User) {
	t.Helper()
	a, u, err := models.NewLocalAccount{
		Username: username, Email: username + "@example.com", Password: password,
	}.Build(site, time.Now().UTC())
	if err != nil {
		t.Fatalf("build account %s: %v", username, err)
	}
	if err := s.CreateLocalAccount(context.Background(), a, u); err != nil {
		t.Fatalf("create account %s: %v", username, err)
	}
	return a, u
}

// Token creates an access token for a local account with the given
// space-separated scopes and returns its secret.
func Token(t testing.TB, s *store.Store, accountID, scopes string) string {
	t.Helper()
	sc, err := models.ParseScopes(scopes)
	if err != nil {
		t.Fatal(err)
	}
	tok, secret := models.NewToken(nil, &accountID, sc.String(), time.Now().UTC())
	if err := s.CreateToken(context.Background(), tok); err != nil {
		t.Fatalf("create token: %v", err)
	}
	return secret
}

// Name makes a per-test unique suffix for fixtures.
func Name(prefix string) string { return fmt.Sprintf("%s%d", prefix, time.Now().UnixNano()%1e9) }
