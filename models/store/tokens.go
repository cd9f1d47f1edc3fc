package store

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/models"
)

// CreateToken stores a token; its secret must already be hashed into TokenHash.
func (s *Store) CreateToken(ctx context.Context, t *models.Token) error {
	_, err := s.db.NewInsert().Model(t).Exec(ctx)
	return mapErr(err)
}

// TokenBySecret finds a live (unrevoked) token by its plaintext secret, with
// its application, account and user loaded (nil where the token has none).
// It is one query on the unique token_hash index: the cost of every
// authenticated request.
func (s *Store) TokenBySecret(ctx context.Context, secret string) (*models.Token, error) {
	t := new(models.Token)
	err := s.db.NewSelect().Model(t).
		Relation("Application").Relation("Account").Relation("User").
		Where("?TableAlias.token_hash = ?", models.HashSecret(secret)).
		Where("?TableAlias.revoked_at IS NULL").
		Scan(ctx)
	return t, mapErr(err)
}

// TokenBySecretAny finds a token by its plaintext secret even when it is
// revoked (revocation answers for those too). Relations are not loaded.
func (s *Store) TokenBySecretAny(ctx context.Context, secret string) (*models.Token, error) {
	t := new(models.Token)
	err := s.db.NewSelect().Model(t).Where("token_hash = ?", models.HashSecret(secret)).Scan(ctx)
	return t, mapErr(err)
}

// RevokeToken marks a token revoked; revoking twice is not an error.
func (s *Store) RevokeToken(ctx context.Context, id string) error {
	_, err := s.db.NewUpdate().Model((*models.Token)(nil)).
		Set("revoked_at = ?", time.Now().UTC()).
		Where("id = ?", id).Where("revoked_at IS NULL").Exec(ctx)
	s.invalidateTokens()
	return mapErr(err)
}

// TouchToken records use, at most once a minute per token to spare writes.
func (s *Store) TouchToken(ctx context.Context, t *models.Token, now time.Time) error {
	if t.LastUsedAt != nil && now.Sub(*t.LastUsedAt) < time.Minute {
		return nil
	}
	t.LastUsedAt = &now
	_, err := s.db.NewUpdate().Model(t).Column("last_used_at").WherePK().Exec(ctx)
	if err == nil && s.tokens != nil {
		s.tokens.touched(t.TokenHash, now)
	}
	return mapErr(err)
}
