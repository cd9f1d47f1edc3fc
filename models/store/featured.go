package store

import (
	"context"

	"github.com/stoa-social/stoa/models"
)

// FeaturedStatuses lists what accountID pinned, newest pin first, that
// viewerID ("" for anonymous) may see, whoever wrote it: a person's pins
// are their own statuses, a community's are its members' (local or
// remote). At most StatusesPageMax; reblogs are never pinned.
func (s *Store) FeaturedStatuses(ctx context.Context, viewerID, accountID string) ([]*models.Status, error) {
	q := s.db.NewSelect().TableExpr("pins AS pn").ColumnExpr("pn.id AS sort_key, pn.status_id AS status_id").
		Join("JOIN statuses AS s ON s.id = pn.status_id").
		Where("pn.account_id = ?", accountID).Where("s.reblog_of_id IS NULL")
	sts, _, err := s.pagedStatuses(ctx, whereVisible(q, "s", viewerID), "pn.id", Page{Limit: StatusesPageMax})
	return sts, err
}
