package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// listAccounts answers GET /api/v1/lists/{id}/accounts, newest member
// first with a Link header; limit=0 returns every member, unpaged.
func (h *Handler) listAccounts(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	all := r.URL.Query().Get("limit") == "0"
	accts, info, err := h.Store.ListAccounts(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"], page, all)
	if err != nil {
		return err
	}
	return h.writeAccountPage(w, r, accts, info)
}

// listAddAccounts answers POST /api/v1/lists/{id}/accounts (account_ids[])
// with {}. Unknown lists and accounts are 404; an account the caller does
// not follow is 422, as in Mastodon; members already there stay.
func (h *Handler) listAddAccounts(w http.ResponseWriter, r *http.Request) error {
	p, _, err := readParamsOrdered(r)
	if err != nil {
		return err
	}
	ids := p.Strings("account_ids")
	if err := h.Store.AddListAccounts(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"], ids); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}

// listRemoveAccounts answers DELETE /api/v1/lists/{id}/accounts
// (account_ids[], in the query or the body) with {}; accounts not in the
// list are ignored.
func (h *Handler) listRemoveAccounts(w http.ResponseWriter, r *http.Request) error {
	p, _, err := readParamsOrdered(r)
	if err != nil {
		return err
	}
	ids := p.Strings("account_ids")
	if err := h.Store.RemoveListAccounts(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"], ids); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}

// timelineList answers GET /api/v1/timelines/list/{list_id}: the list's
// statuses (store.ListTimeline) with the caller's filters for the home
// context applied, and a Link header. Another account's list is 404.
func (h *Handler) timelineList(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	me := auth.Account(r.Context())
	sts, info, err := h.Store.ListTimeline(r.Context(), me.ID, mux.Vars(r)["list_id"], page)
	if err != nil {
		return err
	}
	return h.writeStatusPage(w, r, me, models.FilterHome, sts, info)
}
