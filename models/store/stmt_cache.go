package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"reflect"
	"slices"
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
	// rewritten maps a hot query's text to its SQLite form (rewrite).
	rewritten sync.Map
	// inserts holds hotInsert's plans by model type (hot_insert.go).
	inserts sync.Map
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
	return s.columnsExcept(model, alias)
}

// columnsExcept is columns without the columns named in except.
//
// On SQLite, time columns are selected as +col (the same text): modernc's
// driver parses a column declared TIMESTAMP itself, trying a format that
// never matches before the one that does, while bun parses the bare text
// once; the parsing was about 4% of a home page.
func (s *Store) columnsExcept(model any, alias string, except ...string) string {
	t := s.raw.Table(reflect.TypeOf(model).Elem())
	names := make([]string, 0, len(t.Fields))
	for _, f := range t.Fields {
		switch {
		case slices.Contains(except, f.Name):
		case f.IndirectType == hotTimeType:
			names = append(names, s.timeColumn(alias+"."+f.Name)+" AS "+f.Name)
		default:
			names = append(names, alias+"."+f.Name)
		}
	}
	return strings.Join(names, ", ")
}

var hotTimeType = reflect.TypeFor[time.Time]()

// timeColumn is how a hot query selects the time column col: +col on
// SQLite (see columnsExcept), col on PostgreSQL.
func (s *Store) timeColumn(col string) string {
	if s.stmts != nil {
		return "+" + col
	}
	return col
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
	rows, done, err := s.hotQuery(ctx, query, args)
	if err != nil {
		return err
	}
	defer done()
	return mapErr(s.raw.ScanRows(ctx, rows, dest))
}

// hotQuery runs query as a cached prepared statement (SQLite), as hotScan
// does, and returns its rows with done, to call after they are closed.
func (s *Store) hotQuery(ctx context.Context, query string, args []any) (*sql.Rows, func(), error) {
	st, done, err := s.prepared(ctx, query, args)
	if err != nil {
		return nil, nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		done()
		return nil, nil, mapErr(err)
	}
	return rows, done, nil
}

// hotExec is hotScan for statements that return no rows. Outside a
// transaction it is a write of its own, and waits its turn at the write
// gate like a transaction (write_gate.go): polling in SQLite's busy
// handler, it could miss the lock for as long as the gate hands it on.
func (s *Store) hotExec(ctx context.Context, query string, args ...any) error {
	if s.stmts == nil {
		_, err := s.db.NewRaw(query, bunArgs(args)...).Exec(ctx)
		return mapErr(err)
	}
	if _, inTx := s.db.(bun.Tx); !inTx {
		return s.gated(ctx, func() error { return s.hotExecStmt(ctx, query, args) })
	}
	return s.hotExecStmt(ctx, query, args)
}

func (s *Store) hotExecStmt(ctx context.Context, query string, args []any) error {
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
	query = s.stmts.rewrite(query)
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

// rewrite returns sqliteHot's rewrite of query, remembered: the hot
// queries have a few fixed texts, and rewriting them on every call cost
// about 2% of a home page.
func (c *stmtCache) rewrite(query string) string {
	if q, ok := c.rewritten.Load(query); ok {
		return q.(string)
	}
	q := sqliteHot.Replace(query)
	c.rewritten.Store(query, q)
	return q
}

// convertArgs turns args into what the SQLite driver binds: IN lists as a
// JSON array, times in bun's text format.
func convertArgs(args []any) {
	for i, a := range args {
		switch v := a.(type) {
		case []string:
			args[i] = jsonStrings(v)
		case time.Time:
			args[i] = v.UTC().Format(sqliteTimeFormat)
		}
	}
}

// jsonStrings is json.Marshal(ids) as a string, built directly when no id
// needs escaping (ids are ULIDs and the like), which costs a fraction of
// encoding/json's reflection.
func jsonStrings(ids []string) string {
	if ids == nil {
		return "null"
	}
	n := 2
	for _, id := range ids {
		for i := 0; i < len(id); i++ {
			if c := id[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				b, _ := json.Marshal(ids) // a []string always marshals
				return string(b)
			}
		}
		n += len(id) + 3
	}
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, id...)
		b = append(b, '"')
	}
	return string(append(b, ']'))
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
