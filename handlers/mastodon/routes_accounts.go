package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"
)

// routesAccounts registers the accounts family: profiles, follows, blocks,
// mutes, follow requests and search. Fixed paths under /api/v1/accounts/
// come before /api/v1/accounts/{id}, which would otherwise match them.
func (h *Handler) routesAccounts(r *mux.Router) {
	const get, post = http.MethodGet, http.MethodPost
	user, optional := h.Auth.RequireUser, h.Auth.Optional

	h.handle(r, get, "/api/v1/accounts", nil, h.accountsByIDs)
	h.handle(r, get, "/api/v1/accounts/verify_credentials", user("read:accounts", "profile"), h.verifyCredentials)
	h.handle(r, http.MethodPatch, "/api/v1/accounts/update_credentials", user("write:accounts"), h.updateCredentials)
	h.handle(r, get, "/api/v1/accounts/relationships", user("read:follows"), h.relationships)
	h.handle(r, get, "/api/v1/accounts/familiar_followers", user("read:follows"), h.familiarFollowers)
	h.handle(r, get, "/api/v1/accounts/search", user("read:accounts"), h.accountSearch)
	h.handle(r, get, "/api/v1/accounts/lookup", nil, h.accountLookup)
	h.handle(r, get, "/api/v1/accounts/{id}", nil, h.accountGet)

	h.handle(r, get, "/api/v1/accounts/{id}/statuses", optional("read:statuses"), h.accountStatuses)
	h.handle(r, get, "/api/v1/accounts/{id}/followers", optional("read:accounts"), h.accountFollowers)
	h.handle(r, get, "/api/v1/accounts/{id}/following", optional("read:accounts"), h.accountFollowing)
	h.handle(r, get, "/api/v1/accounts/{id}/featured_tags", nil, h.accountFeaturedTags)
	h.handle(r, get, "/api/v1/accounts/{id}/lists", user("read:lists"), h.accountLists)

	h.handle(r, post, "/api/v1/accounts/{id}/follow", user("write:follows"), h.follow)
	h.handle(r, post, "/api/v1/accounts/{id}/unfollow", user("write:follows"), h.unfollow)
	h.handle(r, post, "/api/v1/accounts/{id}/remove_from_followers", user("write:follows"), h.removeFromFollowers)
	h.handle(r, post, "/api/v1/accounts/{id}/block", user("write:blocks"), h.block)
	h.handle(r, post, "/api/v1/accounts/{id}/unblock", user("write:blocks"), h.unblock)
	h.handle(r, post, "/api/v1/accounts/{id}/mute", user("write:mutes"), h.mute)
	h.handle(r, post, "/api/v1/accounts/{id}/unmute", user("write:mutes"), h.unmute)

	h.handle(r, get, "/api/v1/follow_requests", user("read:follows"), h.followRequests)
	h.handle(r, post, "/api/v1/follow_requests/{id}/authorize", user("write:follows"), h.authorizeFollowRequest)
	h.handle(r, post, "/api/v1/follow_requests/{id}/reject", user("write:follows"), h.rejectFollowRequest)
	h.handle(r, get, "/api/v1/blocks", user("read:blocks"), h.blocks)
	h.handle(r, get, "/api/v1/mutes", user("read:mutes"), h.mutes)
	h.handle(r, get, "/api/v1/featured_tags", user("read:accounts"), h.noAccountExtras)
	h.handle(r, get, "/api/v1/endorsements", user("read:accounts"), h.noAccountExtras)
}
