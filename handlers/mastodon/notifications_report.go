package mastodon

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// attachReports gives each admin.report notification in out (rendered
// from ns) its report. A notification whose report is gone keeps none.
func (h *Handler) attachReports(ctx context.Context, ns []*models.Notification, out []entity.Notification) error {
	byID := make(map[string]*models.Notification, len(ns))
	for _, n := range ns {
		byID[n.ID] = n
	}
	for i := range out {
		rep, err := h.notificationReport(ctx, byID[out[i].ID])
		if err != nil {
			return err
		}
		out[i].Report = rep
	}
	return nil
}

// attachGroupReports does the same for groups (out rendered from groups,
// in order): an admin.report group stands alone, so its newest
// notification is the one.
func (h *Handler) attachGroupReports(ctx context.Context, groups []store.NotificationGroup, out []entity.NotificationGroup) error {
	for i := range out {
		rep, err := h.notificationReport(ctx, groups[i].Latest)
		if err != nil {
			return err
		}
		out[i].Report = rep
	}
	return nil
}

// notificationReport renders the report an admin.report notification is
// about (its activity); nil for other notifications.
func (h *Handler) notificationReport(ctx context.Context, n *models.Notification) (*entity.CommunityReport, error) {
	if n == nil || n.Type != models.NotificationAdminReport || n.ActivityID == "" {
		return nil, nil
	}
	rep, err := h.Store.ReportByID(ctx, n.ActivityID)
	if err == nil {
		var e entity.CommunityReport
		if e, err = h.presentReport(ctx, rep); err == nil {
			return &e, nil
		}
	}
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil
	}
	return nil, err
}

// presentReport renders a received report as Mastodon's Report, with the
// reporter as account; models.ErrNotFound when the reporter or the target
// is gone.
func (h *Handler) presentReport(ctx context.Context, rep *store.Report) (entity.CommunityReport, error) {
	accts, err := h.Store.AccountsByIDs(ctx, []string{rep.AccountID, rep.TargetAccountID})
	if err != nil {
		return entity.CommunityReport{}, err
	}
	if len(accts) != 2 { // AccountsByIDs keeps the order and drops unknown ids
		return entity.CommunityReport{}, models.ErrNotFound
	}
	es, err := h.presentAccounts(ctx, accts)
	if err != nil {
		return entity.CommunityReport{}, err
	}
	ids := rep.Statuses()
	if ids == nil {
		ids = []string{}
	}
	return entity.CommunityReport{ID: rep.ID, Category: "other", Comment: rep.Comment,
		CreatedAt: entity.NewTime(rep.CreatedAt), StatusIDs: ids, RuleIDs: []string{},
		Account: es[0], TargetAccount: es[1]}, nil
}
