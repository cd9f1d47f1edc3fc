package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/stream"
)

// Filters returns ownerID's filters, oldest first, with their keywords and
// statuses.
func (s *Store) Filters(ctx context.Context, ownerID string) ([]*models.Filter, error) {
	out := []*models.Filter{}
	if err := s.db.NewSelect().Model(&out).Where("account_id = ?", ownerID).OrderExpr("id ASC").Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	return out, s.loadFilterParts(ctx, out)
}

// ActiveFilters returns ownerID's filters that have not expired at now,
// with their keywords and statuses: what timelines apply.
func (s *Store) ActiveFilters(ctx context.Context, ownerID string, now time.Time) ([]*models.Filter, error) {
	out := []*models.Filter{}
	err := s.db.NewSelect().Model(&out).Where("account_id = ?", ownerID).
		Where("(expires_at IS NULL OR expires_at > ?)", now.UTC()).OrderExpr("id ASC").Scan(ctx)
	if err != nil {
		return nil, mapErr(err)
	}
	return out, s.loadFilterParts(ctx, out)
}

// FilterByID returns ownerID's filter id with its keywords and statuses;
// another account's filter is models.ErrNotFound.
func (s *Store) FilterByID(ctx context.Context, ownerID, id string) (*models.Filter, error) {
	f := new(models.Filter)
	if err := s.db.NewSelect().Model(f).Where("id = ?", id).Where("account_id = ?", ownerID).Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	return f, s.loadFilterParts(ctx, []*models.Filter{f})
}

// loadFilterParts fills the filters' Keywords and Statuses, oldest first.
func (s *Store) loadFilterParts(ctx context.Context, fs []*models.Filter) error {
	if len(fs) == 0 {
		return nil
	}
	ids := make([]string, len(fs))
	byID := make(map[string]*models.Filter, len(fs))
	for i, f := range fs {
		ids[i], byID[f.ID] = f.ID, f
		f.Keywords, f.Statuses = []*models.FilterKeyword{}, []*models.FilterStatus{}
	}
	var kws []*models.FilterKeyword
	if err := s.db.NewSelect().Model(&kws).Where("filter_id IN (?)", bun.In(ids)).OrderExpr("id ASC").Scan(ctx); err != nil {
		return mapErr(err)
	}
	for _, k := range kws {
		byID[k.FilterID].Keywords = append(byID[k.FilterID].Keywords, k)
	}
	var sts []*models.FilterStatus
	if err := s.db.NewSelect().Model(&sts).Where("filter_id IN (?)", bun.In(ids)).OrderExpr("id ASC").Scan(ctx); err != nil {
		return mapErr(err)
	}
	for _, st := range sts {
		byID[st.FilterID].Statuses = append(byID[st.FilterID].Statuses, st)
	}
	return nil
}

// KeywordChange is one change to a filter's keywords in SaveFilter: with
// no ID a new keyword; with an ID (of this filter) an edit, or a removal
// when Destroy. Nil fields keep the current value.
type KeywordChange struct {
	ID        string
	Keyword   *string
	WholeWord *bool
	Destroy   bool
}

// SaveFilter writes f (inserting it when f.ID is "", updating title,
// context, action and expiry otherwise) and applies the keyword changes, in
// one transaction, and returns the filter as FilterByID does. A change
// naming a keyword of another filter is models.ErrNotFound; f must belong
// to f.AccountID.
func (s *Store) SaveFilter(ctx context.Context, f *models.Filter, changes []KeywordChange) (*models.Filter, error) {
	var out *models.Filter
	err := s.Tx(ctx, func(tx *Store) error {
		now := nowUTC()
		f.UpdatedAt = now
		if f.ID == "" {
			f.ID, f.CreatedAt = models.NewID(), now
			if _, err := tx.db.NewInsert().Model(f).Exec(ctx); err != nil {
				return mapErr(err)
			}
		} else {
			res, err := tx.db.NewUpdate().Model(f).Column("title", "context", "filter_action", "expires_at", "updated_at").
				WherePK().Where("account_id = ?", f.AccountID).Exec(ctx)
			if err := oneRowOrNotFound(res, err); err != nil {
				return err
			}
		}
		for _, c := range changes {
			if err := tx.changeKeyword(ctx, f.ID, c, now); err != nil {
				return err
			}
		}
		var err error
		out, err = tx.FilterByID(ctx, f.AccountID, f.ID)
		return err
	})
	return out, s.filtersChanged(ctx, f.AccountID, err)
}

// changeKeyword applies one KeywordChange to filter filterID.
func (s *Store) changeKeyword(ctx context.Context, filterID string, c KeywordChange, now time.Time) error {
	if c.ID == "" {
		if c.Destroy || c.Keyword == nil {
			return nil // Mastodon drops new keywords marked _destroy
		}
		k := &models.FilterKeyword{ID: models.NewID(), FilterID: filterID, Keyword: *c.Keyword,
			WholeWord: c.WholeWord == nil || *c.WholeWord, CreatedAt: now, UpdatedAt: now}
		_, err := s.db.NewInsert().Model(k).Exec(ctx)
		return mapErr(err)
	}
	k := new(models.FilterKeyword)
	if err := s.db.NewSelect().Model(k).Where("id = ?", c.ID).Where("filter_id = ?", filterID).Scan(ctx); err != nil {
		return mapErr(err)
	}
	if c.Destroy {
		_, err := s.db.NewDelete().Model(k).WherePK().Exec(ctx)
		return mapErr(err)
	}
	if c.Keyword != nil {
		k.Keyword = *c.Keyword
	}
	if c.WholeWord != nil {
		k.WholeWord = *c.WholeWord
	}
	k.UpdatedAt = now
	_, err := s.db.NewUpdate().Model(k).Column("keyword", "whole_word", "updated_at").WherePK().Exec(ctx)
	return mapErr(err)
}

// DeleteFilter removes ownerID's filter id with its keywords and statuses.
func (s *Store) DeleteFilter(ctx context.Context, ownerID, id string) error {
	res, err := s.db.NewDelete().Model((*models.Filter)(nil)).Where("id = ?", id).
		Where("account_id = ?", ownerID).Exec(ctx)
	return s.filtersChanged(ctx, ownerID, oneRowOrNotFound(res, err))
}

// filtersChanged raises "filters_changed" on ownerID's user stream when a
// filter write succeeded (err == nil), so open clients reload their
// filters; it returns err unchanged.
func (s *Store) filtersChanged(ctx context.Context, ownerID string, err error) error {
	if err == nil {
		s.emit(ctx, stream.Event{Topic: stream.HomeTopic(ownerID), Type: stream.TypeFiltersChanged})
	}
	return err
}
