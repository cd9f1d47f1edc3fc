package store

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

// HomeKeep is how many rows a home timeline keeps when trimmed (Mastodon
// keeps 800 in its feeds). Pages past them end the timeline.
const HomeKeep = 800

// TrimHomeTimeline deletes accountID's home rows older than its keep
// newest, and returns how many went.
func (s *Store) TrimHomeTimeline(ctx context.Context, accountID string, keep int) (int64, error) {
	res, err := s.db.NewRaw("DELETE FROM home_timeline WHERE account_id = ? AND status_id <= "+
		"(SELECT status_id FROM home_timeline WHERE account_id = ? ORDER BY status_id DESC LIMIT 1 OFFSET ?)",
		accountID, accountID, keep).Exec(ctx)
	if err != nil {
		return 0, mapErr(err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// TrimHomeTimelines trims every local account's home timeline to keep rows
// (one short statement per account, so writers are never held up long).
// Fan-out only adds rows: run this now and then (a periodic job, or after
// seeding) to bound the table at accounts × keep rows.
func (s *Store) TrimHomeTimelines(ctx context.Context, keep int) (int64, error) {
	var ids []string
	if err := s.db.NewSelect().Model((*models.Account)(nil)).Column("id").
		Where("domain = ''").Order("id").Scan(ctx, &ids); err != nil {
		return 0, mapErr(err)
	}
	var total int64
	for _, id := range ids {
		n, err := s.TrimHomeTimeline(ctx, id, keep)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

// RebuildHomeTimeline recomputes accountID's home timeline from scratch
// with its limit newest eligible statuses: its own, those of accounts it
// follows (by the fan-out rules) and private or direct ones mentioning it.
// For repairs and for seeding large data sets without fan-out. Reblog
// de-duplication and blocks are not re-applied to old rows.
func (s *Store) RebuildHomeTimeline(ctx context.Context, accountID string, limit int) error {
	return s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.db.NewDelete().Model((*models.HomeTimelineEntry)(nil)).
			Where("account_id = ?", accountID).Exec(ctx); err != nil {
			return mapErr(err)
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"SELECT ?, s.id, s.reblog_of_id FROM statuses AS s WHERE s.account_id = ?", []any{accountID, accountID}},
			{"SELECT f.account_id, s.id, s.reblog_of_id " + followedSQL, []any{accountID}},
			{"SELECT ?, s.id, s.reblog_of_id FROM mentions AS m JOIN statuses AS s ON s.id = m.status_id" +
				" WHERE m.account_id = ? AND s.visibility IN ('private', 'direct')", []any{accountID, accountID}},
		} {
			if _, err := tx.db.NewRaw("INSERT INTO home_timeline (account_id, status_id, reblog_of_id) "+
				q.sql+" ORDER BY s.id DESC LIMIT ? ON CONFLICT DO NOTHING", append(q.args, limit)...).Exec(ctx); err != nil {
				return mapErr(err)
			}
		}
		_, err := tx.TrimHomeTimeline(ctx, accountID, limit)
		return err
	})
}
