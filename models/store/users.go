package store

import (
	"context"
	"strings"
	"time"

	"github.com/stoa-social/stoa/models"
)

// UserByLogin finds a user by username or by email (case-insensitively), as
// the sign-in form accepts either. The account is loaded with it.
func (s *Store) UserByLogin(ctx context.Context, login string) (*models.User, error) {
	login = strings.ToLower(strings.TrimSpace(login))
	u := new(models.User)
	q := s.db.NewSelect().Model(u).Relation("Account")
	if strings.Contains(login, "@") {
		q = q.Where("lower(?TableAlias.email) = ?", login)
	} else {
		q = q.Where("lower(account.username) = ?", login).Where("account.domain = ''")
	}
	err := q.Scan(ctx)
	return u, mapErr(err)
}

// UserByAccountID returns the user of a local account.
func (s *Store) UserByAccountID(ctx context.Context, accountID string) (*models.User, error) {
	u := new(models.User)
	err := s.db.NewSelect().Model(u).Relation("Account").Where("?TableAlias.account_id = ?", accountID).Scan(ctx)
	return u, mapErr(err)
}

// UpdateUser writes every column of u and bumps UpdatedAt.
func (s *Store) UpdateUser(ctx context.Context, u *models.User) error {
	u.UpdatedAt = time.Now().UTC()
	_, err := s.db.NewUpdate().Model(u).WherePK().ExcludeColumn("account_id", "created_at").Exec(ctx)
	s.invalidateTokens() // LiveToken carries the user
	return mapErr(err)
}

// CountUsers counts local people (users), not the instance actor.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	n, err := s.db.NewSelect().Model((*models.User)(nil)).Count(ctx)
	return int(n), mapErr(err)
}

// CountUsersActiveSince counts users whose tokens were used since t, or who
// signed up since t.
func (s *Store) CountUsersActiveSince(ctx context.Context, t time.Time) (int, error) {
	used := s.db.NewSelect().Model((*models.Token)(nil)).Column("account_id").Where("last_used_at >= ?", t)
	n, err := s.db.NewSelect().Model((*models.User)(nil)).
		WhereGroup(" AND ", func(q *bunSelect) *bunSelect {
			return q.Where("account_id IN (?)", used).WhereOr("created_at >= ?", t)
		}).Count(ctx)
	return int(n), mapErr(err)
}
