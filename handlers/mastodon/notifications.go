package mastodon

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Unread counts are capped: 100 by default, 1000 at most (as Mastodon).
const (
	unreadCountDefault = 100
	unreadCountMax     = 1000
)

// noSuchType is a notification type no row has: a types[] naming only
// unknown types selects nothing, as Mastodon's intersection does.
const noSuchType = "-"

// notificationFilter reads types[], exclude_types[] and account_id.
// Unknown types in types[] are ignored.
func notificationFilter(p *params) store.NotificationFilter {
	f := store.NotificationFilter{ExcludeTypes: p.Strings("exclude_types"), FromAccountID: p.Get("account_id")}
	if asked := p.Strings("types"); len(asked) > 0 {
		for _, t := range asked {
			if slices.Contains(models.NotificationTypes, t) {
				f.Types = append(f.Types, t)
			}
		}
		if len(f.Types) == 0 {
			f.Types = []string{noSuchType}
		}
	}
	return f
}

// notificationsList answers GET /api/v1/notifications (types[],
// exclude_types[], account_id, paging with a Link header).
func (h *Handler) notificationsList(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	p, err := readParams(r)
	if err != nil {
		return err
	}
	me := auth.Account(r.Context()).ID
	ns, info, err := h.Store.Notifications(r.Context(), me, notificationFilter(p), page)
	if err != nil {
		return err
	}
	out, err := h.presentNotifications(r.Context(), me, ns)
	if err != nil {
		return err
	}
	h.setLink(w, r, info)
	return respond.JSON(w, http.StatusOK, out)
}

// notificationGet answers GET /api/v1/notifications/:id; someone else's,
// unknown, or about a status the caller can no longer see is 404.
func (h *Handler) notificationGet(w http.ResponseWriter, r *http.Request) error {
	me := auth.Account(r.Context()).ID
	n, err := h.Store.NotificationByID(r.Context(), me, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	out, err := h.presentNotifications(r.Context(), me, []*models.Notification{n})
	if err != nil {
		return err
	}
	if len(out) == 0 {
		return respond.NotFound()
	}
	return respond.JSON(w, http.StatusOK, out[0])
}

// notificationsClear answers POST /api/v1/notifications/clear with {}.
func (h *Handler) notificationsClear(w http.ResponseWriter, r *http.Request) error {
	if err := h.Store.ClearNotifications(r.Context(), auth.Account(r.Context()).ID); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}

// notificationDismiss answers POST /api/v1/notifications/:id/dismiss with
// {}; an unknown id is 404.
func (h *Handler) notificationDismiss(w http.ResponseWriter, r *http.Request) error {
	err := h.Store.DismissNotification(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}

// notificationsUnread answers GET /api/v1/notifications/unread_count:
// {"count": n}, the notifications newer than the notifications marker
// (all of them without one), filtered as the list is, capped by limit.
func (h *Handler) notificationsUnread(w http.ResponseWriter, r *http.Request) error {
	p, limit, err := unreadParams(r)
	if err != nil {
		return err
	}
	me := auth.Account(r.Context()).ID
	after, err := h.lastReadNotification(r, me)
	if err != nil {
		return err
	}
	n, err := h.Store.CountNotifications(r.Context(), me, notificationFilter(p), after, limit)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, map[string]int{"count": n})
}

// unreadParams reads an unread_count request and its clamped limit.
func unreadParams(r *http.Request) (*params, int, error) {
	p, err := readParams(r)
	if err != nil {
		return nil, 0, err
	}
	limit, err := p.Int("limit", unreadCountDefault)
	switch {
	case err != nil:
		return nil, 0, err
	case limit <= 0:
		limit = unreadCountDefault
	case limit > unreadCountMax:
		limit = unreadCountMax
	}
	return p, limit, nil
}

// lastReadNotification is the caller's notifications marker, or "".
func (h *Handler) lastReadNotification(r *http.Request, accountID string) (string, error) {
	m, err := h.Store.Marker(r.Context(), accountID, models.MarkerNotifications)
	if errors.Is(err, models.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return strings.ToUpper(m.LastReadID), nil
}
