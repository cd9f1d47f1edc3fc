package store

import (
	"context"
	"strings"
	"sync/atomic"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// StatusViewers returns, by status id, what viewerID has done with each of
// sts and with the originals they reblog (the favourited, reblogged,
// muted, bookmarked and pinned fields). One query. An anonymous viewer
// ("") gets an empty map.
func (s *Store) StatusViewers(ctx context.Context, viewerID string, sts []*models.Status) (map[string]models.StatusViewer, error) {
	x, err := s.StatusExtras(ctx, viewerID, nil, sts, time.Time{})
	return x.Viewers, err
}

// StatusExtras is what rendering statuses for one viewer needs beside the
// statuses themselves.
type StatusExtras struct {
	// Stats are the counters of the accounts asked for (zero counters for
	// accounts without activity).
	Stats map[string]models.AccountStats
	// Viewers are the viewer's flags by status id, as StatusViewers.
	Viewers map[string]models.StatusViewer
	// Filters reports whether the viewer has a filter in effect at the
	// time given (only asked when that time is not zero).
	Filters bool
}

// extraRow is one row of StatusExtras's query: a stats row (kind "s"), a
// viewer flag (f, b, p, r: key is a status id; m: a thread id) or an
// active filter (x).
type extraRow struct {
	Kind      string       `bun:"kind"`
	Key       string       `bun:"key_id"`
	Statuses  int          `bun:"n_statuses"`
	Followers int          `bun:"n_followers"`
	Following int          `bun:"n_following"`
	LastAt    bun.NullTime `bun:"last_at"`
}

// StatusExtras loads, in one query, the counters of accountIDs, viewerID's
// flags on sts (and the originals they reblog) and, when filtersAt is not
// zero, whether viewerID has a filter in effect then. An anonymous viewer
// ("") has no flags and no filters.
func (s *Store) StatusExtras(ctx context.Context, viewerID string, accountIDs []string, sts []*models.Status, filtersAt time.Time) (StatusExtras, error) {
	out := StatusExtras{Stats: make(map[string]models.AccountStats, len(accountIDs)), Viewers: map[string]models.StatusViewer{}}
	// Counters come from the stats cache (stats_cache.go) where it has
	// them; not inside a transaction, which may see its own writes.
	_, inTx := s.db.(bun.Tx)
	cacheStats := s.stats != nil && !inTx
	var statsGen uint64
	if cacheStats && len(accountIDs) > 0 {
		accountIDs, statsGen = s.stats.fill(out.Stats, accountIDs)
	}
	for _, id := range accountIDs {
		out.Stats[id] = models.AccountStats{AccountID: id}
	}
	var shape extrasShape
	var args []any
	if len(accountIDs) > 0 {
		shape |= extrasStats
		args = append(args, accountIDs)
	}
	var threadOf map[string][]string
	if viewerID != "" && len(sts) > 0 {
		var ids, threads []string
		threadOf = map[string][]string{}
		for _, st := range sts {
			for _, x := range []*models.Status{st, st.Reblog} {
				if x == nil {
					continue
				}
				ids = append(ids, x.ID)
				threads = append(threads, x.ThreadID)
				threadOf[x.ThreadID] = append(threadOf[x.ThreadID], x.ID)
				out.Viewers[x.ID] = models.StatusViewer{}
			}
		}
		var in any = dedupe(ids)
		if s.stmts != nil { // the same JSON array four times (convertArgs)
			in = jsonStrings(in.([]string))
		}
		shape |= extrasFlags
		args = append(args, viewerID, viewerID, in, viewerID, viewerID, in, viewerID, in, viewerID, in, viewerID, dedupe(threads))
	}
	if viewerID != "" && !filtersAt.IsZero() {
		shape |= extrasFilters
		args = append(args, viewerID, filtersAt.UTC())
	}
	if shape == 0 {
		return out, nil
	}
	var rows []extraRow
	if err := s.hotScan(ctx, &rows, s.extrasQuery(shape), args...); err != nil {
		return StatusExtras{}, err
	}
	for _, r := range rows {
		out.add(r, threadOf)
	}
	if cacheStats && len(accountIDs) > 0 {
		s.stats.put(statsGen, accountIDs, out.Stats)
	}
	return out, nil
}

func (x *StatusExtras) add(r extraRow, threadOf map[string][]string) {
	switch r.Kind {
	case "s":
		st := models.AccountStats{AccountID: r.Key, StatusesCount: r.Statuses,
			FollowersCount: r.Followers, FollowingCount: r.Following}
		if !r.LastAt.IsZero() {
			t := r.LastAt.Time
			st.LastStatusAt = &t
		}
		x.Stats[r.Key] = st
	case "x":
		x.Filters = true
	case "m":
		for _, id := range threadOf[r.Key] {
			v := x.Viewers[id]
			v.Muted = true
			x.Viewers[id] = v
		}
	default:
		v := x.Viewers[r.Key]
		switch r.Kind {
		case "f":
			v.Favourited = true
		case "b":
			v.Bookmarked = true
		case "p":
			v.Pinned = true
		case "r":
			v.Reblogged = true
		}
		x.Viewers[r.Key] = v
	}
}

// extrasShape says which parts StatusExtras's query has.
type extrasShape int

const (
	extrasStats extrasShape = 1 << iota
	extrasFlags
	extrasFilters
)

// extrasQueries holds StatusExtras's query text by shape, for SQLite [0]
// and PostgreSQL [1]: building it was a few percent of a page's
// allocations.
var extrasQueries [2][8]atomic.Pointer[string]

// extrasQuery is StatusExtras's query for shape: its arguments are, in
// order, the account ids (stats); the viewer twice, the status ids, the
// viewer twice, the status ids, the viewer and the status ids twice, the
// viewer and the thread ids (flags); the viewer and the time (filters).
func (s *Store) extrasQuery(shape extrasShape) string {
	db := 0
	if s.stmts == nil {
		db = 1
	}
	if q := extrasQueries[db][shape].Load(); q != nil {
		return *q
	}
	var parts []string
	if shape&extrasStats != 0 {
		parts = append(parts, "SELECT 's' AS kind, account_id AS key_id, statuses_count AS n_statuses,"+
			" followers_count AS n_followers, following_count AS n_following, "+s.timeColumn("last_status_at")+" AS last_at"+
			" FROM account_stats WHERE account_id IN (?)")
	}
	if shape&extrasFlags != 0 {
		const zeros = ", 0, 0, 0, NULL"
		parts = append(parts,
			// Most accounts have no favourites or bookmarks: one probe
			// (an uncorrelated EXISTS runs once) spares them a probe per id.
			"SELECT 'f', status_id"+zeros+" FROM favourites WHERE account_id = ?"+
				" AND EXISTS (SELECT 1 FROM favourites AS fz WHERE fz.account_id = ?) AND status_id IN (?)",
			"SELECT 'b', status_id"+zeros+" FROM bookmarks WHERE account_id = ?"+
				" AND EXISTS (SELECT 1 FROM bookmarks AS bz WHERE bz.account_id = ?) AND status_id IN (?)",
			// An account has at most MaxPins pins and mutes few threads:
			// reading its rows and checking each against the list (|| ''
			// keeps SQLite from probing the index once per listed id)
			// costs less than a probe per id.
			"SELECT 'p', status_id"+zeros+" FROM pins WHERE account_id = ? AND status_id || '' IN (?)",
			"SELECT 'r', reblog_of_id"+zeros+" FROM statuses WHERE account_id = ? AND reblog_of_id IN (?)",
			"SELECT 'm', thread_id"+zeros+" FROM status_mutes WHERE account_id = ? AND thread_id || '' IN (?)")
	}
	if shape&extrasFilters != 0 {
		parts = append(parts, "SELECT 'x', id, 0, 0, 0, NULL FROM filters WHERE account_id = ?"+
			" AND (expires_at IS NULL OR expires_at > ?)")
	}
	if shape&extrasStats == 0 { // the first SELECT names the columns
		parts[0] = "SELECT 'z' AS kind, '' AS key_id, 0 AS n_statuses, 0 AS n_followers, 0 AS n_following," +
			" NULL AS last_at WHERE 1 = 0 UNION ALL " + parts[0]
	}
	q := strings.Join(parts, " UNION ALL ")
	extrasQueries[db][shape].Store(&q)
	return q
}
