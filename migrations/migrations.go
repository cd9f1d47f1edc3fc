// Package migrations holds Stoa's schema as bun SQL migrations, embedded in
// the binary. Each file is a Go template rendered with Dialect, so one file
// can say what differs between SQLite and PostgreSQL. Migrations never import
// models: the schema they create is frozen in their SQL.
package migrations

import (
	"context"
	"embed"
	"fmt"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
	"github.com/uptrace/bun/migrate"
)

//go:embed *.sql
var files embed.FS

// Dialect is the template data every SQL file is rendered with.
type Dialect struct {
	Postgres bool
	// Time is the column type for instants: TIMESTAMPTZ on PostgreSQL.
	Time string
}

func dialectOf(db *bun.DB) Dialect {
	if db.Dialect().Name() == dialect.PG {
		return Dialect{Postgres: true, Time: "TIMESTAMPTZ"}
	}
	return Dialect{Time: "TIMESTAMP"}
}

func newMigrator(db *bun.DB) (*migrate.Migrator, error) {
	ms := migrate.NewMigrations()
	if err := ms.Discover(files); err != nil {
		return nil, fmt.Errorf("discover migrations: %w", err)
	}
	return migrate.NewMigrator(db, ms,
		migrate.WithTemplateData(dialectOf(db)),
		migrate.WithMarkAppliedOnSuccess(true)), nil
}

// Up applies every pending migration and returns the names it applied.
// Applying twice is a no-op.
func Up(ctx context.Context, db *bun.DB) ([]string, error) {
	m, err := newMigrator(db)
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("init migrations table: %w", err)
	}
	group, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var names []string
	for _, mg := range group.Migrations {
		names = append(names, mg.Name)
	}
	return names, nil
}

// Pending returns the names of migrations not yet applied.
func Pending(ctx context.Context, db *bun.DB) ([]string, error) {
	m, err := newMigrator(db)
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, err
	}
	missing, err := m.MissingMigrations(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, mg := range missing {
		names = append(names, mg.Name)
	}
	return names, nil
}
