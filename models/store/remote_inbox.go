package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// inboxActivity is a row of inbox_activities: an activity an inbox
// accepted. One row per activity id, whichever inbox it reached.
type inboxActivity struct {
	bun.BaseModel `bun:"table:inbox_activities"`

	ActivityID string    `bun:"activity_id,pk"`
	Inbox      string    `bun:"inbox,notnull"`
	ReceivedAt time.Time `bun:"received_at,notnull"`
}

// InboxContains reports whether an activity with that id was accepted by
// any of the instance's inboxes.
func (s *Store) InboxContains(ctx context.Context, activityID string) (bool, error) {
	n, err := s.db.NewSelect().Model((*inboxActivity)(nil)).Where("activity_id = ?", activityID).Count(ctx)
	return n > 0, mapErr(err)
}

// PutInboxActivity records that inbox accepted activityID at at. Recording
// an id again changes nothing (the first inbox stays).
func (s *Store) PutInboxActivity(ctx context.Context, inbox, activityID string, at time.Time) error {
	row := &inboxActivity{ActivityID: activityID, Inbox: inbox, ReceivedAt: orNow(at)}
	_, err := s.db.NewInsert().Model(row).On("CONFLICT DO NOTHING").Exec(ctx)
	return mapErr(err)
}

// ForgetInboxActivity removes activityID's record, so that a delivery of it
// that failed half-way is processed again when the sender retries.
func (s *Store) ForgetInboxActivity(ctx context.Context, activityID string) error {
	_, err := s.db.NewDelete().Model((*inboxActivity)(nil)).Where("activity_id = ?", activityID).Exec(ctx)
	return mapErr(err)
}

// PruneInboxActivities deletes the records of activities received before
// before and returns how many went. Senders retry for about two days, so
// records older than that only guard against replays.
func (s *Store) PruneInboxActivities(ctx context.Context, before time.Time) (int, error) {
	res, err := s.db.NewDelete().Model((*inboxActivity)(nil)).Where("received_at < ?", before.UTC()).Exec(ctx)
	if err != nil {
		return 0, mapErr(err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
