package store

import (
	"context"
	"errors"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// Markers returns accountID's markers for the given timelines; timelines
// without a saved marker are absent from the result.
func (s *Store) Markers(ctx context.Context, accountID string, timelines []string) ([]*models.Marker, error) {
	out := []*models.Marker{}
	if len(timelines) == 0 {
		return out, nil
	}
	err := s.db.NewSelect().Model(&out).Where("account_id = ?", accountID).
		Where("timeline IN (?)", bun.In(timelines)).OrderExpr("timeline").Scan(ctx)
	return out, mapErr(err)
}

// Marker returns accountID's marker for timeline, or models.ErrNotFound.
func (s *Store) Marker(ctx context.Context, accountID, timeline string) (*models.Marker, error) {
	m := new(models.Marker)
	err := s.db.NewSelect().Model(m).Where("account_id = ?", accountID).Where("timeline = ?", timeline).Scan(ctx)
	if err != nil {
		return nil, mapErr(err)
	}
	return m, nil
}

// SetMarker saves accountID's read position in timeline. A new marker has
// version 0; each change of lastReadID adds one; saving the same id again
// changes nothing. A concurrent save of the same marker is
// models.ErrConflict (the caller may retry), as Mastodon's optimistic lock.
func (s *Store) SetMarker(ctx context.Context, accountID, timeline, lastReadID string) (*models.Marker, error) {
	var out *models.Marker
	err := s.Tx(ctx, func(tx *Store) error {
		m, err := tx.Marker(ctx, accountID, timeline)
		switch {
		case errors.Is(err, models.ErrNotFound):
			out = &models.Marker{AccountID: accountID, Timeline: timeline, LastReadID: lastReadID, UpdatedAt: nowUTC()}
			_, err = tx.db.NewInsert().Model(out).Exec(ctx)
			return mapErr(err)
		case err != nil:
			return err
		case m.LastReadID == lastReadID:
			out = m
			return nil
		}
		next := *m
		next.LastReadID, next.Version, next.UpdatedAt = lastReadID, m.Version+1, nowUTC()
		res, err := tx.db.NewUpdate().Model(&next).Column("last_read_id", "version", "updated_at").
			Where("account_id = ?", accountID).Where("timeline = ?", timeline).
			Where("version = ?", m.Version).Exec(ctx)
		if err != nil {
			return mapErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return models.ErrConflict
		}
		out = &next
		return nil
	})
	return out, err
}
