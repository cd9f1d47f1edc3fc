package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// stmtCache keeps prepared statements for the hot read queries on SQLite
// (loading statuses, accounts and their parts for every timeline page).
// With modernc's SQLite, parsing and planning a query costs more than
// running it; bun interpolates arguments, so every query text differs and
// is parsed afresh. A prepared statement with bound arguments (and IN lists
// passed as one JSON array) is parsed once per connection instead. Only
// queries whose text has a few fixed shapes go through it, so the map stays
// small; statements close with the pool.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
	// warming: background preparations (warm), stopped and waited for by
	// close so that none opens a connection once the store is closed.
	warming sync.WaitGroup
	ctx     context.Context
	stop    context.CancelFunc
}

func newStmtCache(db *sql.DB) *stmtCache {
	ctx, stop := context.WithCancel(context.Background())
	return &stmtCache{db: db, m: map[string]*sql.Stmt{}, ctx: ctx, stop: stop}
}

// close stops background preparations and waits for them; the statements
// themselves close with the pool.
func (c *stmtCache) close() {
	c.stop()
	c.warming.Wait()
}

// columns lists the columns of model's table that its struct maps, each
// prefixed with alias ("s.id, s.uri, ..."): a table may have columns the
// struct does not know (bun would refuse to scan them), so the hot queries
// name theirs rather than select *.
func (s *Store) columns(model any, alias string) string {
	t := s.raw.Table(reflect.TypeOf(model).Elem())
	names := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		names[i] = alias + "." + f.Name
	}
	return strings.Join(names, ", ")
}

// cached returns the statement for query if it was prepared already.
func (c *stmtCache) cached(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[query]
}

// get returns the cached statement for query, preparing it first if
// needed. The lock is not held while preparing: that may wait for a pool
// connection, and a transaction must never wait for the lock (cached).
func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	if st := c.cached(query); st != nil {
		return st, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if won := c.m[query]; won != nil {
		st.Close() // prepared twice at once: keep the first
		return won, nil
	}
	c.m[query] = st
	return st, nil
}

// warm prepares query for the cache in the background, for statements
// first met inside a transaction (which may not wait for a connection).
func (c *stmtCache) warm(query string) {
	if c.ctx.Err() != nil {
		return
	}
	c.warming.Go(func() {
		ctx, cancel := context.WithTimeout(c.ctx, time.Minute)
		defer cancel()
		c.get(ctx, query) // best effort: a failure leaves it uncached
	})
}

// hotScan runs query into dest. query uses ? placeholders and writes IN
// lists as "IN (?)" with a []string argument. On SQLite it runs as a cached
// prepared statement (the list bound as a JSON array read by json_each,
// times in bun's text format), inside the transaction when s is one; on
// PostgreSQL it goes through bun like any other query.
func (s *Store) hotScan(ctx context.Context, dest any, query string, args ...any) error {
	if s.stmts == nil {
		return mapErr(s.db.NewRaw(query, bunArgs(args)...).Scan(ctx, dest))
	}
	st, done, err := s.prepared(ctx, query, args)
	if err != nil {
		return err
	}
	defer done()
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return mapErr(err)
	}
	return mapErr(s.raw.ScanRows(ctx, rows, dest))
}

// hotExec is hotScan for statements that return no rows.
func (s *Store) hotExec(ctx context.Context, query string, args ...any) error {
	if s.stmts == nil {
		_, err := s.db.NewRaw(query, bunArgs(args)...).Exec(ctx)
		return mapErr(err)
	}
	st, done, err := s.prepared(ctx, query, args)
	if err != nil {
		return err
	}
	defer done()
	_, err = st.ExecContext(ctx, args...)
	return mapErr(err)
}

// prepared returns the statement for query, bound to s's transaction when
// there is one, with done to call after use (it releases that binding, not
// the cached statement), and turns args into what the SQLite driver binds.
func (s *Store) prepared(ctx context.Context, query string, args []any) (*sql.Stmt, func(), error) {
	query = sqliteHot.Replace(query)
	convertArgs(args)
	if tx, ok := s.db.(bun.Tx); ok {
		// Inside a transaction, never take a second connection from the
		// pool: the writers queued behind this one's lock may hold all the
		// others, and they wait for this transaction (a 10 s deadlock
		// until busy_timeout). A statement not cached yet is prepared on
		// the transaction's own connection for this use, and cached in the
		// background.
		st := s.stmts.cached(query)
		if st == nil {
			s.stmts.warm(query)
			txst, err := tx.PrepareContext(ctx, query)
			if err != nil {
				return nil, nil, mapErr(err)
			}
			return txst, func() { txst.Close() }, nil
		}
		txst := tx.StmtContext(ctx, st)
		return txst, func() { txst.Close() }, nil
	}
	st, err := s.stmts.get(ctx, query)
	if err != nil {
		return nil, nil, mapErr(err)
	}
	return st, func() {}, nil
}

// convertArgs turns args into what the SQLite driver binds: IN lists as a
// JSON array, times in bun's text format.
func convertArgs(args []any) {
	for i, a := range args {
		switch v := a.(type) {
		case []string:
			b, _ := json.Marshal(v) // a []string always marshals
			args[i] = string(b)
		case time.Time:
			args[i] = v.UTC().Format(sqliteTimeFormat)
		}
	}
}

// bunArgs passes IN lists to bun as bun.In.
func bunArgs(args []any) []any {
	for i, a := range args {
		if ids, ok := a.([]string); ok {
			args[i] = bun.In(ids)
		}
	}
	return args
}

// sqliteHot rewrites a hot query for SQLite: IN lists read a JSON array,
// and comparisons with a parameter get a unary plus. SQLite (built with
// STAT4, as modernc's is) re-prepares a statement whenever a value bound
// to a bare parameter compared with an indexed column changes, once
// ANALYZE has run (stoa-bench seed runs it), which would undo the cache;
// +? is the same value, still uses the index, and is never re-prepared.
var sqliteHot = strings.NewReplacer("IN (?)", "IN (SELECT value FROM json_each(?))",
	" = ?", " = +?", " < ?", " < +?", " > ?", " > +?")

// sqliteTimeFormat is how bun writes times into SQLite, so that bound
// times compare with stored ones as text.
const sqliteTimeFormat = "2006-01-02 15:04:05.999999-07:00"
