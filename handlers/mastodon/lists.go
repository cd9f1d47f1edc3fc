package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// listsIndex answers GET /api/v1/lists: the caller's lists, oldest first.
func (h *Handler) listsIndex(w http.ResponseWriter, r *http.Request) error {
	ls, err := h.Store.Lists(r.Context(), auth.Account(r.Context()).ID)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewLists(ls))
}

// listGet answers GET /api/v1/lists/{id}; another account's list is 404.
func (h *Handler) listGet(w http.ResponseWriter, r *http.Request) error {
	l, err := h.Store.ListByID(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewList(l))
}

// listCreate answers POST /api/v1/lists (title required; replies_policy
// followed, list or none, default list; exclusive).
func (h *Handler) listCreate(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	l := &models.List{AccountID: auth.Account(r.Context()).ID, RepliesPolicy: models.RepliesList}
	if err := applyListParams(p, l, true); err != nil {
		return err
	}
	if err := h.Store.CreateList(r.Context(), l); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewList(l))
}

// listUpdate answers PUT (or PATCH) /api/v1/lists/{id}: the parameters
// sent change, the others stay.
func (h *Handler) listUpdate(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	l, err := h.Store.ListByID(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	if err := applyListParams(p, l, false); err != nil {
		return err
	}
	if err := h.Store.UpdateList(r.Context(), l); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewList(l))
}

// applyListParams sets title, replies_policy and exclusive on l from p;
// a new list needs a title.
func applyListParams(p *params, l *models.List, create bool) error {
	if p.Has("title") || create {
		title, err := models.ValidateListTitle(p.Get("title"))
		if err != nil {
			return err
		}
		l.Title = title
	}
	if p.Has("replies_policy") {
		policy, err := models.ParseRepliesPolicy(p.Get("replies_policy"))
		if err != nil {
			return err
		}
		l.RepliesPolicy = policy
	}
	exclusive, set, err := p.Bool("exclusive")
	if err != nil {
		return err
	}
	if set {
		l.Exclusive = exclusive
	}
	return nil
}

// listDelete answers DELETE /api/v1/lists/{id} with {}.
func (h *Handler) listDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.Store.DeleteList(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"]); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}
