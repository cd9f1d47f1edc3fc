package store

import (
	"context"
	"strings"
	"time"

	"github.com/stoa-social/stoa/models"
)

// CreateLocalAccount inserts a local account and its user in one
// transaction: both rows or neither. A taken username or email is
// models.ErrConflict.
func (s *Store) CreateLocalAccount(ctx context.Context, a *models.Account, u *models.User) error {
	return s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.db.NewInsert().Model(a).Exec(ctx); err != nil {
			return mapErr(err)
		}
		if _, err := tx.db.NewInsert().Model(u).Exec(ctx); err != nil {
			return mapErr(err)
		}
		return nil
	})
}

// PutAccount inserts an account without a user: remote actors and the local
// Application and Group actors.
func (s *Store) PutAccount(ctx context.Context, a *models.Account) error {
	_, err := s.db.NewInsert().Model(a).Exec(ctx)
	return mapErr(err)
}

// AccountByID returns the account with that id.
func (s *Store) AccountByID(ctx context.Context, id string) (*models.Account, error) {
	a := new(models.Account)
	err := s.db.NewSelect().Model(a).Where("id = ?", id).Scan(ctx)
	return a, mapErr(err)
}

// AccountByUsername finds an account by handle, case-insensitively; domain ""
// (or the local host, which callers should strip) means a local account.
func (s *Store) AccountByUsername(ctx context.Context, username, domain string) (*models.Account, error) {
	a := new(models.Account)
	err := s.db.NewSelect().Model(a).
		Where("lower(username) = ?", strings.ToLower(username)).
		Where("lower(domain) = ?", models.NormalizeDomain(domain)).
		Scan(ctx)
	return a, mapErr(err)
}

// AccountByURI finds an account by its ActivityPub id.
func (s *Store) AccountByURI(ctx context.Context, uri string) (*models.Account, error) {
	a := new(models.Account)
	err := s.db.NewSelect().Model(a).Where("uri = ?", uri).Scan(ctx)
	return a, mapErr(err)
}

// AccountByKeyURI finds the account that owns a public key id.
func (s *Store) AccountByKeyURI(ctx context.Context, keyURI string) (*models.Account, error) {
	a := new(models.Account)
	err := s.db.NewSelect().Model(a).Where("public_key_uri = ?", keyURI).Limit(1).Scan(ctx)
	return a, mapErr(err)
}

// AccountByURL finds an account by its profile page URL.
func (s *Store) AccountByURL(ctx context.Context, url string) (*models.Account, error) {
	a := new(models.Account)
	err := s.db.NewSelect().Model(a).Where("url = ?", url).Limit(1).Scan(ctx)
	return a, mapErr(err)
}

// UpdateAccount writes every column of a and bumps UpdatedAt. A local
// account's followers are sent the new profile (Update).
func (s *Store) UpdateAccount(ctx context.Context, a *models.Account) error {
	a.UpdatedAt = time.Now().UTC()
	return s.Tx(ctx, func(tx *Store) error {
		res, err := tx.db.NewUpdate().Model(a).WherePK().Exec(ctx)
		if err != nil {
			return mapErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return models.ErrNotFound
		}
		if !a.IsLocal() {
			return nil
		}
		return tx.federate(ctx, models.PublishUpdateActor, a.ID, a.ID, models.PublicationData{})
	})
}
