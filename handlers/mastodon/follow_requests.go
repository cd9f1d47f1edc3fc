package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
)

// followRequests answers GET /api/v1/follow_requests: the accounts waiting
// for the caller's approval (or to join a community the caller moderates:
// authorize and reject answer those too), newest request first, paged by
// the Link header.
func (h *Handler) followRequests(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	accts, info, err := h.Store.FollowRequests(r.Context(), auth.Account(r.Context()).ID, page)
	if err != nil {
		return err
	}
	return h.writeAccountPage(w, r, accts, info)
}

// authorizeFollowRequest answers POST /api/v1/follow_requests/{id}/authorize
// ({id} is the requesting account): the request becomes a follow. No such
// request is 404; authorizing an accepted follow again is fine.
func (h *Handler) authorizeFollowRequest(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	target, err := h.Store.FollowRequestTarget(r.Context(), auth.Account(r.Context()).ID, id)
	if err != nil {
		return err
	}
	if _, err := h.Store.AuthorizeFollowRequest(r.Context(), target, id); err != nil {
		return err
	}
	return h.writeRelationship(w, r, id)
}

// rejectFollowRequest answers POST /api/v1/follow_requests/{id}/reject:
// the request is dropped; no such request is 404.
func (h *Handler) rejectFollowRequest(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	target, err := h.Store.FollowRequestTarget(r.Context(), auth.Account(r.Context()).ID, id)
	if err != nil {
		return err
	}
	if _, err := h.Store.RejectFollowRequest(r.Context(), target, id); err != nil {
		return err
	}
	return h.writeRelationship(w, r, id)
}
