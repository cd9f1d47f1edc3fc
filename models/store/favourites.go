package store

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/models"
)

// Favourite makes accountID favourite statusID (the original, for a
// reblog) in one transaction: the row, favourites_count and a "favourite"
// notification. Favouriting again returns the existing favourite (a
// repeated Like changes nothing). A status the account may not see is
// models.ErrNotFound. uri is the Like's id ("" for local favourites).
func (s *Store) Favourite(ctx context.Context, accountID, statusID, uri string) (*models.Favourite, error) {
	var f *models.Favourite
	err := s.Tx(ctx, func(tx *Store) error {
		st, err := tx.visibleTarget(ctx, accountID, statusID)
		if err != nil {
			return err
		}
		if f, err = tx.favouriteOf(ctx, accountID, st.ID); err == nil || !errors.Is(err, models.ErrNotFound) {
			return err
		}
		f = &models.Favourite{ID: models.NewID(), AccountID: accountID, StatusID: st.ID, URI: uri, CreatedAt: nowUTC()}
		if _, err := tx.db.NewInsert().Model(f).Exec(ctx); err != nil {
			return mapErr(err)
		}
		if err := tx.bumpStatus(ctx, st.ID, countFavourites, 1); err != nil {
			return err
		}
		if err := tx.federate(ctx, models.PublishLike, accountID, f.ID,
			models.PublicationData{URI: f.URI, ObjectURI: st.URI, Target: st.AccountID}); err != nil {
			return err
		}
		return tx.notify(ctx, notice{Type: models.NotificationFavourite, FromID: accountID, StatusID: st.ID,
			ActivityID: f.ID, ThreadID: st.ThreadID, At: f.CreatedAt}, []string{st.AccountID})
	})
	return f, err
}

// Unfavourite removes accountID's favourite of statusID (or of its
// original) with its count and notification, and returns it; none is
// models.ErrNotFound.
func (s *Store) Unfavourite(ctx context.Context, accountID, statusID string) (*models.Favourite, error) {
	var f *models.Favourite
	err := s.Tx(ctx, func(tx *Store) error {
		st, err := tx.targetOf(ctx, statusID)
		if err != nil {
			return err
		}
		if f, err = tx.favouriteOf(ctx, accountID, st.ID); err != nil {
			return err
		}
		if _, err := tx.db.NewDelete().Model(f).WherePK().Exec(ctx); err != nil {
			return mapErr(err)
		}
		if err := tx.bumpStatus(ctx, st.ID, countFavourites, -1); err != nil {
			return err
		}
		if err := tx.federate(ctx, models.PublishUndoLike, accountID, f.ID,
			models.PublicationData{URI: f.URI, ObjectURI: st.URI, Target: st.AccountID}); err != nil {
			return err
		}
		return tx.deleteNotificationsFor(ctx, f.ID)
	})
	return f, err
}

func (s *Store) favouriteOf(ctx context.Context, accountID, statusID string) (*models.Favourite, error) {
	f := new(models.Favourite)
	err := s.db.NewSelect().Model(f).Where("account_id = ?", accountID).Where("status_id = ?", statusID).Scan(ctx)
	return f, mapErr(err)
}

// FavouriteByURI returns the favourite whose Like activity has that id.
func (s *Store) FavouriteByURI(ctx context.Context, uri string) (*models.Favourite, error) {
	f := new(models.Favourite)
	err := s.db.NewSelect().Model(f).Where("uri = ?", uri).Where("uri <> ''").Limit(1).Scan(ctx)
	return f, mapErr(err)
}

// FavouritedBy lists who favourited statusID, newest favourite first,
// paged by favourite id. The caller checks the status is visible first.
func (s *Store) FavouritedBy(ctx context.Context, statusID string, p Page) ([]*models.Account, PageInfo, error) {
	q := s.db.NewSelect().TableExpr("favourites AS f").
		ColumnExpr("f.id AS sort_key, f.account_id AS account_id").Where("f.status_id = ?", statusID)
	return s.pagedAccounts(ctx, q, "f.id", p)
}

// Favourites lists the statuses accountID favourited that it may still
// see, newest favourite first, paged by favourite id (Link headers carry
// favourite ids, as Mastodon's do).
func (s *Store) Favourites(ctx context.Context, accountID string, p Page) ([]*models.Status, PageInfo, error) {
	q := s.db.NewSelect().TableExpr("favourites AS f").ColumnExpr("f.id AS sort_key, f.status_id AS status_id").
		Join("JOIN statuses AS s ON s.id = f.status_id").Where("f.account_id = ?", accountID)
	return s.pagedStatuses(ctx, whereVisible(q, "s", accountID), "f.id", p)
}
