package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/stoa-social/stoa/models"
)

// Report is a report received from another server (a Flag activity): who
// sent it (usually that server's instance actor), which local account it is
// about, which of that account's statuses, and the comment.
type Report struct {
	bun.BaseModel `bun:"table:reports"`

	ID              string    `bun:"id,pk"`
	URI             string    `bun:"uri,notnull"` // the Flag's id
	AccountID       string    `bun:"account_id,notnull"`
	TargetAccountID string    `bun:"target_account_id,notnull"`
	StatusIDs       string    `bun:"status_ids,notnull"` // comma-separated
	Comment         string    `bun:"comment,notnull"`
	CreatedAt       time.Time `bun:"created_at,notnull"`
}

// Statuses lists the reported status ids.
func (r *Report) Statuses() []string {
	if r.StatusIDs == "" {
		return nil
	}
	return strings.Split(r.StatusIDs, ",")
}

// PutReport stores a received report. It is idempotent by URI: a report
// whose URI is already stored returns the stored one. r.URI is required.
func (s *Store) PutReport(ctx context.Context, r *Report, statusIDs []string) (*Report, error) {
	if r.URI == "" || r.AccountID == "" || r.TargetAccountID == "" {
		return nil, models.Invalidf("a report needs a uri, a reporter and a target")
	}
	if old, err := s.ReportByURI(ctx, r.URI); err == nil || !errors.Is(err, models.ErrNotFound) {
		return old, err
	}
	if r.ID == "" {
		r.ID = models.NewID()
	}
	r.StatusIDs = strings.Join(dedupe(statusIDs), ",")
	r.CreatedAt = orNow(r.CreatedAt)
	err := s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.db.NewInsert().Model(r).Exec(ctx); err != nil {
			return mapErr(err)
		}
		return tx.notifyReport(ctx, r) // a community's moderators (community_notify.go)
	})
	if errors.Is(err, models.ErrConflict) { // a concurrent delivery won
		return s.ReportByURI(ctx, r.URI)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

// ReportByURI returns the report whose Flag had that id.
func (s *Store) ReportByURI(ctx context.Context, uri string) (*Report, error) {
	r := new(Report)
	err := s.db.NewSelect().Model(r).Where("uri = ?", uri).Scan(ctx)
	return r, mapErr(err)
}

// ReportsAbout lists the reports about a local account, newest first.
func (s *Store) ReportsAbout(ctx context.Context, targetAccountID string) ([]*Report, error) {
	var rs []*Report
	err := s.db.NewSelect().Model(&rs).Where("target_account_id = ?", targetAccountID).Order("id DESC").Scan(ctx)
	return rs, mapErr(err)
}
