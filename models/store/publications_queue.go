package store

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/stoa-social/stoa/models"
)

// PublicationClaim says which due publications to claim.
type PublicationClaim struct {
	Worker string    // who claims: a process-unique name
	Now    time.Time // rows due at or before Now
	Until  time.Time // end of the lease
	Limit  int
}

// ClaimPublications leases up to c.Limit due publications to c.Worker and
// returns them oldest first (the order the actions were taken in); the
// UPDATE returns them (one prepared statement on SQLite). A claimed row is
// not due again until its lease ends, so a crashed worker's rows come back
// by themselves. On PostgreSQL rows locked by a concurrent claim are
// skipped (SKIP LOCKED); on SQLite the UPDATE holds the write lock, which
// serialises claims.
func (s *Store) ClaimPublications(ctx context.Context, c PublicationClaim) ([]*models.Publication, error) {
	if c.Limit <= 0 {
		return nil, nil
	}
	q := "UPDATE publications SET claimed_by = ?, claimed_until = ?, next_attempt_at = ? WHERE id IN (" +
		"SELECT p.id FROM publications p WHERE p.next_attempt_at <= ? ORDER BY p.next_attempt_at, p.id LIMIT ?"
	if s.IsPostgres() {
		q += " FOR UPDATE SKIP LOCKED"
	}
	q += ") RETURNING " + s.columns((*models.Publication)(nil), "publications")
	until := c.Until.UTC()
	var out []*models.Publication
	if err := s.hotScan(ctx, &out, q, c.Worker, until, until, c.Now.UTC(), c.Limit); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b *models.Publication) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// FinishPublication deletes a publication worker holds and reports whether
// it did: false means the lease was lost (another worker has the row, or
// has already finished it) and the caller must not act on it. Run it in
// the transaction that enqueues the publication's deliveries, so that the
// two commit together.
func (s *Store) FinishPublication(ctx context.Context, id, worker string) (bool, error) {
	res, err := s.db.NewDelete().Model((*models.Publication)(nil)).
		Where("id = ?", id).Where("claimed_by = ?", worker).Exec(ctx)
	if err != nil {
		return false, mapErr(err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RetryPublication releases a publication p.ClaimedBy holds, recording the
// failed attempt (Attempts, LastError) and when to try again
// (NextAttemptAt).
func (s *Store) RetryPublication(ctx context.Context, p *models.Publication) error {
	_, err := s.db.NewUpdate().Model((*models.Publication)(nil)).
		Set("attempts = ?", p.Attempts).Set("next_attempt_at = ?", p.NextAttemptAt.UTC()).
		Set("last_error = ?", p.LastError).Set("claimed_by = NULL").Set("claimed_until = NULL").
		Where("id = ?", p.ID).Where("claimed_by = ?", p.ClaimedBy).Exec(ctx)
	return mapErr(err)
}

// Publications returns up to limit publications not yet processed, oldest
// first (for inspection and tests).
func (s *Store) Publications(ctx context.Context, limit int) ([]*models.Publication, error) {
	var out []*models.Publication
	err := s.db.NewSelect().Model(&out).Order("created_at", "id").Limit(int64(limit)).Scan(ctx)
	return out, mapErr(err)
}
