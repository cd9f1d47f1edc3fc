package store

import (
	"context"
	"strings"

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
// StatusesByIDs does. The SQL text depends only on which bounds the page
// has, so it runs as a prepared statement (hotScan).
func (s *Store) homePage(ctx context.Context, viewerID string, p Page) ([]*models.Status, PageInfo, error) {
	now := nowUTC()
	own, args := notMutedSQL("s.account_id", viewerID, now)
	orig, oargs := notMutedSQL("(SELECT mo.account_id FROM statuses mo WHERE mo.id = s.reblog_of_id)", viewerID, now)
	// Most viewers mute nobody: one uncorrelated EXISTS (evaluated once)
	// spares them the two per-row mute checks.
	q := "SELECT " + s.statusSelect("s") + " FROM home_timeline AS h JOIN statuses AS s ON s.id = h.status_id WHERE h.account_id = ?" +
		" AND (NOT EXISTS (SELECT 1 FROM mutes AS mz WHERE mz.account_id = ?) OR (" + own + " AND (s.reblog_of_id IS NULL OR " + orig + ")))"
	args = append(append([]any{viewerID, viewerID}, args...), oargs...)
	if p.MaxID != "" {
		q += " AND h.status_id < ?"
		args = append(args, strings.ToUpper(p.MaxID))
	}
	if p.SinceID != "" {
		q += " AND h.status_id > ?"
		args = append(args, strings.ToUpper(p.SinceID))
	}
	asc := p.MinID != ""
	if asc {
		q += " AND h.status_id > ? ORDER BY h.status_id ASC LIMIT ?"
		args = append(args, strings.ToUpper(p.MinID))
	} else {
		q += " ORDER BY h.status_id DESC LIMIT ?"
	}
	args = append(args, p.size(StatusesPageDefault, StatusesPageMax))
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
