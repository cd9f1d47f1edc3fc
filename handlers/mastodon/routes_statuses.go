package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"
)

// routesStatuses registers this family's endpoints (statuses_*.go). Reads
// are public for what anyone may see and show more with a read token;
// writes need a user token with the scope Mastodon asks for.
func (h *Handler) routesStatuses(r *mux.Router) {
	read := h.Auth.Optional("read:statuses")
	write := h.Auth.RequireUser("write:statuses")
	h.handle(r, http.MethodGet, "/api/v1/statuses", read, h.statusIndex)
	h.handle(r, http.MethodPost, "/api/v1/statuses", write, h.statusCreate)

	const one = "/api/v1/statuses/{id}"
	h.handle(r, http.MethodGet, one, read, h.statusGet)
	h.handle(r, http.MethodPut, one, write, h.statusEdit)
	h.handle(r, http.MethodDelete, one, write, h.statusDelete)
	h.handle(r, http.MethodGet, one+"/context", read, h.statusContext)
	h.handle(r, http.MethodGet, one+"/history", read, h.statusHistory)
	h.handle(r, http.MethodGet, one+"/source", h.Auth.Require("read:statuses"), h.statusSource)

	readAccounts := h.Auth.Optional("read:statuses", "read:accounts")
	h.handle(r, http.MethodGet, one+"/favourited_by", readAccounts, h.statusAccounts(h.Store.FavouritedBy))
	h.handle(r, http.MethodGet, one+"/reblogged_by", readAccounts, h.statusAccounts(h.Store.RebloggedBy))

	h.handle(r, http.MethodPost, one+"/reblog", write, h.statusReblog)
	h.handle(r, http.MethodPost, one+"/unreblog", write, h.statusAction(h.actUnreblog))
	for _, a := range []struct {
		path, scope string
		act         statusActFunc
	}{
		{"/favourite", "write:favourites", h.actFavourite},
		{"/unfavourite", "write:favourites", h.actUnfavourite},
		{"/bookmark", "write:bookmarks", h.actBookmark},
		{"/unbookmark", "write:bookmarks", h.actUnbookmark},
		{"/pin", "write:accounts", h.actPin},
		{"/unpin", "write:accounts", h.actUnpin},
		{"/mute", "write:mutes", h.actMuteConversation},
		{"/unmute", "write:mutes", h.actUnmuteConversation},
	} {
		h.handle(r, http.MethodPost, one+a.path, h.Auth.RequireUser(a.scope), h.statusAction(a.act))
	}
}
