package store

import (
	"context"
	"errors"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// Join requests to a closed community are follow requests to its Group
// account; its moderators see and answer them in their own follow
// requests (FollowRequests includes them).

// moderatedBy selects the ids of the communities accountID moderates.
func (s *Store) moderatedBy(accountID string) *bun.SelectQuery {
	return s.db.NewSelect().Model((*models.CommunityModerator)(nil)).Column("community_id").
		Where("account_id = ?", accountID)
}

// FollowRequestTarget returns whose pending request from requesterID
// accountID answers: accountID's own when there is one, else that of a
// community accountID moderates, else accountID (so the answer is the
// usual models.ErrNotFound).
func (s *Store) FollowRequestTarget(ctx context.Context, accountID, requesterID string) (string, error) {
	if _, err := s.FollowRequestBetween(ctx, requesterID, accountID); err == nil || !errors.Is(err, models.ErrNotFound) {
		return accountID, err
	}
	var id string
	err := s.db.NewSelect().Model((*models.FollowRequest)(nil)).Column("target_account_id").
		Where("account_id = ?", requesterID).Where("target_account_id IN (?)", s.moderatedBy(accountID)).
		OrderExpr("id").Limit(1).Scan(ctx, &id)
	if errors.Is(mapErr(err), models.ErrNotFound) {
		return accountID, nil
	}
	return id, mapErr(err)
}
