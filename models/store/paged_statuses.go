package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// keyedStatus is a row of a status list: the page key and the status id.
type keyedStatus struct {
	Key      string `bun:"sort_key"`
	StatusID string `bun:"status_id"`
}

// pagedStatuses runs q (selecting sort_key and status_id) as a page on
// column col and loads the statuses, newest first. Status lists default to
// 20 and allow up to 40, as Mastodon's do.
func (s *Store) pagedStatuses(ctx context.Context, q *bun.SelectQuery, col string, p Page) ([]*models.Status, PageInfo, error) {
	q, asc := p.apply(q, col, StatusesPageDefault, StatusesPageMax)
	var rows []keyedStatus
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, PageInfo{}, mapErr(err)
	}
	rows, info := finish(rows, asc, func(r keyedStatus) string { return r.Key })
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.StatusID
	}
	sts, err := s.StatusesByIDs(ctx, ids)
	return sts, info, err
}
