package store

import (
	"context"
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
// due first, and returns them. A claimed row is not due again until its
// lease ends, so a crashed worker's rows come back by themselves. On
// PostgreSQL rows locked by a concurrent claim are skipped (SKIP LOCKED),
// so several processes can share the queue; on SQLite the UPDATE holds the
// database's write lock, which serialises claims.
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
		args = append(args, bun.In(c.SkipHosts))
	}
	q += " ORDER BY d.next_attempt_at, d.id LIMIT ?"
	args = append(args, c.Limit)
	if s.IsPostgres() {
		q += " FOR UPDATE SKIP LOCKED"
	}
	q += ") RETURNING id"
	var ids []string
	if err := s.db.NewRaw(q, args...).Scan(ctx, &ids); err != nil {
		return nil, mapErr(err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var out []ClaimedDelivery
	err := s.db.NewRaw("SELECT d.*, a.activity_id, a.account_id, a.body, acc.public_key_uri, acc.private_key_pem"+
		" FROM deliveries d JOIN outbox_activities a ON a.id = d.outbox_activity_id"+
		" JOIN accounts acc ON acc.id = a.account_id"+
		" WHERE d.id IN (?) AND d.claimed_by = ? ORDER BY d.next_attempt_at, d.id",
		bun.In(ids), c.Worker).Scan(ctx, &out)
	return out, mapErr(err)
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
			_, err := tx.db.NewDelete().Model((*models.Delivery)(nil)).
				Where("id IN (?)", bun.In(ids)).Where("claimed_by = ?", worker).Exec(ctx)
			if err != nil {
				return mapErr(err)
			}
		}
		for _, d := range rescheduled {
			_, err := tx.db.NewUpdate().Model((*models.Delivery)(nil)).
				Set("attempts = ?", d.Attempts).Set("next_attempt_at = ?", d.NextAttemptAt.UTC()).
				Set("last_status = ?", d.LastStatus).Set("last_error = ?", d.LastError).
				Set("claimed_by = NULL").Set("claimed_until = NULL").
				Where("id = ?", d.ID).Where("claimed_by = ?", worker).Exec(ctx)
			if err != nil {
				return mapErr(err)
			}
		}
		return nil
	})
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
