package sqlitedrivers

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers "sqlite3" (cgo)
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // registers "sqlite" (pure Go)
)

// Driver is one SQLite driver and how to name a file for it.
type Driver struct {
	Name string // short name used in benchmark names
	sql  string // database/sql driver name
	dsn  func(path string) string
}

// Drivers lists the drivers compared. Both DSNs set busy_timeout before
// journal_mode, as Stoa's store does, so switching to WAL waits for a lock
// instead of failing.
func Drivers() []Driver {
	return []Driver{
		{Name: "modernc", sql: "sqlite", dsn: func(p string) string {
			return "file:" + p + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)" +
				"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate"
		}},
		{Name: "mattn", sql: "sqlite3", dsn: func(p string) string {
			// mattn applies _busy_timeout right after opening, before the
			// journal_mode pragma.
			return "file:" + p + "?_busy_timeout=5000&_journal_mode=WAL" +
				"&_synchronous=NORMAL&_foreign_keys=1&_txlock=immediate"
		}},
	}
}

// Open opens (and creates) the SQLite file at path under bun, with a pool of
// the size Stoa uses, and creates the statuses table.
func (d Driver) Open(ctx context.Context, path string) (*bun.DB, error) {
	sqldb, err := sql.Open(d.sql, d.dsn(path))
	if err != nil {
		return nil, fmt.Errorf("%s: open: %w", d.Name, err)
	}
	sqldb.SetMaxOpenConns(8)
	sqldb.SetMaxIdleConns(8)
	db := bun.NewDB(sqldb, sqlitedialect.New())
	for _, q := range schema {
		if _, err := db.ExecContext(ctx, q); err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: %s: %w", d.Name, q, err)
		}
	}
	return db, nil
}

var schema = []string{
	`CREATE TABLE IF NOT EXISTS statuses (
		id INTEGER PRIMARY KEY,
		account_id INTEGER NOT NULL,
		content TEXT NOT NULL,
		created_at TIMESTAMP NOT NULL)`,
	`CREATE INDEX IF NOT EXISTS statuses_account_id_id ON statuses (account_id, id)`,
}

// Status is a row shaped like a small post.
type Status struct {
	bun.BaseModel `bun:"table:statuses"`

	ID        int64     `bun:"id,pk"`
	AccountID int64     `bun:"account_id,notnull"`
	Content   string    `bun:"content,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// NewStatus makes the n-th row: account n%accounts, a 200-byte content.
func NewStatus(n int64, accounts int64) *Status {
	return &Status{
		ID: n, AccountID: n % accounts,
		Content:   fmt.Sprintf("%-200d", n),
		CreatedAt: time.Unix(1_700_000_000+n, 0).UTC(),
	}
}
