package mastodon

import (
	"context"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// pathAccount loads the account named by the {id} path variable: unknown
// ids and the instance actor are 404.
func (h *Handler) pathAccount(r *http.Request) (*models.Account, error) {
	a, err := h.Store.AccountByID(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		return nil, err
	}
	if hidden(a) {
		return nil, respond.NotFound()
	}
	return a, nil
}

// requesterID is the id of the account the request acts as, "" when anonymous.
func requesterID(r *http.Request) string {
	if a := auth.Account(r.Context()); a != nil {
		return a.ID
	}
	return ""
}

// relationship renders how viewer relates to target.
func (h *Handler) relationship(ctx context.Context, viewer, target string) (entity.Relationship, error) {
	rels, err := h.Store.Relationships(ctx, viewer, []string{target})
	if err != nil {
		return entity.Relationship{}, err
	}
	return entity.NewRelationship(rels[0]), nil
}

// writeRelationship answers with the viewer's relationship to target.
func (h *Handler) writeRelationship(w http.ResponseWriter, r *http.Request, target string) error {
	rel, err := h.relationship(r.Context(), requesterID(r), target)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, rel)
}

// writeAccountPage answers with a page of accounts and its Link header;
// the instance actor is left out.
func (h *Handler) writeAccountPage(w http.ResponseWriter, r *http.Request, accts []*models.Account, info store.PageInfo) error {
	shown := make([]*models.Account, 0, len(accts))
	for _, a := range accts {
		if !hidden(a) {
			shown = append(shown, a)
		}
	}
	out, err := h.presentAccounts(r.Context(), shown)
	if err != nil {
		return err
	}
	h.setLink(w, r, info)
	return respond.JSON(w, http.StatusOK, out)
}

// noAccountExtras answers 200 [] for what Stoa does not have yet
// (featured tags, endorsements), so clients do not stumble on a 404.
func (h *Handler) noAccountExtras(w http.ResponseWriter, r *http.Request) error {
	return respond.JSON(w, http.StatusOK, []any{})
}

// accountFeaturedTags answers GET /api/v1/accounts/{id}/featured_tags:
// [] until featured tags exist; unknown accounts are 404.
func (h *Handler) accountFeaturedTags(w http.ResponseWriter, r *http.Request) error {
	if _, err := h.pathAccount(r); err != nil {
		return err
	}
	return h.noAccountExtras(w, r)
}

// accountLists answers GET /api/v1/accounts/{id}/lists: the caller's
// lists that hold the account, oldest first ([] when none).
func (h *Handler) accountLists(w http.ResponseWriter, r *http.Request) error {
	a, err := h.pathAccount(r)
	if err != nil {
		return err
	}
	ls, err := h.Store.ListsWithAccount(r.Context(), auth.Account(r.Context()).ID, a.ID)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewLists(ls))
}
