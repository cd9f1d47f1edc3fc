package store

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/models"
)

// Block makes accountID block targetID in one transaction: follows and
// follow requests end both ways (with their counters and notifications), and
// each side's statuses leave the other's home. Blocking again returns the
// existing block. uri is the Block activity's id ("" for local blocks).
func (s *Store) Block(ctx context.Context, accountID, targetID, uri string) (*models.Block, error) {
	if accountID == targetID {
		return nil, models.Invalidf("you cannot block yourself")
	}
	var b *models.Block
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		if b, err = tx.BlockBetween(ctx, accountID, targetID); err == nil {
			return nil
		} else if !errors.Is(err, models.ErrNotFound) {
			return err
		}
		b = &models.Block{ID: models.NewID(), AccountID: accountID, TargetAccountID: targetID,
			URI: uri, CreatedAt: nowUTC()}
		if _, err := tx.db.NewInsert().Model(b).Exec(ctx); err != nil {
			return mapErr(err)
		}
		for _, pair := range [][2]string{{accountID, targetID}, {targetID, accountID}} {
			if _, err := tx.Unfollow(ctx, pair[0], pair[1]); err != nil && !errors.Is(err, models.ErrNotFound) {
				return err
			}
			if err := tx.unmergeBlocked(ctx, pair[0], pair[1]); err != nil {
				return err
			}
		}
		return tx.federate(ctx, models.PublishBlock, accountID, b.ID, models.PublicationData{URI: uri, Target: targetID})
	})
	return b, err
}

// Unblock removes accountID's block of targetID and returns it (federation
// sends Undo with its URI); no block is models.ErrNotFound.
func (s *Store) Unblock(ctx context.Context, accountID, targetID string) (*models.Block, error) {
	var b *models.Block
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		if b, err = tx.BlockBetween(ctx, accountID, targetID); err != nil {
			return err
		}
		if _, err := tx.db.NewDelete().Model(b).WherePK().Exec(ctx); err != nil {
			return mapErr(err)
		}
		return tx.federate(ctx, models.PublishUndoBlock, accountID, b.ID, models.PublicationData{URI: b.URI, Target: targetID})
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// BlockBetween returns accountID's block of targetID.
func (s *Store) BlockBetween(ctx context.Context, accountID, targetID string) (*models.Block, error) {
	b := new(models.Block)
	err := s.db.NewSelect().Model(b).Where("account_id = ?", accountID).
		Where("target_account_id = ?", targetID).Scan(ctx)
	return b, mapErr(err)
}

// BlockByURI returns the block whose Block activity has that id.
func (s *Store) BlockByURI(ctx context.Context, uri string) (*models.Block, error) {
	b := new(models.Block)
	err := s.db.NewSelect().Model(b).Where("uri = ?", uri).Where("uri <> ''").Limit(1).Scan(ctx)
	return b, mapErr(err)
}

// Blocks lists the accounts accountID blocks, newest block first.
func (s *Store) Blocks(ctx context.Context, accountID string, p Page) ([]*models.Account, PageInfo, error) {
	q := s.db.NewSelect().TableExpr("blocks AS b").
		ColumnExpr("b.id AS sort_key, b.target_account_id AS account_id").Where("b.account_id = ?", accountID)
	return s.pagedAccounts(ctx, q, "b.id", p)
}

// blockedEitherWay reports whether a and b block each other in any direction.
func (s *Store) blockedEitherWay(ctx context.Context, a, b string) (bool, error) {
	n, err := s.db.NewSelect().Model((*models.Block)(nil)).
		Where("(account_id = ? AND target_account_id = ?) OR (account_id = ? AND target_account_id = ?)", a, b, b, a).
		Count(ctx)
	return n > 0, mapErr(err)
}
