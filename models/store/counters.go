package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// Columns of account_stats and statuses that the store keeps counting.
const (
	statStatuses  = "statuses_count"
	statFollowers = "followers_count"
	statFollowing = "following_count"

	countReplies    = "replies_count"
	countReblogs    = "reblogs_count"
	countFavourites = "favourites_count"
)

// bumpStat adds delta to one account counter, creating the stats row on
// first use. Counters never go below zero.
func (s *Store) bumpStat(ctx context.Context, accountID, column string, delta int) error {
	s.invalidateStats(accountID) // stats_cache.go
	return s.hotExec(ctx,
		"INSERT INTO account_stats (account_id, "+column+") VALUES (?, ?) "+
			"ON CONFLICT (account_id) DO UPDATE SET "+column+" = "+
			"CASE WHEN account_stats."+column+" + ? < 0 THEN 0 ELSE account_stats."+column+" + ? END",
		accountID, max(delta, 0), delta, delta)
}

// noteStatus counts a new status for its author and records its time.
func (s *Store) noteStatus(ctx context.Context, accountID string, at time.Time) error {
	s.invalidateStats(accountID) // stats_cache.go
	return s.hotExec(ctx,
		"INSERT INTO account_stats (account_id, statuses_count, last_status_at) VALUES (?, 1, ?) "+
			"ON CONFLICT (account_id) DO UPDATE SET statuses_count = account_stats.statuses_count + 1, "+
			"last_status_at = CASE WHEN account_stats.last_status_at IS NULL OR account_stats.last_status_at < ? "+
			"THEN ? ELSE account_stats.last_status_at END",
		accountID, at, at, at)
}

// bumpStatus adds delta to one counter of a status (never below zero).
func (s *Store) bumpStatus(ctx context.Context, statusID, column string, delta int) error {
	_, err := s.db.NewUpdate().Model((*models.Status)(nil)).
		Set(column+" = CASE WHEN "+column+" + ? < 0 THEN 0 ELSE "+column+" + ? END", delta, delta).
		Where("id = ?", statusID).Exec(ctx)
	return mapErr(err)
}

// AccountStats returns the Account entity's counters for each id; accounts
// without any activity get zero counters.
func (s *Store) AccountStats(ctx context.Context, ids ...string) (map[string]models.AccountStats, error) {
	out := make(map[string]models.AccountStats, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []models.AccountStats
	if err := s.db.NewSelect().Model(&rows).Where("account_id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	for _, id := range ids {
		out[id] = models.AccountStats{AccountID: id}
	}
	for _, r := range rows {
		out[r.AccountID] = r
	}
	return out, nil
}

// CountStatusesByAccount is the account's statuses_count: its statuses and
// reblogs, direct messages excepted (as Mastodon counts).
func (s *Store) CountStatusesByAccount(ctx context.Context, accountID string) (int, error) {
	st, err := s.AccountStats(ctx, accountID)
	if err != nil {
		return 0, err
	}
	return st[accountID].StatusesCount, nil
}

// CountLocalStatuses counts local accounts' statuses (NodeInfo's
// localPosts): the sum of their statuses_count.
func (s *Store) CountLocalStatuses(ctx context.Context) (int, error) {
	var n int
	err := s.db.NewRaw("SELECT COALESCE(SUM(st.statuses_count), 0) FROM account_stats st "+
		"JOIN accounts a ON a.id = st.account_id WHERE a.domain = ''").Scan(ctx, &n)
	return n, mapErr(err)
}
