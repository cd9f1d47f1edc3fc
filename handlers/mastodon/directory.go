package mastodon

import (
	"net/http"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models/store"
)

// directory answers GET /api/v1/directory: discoverable accounts (offset,
// limit default 40 max 80, order active or new, local), never the instance
// actor. type=group lists communities only.
func (h *Handler) directory(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	limit, offset, err := limitOffset(r, store.AccountsPageDefault, store.AccountsPageMax)
	if err != nil {
		return err
	}
	f := store.DirectoryFilter{Order: p.Get("order"), Limit: limit, Offset: offset}
	switch f.Order {
	case "", store.DirectoryActive, store.DirectoryNew:
	default:
		return respond.Unprocessable("Validation failed: order must be active or new")
	}
	if f.Local, _, err = p.Bool("local"); err != nil {
		return err
	}
	switch p.Get("type") {
	case "":
	case "group":
		f.Groups = true
	default:
		return respond.Unprocessable("Validation failed: type must be group")
	}
	accts, err := h.Store.Directory(r.Context(), requesterID(r), f)
	if err != nil {
		return err
	}
	out, err := h.presentAccounts(r.Context(), accts)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, out)
}
