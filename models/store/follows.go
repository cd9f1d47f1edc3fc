package store

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/models"
)

// FollowOptions are the follow's settings. Nil fields keep the current
// value (or the default for a new follow: reblogs shown, no notifications,
// all languages).
type FollowOptions struct {
	ShowReblogs *bool
	Notify      *bool
	Languages   []string // nil keeps; empty slice means all languages
	// URI is the Follow activity's id; "" makes one for a local follower.
	URI string
}

// FollowResult holds exactly one of a follow (now in effect) or a follow
// request (waiting for the target's approval).
type FollowResult struct {
	Follow  *models.Follow
	Request *models.FollowRequest
}

// Follow makes accountID follow targetID in one transaction. Following
// again updates the options. A locked or remote target gets a follow request
// (and a "follow_request" notification when local); otherwise the follow
// takes effect at once: counters, a "follow" notification, and the target's
// recent statuses in the follower's home. Following oneself, or across a
// block, is models.ErrInvalid.
func (s *Store) Follow(ctx context.Context, accountID, targetID string, o FollowOptions) (*FollowResult, error) {
	var res *FollowResult
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		res, err = tx.follow(ctx, accountID, targetID, o)
		return err
	})
	return res, err
}

func (s *Store) follow(ctx context.Context, accountID, targetID string, o FollowOptions) (*FollowResult, error) {
	if accountID == targetID {
		return nil, models.Invalidf("you cannot follow yourself")
	}
	follower, err := s.AccountByID(ctx, accountID)
	if err != nil {
		return nil, err
	}
	target, err := s.AccountByID(ctx, targetID)
	if err != nil {
		return nil, err
	}
	if blocked, err := s.blockedEitherWay(ctx, accountID, targetID); err != nil || blocked {
		if err == nil {
			err = models.Invalidf("you cannot follow this account")
		}
		return nil, err
	}
	if f, err := s.FollowBetween(ctx, accountID, targetID); err == nil {
		if o.URI != "" { // a remote follower asks again: accept again
			if err := s.federate(ctx, models.PublishAccept, targetID, f.ID,
				models.PublicationData{URI: o.URI, Target: accountID}); err != nil {
				return nil, err
			}
		}
		return &FollowResult{Follow: f}, s.updateFollowOptions(ctx, f, o)
	} else if !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	now := nowUTC()
	f := &models.Follow{ID: models.NewID(), AccountID: accountID, TargetAccountID: targetID,
		ShowReblogs: true, URI: o.URI, CreatedAt: now, UpdatedAt: now}
	applyFollowOptions(f, o)
	if f.URI == "" && follower.IsLocal() {
		f.URI = follower.URI + "#follows/" + f.ID
	}
	if target.Locked || !target.IsLocal() || s.followNeedsApproval(ctx, follower) {
		r, err := s.requestFollow(ctx, (*models.FollowRequest)(f), o)
		return &FollowResult{Request: r}, err
	}
	if err := s.createFollow(ctx, f, true); err != nil {
		return nil, err
	}
	// A remote follower of an unlocked local account is accepted at once.
	return &FollowResult{Follow: f}, s.federate(ctx, models.PublishAccept, targetID, f.ID, followData(f, accountID))
}

func applyFollowOptions(f *models.Follow, o FollowOptions) {
	if o.ShowReblogs != nil {
		f.ShowReblogs = *o.ShowReblogs
	}
	if o.Notify != nil {
		f.Notify = *o.Notify
	}
	if o.Languages != nil {
		f.Languages = models.JoinLanguages(o.Languages)
	}
}

func (s *Store) updateFollowOptions(ctx context.Context, f *models.Follow, o FollowOptions) error {
	if o.ShowReblogs == nil && o.Notify == nil && o.Languages == nil {
		return nil
	}
	applyFollowOptions(f, o)
	f.UpdatedAt = nowUTC()
	_, err := s.db.NewUpdate().Model(f).Column("show_reblogs", "notify", "languages", "updated_at").
		WherePK().Exec(ctx)
	return mapErr(err)
}

// createFollow inserts f, counts it, fills the follower's home with the
// target's recent statuses and, when notify, tells the target.
func (s *Store) createFollow(ctx context.Context, f *models.Follow, notify bool) error {
	if _, err := s.db.NewInsert().Model(f).Exec(ctx); err != nil {
		return mapErr(err)
	}
	if err := s.bumpStat(ctx, f.AccountID, statFollowing, 1); err != nil {
		return err
	}
	if err := s.bumpStat(ctx, f.TargetAccountID, statFollowers, 1); err != nil {
		return err
	}
	if err := s.backfillHome(ctx, f); err != nil {
		return err
	}
	if !notify {
		return nil
	}
	return s.notify(ctx, notice{Type: models.NotificationFollow, FromID: f.AccountID,
		ActivityID: f.ID, At: f.CreatedAt}, []string{f.TargetAccountID})
}

// FollowBetween returns the follow of accountID to targetID.
func (s *Store) FollowBetween(ctx context.Context, accountID, targetID string) (*models.Follow, error) {
	f := new(models.Follow)
	err := s.db.NewSelect().Model(f).Where("account_id = ?", accountID).
		Where("target_account_id = ?", targetID).Scan(ctx)
	return f, mapErr(err)
}

// FollowByURI returns the follow whose Follow activity has that id.
func (s *Store) FollowByURI(ctx context.Context, uri string) (*models.Follow, error) {
	f := new(models.Follow)
	err := s.db.NewSelect().Model(f).Where("uri = ?", uri).Where("uri <> ''").Limit(1).Scan(ctx)
	return f, mapErr(err)
}
