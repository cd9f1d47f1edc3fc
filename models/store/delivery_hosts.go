package store

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/models"
)

// DeliveryHosts returns every host with failures on record.
func (s *Store) DeliveryHosts(ctx context.Context) ([]models.DeliveryHost, error) {
	var hs []models.DeliveryHost
	err := s.db.NewSelect().Model(&hs).OrderExpr("host").Scan(ctx)
	return hs, mapErr(err)
}

// DeliveryHostFailed counts one more consecutive failure of host. When
// pause, given the new count, returns a positive duration, the host is
// paused until now+pause and its waiting deliveries are moved to that time
// (so claims need not step over them). It returns the host's new state.
func (s *Store) DeliveryHostFailed(ctx context.Context, host, lastError string, now time.Time,
	pause func(failures int) time.Duration) (*models.DeliveryHost, error) {
	h := &models.DeliveryHost{Host: host, Failures: 1, LastError: lastError, UpdatedAt: now.UTC()}
	err := s.Tx(ctx, func(tx *Store) error {
		err := tx.db.NewRaw("INSERT INTO delivery_hosts (host, failures, last_error, updated_at) VALUES (?, 1, ?, ?)"+
			" ON CONFLICT (host) DO UPDATE SET failures = delivery_hosts.failures + 1,"+
			" last_error = excluded.last_error, updated_at = excluded.updated_at"+
			" RETURNING failures, paused_until", host, lastError, now.UTC()).Scan(ctx, &h.Failures, &h.PausedUntil)
		if err != nil {
			return mapErr(err)
		}
		d := pause(h.Failures)
		if d <= 0 {
			return nil
		}
		until := now.Add(d).UTC()
		h.PausedUntil = &until
		if _, err := tx.db.NewUpdate().Model(h).Column("paused_until").WherePK().Exec(ctx); err != nil {
			return mapErr(err)
		}
		_, err = tx.db.NewUpdate().Model((*models.Delivery)(nil)).Set("next_attempt_at = ?", until).
			Where("host = ?", host).Where("claimed_by IS NULL").Where("next_attempt_at < ?", until).Exec(ctx)
		return mapErr(err)
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// ClearDeliveryHost forgets host's failures (it answered).
func (s *Store) ClearDeliveryHost(ctx context.Context, host string) error {
	_, err := s.db.NewDelete().Model((*models.DeliveryHost)(nil)).Where("host = ?", host).Exec(ctx)
	return mapErr(err)
}
