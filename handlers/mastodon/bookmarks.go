package mastodon

import (
	"net/http"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// bookmarks answers GET /api/v1/bookmarks: the caller's bookmarked
// statuses it may still see, newest bookmark first, with a Link header
// (bookmark ids) and the caller's filters of every context applied.
func (h *Handler) bookmarks(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	me := auth.Account(r.Context())
	sts, info, err := h.Store.Bookmarks(r.Context(), me.ID, page)
	if err != nil {
		return err
	}
	return h.writeStatusPage(w, r, me, "", sts, info)
}

// favourites answers GET /api/v1/favourites, like bookmarks.
func (h *Handler) favourites(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	me := auth.Account(r.Context())
	sts, info, err := h.Store.Favourites(r.Context(), me.ID, page)
	if err != nil {
		return err
	}
	return h.writeStatusPage(w, r, me, "", sts, info)
}

// writeStatusPage answers with a page of statuses for viewer, filtered for
// filterContext (see applyFilters), and its Link header. The Link header
// follows the page as the store read it, so a page shortened by hide
// filters still leads on.
func (h *Handler) writeStatusPage(w http.ResponseWriter, r *http.Request, viewer *models.Account,
	filterContext string, sts []*models.Status, info store.PageInfo) error {
	h.setLink(w, r, info)
	return h.writeStatuses(w, r, viewer.ID, filterContext, sts)
}

// writeStatuses renders sts for viewerID ("" anonymous) with the filters
// of filterContext applied.
func (h *Handler) writeStatuses(w http.ResponseWriter, r *http.Request, viewerID, filterContext string, sts []*models.Status) error {
	out, err := h.presentStatuses(r.Context(), viewerID, sts)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, h.applyFilters(r.Context(), viewerID, filterContext, out))
}
