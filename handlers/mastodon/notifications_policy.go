package mastodon

import (
	"context"
	"net/http"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models/store"
)

// policyFields are the settings PATCH /api/v2/notifications/policy takes.
var policyFields = []string{
	"for_not_following", "for_not_followers", "for_new_accounts",
	"for_private_mentions", "for_limited_accounts", "for_bots",
}

// policyGet answers GET /api/v2/notifications/policy. Stoa filters no
// notifications, so every setting is "accept" and nothing is pending.
func (h *Handler) policyGet(w http.ResponseWriter, r *http.Request) error {
	return respond.JSON(w, http.StatusOK, entity.AcceptAllPolicy())
}

// policyUpdate answers PATCH /api/v2/notifications/policy. Values are
// checked (accept, filter or drop; anything else is 422) but not stored:
// the answer is the policy in force, which accepts everything.
func (h *Handler) policyUpdate(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	for _, f := range policyFields {
		switch p.Get(f) {
		case "", entity.PolicyAccept, entity.PolicyFilter, entity.PolicyDrop:
		default:
			return respond.Unprocessable(f + " must be accept, filter or drop")
		}
	}
	return respond.JSON(w, http.StatusOK, entity.AcceptAllPolicy())
}

// groupsUnread answers GET /api/v2/notifications/unread_count: the number
// of groups (grouped_types[] as for the list) with notifications newer
// than the notifications marker, capped by limit (100; at most 1000).
func (h *Handler) groupsUnread(w http.ResponseWriter, r *http.Request) error {
	p, limit, err := unreadParams(r)
	if err != nil {
		return err
	}
	me := auth.Account(r.Context()).ID
	after, err := h.lastReadNotification(r, me)
	if err != nil {
		return err
	}
	n, err := h.countGroups(r.Context(), me, notificationFilter(p), groupedTypesParam(p), after, limit)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, map[string]int{"count": n})
}

// countGroups counts the groups of notifications newer than after, walking
// upwards a page of groups at a time until limit is reached.
func (h *Handler) countGroups(ctx context.Context, accountID string, f store.NotificationFilter, grouped []string, after string, limit int) (int, error) {
	seen := map[string]bool{}
	page := store.Page{MinID: after, Limit: store.NotificationsPageMax}
	if page.MinID == "" {
		page.MinID = "0" // below every id: start from the oldest
	}
	for len(seen) < limit {
		groups, info, err := h.Store.NotificationGroups(ctx, accountID, f, grouped, page)
		if err != nil || len(groups) == 0 {
			return min(len(seen), limit), err
		}
		for _, g := range groups {
			seen[g.GroupKey] = true
		}
		page.MinID = info.PrevMinID
	}
	return min(len(seen), limit), nil
}
