package store

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/models"
)

// MaxCommunityPins is how many posts a community may pin (its featured
// collection); more than a person's five, as forums pin more.
const MaxCommunityPins = 20

// RemoveCommunityPost takes statusID out of the community in one
// transaction: the community's reblog is deleted (its Undo Announce is
// federated to the members, as any local unreblog is), a pin of it goes,
// and the community_posts row stays with Removed set so the post is never
// announced again. A status the community never received is
// models.ErrNotFound; removing twice returns the row and federates nothing.
// The caller checks that the requester moderates the community.
func (s *Store) RemoveCommunityPost(ctx context.Context, communityID, statusID string) (*models.CommunityPost, error) {
	var p *models.CommunityPost
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		if p, err = tx.CommunityPost(ctx, communityID, statusID); err != nil || p.Removed {
			return err
		}
		if p.ReblogID != "" {
			r, err := tx.StatusByID(ctx, p.ReblogID)
			if err == nil {
				err = tx.deleteStatus(ctx, r)
			}
			if err != nil && !errors.Is(err, models.ErrNotFound) {
				return err
			}
		}
		if err := tx.Unpin(ctx, communityID, statusID); err != nil {
			return err
		}
		p.Removed, p.ReblogID = true, ""
		_, err = tx.db.NewUpdate().Model(p).Column("removed", "reblog_id").WherePK().Exec(ctx)
		return mapErr(err)
	})
	return p, err
}

// PinCommunityPost features a post the community announced (and did not
// remove) in its pins; pinning again returns the existing pin. A post the
// community never received, or removed, is models.ErrNotFound; a pin beyond
// MaxCommunityPins is models.ErrInvalid.
func (s *Store) PinCommunityPost(ctx context.Context, communityID, statusID string) (*models.Pin, error) {
	var pin *models.Pin
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.announcedPost(ctx, communityID, statusID); err != nil {
			return err
		}
		pin = new(models.Pin)
		err := tx.db.NewSelect().Model(pin).Where("account_id = ? AND status_id = ?", communityID, statusID).Scan(ctx)
		if err == nil || !errors.Is(mapErr(err), models.ErrNotFound) {
			return mapErr(err)
		}
		n, err := tx.db.NewSelect().Model((*models.Pin)(nil)).Where("account_id = ?", communityID).Count(ctx)
		if err != nil {
			return mapErr(err)
		}
		if n >= MaxCommunityPins {
			return models.Invalidf("a community can pin at most %d posts", MaxCommunityPins)
		}
		pin = &models.Pin{ID: models.NewID(), AccountID: communityID, StatusID: statusID, CreatedAt: nowUTC()}
		_, err = tx.db.NewInsert().Model(pin).Exec(ctx)
		return mapErr(err)
	})
	return pin, err
}

// UnpinCommunityPost removes a pin; a post the community never received is
// models.ErrNotFound, one it did not pin is no error.
func (s *Store) UnpinCommunityPost(ctx context.Context, communityID, statusID string) error {
	if _, err := s.CommunityPost(ctx, communityID, statusID); err != nil {
		return err
	}
	return s.Unpin(ctx, communityID, statusID)
}

// announcedPost is nil when the community announced statusID and still
// does, else models.ErrNotFound.
func (s *Store) announcedPost(ctx context.Context, communityID, statusID string) error {
	p, err := s.CommunityPost(ctx, communityID, statusID)
	if err == nil && p.Removed {
		err = models.ErrNotFound
	}
	return err
}

// BanFromCommunity makes the community Block accountID (federated like any
// local Block; the follow, i.e. the membership, ends both ways), so its
// later posts are not announced. Moderators cannot be banned
// (models.ErrInvalid); banning twice returns the existing block.
func (s *Store) BanFromCommunity(ctx context.Context, communityID, accountID string) (*models.Block, error) {
	if _, err := s.AccountByID(ctx, accountID); err != nil {
		return nil, err
	}
	mod, err := s.IsCommunityModerator(ctx, communityID, accountID)
	if err != nil {
		return nil, mapErr(err)
	}
	if mod {
		return nil, models.Invalidf("a moderator cannot be banned")
	}
	return s.Block(ctx, communityID, accountID, "")
}

// UnbanFromCommunity lifts a ban (Undo Block); none is models.ErrNotFound.
func (s *Store) UnbanFromCommunity(ctx context.Context, communityID, accountID string) (*models.Block, error) {
	return s.Unblock(ctx, communityID, accountID)
}

// CommunityBans lists the accounts the community bans, newest ban first.
func (s *Store) CommunityBans(ctx context.Context, communityID string, p Page) ([]*models.Account, PageInfo, error) {
	return s.Blocks(ctx, communityID, p)
}

// UpdateCommunity writes the community's settings (closed, open_posting,
// rules) and its Group account (display name, summary, Locked = closed)
// in one transaction; the account's update publishes an Update of the
// actor to the members.
func (s *Store) UpdateCommunity(ctx context.Context, c *models.Community) error {
	c.UpdatedAt = nowUTC()
	if c.Closed {
		c.OpenPosting = false
	}
	return s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.db.NewUpdate().Model(c).Column("closed", "open_posting", "rules", "updated_at").
			WherePK().Exec(ctx); err != nil {
			return mapErr(err)
		}
		c.Account.Locked = c.Closed
		return tx.UpdateAccount(ctx, c.Account)
	})
}
