package store

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

// FirstAdmin returns the account of the earliest admin user: the instance's
// contact. models.ErrNotFound when there is no admin.
func (s *Store) FirstAdmin(ctx context.Context) (*models.Account, error) {
	u := new(models.User)
	err := s.db.NewSelect().Model(u).Relation("Account").
		Where("?TableAlias.admin = ?", true).
		OrderExpr("?TableAlias.created_at ASC, ?TableAlias.id ASC").
		Limit(1).Scan(ctx)
	if err != nil {
		return nil, mapErr(err)
	}
	return u.Account, nil
}

// KnownDomains returns the distinct domains of remote accounts, sorted: the
// instance's peers.
func (s *Store) KnownDomains(ctx context.Context) ([]string, error) {
	domains := []string{}
	err := s.db.NewSelect().Model((*models.Account)(nil)).
		ColumnExpr("DISTINCT lower(domain)").
		Where("domain <> ''").
		OrderExpr("lower(domain) ASC").
		Scan(ctx, &domains)
	return domains, mapErr(err)
}
