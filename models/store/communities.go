package store

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/models"
)

// CreateCommunity inserts a community's Group actor, its community row and
// its owner as first moderator in one transaction. A taken name is
// models.ErrConflict.
func (s *Store) CreateCommunity(ctx context.Context, a *models.Account, c *models.Community) error {
	return s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.db.NewInsert().Model(a).Exec(ctx); err != nil {
			return mapErr(err)
		}
		if _, err := tx.db.NewInsert().Model(c).Exec(ctx); err != nil {
			return mapErr(err)
		}
		m := &models.CommunityModerator{CommunityID: c.AccountID, AccountID: c.OwnerID, CreatedAt: c.CreatedAt}
		_, err := tx.db.NewInsert().Model(m).Exec(ctx)
		return mapErr(err)
	})
}

// Community returns the community whose Group actor is accountID, with its
// Account loaded; models.ErrNotFound when accountID is not a local community.
func (s *Store) Community(ctx context.Context, accountID string) (*models.Community, error) {
	c := new(models.Community)
	err := s.db.NewSelect().Model(c).Relation("Account").Where("community.account_id = ?", accountID).Scan(ctx)
	return c, mapErr(err)
}

// IsCommunityModerator reports whether accountID moderates the community.
func (s *Store) IsCommunityModerator(ctx context.Context, communityID, accountID string) (bool, error) {
	return s.db.NewSelect().Model((*models.CommunityModerator)(nil)).
		Where("community_id = ? AND account_id = ?", communityID, accountID).Exists(ctx)
}

// CommunityModerators returns the community's moderators, oldest first.
func (s *Store) CommunityModerators(ctx context.Context, communityID string) ([]*models.Account, error) {
	var out []*models.Account
	err := s.db.NewSelect().Model(&out).
		Join("JOIN community_moderators AS m ON m.account_id = account.id").
		Where("m.community_id = ?", communityID).
		OrderExpr("m.created_at ASC, account.id ASC").Scan(ctx)
	return out, mapErr(err)
}

// ModeratedCommunityIDs returns the ids of the communities accountID moderates.
func (s *Store) ModeratedCommunityIDs(ctx context.Context, accountID string) ([]string, error) {
	var ids []string
	err := s.db.NewSelect().Model((*models.CommunityModerator)(nil)).Column("community_id").
		Where("account_id = ?", accountID).OrderExpr("community_id").Scan(ctx, &ids)
	return ids, mapErr(err)
}

// AddCommunityModerator makes accountID a moderator; adding one twice is a no-op.
func (s *Store) AddCommunityModerator(ctx context.Context, communityID, accountID string) error {
	m := &models.CommunityModerator{CommunityID: communityID, AccountID: accountID, CreatedAt: time.Now().UTC()}
	_, err := s.db.NewInsert().Model(m).On("CONFLICT DO NOTHING").Exec(ctx)
	return mapErr(err)
}

// RemoveCommunityModerator takes accountID's moderation away. The owner
// always stays a moderator: removing them is models.ErrInvalid-like
// (a *models.ValidationError).
func (s *Store) RemoveCommunityModerator(ctx context.Context, communityID, accountID string) error {
	c, err := s.Community(ctx, communityID)
	if err != nil {
		return err
	}
	if c.OwnerID == accountID {
		return models.Invalidf("the owner stays a moderator")
	}
	_, err = s.db.NewDelete().Model((*models.CommunityModerator)(nil)).
		Where("community_id = ? AND account_id = ?", communityID, accountID).Exec(ctx)
	return mapErr(err)
}
