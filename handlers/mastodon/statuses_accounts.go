package mastodon

import (
	"context"
	"net/http"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// statusAccountLister lists accounts that acted on a status, paged.
type statusAccountLister func(ctx context.Context, statusID string, p store.Page) ([]*models.Account, store.PageInfo, error)

// statusAccounts answers GET /api/v1/statuses/:id/favourited_by and
// /reblogged_by: 404 when the caller may not see the status, else the
// accounts (of the original, for a reblog), newest first, with a Link
// header for the next and previous pages.
func (h *Handler) statusAccounts(list statusAccountLister) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		st, err := h.statusFromPath(r)
		if err != nil {
			return err
		}
		page, err := pageParams(r)
		if err != nil {
			return err
		}
		accts, info, err := list(ctx, st.Target().ID, page)
		if err != nil {
			return err
		}
		shown := accts[:0]
		for _, a := range accts {
			if !hidden(a) {
				shown = append(shown, a)
			}
		}
		out, err := h.presentAccounts(ctx, shown)
		if err != nil {
			return err
		}
		h.setLink(w, r, info)
		return respond.JSON(w, http.StatusOK, out)
	}
}
