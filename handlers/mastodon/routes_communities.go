package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"
)

// routesCommunities registers Stoa's own communities API (docs/communities.md).
func (h *Handler) routesCommunities(r *mux.Router) {
	const get, post, del = http.MethodGet, http.MethodPost, http.MethodDelete
	user, optional := h.Auth.RequireUser, h.Auth.Optional
	const c = "/api/v1/communities/{id}"

	h.handle(r, get, "/api/v1/communities", optional("read:accounts"), h.communities)
	h.handle(r, post, "/api/v1/communities", user("write:accounts"), h.createCommunity)
	h.handle(r, get, c, optional("read:accounts"), h.community)
	h.handle(r, http.MethodPatch, c, user("write:accounts"), h.updateCommunity)
	h.handle(r, post, c+"/moderators/{account_id}", user("write:accounts"), h.addCommunityModerator)
	h.handle(r, del, c+"/moderators/{account_id}", user("write:accounts"), h.removeCommunityModerator)
	h.handle(r, post, c+"/statuses/{status_id}/remove", user("write:statuses"), h.removeCommunityStatus)
	h.handle(r, post, c+"/statuses/{status_id}/pin", user("write:statuses"), h.pinCommunityStatus)
	h.handle(r, post, c+"/statuses/{status_id}/unpin", user("write:statuses"), h.unpinCommunityStatus)
	h.handle(r, get, c+"/bans", user("read:blocks"), h.communityBans)
	h.handle(r, post, c+"/bans/{account_id}", user("write:blocks"), h.banFromCommunity)
	h.handle(r, del, c+"/bans/{account_id}", user("write:blocks"), h.unbanFromCommunity)
	h.handle(r, get, c+"/reports", user("read:accounts"), h.communityReports)
}
