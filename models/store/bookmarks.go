package store

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

// Bookmark saves statusID (the original, for a reblog) for accountID.
// Bookmarking again returns the existing bookmark; a status the account may
// not see is models.ErrNotFound.
func (s *Store) Bookmark(ctx context.Context, accountID, statusID string) (*models.Bookmark, error) {
	st, err := s.visibleTarget(ctx, accountID, statusID)
	if err != nil {
		return nil, err
	}
	b := &models.Bookmark{ID: models.NewID(), AccountID: accountID, StatusID: st.ID, CreatedAt: nowUTC()}
	if _, err := s.db.NewInsert().Model(b).On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
		return nil, mapErr(err)
	}
	err = s.db.NewSelect().Model(b).Where("account_id = ?", accountID).Where("status_id = ?", st.ID).Scan(ctx)
	return b, mapErr(err)
}

// Unbookmark removes the bookmark, if any (removing none is not an error).
func (s *Store) Unbookmark(ctx context.Context, accountID, statusID string) error {
	st, err := s.targetOf(ctx, statusID)
	if err != nil {
		return err
	}
	_, err = s.db.NewDelete().Model((*models.Bookmark)(nil)).
		Where("account_id = ?", accountID).Where("status_id = ?", st.ID).Exec(ctx)
	return mapErr(err)
}

// Bookmarks lists accountID's bookmarked statuses that it may still see,
// newest bookmark first, paged by bookmark id.
func (s *Store) Bookmarks(ctx context.Context, accountID string, p Page) ([]*models.Status, PageInfo, error) {
	q := s.db.NewSelect().TableExpr("bookmarks AS b").ColumnExpr("b.id AS sort_key, b.status_id AS status_id").
		Join("JOIN statuses AS s ON s.id = b.status_id").Where("b.account_id = ?", accountID)
	return s.pagedStatuses(ctx, whereVisible(q, "s", accountID), "b.id", p)
}
