package store

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/models"
)

// Pin features one of accountID's own statuses on its profile. Pinning
// again returns the existing pin. Someone else's status, a reblog, a direct
// message or a sixth pin is models.ErrInvalid (private statuses may be
// pinned, as in Mastodon; the profile shows them to followers only).
func (s *Store) Pin(ctx context.Context, accountID, statusID string) (*models.Pin, error) {
	var p *models.Pin
	err := s.Tx(ctx, func(tx *Store) error {
		st := new(models.Status)
		if err := tx.db.NewSelect().Model(st).Where("id = ?", statusID).Scan(ctx); err != nil {
			return mapErr(err)
		}
		switch {
		case st.AccountID != accountID || st.IsReblog():
			return models.Invalidf("only your own statuses can be pinned")
		case st.Visibility == models.VisibilityDirect:
			return models.Invalidf("direct messages cannot be pinned")
		}
		p = new(models.Pin)
		err := tx.db.NewSelect().Model(p).Where("account_id = ?", accountID).Where("status_id = ?", statusID).Scan(ctx)
		if err == nil || !errors.Is(mapErr(err), models.ErrNotFound) {
			return mapErr(err)
		}
		n, err := tx.db.NewSelect().Model((*models.Pin)(nil)).Where("account_id = ?", accountID).Count(ctx)
		if err != nil {
			return mapErr(err)
		}
		if n >= models.MaxPins {
			return models.Invalidf("you can pin at most %d statuses", models.MaxPins)
		}
		p = &models.Pin{ID: models.NewID(), AccountID: accountID, StatusID: statusID, CreatedAt: nowUTC()}
		_, err = tx.db.NewInsert().Model(p).Exec(ctx)
		return mapErr(err)
	})
	return p, err
}

// Unpin removes the pin, if any (removing none is not an error).
func (s *Store) Unpin(ctx context.Context, accountID, statusID string) error {
	_, err := s.db.NewDelete().Model((*models.Pin)(nil)).
		Where("account_id = ?", accountID).Where("status_id = ?", statusID).Exec(ctx)
	return mapErr(err)
}
