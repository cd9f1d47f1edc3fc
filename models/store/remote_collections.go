package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// FollowerURIs returns the actor ids of up to limit accounts following
// accountID, newest follow first (go-fed's followers collection).
func (s *Store) FollowerURIs(ctx context.Context, accountID string, limit int) ([]string, error) {
	return s.followURIs(ctx, "f.account_id", "f.target_account_id", accountID, limit)
}

// FollowingURIs returns the actor ids of up to limit accounts accountID
// follows, newest follow first.
func (s *Store) FollowingURIs(ctx context.Context, accountID string, limit int) ([]string, error) {
	return s.followURIs(ctx, "f.target_account_id", "f.account_id", accountID, limit)
}

func (s *Store) followURIs(ctx context.Context, other, self, accountID string, limit int) ([]string, error) {
	uris := []string{}
	err := s.db.NewSelect().TableExpr("follows AS f").ColumnExpr("a.uri").
		Join("JOIN accounts AS a ON a.id = "+other).Where(self+" = ?", accountID).
		OrderExpr("f.id DESC").Limit(int64(limit)).Scan(ctx, &uris)
	return uris, mapErr(err)
}

// LocalAccountIDs returns, of the given actor ids, the ids of local
// accounts, keyed by actor id (an inbound activity's local audience).
func (s *Store) LocalAccountIDs(ctx context.Context, uris []string) (map[string]string, error) {
	out := map[string]string{}
	if len(uris) == 0 {
		return out, nil
	}
	var rows []*models.Account
	err := s.db.NewSelect().Model(&rows).Column("id", "uri").
		Where("uri IN (?)", bun.In(uris)).Where("domain = ''").Scan(ctx)
	for _, a := range rows {
		out[a.URI] = a.ID
	}
	return out, mapErr(err)
}

// HasLocalFollowers reports whether any local account follows accountID
// (whether a remote account's posts concern this instance).
func (s *Store) HasLocalFollowers(ctx context.Context, accountID string) (bool, error) {
	var one []int
	err := s.hotScan(ctx, &one, "SELECT 1 FROM follows AS f JOIN accounts AS a ON a.id = f.account_id"+
		" WHERE f.target_account_id = ? AND a.domain = '' LIMIT 1", accountID)
	return len(one) > 0, err
}
