package mastodon

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// filterKeywords answers GET /api/v2/filters/{id}/keywords.
func (h *Handler) filterKeywords(w http.ResponseWriter, r *http.Request) error {
	f, err := h.Store.FilterByID(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, *entity.NewFilter(f).Keywords)
}

// filterKeywordAdd answers POST /api/v2/filters/{id}/keywords (keyword
// required; whole_word, default true).
func (h *Handler) filterKeywordAdd(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	kw, err := models.ValidateFilterText("Keyword", p.Get("keyword"), models.MaxFilterKeyword)
	if err != nil {
		return err
	}
	whole, set, err := p.Bool("whole_word")
	if err != nil {
		return err
	}
	k, err := h.Store.AddFilterKeyword(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"], kw, whole || !set)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewFilterKeyword(k))
}

// filterKeywordGet answers GET /api/v2/filters/keywords/{id}.
func (h *Handler) filterKeywordGet(w http.ResponseWriter, r *http.Request) error {
	k, err := h.Store.FilterKeywordByID(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewFilterKeyword(k))
}

// filterKeywordUpdate answers PUT /api/v2/filters/keywords/{id}: keyword
// (not blank) and whole_word change when sent.
func (h *Handler) filterKeywordUpdate(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	me := auth.Account(r.Context()).ID
	k, err := h.Store.FilterKeywordByID(r.Context(), me, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	if p.sentParam("keyword") {
		if k.Keyword, err = models.ValidateFilterText("Keyword", p.Get("keyword"), models.MaxFilterKeyword); err != nil {
			return err
		}
	}
	whole, set, err := p.Bool("whole_word")
	if err != nil {
		return err
	}
	if set {
		k.WholeWord = whole
	}
	if err := h.Store.UpdateFilterKeyword(r.Context(), me, k); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewFilterKeyword(k))
}

// filterKeywordDelete answers DELETE /api/v2/filters/keywords/{id} with {}.
func (h *Handler) filterKeywordDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.Store.DeleteFilterKeyword(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"], false); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}

// filterStatuses answers GET /api/v2/filters/{id}/statuses.
func (h *Handler) filterStatuses(w http.ResponseWriter, r *http.Request) error {
	f, err := h.Store.FilterByID(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, *entity.NewFilter(f).Statuses)
}

// filterStatusAdd answers POST /api/v2/filters/{id}/statuses (status_id of
// a status the caller may see; anything else is 404, a repeat 422).
func (h *Handler) filterStatusAdd(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	id := strings.TrimSpace(p.Get("status_id"))
	if id == "" {
		return respond.Unprocessable("Validation failed: Status can't be blank")
	}
	me := auth.Account(r.Context()).ID
	if _, err := h.Store.FilterByID(r.Context(), me, mux.Vars(r)["id"]); err != nil {
		return err
	}
	if _, err := h.Store.VisibleStatus(r.Context(), me, id); err != nil {
		return err
	}
	fs, err := h.Store.AddFilterStatus(r.Context(), me, mux.Vars(r)["id"], id)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewFilterStatus(fs))
}

// filterStatusGet answers GET /api/v2/filters/statuses/{id}.
func (h *Handler) filterStatusGet(w http.ResponseWriter, r *http.Request) error {
	fs, err := h.Store.FilterStatusByID(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewFilterStatus(fs))
}

// filterStatusDelete answers DELETE /api/v2/filters/statuses/{id} with the
// removed entry.
func (h *Handler) filterStatusDelete(w http.ResponseWriter, r *http.Request) error {
	fs, err := h.Store.DeleteFilterStatus(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewFilterStatus(fs))
}
