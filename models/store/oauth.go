package store

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/models"
)

// CreateApplication stores a newly registered OAuth client.
func (s *Store) CreateApplication(ctx context.Context, a *models.Application) error {
	_, err := s.db.NewInsert().Model(a).Exec(ctx)
	return mapErr(err)
}

// ApplicationByClientID finds an application by its public client id.
func (s *Store) ApplicationByClientID(ctx context.Context, clientID string) (*models.Application, error) {
	a := new(models.Application)
	err := s.db.NewSelect().Model(a).Where("client_id = ?", clientID).Scan(ctx)
	return a, mapErr(err)
}

// CreateAuthorizationCode stores a code; its secret must already be hashed
// into CodeHash. Codes that expired before c was created are deleted on the
// way, so the table only holds live codes and recently used ones.
func (s *Store) CreateAuthorizationCode(ctx context.Context, c *models.AuthorizationCode) error {
	return s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.db.NewDelete().Model((*models.AuthorizationCode)(nil)).
			Where("expires_at < ?", c.CreatedAt.Add(-models.CodeLifetime)).Exec(ctx); err != nil {
			return mapErr(err)
		}
		_, err := tx.db.NewInsert().Model(c).Exec(ctx)
		return mapErr(err)
	})
}

// AuthorizationCodeBySecret finds a code by its plaintext, used or not:
// callers check UsedAt and ExpiresAt.
func (s *Store) AuthorizationCodeBySecret(ctx context.Context, code string) (*models.AuthorizationCode, error) {
	c := new(models.AuthorizationCode)
	err := s.db.NewSelect().Model(c).Where("code_hash = ?", models.HashSecret(code)).Scan(ctx)
	return c, mapErr(err)
}

// RedeemAuthorizationCode marks the code used and stores the token issued
// for it, in one transaction. If the code was already used (a concurrent or
// replayed exchange) it returns models.ErrConflict and stores nothing.
func (s *Store) RedeemAuthorizationCode(ctx context.Context, c *models.AuthorizationCode, t *models.Token, now time.Time) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.CreateToken(ctx, t); err != nil {
			return err
		}
		res, err := tx.db.NewUpdate().Model((*models.AuthorizationCode)(nil)).
			Set("used_at = ?", now).Set("token_id = ?", t.ID).
			Where("id = ?", c.ID).Where("used_at IS NULL").Exec(ctx)
		if err != nil {
			return mapErr(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return models.ErrConflict
		}
		return nil
	})
}
