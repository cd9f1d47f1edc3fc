package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// Directory orders.
const (
	DirectoryActive = "active" // most recent post first (the default)
	DirectoryNew    = "new"    // newest account first
)

// DirectoryFilter selects the profile directory's accounts.
type DirectoryFilter struct {
	Order  string // DirectoryActive or DirectoryNew
	Local  bool   // only this instance's accounts
	Groups bool   // only communities (Group actors)
	Offset int
	Limit  int // clamped to AccountsPageDefault / AccountsPageMax
}

// Directory lists discoverable accounts for viewerID ("" for anonymous):
// never the instance actor, nor accounts the viewer blocks or is blocked
// by. Active order puts accounts that never posted last.
func (s *Store) Directory(ctx context.Context, viewerID string, f DirectoryFilter) ([]*models.Account, error) {
	q := s.db.NewSelect().TableExpr("accounts AS a").Column("a.id").
		Join("LEFT JOIN account_stats AS ast ON ast.account_id = a.id").
		// Remote groups count as discoverable: Lemmy and others do not say.
		Where("(a.discoverable = TRUE OR (a.actor_type = ? AND a.domain <> ''))", models.ActorGroup)
	q = whereListable(q, "a", viewerID)
	if f.Local {
		q = q.Where("a.domain = ''")
	}
	if f.Groups {
		q = q.Where("a.actor_type = ?", models.ActorGroup)
	}
	if f.Order == DirectoryNew {
		q = q.OrderExpr("a.created_at DESC, a.id DESC")
	} else {
		q = q.OrderExpr("(ast.last_status_at IS NULL) ASC, ast.last_status_at DESC, a.id DESC")
	}
	limit := Page{Limit: f.Limit}.size(AccountsPageDefault, AccountsPageMax)
	var ids []string
	if err := q.Limit(int64(limit)).Offset(int64(max(f.Offset, 0))).Scan(ctx, &ids); err != nil {
		return nil, mapErr(err)
	}
	return s.AccountsByIDs(ctx, ids)
}

// whereListable hides, from account lists aliased a, the instance actor
// and accounts viewerID blocks or is blocked by.
func whereListable(q *bun.SelectQuery, a, viewerID string) *bun.SelectQuery {
	q = q.Where("NOT ("+a+".username = ? AND "+a+".domain = '')", models.InstanceActorUsername)
	if viewerID != "" {
		q = q.Where(notBlockedSQL(a+".id", "?"), viewerID, viewerID)
	}
	return q
}
