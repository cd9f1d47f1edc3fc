package store

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/models"
)

// requestFollow stores r, or updates the options of the request already
// pending, and tells a local target.
func (s *Store) requestFollow(ctx context.Context, r *models.FollowRequest, o FollowOptions) (*models.FollowRequest, error) {
	old := new(models.FollowRequest)
	err := s.db.NewSelect().Model(old).Where("account_id = ?", r.AccountID).
		Where("target_account_id = ?", r.TargetAccountID).Scan(ctx)
	if err == nil {
		if o.ShowReblogs == nil && o.Notify == nil && o.Languages == nil {
			return old, nil
		}
		f := (*models.Follow)(old)
		applyFollowOptions(f, o)
		old.UpdatedAt = nowUTC()
		_, err := s.db.NewUpdate().Model(old).Column("show_reblogs", "notify", "languages", "updated_at").
			WherePK().Exec(ctx)
		return old, mapErr(err)
	}
	if !errors.Is(mapErr(err), models.ErrNotFound) {
		return nil, mapErr(err)
	}
	if _, err := s.db.NewInsert().Model(r).Exec(ctx); err != nil {
		return nil, mapErr(err)
	}
	if err := s.federate(ctx, models.PublishFollow, r.AccountID, r.ID,
		followData((*models.Follow)(r), r.TargetAccountID)); err != nil {
		return nil, err
	}
	return r, s.notifyFollowRequest(ctx, r) // the target, and a community's moderators
}

// FollowRequestBetween returns the pending request of accountID to follow targetID.
func (s *Store) FollowRequestBetween(ctx context.Context, accountID, targetID string) (*models.FollowRequest, error) {
	r := new(models.FollowRequest)
	err := s.db.NewSelect().Model(r).Where("account_id = ?", accountID).
		Where("target_account_id = ?", targetID).Scan(ctx)
	return r, mapErr(err)
}

// FollowRequestByURI returns the pending request whose Follow activity has
// that id (a remote Accept or Reject names it).
func (s *Store) FollowRequestByURI(ctx context.Context, uri string) (*models.FollowRequest, error) {
	r := new(models.FollowRequest)
	err := s.db.NewSelect().Model(r).Where("uri = ?", uri).Where("uri <> ''").Limit(1).Scan(ctx)
	return r, mapErr(err)
}

// AuthorizeFollowRequest turns requesterID's pending request to follow
// targetID into a follow (same id, uri and options), in one transaction:
// the request and its notification go, counters and the requester's home
// are updated. No request is models.ErrNotFound; authorizing an
// already-accepted follow returns that follow.
func (s *Store) AuthorizeFollowRequest(ctx context.Context, targetID, requesterID string) (*models.Follow, error) {
	var f *models.Follow
	err := s.Tx(ctx, func(tx *Store) error {
		r, err := tx.FollowRequestBetween(ctx, requesterID, targetID)
		if errors.Is(err, models.ErrNotFound) {
			f, err = tx.FollowBetween(ctx, requesterID, targetID)
			return err
		}
		if err != nil {
			return err
		}
		if err := tx.dropFollowRequest(ctx, r); err != nil {
			return err
		}
		f = (*models.Follow)(r)
		f.UpdatedAt = nowUTC()
		if err := tx.createFollow(ctx, f, false); err != nil {
			return err
		}
		return tx.federate(ctx, models.PublishAccept, targetID, f.ID, followData(f, requesterID))
	})
	return f, err
}

// RejectFollowRequest deletes requesterID's pending request to follow
// targetID and returns it (federation answers its URI with a Reject).
func (s *Store) RejectFollowRequest(ctx context.Context, targetID, requesterID string) (*models.FollowRequest, error) {
	var r *models.FollowRequest
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		if r, err = tx.FollowRequestBetween(ctx, requesterID, targetID); err != nil {
			return err
		}
		if err := tx.dropFollowRequest(ctx, r); err != nil {
			return err
		}
		return tx.federate(ctx, models.PublishReject, targetID, r.ID, followData((*models.Follow)(r), requesterID))
	})
	return r, err
}

func (s *Store) dropFollowRequest(ctx context.Context, r *models.FollowRequest) error {
	if _, err := s.db.NewDelete().Model(r).WherePK().Exec(ctx); err != nil {
		return mapErr(err)
	}
	return s.deleteNotificationsFor(ctx, r.ID)
}

// FollowRequests lists the accounts waiting for targetID's approval, or
// to join a community targetID moderates, newest request first, paged by
// request id.
func (s *Store) FollowRequests(ctx context.Context, targetID string, p Page) ([]*models.Account, PageInfo, error) {
	q := s.db.NewSelect().TableExpr("follow_requests AS r").
		ColumnExpr("r.id AS sort_key, r.account_id AS account_id").
		Where("r.target_account_id = ? OR r.target_account_id IN (?)", targetID, s.moderatedBy(targetID))
	return s.pagedAccounts(ctx, q, "r.id", p)
}
