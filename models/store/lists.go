package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// Lists returns ownerID's lists, oldest first (as Mastodon orders them).
func (s *Store) Lists(ctx context.Context, ownerID string) ([]*models.List, error) {
	out := []*models.List{}
	err := s.db.NewSelect().Model(&out).Where("account_id = ?", ownerID).OrderExpr("id ASC").Scan(ctx)
	return out, mapErr(err)
}

// ListByID returns ownerID's list id; another account's list is
// models.ErrNotFound, like a missing one.
func (s *Store) ListByID(ctx context.Context, ownerID, id string) (*models.List, error) {
	l := new(models.List)
	err := s.db.NewSelect().Model(l).Where("id = ?", id).Where("account_id = ?", ownerID).Scan(ctx)
	if err != nil {
		return nil, mapErr(err)
	}
	return l, nil
}

// CreateList stores l, giving it an id and timestamps. The caller validates
// the title and policy (models.ValidateListTitle, ParseRepliesPolicy).
func (s *Store) CreateList(ctx context.Context, l *models.List) error {
	l.ID = models.NewID()
	l.CreatedAt = nowUTC()
	l.UpdatedAt = l.CreatedAt
	_, err := s.db.NewInsert().Model(l).Exec(ctx)
	return mapErr(err)
}

// UpdateList saves l's title, replies policy and exclusive flag; l must
// belong to its AccountID (as ListByID returns it).
func (s *Store) UpdateList(ctx context.Context, l *models.List) error {
	l.UpdatedAt = nowUTC()
	res, err := s.db.NewUpdate().Model(l).Column("title", "replies_policy", "exclusive", "updated_at").
		WherePK().Where("account_id = ?", l.AccountID).Exec(ctx)
	return oneRowOrNotFound(res, err)
}

// DeleteList removes ownerID's list id and its memberships.
func (s *Store) DeleteList(ctx context.Context, ownerID, id string) error {
	res, err := s.db.NewDelete().Model((*models.List)(nil)).Where("id = ?", id).
		Where("account_id = ?", ownerID).Exec(ctx)
	return oneRowOrNotFound(res, err)
}

// AddListAccounts adds accountIDs to ownerID's list in one transaction.
// An unknown list or account is models.ErrNotFound; an account the owner
// does not follow is a validation error (Mastodon's rule); an account
// already in the list stays there.
func (s *Store) AddListAccounts(ctx context.Context, ownerID, listID string, accountIDs []string) error {
	return s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.ListByID(ctx, ownerID, listID); err != nil {
			return err
		}
		for _, id := range dedupe(accountIDs) {
			if _, err := tx.AccountByID(ctx, id); err != nil {
				return err
			}
			f, err := tx.FollowBetween(ctx, ownerID, id)
			if err != nil {
				if errors.Is(err, models.ErrNotFound) {
					return models.Invalidf("You must follow an account to add it to a list")
				}
				return err
			}
			la := &models.ListAccount{ID: models.NewID(), ListID: listID, AccountID: id, FollowID: f.ID, CreatedAt: nowUTC()}
			if _, err := tx.db.NewInsert().Model(la).On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
				return mapErr(err)
			}
		}
		return nil
	})
}

// RemoveListAccounts takes accountIDs out of ownerID's list; accounts not
// in it are ignored. An unknown list is models.ErrNotFound.
func (s *Store) RemoveListAccounts(ctx context.Context, ownerID, listID string, accountIDs []string) error {
	if _, err := s.ListByID(ctx, ownerID, listID); err != nil {
		return err
	}
	ids := dedupe(accountIDs)
	if len(ids) == 0 {
		return nil
	}
	_, err := s.db.NewDelete().Model((*models.ListAccount)(nil)).Where("list_id = ?", listID).
		Where("account_id IN (?)", bun.In(ids)).Exec(ctx)
	return mapErr(err)
}

// ListAccounts pages the members of ownerID's list, newest membership
// first; with all, it returns every member unpaged (Mastodon's limit=0).
func (s *Store) ListAccounts(ctx context.Context, ownerID, listID string, p Page, all bool) ([]*models.Account, PageInfo, error) {
	if _, err := s.ListByID(ctx, ownerID, listID); err != nil {
		return nil, PageInfo{}, err
	}
	q := s.db.NewSelect().TableExpr("list_accounts AS la").
		ColumnExpr("la.id AS sort_key, la.account_id AS account_id").Where("la.list_id = ?", listID)
	if all {
		var rows []keyedAccount
		if err := q.OrderExpr("la.id DESC").Scan(ctx, &rows); err != nil {
			return nil, PageInfo{}, mapErr(err)
		}
		ids := make([]string, len(rows))
		for i, r := range rows {
			ids[i] = r.AccountID
		}
		accts, err := s.AccountsByIDs(ctx, ids)
		return accts, PageInfo{}, err
	}
	return s.pagedAccounts(ctx, q, "la.id", p)
}

// ListsWithAccount returns ownerID's lists that have accountID as a member
// (GET /api/v1/accounts/:id/lists), oldest first.
func (s *Store) ListsWithAccount(ctx context.Context, ownerID, accountID string) ([]*models.List, error) {
	out := []*models.List{}
	err := s.db.NewSelect().Model(&out).Where("account_id = ?", ownerID).
		Where("id IN (SELECT la.list_id FROM list_accounts AS la WHERE la.account_id = ?)", accountID).
		OrderExpr("id ASC").Scan(ctx)
	return out, mapErr(err)
}

// oneRowOrNotFound turns an UPDATE or DELETE that touched no row into
// models.ErrNotFound.
func oneRowOrNotFound(res sql.Result, err error) error {
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return models.ErrNotFound
	}
	return nil
}
