package store

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

// ownedFilterSQL restricts a keyword or status row (?TableAlias) to
// filters of one owner (the argument).
const ownedFilterSQL = "EXISTS (SELECT 1 FROM filters AS ownf WHERE ownf.id = ?TableAlias.filter_id AND ownf.account_id = ?)"

// FilterKeywordByID returns a keyword of one of ownerID's filters; any
// other is models.ErrNotFound.
func (s *Store) FilterKeywordByID(ctx context.Context, ownerID, id string) (*models.FilterKeyword, error) {
	k := new(models.FilterKeyword)
	if err := s.db.NewSelect().Model(k).Where("id = ?", id).Where(ownedFilterSQL, ownerID).Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	return k, nil
}

// AddFilterKeyword adds a keyword to ownerID's filter filterID.
func (s *Store) AddFilterKeyword(ctx context.Context, ownerID, filterID, keyword string, wholeWord bool) (*models.FilterKeyword, error) {
	if _, err := s.filterRow(ctx, ownerID, filterID); err != nil {
		return nil, err
	}
	now := nowUTC()
	k := &models.FilterKeyword{ID: models.NewID(), FilterID: filterID, Keyword: keyword, WholeWord: wholeWord,
		CreatedAt: now, UpdatedAt: now}
	_, err := s.db.NewInsert().Model(k).Exec(ctx)
	return k, s.filtersChanged(ctx, ownerID, mapErr(err))
}

// UpdateFilterKeyword saves k's keyword and whole_word; k must come from
// FilterKeywordByID for ownerID.
func (s *Store) UpdateFilterKeyword(ctx context.Context, ownerID string, k *models.FilterKeyword) error {
	k.UpdatedAt = nowUTC()
	res, err := s.db.NewUpdate().Model(k).Column("keyword", "whole_word", "updated_at").WherePK().
		Where(ownedFilterSQL, ownerID).Exec(ctx)
	return s.filtersChanged(ctx, ownerID, oneRowOrNotFound(res, err))
}

// DeleteFilterKeyword removes a keyword of one of ownerID's filters. With
// dropEmpty (filters v1, where a filter is its keyword), a filter left with
// no keyword and no status goes too.
func (s *Store) DeleteFilterKeyword(ctx context.Context, ownerID, id string, dropEmpty bool) error {
	return s.filtersChanged(ctx, ownerID, s.Tx(ctx, func(tx *Store) error {
		k, err := tx.FilterKeywordByID(ctx, ownerID, id)
		if err != nil {
			return err
		}
		if _, err := tx.db.NewDelete().Model(k).WherePK().Exec(ctx); err != nil {
			return mapErr(err)
		}
		if !dropEmpty {
			return nil
		}
		_, err = tx.db.NewDelete().Model((*models.Filter)(nil)).Where("id = ?", k.FilterID).
			Where("NOT EXISTS (SELECT 1 FROM filter_keywords AS k WHERE k.filter_id = ?)", k.FilterID).
			Where("NOT EXISTS (SELECT 1 FROM filter_statuses AS fs WHERE fs.filter_id = ?)", k.FilterID).Exec(ctx)
		return mapErr(err)
	}))
}

// FilterStatusByID returns a status entry of one of ownerID's filters.
func (s *Store) FilterStatusByID(ctx context.Context, ownerID, id string) (*models.FilterStatus, error) {
	fs := new(models.FilterStatus)
	if err := s.db.NewSelect().Model(fs).Where("id = ?", id).Where(ownedFilterSQL, ownerID).Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	return fs, nil
}

// AddFilterStatus adds statusID to ownerID's filter filterID; the caller
// checks the owner may see the status. Adding it twice is
// models.ErrConflict.
func (s *Store) AddFilterStatus(ctx context.Context, ownerID, filterID, statusID string) (*models.FilterStatus, error) {
	if _, err := s.filterRow(ctx, ownerID, filterID); err != nil {
		return nil, err
	}
	fs := &models.FilterStatus{ID: models.NewID(), FilterID: filterID, StatusID: statusID, CreatedAt: nowUTC()}
	_, err := s.db.NewInsert().Model(fs).Exec(ctx)
	return fs, s.filtersChanged(ctx, ownerID, mapErr(err))
}

// DeleteFilterStatus removes a status entry of one of ownerID's filters
// and returns it.
func (s *Store) DeleteFilterStatus(ctx context.Context, ownerID, id string) (*models.FilterStatus, error) {
	fs, err := s.FilterStatusByID(ctx, ownerID, id)
	if err != nil {
		return nil, err
	}
	_, err = s.db.NewDelete().Model(fs).WherePK().Exec(ctx)
	return fs, s.filtersChanged(ctx, ownerID, mapErr(err))
}

// filterRow returns ownerID's filter id without its parts.
func (s *Store) filterRow(ctx context.Context, ownerID, id string) (*models.Filter, error) {
	f := new(models.Filter)
	if err := s.db.NewSelect().Model(f).Where("id = ?", id).Where("account_id = ?", ownerID).Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	return f, nil
}
