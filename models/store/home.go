package store

import (
	"context"
	"strings"
	"sync/atomic"
	"time"

	"github.com/stoa-social/stoa/models"
)

// HomeBackfill is how many of a newly followed account's statuses join the
// follower's home timeline.
const HomeBackfill = 200

// followedSQL selects statuses of followed accounts (statuses AS s, joined
// to the follower's follows AS f) that belong in the follower's (?) home:
// not direct, reblogs only where shown and not of the follower's own
// statuses, replies to someone else only when the follower follows them too.
const followedSQL = "FROM statuses AS s JOIN follows AS f ON f.target_account_id = s.account_id" +
	" WHERE f.account_id = ? AND s.visibility IN ('public', 'unlisted', 'private')" +
	" AND (s.reblog_of_id IS NULL OR (f.show_reblogs = TRUE AND NOT EXISTS" +
	" (SELECT 1 FROM statuses AS o WHERE o.id = s.reblog_of_id AND o.account_id = f.account_id)))" +
	" AND (s.in_reply_to_account_id IS NULL OR s.in_reply_to_account_id = s.account_id" +
	" OR s.in_reply_to_account_id = f.account_id OR EXISTS (SELECT 1 FROM follows AS f2" +
	" WHERE f2.account_id = f.account_id AND f2.target_account_id = s.in_reply_to_account_id))"

// backfillHome puts the newest HomeBackfill eligible statuses of a newly
// followed account in a local follower's home.
func (s *Store) backfillHome(ctx context.Context, f *models.Follow) error {
	_, err := s.db.NewRaw("INSERT INTO home_timeline (account_id, status_id, reblog_of_id)"+
		" SELECT f.account_id, s.id, s.reblog_of_id "+followedSQL+
		" AND f.target_account_id = ? AND EXISTS (SELECT 1 FROM accounts AS fa WHERE fa.id = f.account_id AND fa.domain = '')"+
		" ORDER BY s.id DESC LIMIT ? ON CONFLICT DO NOTHING",
		f.AccountID, f.TargetAccountID, HomeBackfill).Exec(ctx)
	return mapErr(err)
}

// unmergeHome removes authorID's statuses (and reblogs) from accountID's home.
func (s *Store) unmergeHome(ctx context.Context, accountID, authorID string) error {
	_, err := s.db.NewDelete().Model((*models.HomeTimelineEntry)(nil)).
		Where("account_id = ?", accountID).
		Where("status_id IN (SELECT id FROM statuses WHERE account_id = ?)", authorID).Exec(ctx)
	return mapErr(err)
}

// unmergeBlocked removes from accountID's home everything by authorID and
// every reblog of authorID's statuses.
func (s *Store) unmergeBlocked(ctx context.Context, accountID, authorID string) error {
	if err := s.unmergeHome(ctx, accountID, authorID); err != nil {
		return err
	}
	_, err := s.db.NewDelete().Model((*models.HomeTimelineEntry)(nil)).
		Where("account_id = ?", accountID).Where("reblog_of_id IS NOT NULL").
		Where("EXISTS (SELECT 1 FROM statuses AS o WHERE o.id = ?TableAlias.reblog_of_id AND o.account_id = ?)", authorID).
		Exec(ctx)
	return mapErr(err)
}

// homePage reads a page of viewerID's home with the status rows joined
// (one query; mutes as a NOT EXISTS per row, which costs less than another
// query to find out whether there are any) and completes them as
// StatusesByIDs does, through the status cache where it can (then with
// Media loaded too). The SQL text depends only on which bounds the page
// has, so it runs as a prepared statement (hotScan).
func (s *Store) homePage(ctx context.Context, viewerID string, p Page) ([]*models.Status, PageInfo, error) {
	now := nowUTC()
	cached := s.cachedStatuses()
	var shape homeShape
	if cached {
		shape |= homeHeads
	}
	args := []any{viewerID, viewerID, viewerID, now, viewerID, now}
	if p.MaxID != "" {
		shape |= homeMax
		args = append(args, strings.ToUpper(p.MaxID))
	}
	if p.SinceID != "" {
		shape |= homeSince
		args = append(args, strings.ToUpper(p.SinceID))
	}
	asc := p.MinID != ""
	if asc {
		shape |= homeAsc
		args = append(args, strings.ToUpper(p.MinID))
	}
	q := s.homeQuery(shape)
	size := p.size(StatusesPageDefault, StatusesPageMax)
	args = append(args, size)
	if cached {
		heads := make([]statusHead, 0, size)
		if err := s.scanHeads(ctx, &heads, q, args...); err != nil {
			return nil, PageInfo{}, err
		}
		heads, info := finish(heads, asc, func(h statusHead) string { return h.ID })
		sts, err := s.statusesFromHeads(ctx, heads)
		if err != nil {
			return nil, PageInfo{}, err
		}
		return sts, info, nil
	}
	var rows []*models.Status
	if err := s.scanStatuses(ctx, &rows, q, args...); err != nil {
		return nil, PageInfo{}, err
	}
	rows, info := finish(rows, asc, func(st *models.Status) string { return st.ID })
	byID := make(map[string]*models.Status, len(rows))
	for _, st := range rows {
		byID[st.ID] = st
	}
	if err := s.completeStatuses(ctx, byID); err != nil {
		return nil, PageInfo{}, err
	}
	return rows, info, nil
}

// homeShape says which parts homePage's query has.
type homeShape int

const (
	homeHeads homeShape = 1 << iota // statusHead columns, not the whole row
	homeMax
	homeSince
	homeAsc
)

// homeQueries holds homePage's query text by shape, for SQLite [0] and
// PostgreSQL [1]: building it on every page was a few percent of a
// page's allocations.
var homeQueries [2][16]atomic.Pointer[string]

// homeQuery is homePage's query for shape. Its arguments are the viewer
// three times, the time, the viewer and the time (mutes), then the bounds
// the shape has (max_id, since_id, min_id) and the limit.
func (s *Store) homeQuery(shape homeShape) string {
	db := 0
	if s.stmts == nil {
		db = 1
	}
	if q := homeQueries[db][shape].Load(); q != nil {
		return *q
	}
	own, _ := notMutedSQL("s.account_id", "", time.Time{})
	orig, _ := notMutedSQL("(SELECT mo.account_id FROM statuses mo WHERE mo.id = s.reblog_of_id)", "", time.Time{})
	sel := s.statusSelect("s")
	if shape&homeHeads != 0 { // the rest comes from the status cache (status_cache.go)
		sel = s.statusHeadSelect("s")
	}
	// Most viewers mute nobody: one uncorrelated EXISTS (evaluated once)
	// spares them the two per-row mute checks.
	q := "SELECT " + sel + " FROM home_timeline AS h JOIN statuses AS s ON s.id = h.status_id WHERE h.account_id = ?" +
		" AND (NOT EXISTS (SELECT 1 FROM mutes AS mz WHERE mz.account_id = ?) OR (" + own + " AND (s.reblog_of_id IS NULL OR " + orig + ")))"
	if shape&homeMax != 0 {
		q += " AND h.status_id < ?"
	}
	if shape&homeSince != 0 {
		q += " AND h.status_id > ?"
	}
	if shape&homeAsc != 0 {
		q += " AND h.status_id > ? ORDER BY h.status_id ASC LIMIT ?"
	} else {
		q += " ORDER BY h.status_id DESC LIMIT ?"
	}
	homeQueries[db][shape].Store(&q)
	return q
}
