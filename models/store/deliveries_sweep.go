package store

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/models"
)

// SweepDeliveries deletes deliveries created before olderThan that no live
// lease holds at now (given up: their host was paused until past their
// deadline), then every outbox activity left without deliveries. It
// returns how many deliveries it deleted.
func (s *Store) SweepDeliveries(ctx context.Context, olderThan, now time.Time) (int, error) {
	res, err := s.db.NewDelete().Model((*models.Delivery)(nil)).
		Where("created_at < ?", olderThan.UTC()).
		Where("(claimed_by IS NULL OR claimed_until < ?)", now.UTC()).Exec(ctx)
	if err != nil {
		return 0, mapErr(err)
	}
	n, _ := res.RowsAffected()
	_, err = s.db.NewDelete().Model((*models.OutboxActivity)(nil)).
		Where("NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.outbox_activity_id = outbox_activity.id)").Exec(ctx)
	return int(n), mapErr(err)
}

// Deliveries returns up to limit deliveries still to send, oldest first
// (for inspection and tests).
func (s *Store) Deliveries(ctx context.Context, limit int) ([]models.Delivery, error) {
	var ds []models.Delivery
	err := s.db.NewSelect().Model(&ds).OrderExpr("id").Limit(int64(limit)).Scan(ctx)
	return ds, mapErr(err)
}

// CountDeliveries returns how many deliveries are still to send.
func (s *Store) CountDeliveries(ctx context.Context) (int, error) {
	n, err := s.db.NewSelect().Model((*models.Delivery)(nil)).Count(ctx)
	return int(n), mapErr(err)
}

// CountOutboxActivities returns how many activities still have deliveries
// (or await the next sweep).
func (s *Store) CountOutboxActivities(ctx context.Context) (int, error) {
	n, err := s.db.NewSelect().Model((*models.OutboxActivity)(nil)).Count(ctx)
	return int(n), mapErr(err)
}
