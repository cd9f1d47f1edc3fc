package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// replyFetch is a row of reply_fetches: when the replies collection of a
// remote status was last fetched from its server.
type replyFetch struct {
	bun.BaseModel `bun:"table:reply_fetches"`

	StatusID  string    `bun:"status_id,pk"`
	FetchedAt time.Time `bun:"fetched_at,notnull"`
}

// RepliesFetchedAt returns when the replies of statusID were last fetched;
// models.ErrNotFound when they never were.
func (s *Store) RepliesFetchedAt(ctx context.Context, statusID string) (time.Time, error) {
	row := new(replyFetch)
	if err := s.db.NewSelect().Model(row).Where("status_id = ?", statusID).Scan(ctx); err != nil {
		return time.Time{}, mapErr(err)
	}
	return row.FetchedAt, nil
}

// MarkRepliesFetched records that the replies of statusID were fetched at
// at (replacing an earlier record).
func (s *Store) MarkRepliesFetched(ctx context.Context, statusID string, at time.Time) error {
	row := &replyFetch{StatusID: statusID, FetchedAt: at.UTC()}
	_, err := s.db.NewInsert().Model(row).On("CONFLICT (status_id) DO UPDATE").
		Set("fetched_at = EXCLUDED.fetched_at").Exec(ctx)
	return mapErr(err)
}

// DirectReplies returns up to limit statuses that reply to statusID (not
// reblogs) with ids after afterID ("" for the first), oldest first,
// without their relations: one level of a thread, whoever may see the
// replies (callers filter).
func (s *Store) DirectReplies(ctx context.Context, statusID, afterID string, limit int) ([]*models.Status, error) {
	var out []*models.Status
	q := s.db.NewSelect().Model(&out).Where("in_reply_to_id = ?", statusID).Where("reblog_of_id IS NULL")
	if afterID != "" {
		q = q.Where("id > ?", afterID)
	}
	err := q.Order("id").Limit(int64(limit)).Scan(ctx)
	return out, mapErr(err)
}
