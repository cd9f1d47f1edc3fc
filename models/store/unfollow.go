package store

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/models"
)

// Unfollowed is what Unfollow removed: a follow, a pending request, or
// (never both nil) both.
type Unfollowed struct {
	Follow  *models.Follow
	Request *models.FollowRequest
}

// Unfollow ends accountID's follow of targetID, or withdraws the pending
// request, in one transaction: counters, the follow notification, and the
// target's statuses in the follower's home go with it. It returns what it
// removed (federation sends Undo with its URI); nothing to remove is
// models.ErrNotFound.
func (s *Store) Unfollow(ctx context.Context, accountID, targetID string) (*Unfollowed, error) {
	var res Unfollowed
	err := s.Tx(ctx, func(tx *Store) error {
		f, err := tx.FollowBetween(ctx, accountID, targetID)
		switch {
		case err == nil:
			res.Follow = f
			if err := tx.dropFollow(ctx, f); err != nil {
				return err
			}
			if err := tx.federate(ctx, models.PublishUndoFollow, accountID, f.ID, followData(f, targetID)); err != nil {
				return err
			}
		case !errors.Is(err, models.ErrNotFound):
			return err
		}
		r, err := tx.FollowRequestBetween(ctx, accountID, targetID)
		switch {
		case err == nil:
			res.Request = r
			if err := tx.dropFollowRequest(ctx, r); err != nil {
				return err
			}
			if err := tx.federate(ctx, models.PublishUndoFollow, accountID, r.ID,
				followData((*models.Follow)(r), targetID)); err != nil {
				return err
			}
		case !errors.Is(err, models.ErrNotFound):
			return err
		}
		if res.Follow == nil && res.Request == nil {
			return models.ErrNotFound
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &res, nil
}

// RemoveFromFollowers makes followerID stop following accountID (and drops
// a pending request): Unfollow seen from the followed side, in one
// transaction; a remote follower is sent a Reject.
func (s *Store) RemoveFromFollowers(ctx context.Context, accountID, followerID string) (*Unfollowed, error) {
	var res *Unfollowed
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		if res, err = tx.Unfollow(ctx, followerID, accountID); err != nil {
			return err
		}
		for _, f := range []*models.Follow{res.Follow, (*models.Follow)(res.Request)} {
			if f == nil {
				continue
			}
			if err := tx.federate(ctx, models.PublishReject, accountID, f.ID, followData(f, followerID)); err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}

// dropFollow deletes f with its counters, notification and home rows.
func (s *Store) dropFollow(ctx context.Context, f *models.Follow) error {
	if _, err := s.db.NewDelete().Model(f).WherePK().Exec(ctx); err != nil {
		return mapErr(err)
	}
	if err := s.bumpStat(ctx, f.AccountID, statFollowing, -1); err != nil {
		return err
	}
	if err := s.bumpStat(ctx, f.TargetAccountID, statFollowers, -1); err != nil {
		return err
	}
	if err := s.deleteNotificationsFor(ctx, f.ID); err != nil {
		return err
	}
	return s.unmergeHome(ctx, f.AccountID, f.TargetAccountID)
}

// Followers lists who follows accountID, newest follow first, paged by
// follow id.
func (s *Store) Followers(ctx context.Context, accountID string, p Page) ([]*models.Account, PageInfo, error) {
	q := s.db.NewSelect().TableExpr("follows AS f").
		ColumnExpr("f.id AS sort_key, f.account_id AS account_id").Where("f.target_account_id = ?", accountID)
	return s.pagedAccounts(ctx, q, "f.id", p)
}

// Following lists whom accountID follows, newest follow first, paged by
// follow id.
func (s *Store) Following(ctx context.Context, accountID string, p Page) ([]*models.Account, PageInfo, error) {
	q := s.db.NewSelect().TableExpr("follows AS f").
		ColumnExpr("f.id AS sort_key, f.target_account_id AS account_id").Where("f.account_id = ?", accountID)
	return s.pagedAccounts(ctx, q, "f.id", p)
}
