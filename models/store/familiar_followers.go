package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// FamiliarFollowers returns, for each of ids, the accounts viewerID follows
// that follow it, newest follow first. Every id has an entry (possibly
// empty); two queries, whatever the number of ids.
func (s *Store) FamiliarFollowers(ctx context.Context, viewerID string, ids []string) (map[string][]*models.Account, error) {
	ids = dedupe(ids)
	out := make(map[string][]*models.Account, len(ids))
	for _, id := range ids {
		out[id] = []*models.Account{}
	}
	if len(ids) == 0 || viewerID == "" {
		return out, nil
	}
	var rows []struct {
		TargetID  string `bun:"target_id"`
		AccountID string `bun:"account_id"`
	}
	err := s.db.NewSelect().TableExpr("follows AS f").
		ColumnExpr("f.target_account_id AS target_id, f.account_id AS account_id").
		Join("JOIN follows AS mine ON mine.target_account_id = f.account_id AND mine.account_id = ?", viewerID).
		Where("f.target_account_id IN (?)", bun.In(ids)).
		OrderExpr("f.id DESC").Scan(ctx, &rows)
	if err != nil {
		return nil, mapErr(err)
	}
	accountIDs := make([]string, 0, len(rows))
	for _, r := range rows {
		accountIDs = append(accountIDs, r.AccountID)
	}
	accounts, err := s.accountMap(ctx, dedupe(accountIDs))
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if a := accounts[r.AccountID]; a != nil {
			out[r.TargetID] = append(out[r.TargetID], a)
		}
	}
	return out, nil
}

// CountFollowRequests is how many follow requests wait for targetID's
// approval (or to join communities it moderates).
func (s *Store) CountFollowRequests(ctx context.Context, targetID string) (int, error) {
	n, err := s.db.NewSelect().Model((*models.FollowRequest)(nil)).
		Where("target_account_id = ? OR target_account_id IN (?)", targetID, s.moderatedBy(targetID)).Count(ctx)
	return int(n), mapErr(err)
}
