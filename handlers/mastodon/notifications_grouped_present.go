package mastodon

import (
	"context"

	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// presentGroups renders groups for viewerID as GroupedNotificationsResults.
// Groups whose newest notification the viewer may not see, or whose status
// a hide filter of the notifications context matches, are left out.
// Every sample account is rendered once: in full, or, with partial, only
// each group's newest sender in full and the others in partial_accounts.
// paged adds the page_* attributes of list answers.
func (h *Handler) presentGroups(ctx context.Context, viewerID string, groups []store.NotificationGroup, partial, paged bool) (entity.GroupedNotificationsResults, error) {
	groups, err := h.visibleGroups(ctx, viewerID, groups)
	if err != nil {
		return entity.GroupedNotificationsResults{}, err
	}
	var sts []*models.Status
	for _, g := range groups {
		if g.Latest.Status != nil {
			sts = append(sts, g.Latest.Status)
		}
	}
	statuses, err := h.presentStatusSet(ctx, viewerID, sts)
	if err != nil {
		return entity.GroupedNotificationsResults{}, err
	}
	kept := make([]store.NotificationGroup, 0, len(groups))
	out := entity.GroupedNotificationsResults{Statuses: statuses.visible(), NotificationGroups: []entity.NotificationGroup{}}
	for _, g := range groups {
		if g.Latest.Status == nil || !statuses.hidden[g.Latest.Status.ID] {
			kept = append(kept, g)
			out.NotificationGroups = append(out.NotificationGroups, groupEntity(g, paged))
		}
	}
	if err := h.attachGroupReports(ctx, kept, out.NotificationGroups); err != nil { // notifications_report.go
		return entity.GroupedNotificationsResults{}, err
	}
	return out, h.sideloadAccounts(ctx, &out, kept, partial)
}

// visibleGroups keeps the groups whose newest notification viewerID may see.
func (h *Handler) visibleGroups(ctx context.Context, viewerID string, groups []store.NotificationGroup) ([]store.NotificationGroup, error) {
	var latest []*models.Notification
	for _, g := range groups {
		if g.Latest != nil {
			latest = append(latest, g.Latest)
		}
	}
	visible, err := h.visibleNotifications(ctx, viewerID, latest)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, n := range visible {
		keep[n.ID] = true
	}
	out := make([]store.NotificationGroup, 0, len(groups))
	for _, g := range groups {
		if g.Latest != nil && keep[g.Latest.ID] {
			out = append(out, g)
		}
	}
	return out, nil
}

// groupEntity renders one group.
func groupEntity(g store.NotificationGroup, paged bool) entity.NotificationGroup {
	e := entity.NotificationGroup{
		GroupKey: g.GroupKey, NotificationsCount: g.Count, Type: g.Latest.Type,
		MostRecentNotificationID: g.PageMaxID, SampleAccountIDs: g.SampleAccountIDs,
	}
	if e.SampleAccountIDs == nil {
		e.SampleAccountIDs = []string{}
	}
	if g.Latest.StatusID != "" {
		id := g.Latest.StatusID
		e.StatusID = &id
	}
	if paged {
		at := entity.NewTime(g.LatestAt)
		e.PageMinID, e.PageMaxID, e.LatestPageNotificationAt = g.PageMinID, g.PageMaxID, &at
	}
	return e
}

// sideloadAccounts fills out.Accounts (and out.PartialAccounts when
// partial) with the groups' sample accounts.
func (h *Handler) sideloadAccounts(ctx context.Context, out *entity.GroupedNotificationsResults, groups []store.NotificationGroup, partial bool) error {
	var ids []string
	full := map[string]bool{}
	for _, g := range groups {
		ids = append(ids, g.SampleAccountIDs...)
		if len(g.SampleAccountIDs) > 0 {
			full[g.SampleAccountIDs[0]] = true
		}
	}
	accts, err := h.Store.AccountsByIDs(ctx, ids)
	if err != nil {
		return err
	}
	var fullAccts []*models.Account
	partials := []entity.PartialAccountWithAvatar{}
	seen := map[string]bool{}
	for _, a := range accts {
		switch {
		case seen[a.ID]:
		case !partial || full[a.ID]:
			fullAccts = append(fullAccts, a)
		default:
			partials = append(partials, entity.NewPartialAccount(h.Site, a))
		}
		seen[a.ID] = true
	}
	set, err := h.presentAccountSet(ctx, fullAccts)
	if err != nil {
		return err
	}
	out.Accounts = set.list
	if out.Accounts == nil {
		out.Accounts = []entity.Account{}
	}
	if partial {
		out.PartialAccounts = &partials
	}
	return nil
}
