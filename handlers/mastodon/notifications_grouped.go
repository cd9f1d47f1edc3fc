package mastodon

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// ungroupedPrefix starts the key of a group of one notification:
// "ungrouped-" + the notification id.
const ungroupedPrefix = "ungrouped-"

// groupableTypes are the types Stoa stores a shared group key for.
var groupableTypes = []string{
	models.NotificationFavourite, models.NotificationReblog,
	models.NotificationFollow, models.NotificationAdminSignUp,
}

// groupedTypesParam reads grouped_types[]: nil (the store's default) when
// absent; the known groupable types named otherwise, or a type no row has
// when none is, so that nothing groups.
func groupedTypesParam(p *params) []string {
	asked := p.Strings("grouped_types")
	if len(asked) == 0 {
		return nil
	}
	out := []string{noSuchType}
	for _, t := range asked {
		if slices.Contains(groupableTypes, t) {
			out = append(out, t)
		}
	}
	return out
}

// groupsList answers GET /api/v2/notifications: one entry per group, the
// group with the newest notification first, with accounts and statuses
// sideloaded; expand_accounts=partial_avatars moves all but each group's
// newest sender to partial_accounts.
func (h *Handler) groupsList(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	p, err := readParams(r)
	if err != nil {
		return err
	}
	partial, err := expandPartial(p)
	if err != nil {
		return err
	}
	me := auth.Account(r.Context()).ID
	groups, info, err := h.Store.NotificationGroups(r.Context(), me, notificationFilter(p), groupedTypesParam(p), page)
	if err != nil {
		return err
	}
	out, err := h.presentGroups(r.Context(), me, groups, partial, true)
	if err != nil {
		return err
	}
	h.setLink(w, r, info)
	return respond.JSON(w, http.StatusOK, out)
}

// expandPartial reads expand_accounts: full (the default) or
// partial_avatars; anything else is 422.
func expandPartial(p *params) (bool, error) {
	switch p.Get("expand_accounts") {
	case "", "full":
		return false, nil
	case "partial_avatars":
		return true, nil
	}
	return false, respond.Unprocessable("expand_accounts must be full or partial_avatars")
}

// groupGet answers GET /api/v2/notifications/:group_key with that one
// group (without page attributes); unknown keys are 404.
func (h *Handler) groupGet(w http.ResponseWriter, r *http.Request) error {
	me := auth.Account(r.Context()).ID
	g, err := h.groupByKey(r.Context(), me, mux.Vars(r)["group_key"])
	if err != nil {
		return err
	}
	out, err := h.presentGroups(r.Context(), me, []store.NotificationGroup{g}, false, false)
	if err != nil {
		return err
	}
	if len(out.NotificationGroups) == 0 {
		return respond.NotFound()
	}
	return respond.JSON(w, http.StatusOK, out)
}

// groupByKey finds one of accountID's groups by key, over all its
// notifications; "ungrouped-ID" names the single notification ID.
func (h *Handler) groupByKey(ctx context.Context, accountID, key string) (store.NotificationGroup, error) {
	if id, ok := strings.CutPrefix(key, ungroupedPrefix); ok {
		n, err := h.Store.NotificationByID(ctx, accountID, id)
		if err != nil {
			return store.NotificationGroup{}, err
		}
		return store.NotificationGroup{
			GroupKey: key, Count: 1, PageMinID: n.ID, PageMaxID: n.ID, LatestAt: n.CreatedAt,
			Latest: n, SampleAccountIDs: []string{n.FromAccountID},
		}, nil
	}
	groups, _, err := h.Store.NotificationGroups(ctx, accountID, store.NotificationFilter{GroupKey: key},
		groupableTypes, store.Page{Limit: 1})
	if err != nil {
		return store.NotificationGroup{}, err
	}
	if len(groups) == 0 || groups[0].GroupKey != key {
		return store.NotificationGroup{}, models.ErrNotFound
	}
	return groups[0], nil
}

// groupDismiss answers POST /api/v2/notifications/:group_key/dismiss: it
// deletes every notification of the group and answers {}; unknown keys
// are 404.
func (h *Handler) groupDismiss(w http.ResponseWriter, r *http.Request) error {
	me, key := auth.Account(r.Context()).ID, mux.Vars(r)["group_key"]
	var err error
	if id, ok := strings.CutPrefix(key, ungroupedPrefix); ok {
		err = h.Store.DismissNotification(r.Context(), me, id)
	} else {
		err = h.Store.DismissNotificationGroup(r.Context(), me, key)
	}
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}

// groupAccounts answers GET /api/v2/notifications/:group_key/accounts:
// the group's senders, newest first (the senders of its newest 80
// notifications).
func (h *Handler) groupAccounts(w http.ResponseWriter, r *http.Request) error {
	me, key := auth.Account(r.Context()).ID, mux.Vars(r)["group_key"]
	var ns []*models.Notification
	if id, ok := strings.CutPrefix(key, ungroupedPrefix); ok {
		n, err := h.Store.NotificationByID(r.Context(), me, id)
		if err != nil {
			return err
		}
		ns = []*models.Notification{n}
	} else {
		var err error
		ns, _, err = h.Store.Notifications(r.Context(), me, store.NotificationFilter{GroupKey: key},
			store.Page{Limit: store.NotificationsPageMax})
		if err != nil {
			return err
		}
	}
	ns, err := h.visibleNotifications(r.Context(), me, ns)
	if err != nil {
		return err
	}
	if len(ns) == 0 {
		return respond.NotFound()
	}
	senders := make([]*models.Account, 0, len(ns))
	for _, n := range ns {
		senders = append(senders, n.FromAccount)
	}
	set, err := h.presentAccountSet(r.Context(), senders)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, set.list)
}
