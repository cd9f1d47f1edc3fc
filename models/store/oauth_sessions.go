package store

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/models"
)

// CreateSession stores a signed-in browser session (its secret already
// hashed) and deletes sessions that expired before it began.
func (s *Store) CreateSession(ctx context.Context, sess *models.Session) error {
	return s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.db.NewDelete().Model((*models.Session)(nil)).
			Where("expires_at < ?", sess.CreatedAt).Exec(ctx); err != nil {
			return mapErr(err)
		}
		_, err := tx.db.NewInsert().Model(sess).Exec(ctx)
		return mapErr(err)
	})
}

// SessionBySecret finds the session a cookie names, with its user and the
// user's account, if it has not expired at now.
func (s *Store) SessionBySecret(ctx context.Context, secret string, now time.Time) (*models.Session, error) {
	sess := new(models.Session)
	err := s.db.NewSelect().Model(sess).Relation("User").Relation("User.Account").
		Where("?TableAlias.secret_hash = ?", models.HashSecret(secret)).
		Where("?TableAlias.expires_at > ?", now).
		Scan(ctx)
	return sess, mapErr(err)
}

// DeleteSession ends a session; deleting a missing one is not an error.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	_, err := s.db.NewDelete().Model((*models.Session)(nil)).Where("id = ?", id).Exec(ctx)
	return mapErr(err)
}
