package store

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

// accountWhere returns the account whose column (uri, public_key_uri: each
// unique) equals value, or models.ErrNotFound. It runs as a prepared
// statement on SQLite (hotScan): the inbox looks up the signer's key and
// the accounts a status mentions for every activity it receives.
func (s *Store) accountWhere(ctx context.Context, column, value string) (*models.Account, error) {
	var rows []*models.Account
	err := s.hotScan(ctx, &rows, "SELECT "+s.columns((*models.Account)(nil), "accounts")+
		" FROM accounts WHERE accounts."+column+" = ? LIMIT 1", value)
	switch {
	case err != nil:
		return new(models.Account), err
	case len(rows) == 0:
		return new(models.Account), models.ErrNotFound
	}
	return rows[0], nil
}
