package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"
)

// routesNotifications registers notifications v1 (notifications.go) and
// the grouped v2 (notifications_grouped.go, notifications_policy.go).
// Fixed paths come before {id} and {group_key} paths.
func (h *Handler) routesNotifications(r *mux.Router) {
	read, write := h.Auth.RequireUser("read:notifications"), h.Auth.RequireUser("write:notifications")
	h.handle(r, http.MethodGet, "/api/v1/notifications", read, h.notificationsList)
	h.handle(r, http.MethodGet, "/api/v1/notifications/unread_count", read, h.notificationsUnread)
	h.handle(r, http.MethodPost, "/api/v1/notifications/clear", write, h.notificationsClear)
	h.handle(r, http.MethodGet, "/api/v1/notifications/{id}", read, h.notificationGet)
	h.handle(r, http.MethodPost, "/api/v1/notifications/{id}/dismiss", write, h.notificationDismiss)

	h.handle(r, http.MethodGet, "/api/v2/notifications", read, h.groupsList)
	h.handle(r, http.MethodGet, "/api/v2/notifications/unread_count", read, h.groupsUnread)
	h.handle(r, http.MethodGet, "/api/v2/notifications/policy", read, h.policyGet)
	h.handle(r, http.MethodPatch, "/api/v2/notifications/policy", write, h.policyUpdate)
	h.handle(r, http.MethodPut, "/api/v2/notifications/policy", write, h.policyUpdate)
	h.handle(r, http.MethodGet, "/api/v2/notifications/{group_key}", read, h.groupGet)
	h.handle(r, http.MethodPost, "/api/v2/notifications/{group_key}/dismiss", write, h.groupDismiss)
	h.handle(r, http.MethodGet, "/api/v2/notifications/{group_key}/accounts", read, h.groupAccounts)
}
