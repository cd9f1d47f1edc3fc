package store

import (
	"context"
	"time"

	"github.com/stoa-social/stoa/models"
)

// ReblogOptions are the optional parts of a reblog.
type ReblogOptions struct {
	// Visibility of the reblog: "" is public. A private status can be
	// reblogged only by its author, and the reblog is then private.
	Visibility models.Visibility
	URI        string    // the Announce's id; "" makes one for a local account
	CreatedAt  time.Time // zero is now
}

// Reblog makes accountID reblog statusID (a reblog of a reblog reblogs the
// original) in one transaction: a reblog status row, the original's
// reblogs_count, a "reblog" notification for its author, and fan-out of the
// reblog to home timelines. Reblogging again returns the existing reblog.
// A status the account may not see is models.ErrNotFound; a direct or
// someone else's private status is models.ErrInvalid. The result is loaded
// (Reblog holds the original).
func (s *Store) Reblog(ctx context.Context, accountID, statusID string, o ReblogOptions) (*models.Status, error) {
	var id string
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		id, err = tx.reblog(ctx, accountID, statusID, o)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.StatusByID(ctx, id)
}

func (s *Store) reblog(ctx context.Context, accountID, statusID string, o ReblogOptions) (string, error) {
	orig, err := s.visibleTarget(ctx, accountID, statusID)
	if err != nil {
		return "", err
	}
	if id, err := s.reblogID(ctx, accountID, orig.ID); err == nil {
		return id, nil
	}
	vis, err := models.ParseVisibility(string(o.Visibility))
	if err != nil {
		return "", err
	}
	switch {
	case orig.Visibility == models.VisibilityDirect,
		orig.Visibility == models.VisibilityPrivate && orig.AccountID != accountID:
		return "", models.Invalidf("this status cannot be reblogged")
	case orig.Visibility == models.VisibilityPrivate || vis == models.VisibilityDirect:
		vis = models.VisibilityPrivate
	}
	booster, err := s.AccountByID(ctx, accountID)
	if err != nil {
		return "", err
	}
	at := orNow(o.CreatedAt)
	r := &models.Status{ID: models.NewID(), URI: o.URI, AccountID: accountID, ReblogOfID: orig.ID,
		ContentType: models.ContentTypePlain, Visibility: vis, Local: booster.IsLocal(), CreatedAt: at, UpdatedAt: at}
	if !o.CreatedAt.IsZero() {
		r.ID = models.NewIDAt(at)
	}
	r.ThreadID = r.ID
	if r.URI == "" {
		if !booster.IsLocal() {
			return "", models.Invalidf("a remote reblog needs its uri")
		}
		r.URI = models.LocalStatusURI(booster.URI, r.ID) + "/activity"
	}
	if _, err := s.db.NewInsert().Model(r).Exec(ctx); err != nil {
		return "", mapErr(err)
	}
	if err := s.noteStatus(ctx, accountID, at); err != nil {
		return "", err
	}
	if err := s.bumpStatus(ctx, orig.ID, countReblogs, 1); err != nil {
		return "", err
	}
	homes, err := s.fanOut(ctx, r, orig)
	if err != nil {
		return "", err
	}
	if err := s.emitNewStatus(ctx, r, homes, nil, nil); err != nil {
		return "", err
	}
	if err := s.federate(ctx, models.PublishAnnounce, accountID, r.ID, models.PublicationData{}); err != nil {
		return "", err
	}
	return r.ID, s.notify(ctx, notice{Type: models.NotificationReblog, FromID: accountID, StatusID: orig.ID,
		ActivityID: r.ID, ThreadID: orig.ThreadID, At: at}, []string{orig.AccountID})
}

// Unreblog deletes accountID's reblog of statusID (or of its original) and
// returns the deleted reblog row; none is models.ErrNotFound.
func (s *Store) Unreblog(ctx context.Context, accountID, statusID string) (*models.Status, error) {
	var r *models.Status
	err := s.Tx(ctx, func(tx *Store) error {
		orig, err := tx.targetOf(ctx, statusID)
		if err != nil {
			return err
		}
		id, err := tx.reblogID(ctx, accountID, orig.ID)
		if err != nil {
			return err
		}
		if r, err = tx.StatusByID(ctx, id); err != nil {
			return err
		}
		return tx.deleteStatus(ctx, r)
	})
	return r, err
}

func (s *Store) reblogID(ctx context.Context, accountID, origID string) (string, error) {
	var id string
	err := s.db.NewSelect().Model((*models.Status)(nil)).Column("id").
		Where("reblog_of_id = ?", origID).Where("account_id = ?", accountID).Scan(ctx, &id)
	return id, mapErr(err)
}

// targetOf returns the status with that id, or the original if it is a reblog.
func (s *Store) targetOf(ctx context.Context, statusID string) (*models.Status, error) {
	st := new(models.Status)
	if err := s.db.NewSelect().Model(st).Where("id = ?", statusID).Scan(ctx); err != nil {
		return nil, mapErr(err)
	}
	if !st.IsReblog() {
		return st, nil
	}
	return s.targetOf(ctx, st.ReblogOfID)
}

// visibleTarget is targetOf, or models.ErrNotFound when accountID may not
// see the status.
func (s *Store) visibleTarget(ctx context.Context, accountID, statusID string) (*models.Status, error) {
	st, err := s.targetOf(ctx, statusID)
	if err != nil {
		return nil, err
	}
	ok, err := s.CanSee(ctx, accountID, st)
	if err == nil && !ok {
		err = models.ErrNotFound
	}
	return st, err
}

// RebloggedBy lists who reblogged statusID, newest reblog first, paged by
// the reblog's id. The caller checks the status is visible first.
func (s *Store) RebloggedBy(ctx context.Context, statusID string, p Page) ([]*models.Account, PageInfo, error) {
	q := s.db.NewSelect().TableExpr("statuses AS r").
		ColumnExpr("r.id AS sort_key, r.account_id AS account_id").Where("r.reblog_of_id = ?", statusID)
	return s.pagedAccounts(ctx, q, "r.id", p)
}
