package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/respond"
)

// routesClientSupport registers what apps call around their timelines,
// much of it at start-up: preferences, lists and the list timeline, tags,
// filters v1 and v2, announcements, trends, suggestions, bookmarks,
// favourites, conversations, the directory and search. Fixed paths come
// before {id} paths. GET /api/v1/search is gone in Mastodon 4 and stays 404.
func (h *Handler) routesClientSupport(r *mux.Router) {
	const get, post, del = http.MethodGet, http.MethodPost, http.MethodDelete
	user := h.Auth.RequireUser
	update := func(path, scope string, fn respond.HandlerFunc) {
		h.handle(r, http.MethodPut, path, user(scope), fn)
		h.handle(r, http.MethodPatch, path, user(scope), fn)
	}

	h.handle(r, get, "/api/v1/preferences", user("read:accounts"), h.preferences)

	h.handle(r, get, "/api/v1/lists", user("read:lists"), h.listsIndex)
	h.handle(r, post, "/api/v1/lists", user("write:lists"), h.listCreate)
	h.handle(r, get, "/api/v1/lists/{id}", user("read:lists"), h.listGet)
	update("/api/v1/lists/{id}", "write:lists", h.listUpdate)
	h.handle(r, del, "/api/v1/lists/{id}", user("write:lists"), h.listDelete)
	h.handle(r, get, "/api/v1/lists/{id}/accounts", user("read:lists"), h.listAccounts)
	h.handle(r, post, "/api/v1/lists/{id}/accounts", user("write:lists"), h.listAddAccounts)
	h.handle(r, del, "/api/v1/lists/{id}/accounts", user("write:lists"), h.listRemoveAccounts)
	h.handle(r, get, "/api/v1/timelines/list/{list_id}", user("read:lists"), h.timelineList)

	h.handle(r, get, "/api/v1/followed_tags", user("read:follows"), h.followedTags)
	h.handle(r, get, "/api/v1/tags/{name}", h.Auth.Optional(), h.tagGet)
	h.handle(r, post, "/api/v1/tags/{name}/follow", user("write:follows"), h.tagFollow)
	h.handle(r, post, "/api/v1/tags/{name}/unfollow", user("write:follows"), h.tagUnfollow)

	h.routesFilters(r)

	h.handle(r, get, "/api/v1/announcements", user(), h.announcements)
	h.handle(r, post, "/api/v1/announcements/{id}/dismiss", user("write:accounts"), h.announcementDismiss)
	for _, path := range []string{"/api/v1/trends", "/api/v1/trends/tags"} {
		h.handle(r, get, path, h.Auth.Optional(), h.trendsTags)
	}
	h.handle(r, get, "/api/v1/trends/statuses", h.Auth.Optional(), h.trendsStatuses)
	h.handle(r, get, "/api/v1/trends/links", nil, h.trendsLinks)
	h.handle(r, get, "/api/v1/suggestions", user("read", "read:accounts"), h.suggestionsV1)
	h.handle(r, get, "/api/v2/suggestions", user("read", "read:accounts"), h.suggestionsV2)
	h.handle(r, del, "/api/v1/suggestions/{account_id}", user("read", "write:accounts"), h.suggestionDismiss)

	h.handle(r, get, "/api/v1/bookmarks", user("read:bookmarks"), h.bookmarks)
	h.handle(r, get, "/api/v1/favourites", user("read:favourites"), h.favourites)

	h.handle(r, get, "/api/v1/conversations", user("read:statuses"), h.conversations)
	h.handle(r, del, "/api/v1/conversations/{id}", user("write:conversations"), h.conversationDelete)
	h.handle(r, post, "/api/v1/conversations/{id}/read", user("write:conversations"), h.conversationRead)

	h.handle(r, get, "/api/v1/directory", h.Auth.Optional(), h.directory)
	h.handle(r, get, "/api/v2/search", h.Auth.Optional("read:search"), h.search)
}

// routesFilters registers filters v2 and v1. Mastodon documents the
// keyword and status entries under /api/v2/filters/keywords/:id and
// /api/v2/filters/statuses/:id; /api/v2/filter_keywords/:id and
// /api/v2/filter_statuses/:id are served too.
func (h *Handler) routesFilters(r *mux.Router) {
	const get, post, put, del = http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
	read, write := h.Auth.RequireUser("read:filters"), h.Auth.RequireUser("write:filters")
	for _, base := range []string{"/api/v2/filters/keywords/{id}", "/api/v2/filter_keywords/{id}"} {
		h.handle(r, get, base, read, h.filterKeywordGet)
		h.handle(r, put, base, write, h.filterKeywordUpdate)
		h.handle(r, del, base, write, h.filterKeywordDelete)
	}
	for _, base := range []string{"/api/v2/filters/statuses/{id}", "/api/v2/filter_statuses/{id}"} {
		h.handle(r, get, base, read, h.filterStatusGet)
		h.handle(r, del, base, write, h.filterStatusDelete)
	}
	h.handle(r, get, "/api/v2/filters", read, h.filtersIndex)
	h.handle(r, post, "/api/v2/filters", write, h.filterCreate)
	h.handle(r, get, "/api/v2/filters/{id}", read, h.filterGet)
	h.handle(r, put, "/api/v2/filters/{id}", write, h.filterUpdate)
	h.handle(r, http.MethodPatch, "/api/v2/filters/{id}", write, h.filterUpdate)
	h.handle(r, del, "/api/v2/filters/{id}", write, h.filterDelete)
	h.handle(r, get, "/api/v2/filters/{id}/keywords", read, h.filterKeywords)
	h.handle(r, post, "/api/v2/filters/{id}/keywords", write, h.filterKeywordAdd)
	h.handle(r, get, "/api/v2/filters/{id}/statuses", read, h.filterStatuses)
	h.handle(r, post, "/api/v2/filters/{id}/statuses", write, h.filterStatusAdd)

	h.handle(r, get, "/api/v1/filters", read, h.filtersV1Index)
	h.handle(r, post, "/api/v1/filters", write, h.filterV1Create)
	h.handle(r, get, "/api/v1/filters/{id}", read, h.filterV1Get)
	h.handle(r, put, "/api/v1/filters/{id}", write, h.filterV1Update)
	h.handle(r, del, "/api/v1/filters/{id}", write, h.filterV1Delete)
}
