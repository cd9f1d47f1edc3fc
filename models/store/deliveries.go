package store

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// enqueueChunk bounds the rows of one INSERT (SQLite's variable limit).
const enqueueChunk = 500

// EnqueueDeliveries stores a and one delivery per row of ds (their
// OutboxActivityID is set to a.ID). A second row for the same inbox is
// skipped. It may run inside the caller's transaction, so that a post and
// its deliveries commit together. It returns how many deliveries were
// stored; with none, a is not stored either.
func (s *Store) EnqueueDeliveries(ctx context.Context, a *models.OutboxActivity, ds []*models.Delivery) (int, error) {
	if len(ds) == 0 {
		return 0, nil
	}
	n := 0
	err := s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.db.NewInsert().Model(a).Exec(ctx); err != nil {
			return mapErr(err)
		}
		for start := 0; start < len(ds); start += enqueueChunk {
			chunk := ds[start:min(start+enqueueChunk, len(ds))]
			for _, d := range chunk {
				d.OutboxActivityID = a.ID
			}
			res, err := tx.db.NewInsert().Model(&chunk).On("CONFLICT DO NOTHING").Exec(ctx)
			if err != nil {
				return mapErr(err)
			}
			added, _ := res.RowsAffected()
			n += int(added)
		}
		return nil
	})
	return n, err
}

// ClaimedDelivery is a claimed delivery with what it takes to send it.
type ClaimedDelivery struct {
	models.Delivery `bun:",extend"`

	ActivityID    string `bun:"activity_id"`
	AccountID     string `bun:"account_id"`
	Body          string `bun:"body"`
	KeyID         string `bun:"public_key_uri"`  // the signer's keyId
	PrivateKeyPEM string `bun:"private_key_pem"` // the signer's key
}

// DeliveryClaim says which due deliveries to claim.
type DeliveryClaim struct {
	Worker    string    // who claims: a process-unique name
	Now       time.Time // rows due at or before Now, on hosts not paused at Now
	Until     time.Time // end of the lease
	Limit     int
	SkipHosts []string // hosts to leave alone (the worker's busy hosts)
}

// ClaimDeliveries leases up to c.Limit due deliveries to c.Worker, oldest
// due first, and returns them in id order. A claimed row is not due again
// until its lease ends, so a crashed worker's rows come back by
// themselves. On PostgreSQL rows locked by a concurrent claim are skipped
// (SKIP LOCKED), so several processes can share the queue; on SQLite the
// UPDATE holds the database's write lock, which serialises claims. The
// rows come back from the UPDATE itself, and each activity's body and
// signing key are read once for all its rows (a post to a thousand inboxes
// is claimed in batches of one activity), not once per row.
func (s *Store) ClaimDeliveries(ctx context.Context, c DeliveryClaim) ([]ClaimedDelivery, error) {
	if c.Limit <= 0 {
		return nil, nil
	}
	now, until := c.Now.UTC(), c.Until.UTC()
	q := "UPDATE deliveries SET claimed_by = ?, claimed_until = ?, next_attempt_at = ? WHERE id IN (" +
		"SELECT d.id FROM deliveries d WHERE d.next_attempt_at <= ?" +
		" AND NOT EXISTS (SELECT 1 FROM delivery_hosts h WHERE h.host = d.host AND h.paused_until > ?)"
	args := []any{c.Worker, until, until, now, now}
	if len(c.SkipHosts) > 0 {
		q += " AND d.host NOT IN (?)"
		args = append(args, c.SkipHosts)
	}
	q += " ORDER BY d.next_attempt_at, d.id LIMIT ?"
	args = append(args, c.Limit)
	if s.IsPostgres() {
		q += " FOR UPDATE SKIP LOCKED"
	}
	q += ") RETURNING " + s.columns((*models.Delivery)(nil), "deliveries")
	var out []ClaimedDelivery
	if err := s.hotScan(ctx, &out, q, args...); err != nil || len(out) == 0 {
		return nil, err
	}
	slices.SortFunc(out, func(a, b ClaimedDelivery) int { return strings.Compare(a.ID, b.ID) })
	return s.withActivities(ctx, out)
}

// claimedActivity is what sending takes beside the row: the activity and
// its signer's key.
type claimedActivity struct {
	ID            string `bun:"id"`
	ActivityID    string `bun:"activity_id"`
	AccountID     string `bun:"account_id"`
	Body          string `bun:"body"`
	KeyID         string `bun:"public_key_uri"`
	PrivateKeyPEM string `bun:"private_key_pem"`
}

// withActivities fills in each row's activity and key, reading each
// activity once. Rows whose activity is gone are left out (as a join
// would); they stay claimed until their lease ends.
func (s *Store) withActivities(ctx context.Context, ds []ClaimedDelivery) ([]ClaimedDelivery, error) {
	var ids []string
	for i := range ds {
		if !slices.Contains(ids, ds[i].OutboxActivityID) {
			ids = append(ids, ds[i].OutboxActivityID)
		}
	}
	var acts []claimedActivity
	err := s.hotScan(ctx, &acts, "SELECT a.id, a.activity_id, a.account_id, a.body, acc.public_key_uri, acc.private_key_pem"+
		" FROM outbox_activities a JOIN accounts acc ON acc.id = a.account_id WHERE a.id IN (?)", ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*claimedActivity, len(acts))
	for i := range acts {
		byID[acts[i].ID] = &acts[i]
	}
	out := ds[:0]
	for _, d := range ds {
		a := byID[d.OutboxActivityID]
		if a == nil {
			continue
		}
		d.ActivityID, d.AccountID, d.Body, d.KeyID, d.PrivateKeyPEM = a.ActivityID, a.AccountID, a.Body, a.KeyID, a.PrivateKeyPEM
		out = append(out, d)
	}
	return out, nil
}

// RecordDeliveries writes the outcomes of attempts worker made, in one
// transaction: the rows in finished (sent, or given up) are deleted; the
// rows in rescheduled are released, due again at their NextAttemptAt, with
// their Attempts, LastStatus and LastError. A row whose lease worker lost
// is left alone (its new holder decides).
func (s *Store) RecordDeliveries(ctx context.Context, worker string, finished []string, rescheduled []*models.Delivery) error {
	if len(finished) == 0 && len(rescheduled) == 0 {
		return nil
	}
	return s.Tx(ctx, func(tx *Store) error {
		for start := 0; start < len(finished); start += enqueueChunk {
			ids := finished[start:min(start+enqueueChunk, len(finished))]
			if err := tx.hotExec(ctx, "DELETE FROM deliveries WHERE id IN (?) AND claimed_by = ?", ids, worker); err != nil {
				return err
			}
		}
		ids := make([]string, 0, len(rescheduled))
		for _, d := range rescheduled {
			err := tx.hotExec(ctx, "UPDATE deliveries SET attempts = ?, next_attempt_at = ?, last_status = ?,"+
				" last_error = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
				d.Attempts, d.NextAttemptAt.UTC(), d.LastStatus, d.LastError, d.ID, worker)
			if err != nil {
				return err
			}
			ids = append(ids, d.ID)
		}
		return tx.deferToHostPause(ctx, ids)
	})
}

// deferToHostPause moves the released rows in ids whose host is paused to
// the pause's end, as DeliveryHostFailed does for the rows waiting when it
// pauses: a row still claimed then (its outcome on its way to the ledger)
// would otherwise come back due inside the pause.
func (s *Store) deferToHostPause(ctx context.Context, ids []string) error {
	const pausedUntil = "(SELECT h.paused_until FROM delivery_hosts h WHERE h.host = deliveries.host)"
	for start := 0; start < len(ids); start += enqueueChunk {
		chunk := ids[start:min(start+enqueueChunk, len(ids))]
		if err := s.hotExec(ctx, "UPDATE deliveries SET next_attempt_at = "+pausedUntil+
			" WHERE id IN (?) AND claimed_by IS NULL AND next_attempt_at < "+pausedUntil, chunk); err != nil {
			return err
		}
	}
	return nil
}

// ReleaseDeliveries gives back deliveries worker holds but did not send,
// due again at at; attempts are not counted.
func (s *Store) ReleaseDeliveries(ctx context.Context, worker string, ids []string, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := s.db.NewUpdate().Model((*models.Delivery)(nil)).
		Set("next_attempt_at = ?", at.UTC()).Set("claimed_by = NULL").Set("claimed_until = NULL").
		Where("id IN (?)", bun.In(ids)).Where("claimed_by = ?", worker).Exec(ctx)
	return mapErr(err)
}
