// Package store is Stoa's one concrete store: bun over SQLite (the default,
// one file) or PostgreSQL. A file per entity holds its queries. Methods return
// models' sentinel errors (ErrNotFound, ErrConflict) so callers never see
// driver errors.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/stoa-social/stoa/migrations"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/stream"
)

// Store is safe for concurrent use. Inside Tx, the *Store handed to the
// callback runs every query in that transaction.
type Store struct {
	db  bun.IDB
	raw *bun.DB
	// events receives stream events after commit (events.go); nil
	// publishes nothing. pending collects them inside a transaction.
	events  stream.Publisher
	pending *[]stream.Event
	// stmts holds prepared hot read queries on SQLite (stmt_cache.go);
	// nil on PostgreSQL.
	stmts *stmtCache
	// blocks caches the domain blocks (domain_blocks.go); shared by a
	// Store and its transactions.
	blocks *domainBlockCache
	// tokens caches LiveToken's answers (token_cache.go); shared by a
	// Store and its transactions.
	tokens *tokenCache
	// accounts caches account rows for accountMap (account_cache.go);
	// shared by a Store and its transactions.
	accounts *idCache[*models.Account]
	// statuses caches status rows and parts for home pages
	// (status_cache.go); shared by a Store and its transactions.
	statuses *statusCache
	// stats caches account_stats rows for StatusExtras (stats_cache.go);
	// shared by a Store and its transactions.
	stats *idCache[models.AccountStats]
	// gate queues this process's write transactions on SQLite
	// (write_gate.go); nil on PostgreSQL.
	gate writeGate
	// posts batches concurrent CreateStatus calls into shared
	// transactions on SQLite (statuses_batch.go); nil on PostgreSQL and
	// inside a transaction.
	posts *postBatcher
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to dsn: a postgres:// URL, or else a SQLite file path (its
// directory is created). It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*Store, error) {
	var db *bun.DB
	var stmts *stmtCache
	if IsPostgres(dsn) {
		sqldb, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		sqldb.SetMaxOpenConns(20)
		db = bun.NewDB(sqldb, pgdialect.New())
	} else {
		if dir := filepath.Dir(dsn); dir != "" {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, fmt.Errorf("create database directory: %w", err)
			}
		}
		sqldb, err := sql.Open("sqlite", sqliteDSN(dsn))
		if err != nil {
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
		// WAL lets readers run beside the single writer; a small pool keeps
		// writers from piling up on the busy timeout.
		sqldb.SetMaxOpenConns(8)
		sqldb.SetMaxIdleConns(8)
		sqldb.SetConnMaxIdleTime(0)
		db = bun.NewDB(sqldb, sqlitedialect.New())
		stmts = newStmtCache(sqldb)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	st := &Store{db: db, raw: db, blocks: newDomainBlockCache(), tokens: newTokenCache(), accounts: newAccountCache(), statuses: newStatusCache(), stats: newStatsCache(), stmts: stmts}
	if stmts != nil {
		st.gate, st.posts = newWriteGate(), &postBatcher{}
	}
	return st, nil
}

// sqliteDSN sets the pragmas on every connection. busy_timeout comes before
// journal_mode so that switching to WAL waits instead of failing when another
// process holds the file; _txlock=immediate makes writers queue at BEGIN
// rather than fail at their first write. temp_store(MEMORY) keeps statement
// journals (a multi-row INSERT ... SELECT in a transaction, such as fan-out,
// writes one) in memory rather than in a temporary file: they only roll back
// one statement, so durability is the same.
func sqliteDSN(path string) string {
	return "file:" + path +
		"?_pragma=busy_timeout(10000)" +
		"&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)" +
		"&_pragma=temp_store(MEMORY)" +
		"&_pragma=foreign_keys(1)" +
		"&_txlock=immediate"
}

// Migrate applies pending migrations and returns the names applied.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	return migrations.Up(ctx, s.raw)
}

// DB is the underlying bun handle, for migrations and tests.
func (s *Store) DB() *bun.DB { return s.raw }

// IsPostgres reports the dialect in use.
func (s *Store) IsPostgres() bool { return s.raw.Dialect().Name().String() == "pg" }

// Ping checks that the database answers (readiness).
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.NewRaw("SELECT 1").Scan(ctx, &one)
}

// Close closes the pool; SQLite checkpoints its WAL on the last close.
func (s *Store) Close() error {
	if s.stmts != nil {
		s.stmts.close()
	}
	return s.raw.Close()
}

// Tx runs fn in one transaction: committed when fn returns nil, rolled back
// otherwise. Nested calls reuse the outer transaction. Stream events raised
// inside are published once the outermost transaction has committed. On
// SQLite, transactions of this process wait their turn at the write gate
// before they begin (write_gate.go).
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	if _, inTx := s.db.(bun.Tx); inTx {
		return fn(s)
	}
	var pending []stream.Event
	err := s.gated(ctx, func() error {
		return s.raw.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			pending = pending[:0]
			return fn(&Store{db: tx, raw: s.raw, events: s.events, pending: &pending, blocks: s.blocks, tokens: s.tokens, accounts: s.accounts, statuses: s.statuses, stats: s.stats, stmts: s.stmts, gate: s.gate})
		})
	})
	if err == nil {
		s.publish(ctx, pending)
	}
	return err
}

// mapErr turns driver errors into models' sentinel errors.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return models.ErrNotFound
	}
	var le *sqlite.Error
	if errors.As(err, &le) {
		switch le.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %v", models.ErrConflict, err)
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return fmt.Errorf("%w: %v", models.ErrConflict, err)
	}
	return err
}

type bunSelect = bun.SelectQuery
