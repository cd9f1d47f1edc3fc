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
	return s.accountWhere(ctx, "uri", uri)
}

// AccountByKeyURI finds the account that owns a public key id.
func (s *Store) AccountByKeyURI(ctx context.Context, keyURI string) (*models.Account, error) {
	return s.accountWhere(ctx, "public_key_uri", keyURI)
}

// AccountByURL finds an account by its profile page URL.
func (s *Store) AccountByURL(ctx context.Context, url string) (*models.Account, error) {
	a := new(models.Account)
	err := s.db.NewSelect().Model(a).Where("url = ?", url).Limit(1).Scan(ctx)
	return a, mapErr(err)
}

// UpdateAccount writes every column of a and bumps UpdatedAt. A local
// account's followers are sent the new profile (Update). An empty
// PrivateKeyPEM leaves the stored key alone: accounts loaded for pages
// (accountMap, the request's token) come without it.
func (s *Store) UpdateAccount(ctx context.Context, a *models.Account) error {
	a.UpdatedAt = time.Now().UTC()
	defer s.invalidateAccounts(a.ID)
	if a.IsLocal() { // LiveToken carries the local account; remote ones have no tokens
		defer s.invalidateTokens()
	}
	return s.Tx(ctx, func(tx *Store) error {
		q := tx.db.NewUpdate().Model(a).WherePK()
		if a.PrivateKeyPEM == "" {
			q = q.ExcludeColumn("private_key_pem")
		}
		res, err := q.Exec(ctx)
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
