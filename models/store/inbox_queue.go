package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// InboxItem is a row of inbox_queue: an activity an inbox accepted and
// the federation side has not processed yet.
type InboxItem struct {
	bun.BaseModel `bun:"table:inbox_queue"`

	ID            string    `bun:"id,pk"` // a ULID: ordered by acceptance
	ActivityID    string    `bun:"activity_id,notnull"`
	Inbox         string    `bun:"inbox,notnull"`     // the path it was posted to
	SignerID      string    `bun:"signer_id,notnull"` // the account whose key signed it
	OwnerID       string    `bun:"owner_id,nullzero"` // the personal inbox's owner; "" for the shared inbox
	Body          string    `bun:"body,notnull"`
	Attempts      int       `bun:"attempts,notnull"`
	NextAttemptAt time.Time `bun:"next_attempt_at,notnull"`
	LastError     string    `bun:"last_error,notnull"`
	ReceivedAt    time.Time `bun:"received_at,notnull"`
}

// inboxChunk bounds the rows of one INSERT (SQLite's variable limit).
const inboxChunk = 200

// EnqueueInbox records every item's activity id in inbox_activities and
// queues the items whose id was new, in one transaction (a group commit
// of concurrent requests). It returns, per item, whether it was queued:
// false is a repeat of an activity accepted before, or earlier in items.
func (s *Store) EnqueueInbox(ctx context.Context, items []*InboxItem) ([]bool, error) {
	queued := make([]bool, len(items))
	err := s.Tx(ctx, func(tx *Store) error {
		for i := range queued {
			queued[i] = false
		}
		for start := 0; start < len(items); start += inboxChunk {
			chunk := items[start:min(start+inboxChunk, len(items))]
			if err := tx.enqueueInboxChunk(ctx, chunk, queued[start:start+len(chunk)]); err != nil {
				return err
			}
		}
		return nil
	})
	return queued, err
}

func (tx *Store) enqueueInboxChunk(ctx context.Context, items []*InboxItem, queued []bool) error {
	if tx.stmts != nil {
		return tx.enqueueInboxRows(ctx, items, queued)
	}
	seen := make(map[string]bool, len(items))
	rows := make([]inboxActivity, 0, len(items))
	for _, it := range items {
		if !seen[it.ActivityID] {
			seen[it.ActivityID] = true
			rows = append(rows, inboxActivity{ActivityID: it.ActivityID, Inbox: it.Inbox, ReceivedAt: it.ReceivedAt.UTC()})
		}
	}
	var fresh []string
	err := tx.db.NewInsert().Model(&rows).On("CONFLICT DO NOTHING").Returning("activity_id").Scan(ctx, &fresh)
	if err != nil {
		return mapErr(err)
	}
	isNew := make(map[string]bool, len(fresh))
	for _, id := range fresh {
		isNew[id] = true
	}
	var add []*InboxItem
	for i, it := range items {
		if isNew[it.ActivityID] {
			delete(isNew, it.ActivityID) // the first of repeats in one batch wins
			queued[i] = true
			add = append(add, it)
		}
	}
	if len(add) == 0 {
		return nil
	}
	_, err = tx.db.NewInsert().Model(&add).Exec(ctx)
	return mapErr(err)
}

// enqueueInboxRows is enqueueInboxChunk on SQLite: a prepared statement
// per row (hotScan, hotInsert) costs less than parsing the multi-row
// statements, whose text changes with the number of rows.
func (tx *Store) enqueueInboxRows(ctx context.Context, items []*InboxItem, queued []bool) error {
	for i, it := range items {
		n, err := tx.insertInboxActivity(ctx, it)
		if err != nil {
			return err
		}
		if n == 0 { // accepted before, or earlier in items
			continue
		}
		if err := tx.hotInsert(ctx, it); err != nil {
			return err
		}
		queued[i] = true
	}
	return nil
}

// insertInboxActivity records the activity id of it in inbox_activities
// with a prepared statement (SQLite, inside tx) and returns how many rows
// it inserted: 0 when the id was there.
func (tx *Store) insertInboxActivity(ctx context.Context, it *InboxItem) (int64, error) {
	args := []any{it.ActivityID, it.Inbox, it.ReceivedAt.UTC()}
	st, done, err := tx.prepared(ctx, "INSERT INTO inbox_activities (activity_id, inbox, received_at) VALUES (?, ?, ?)"+
		" ON CONFLICT DO NOTHING", args)
	if err != nil {
		return 0, err
	}
	defer done()
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return 0, mapErr(err)
	}
	return res.RowsAffected()
}

// DueInboxItems returns up to limit queued items due at now, oldest
// first.
func (s *Store) DueInboxItems(ctx context.Context, now time.Time, limit int) ([]*InboxItem, error) {
	var out []*InboxItem
	err := s.db.NewSelect().Model(&out).Where("next_attempt_at <= ?", now.UTC()).
		OrderExpr("next_attempt_at, id").Limit(int64(limit)).Scan(ctx)
	return out, mapErr(err)
}

// DeleteInboxItems removes processed items. On SQLite it is one prepared
// statement (hotExec) whatever the number of ids.
func (s *Store) DeleteInboxItems(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	if s.stmts != nil {
		return s.hotExec(ctx, "DELETE FROM inbox_queue WHERE id IN (?)", ids)
	}
	for start := 0; start < len(ids); start += inboxChunk {
		chunk := ids[start:min(start+inboxChunk, len(ids))]
		_, err := s.db.NewDelete().Model((*InboxItem)(nil)).Where("id IN (?)", bun.In(chunk)).Exec(ctx)
		if err != nil {
			return mapErr(err)
		}
	}
	return nil
}

// RetryInboxItem records a failed attempt at id: it is due again at next.
func (s *Store) RetryInboxItem(ctx context.Context, id string, next time.Time, lastError string) error {
	_, err := s.db.NewUpdate().Model((*InboxItem)(nil)).
		Set("attempts = attempts + 1").Set("next_attempt_at = ?", next.UTC()).Set("last_error = ?", lastError).
		Where("id = ?", id).Exec(ctx)
	return mapErr(err)
}

// CountInboxItems is how many items wait in the queue.
func (s *Store) CountInboxItems(ctx context.Context) (int, error) {
	n, err := s.db.NewSelect().Model((*InboxItem)(nil)).Count(ctx)
	return int(n), mapErr(err)
}
