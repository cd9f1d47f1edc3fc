package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// filtersIndex answers GET /api/v2/filters: the caller's filters, oldest
// first, with keywords and statuses (expired ones too, as in Mastodon).
func (h *Handler) filtersIndex(w http.ResponseWriter, r *http.Request) error {
	fs, err := h.Store.Filters(r.Context(), auth.Account(r.Context()).ID)
	if err != nil {
		return err
	}
	out := make([]entity.Filter, 0, len(fs))
	for _, f := range fs {
		out = append(out, entity.NewFilter(f))
	}
	return respond.JSON(w, http.StatusOK, out)
}

// filterGet answers GET /api/v2/filters/{id}; another account's is 404.
func (h *Handler) filterGet(w http.ResponseWriter, r *http.Request) error {
	f, err := h.Store.FilterByID(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewFilter(f))
}

// filterCreate answers POST /api/v2/filters: title and context[] are
// required; filter_action (warn, hide, blur; default warn), expires_in
// (seconds) and keywords_attributes[] (keyword, whole_word) are optional.
// A keyword id is 404 here, as in Mastodon.
func (h *Handler) filterCreate(w http.ResponseWriter, r *http.Request) error {
	p, pairs, err := readParamsOrdered(r)
	if err != nil {
		return err
	}
	f := &models.Filter{AccountID: auth.Account(r.Context()).ID}
	if err := applyFilterParams(p, f, true); err != nil {
		return err
	}
	changes, err := keywordChanges(p, pairs)
	if err != nil {
		return err
	}
	for _, c := range changes {
		if c.ID != "" {
			return respond.NotFound()
		}
	}
	saved, err := h.Store.SaveFilter(r.Context(), f, changes)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewFilter(saved))
}

// filterUpdate answers PUT /api/v2/filters/{id}: what is sent changes;
// keywords_attributes[] with an id edits (or, with _destroy, removes) that
// keyword of this filter (another id is 404), without one adds a keyword.
func (h *Handler) filterUpdate(w http.ResponseWriter, r *http.Request) error {
	p, pairs, err := readParamsOrdered(r)
	if err != nil {
		return err
	}
	f, err := h.Store.FilterByID(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	if err := applyFilterParams(p, f, false); err != nil {
		return err
	}
	changes, err := keywordChanges(p, pairs)
	if err != nil {
		return err
	}
	saved, err := h.Store.SaveFilter(r.Context(), f, changes)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewFilter(saved))
}

// filterDelete answers DELETE /api/v2/filters/{id} with {}.
func (h *Handler) filterDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.Store.DeleteFilter(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"]); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}
