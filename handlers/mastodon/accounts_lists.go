package mastodon

import (
	"context"
	"net/http"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// accountStatuses answers GET /api/v1/accounts/{id}/statuses: the
// account's statuses and reblogs the caller may see, newest first, with
// Mastodon's filters and a Link header. only_media returns nothing until
// media exist; exclude_sensitive is not supported and ignored.
func (h *Handler) accountStatuses(w http.ResponseWriter, r *http.Request) error {
	a, err := h.pathAccount(r)
	if err != nil {
		return err
	}
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	p, err := readParams(r)
	if err != nil {
		return err
	}
	f := store.AccountStatusesFilter{Tagged: p.Get("tagged")}
	for _, b := range []struct {
		name string
		dst  *bool
	}{
		{"exclude_replies", &f.ExcludeReplies}, {"exclude_reblogs", &f.ExcludeReblogs},
		{"only_media", &f.OnlyMedia}, {"pinned", &f.Pinned},
	} {
		if *b.dst, _, err = p.Bool(b.name); err != nil {
			return err
		}
	}
	viewer := requesterID(r)
	sts, info, err := h.Store.AccountStatuses(r.Context(), viewer, a.ID, f, page)
	if err != nil {
		return err
	}
	out, err := h.presentStatuses(r.Context(), viewer, sts)
	if err != nil {
		return err
	}
	h.setLink(w, r, info)
	return respond.JSON(w, http.StatusOK, out)
}

// accountFollowers answers GET /api/v1/accounts/{id}/followers, newest
// follow first, paged by the Link header. Hiding one's collections is not
// supported yet, so the list is always shown.
func (h *Handler) accountFollowers(w http.ResponseWriter, r *http.Request) error {
	return h.followList(w, r, h.Store.Followers)
}

// accountFollowing answers GET /api/v1/accounts/{id}/following, like
// accountFollowers.
func (h *Handler) accountFollowing(w http.ResponseWriter, r *http.Request) error {
	return h.followList(w, r, h.Store.Following)
}

// accountLister is a store method listing the accounts related to one.
type accountLister func(ctx context.Context, accountID string, p store.Page) ([]*models.Account, store.PageInfo, error)

func (h *Handler) followList(w http.ResponseWriter, r *http.Request, list accountLister) error {
	a, err := h.pathAccount(r)
	if err != nil {
		return err
	}
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	accts, info, err := list(r.Context(), a.ID, page)
	if err != nil {
		return err
	}
	return h.writeAccountPage(w, r, accts, info)
}
