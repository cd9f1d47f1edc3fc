package mastodon

import (
	"net/http"
	"slices"
	"time"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Filters v1 are seen through filters v2, as Mastodon 4 does: each v1
// filter is one keyword (its id is the keyword's), its phrase the keyword,
// irreversible means the filter's action is hide.

// filtersV1Index answers GET /api/v1/filters: every keyword of every filter.
func (h *Handler) filtersV1Index(w http.ResponseWriter, r *http.Request) error {
	fs, err := h.Store.Filters(r.Context(), auth.Account(r.Context()).ID)
	if err != nil {
		return err
	}
	out := []entity.V1Filter{}
	for _, f := range fs {
		for _, k := range f.Keywords {
			out = append(out, entity.NewV1Filter(f, k))
		}
	}
	return respond.JSON(w, http.StatusOK, out)
}

// filterV1Get answers GET /api/v1/filters/{id} (a keyword id).
func (h *Handler) filterV1Get(w http.ResponseWriter, r *http.Request) error {
	f, k, err := h.v1Filter(r)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewV1Filter(f, k))
}

// v1Filter loads the keyword named by {id} and its filter.
func (h *Handler) v1Filter(r *http.Request) (*models.Filter, *models.FilterKeyword, error) {
	me := auth.Account(r.Context()).ID
	k, err := h.Store.FilterKeywordByID(r.Context(), me, mux.Vars(r)["id"])
	if err != nil {
		return nil, nil, err
	}
	f, err := h.Store.FilterByID(r.Context(), me, k.FilterID)
	return f, k, err
}

// filterV1Create answers POST /api/v1/filters (phrase, context[] required;
// irreversible, whole_word default false; expires_in): a filter titled
// with the phrase, holding it as its one keyword.
func (h *Handler) filterV1Create(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	phrase, err := models.ValidateFilterText("Phrase", p.Get("phrase"), models.MaxFilterKeyword)
	if err != nil {
		return err
	}
	ctxs, err := models.ParseFilterContexts(p.Strings("context"))
	if err != nil {
		return err
	}
	irreversible, _, err := p.Bool("irreversible")
	if err != nil {
		return err
	}
	whole, _, err := p.Bool("whole_word")
	if err != nil {
		return err
	}
	expires, _, err := expiresParam(p, time.Now())
	if err != nil {
		return err
	}
	f := &models.Filter{AccountID: auth.Account(r.Context()).ID, Title: phrase, Context: ctxs,
		Action: v1Action(irreversible), ExpiresAt: expires}
	saved, err := h.Store.SaveFilter(r.Context(), f, []store.KeywordChange{{Keyword: &phrase, WholeWord: &whole}})
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, entity.NewV1Filter(saved, saved.Keywords[0]))
}

func v1Action(irreversible bool) string {
	if irreversible {
		return models.FilterHide
	}
	return models.FilterWarn
}

// filterV1Update answers PUT /api/v1/filters/{id}: phrase and whole_word
// change the keyword; context[], irreversible and expires_in change its
// filter, which is refused (422) when the filter has other keywords.
func (h *Handler) filterV1Update(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	f, k, err := h.v1Filter(r)
	if err != nil {
		return err
	}
	change := store.KeywordChange{ID: k.ID}
	if p.sentParam("phrase") {
		phrase, err := models.ValidateFilterText("Phrase", p.Get("phrase"), models.MaxFilterKeyword)
		if err != nil {
			return err
		}
		change.Keyword = &phrase
	}
	if whole, set, err := p.Bool("whole_word"); err != nil {
		return err
	} else if set {
		change.WholeWord = &whole
	}
	before := *f
	if err := applyV1FilterParams(p, f); err != nil {
		return err
	}
	if len(f.Keywords) > 1 && !sameV1Settings(&before, f) {
		return respond.Unprocessable("Validation failed: this filter has several keywords; change it with filters v2")
	}
	saved, err := h.Store.SaveFilter(r.Context(), f, []store.KeywordChange{change})
	if err != nil {
		return err
	}
	for _, sk := range saved.Keywords {
		if sk.ID == k.ID {
			return respond.JSON(w, http.StatusOK, entity.NewV1Filter(saved, sk))
		}
	}
	return respond.NotFound()
}

// applyV1FilterParams sets the filter-wide settings a v1 update may send.
func applyV1FilterParams(p *params, f *models.Filter) error {
	if ctxs := p.Strings("context"); len(ctxs) > 0 {
		c, err := models.ParseFilterContexts(ctxs)
		if err != nil {
			return err
		}
		f.Context = c
	}
	irreversible, set, err := p.Bool("irreversible")
	if err != nil {
		return err
	}
	if set {
		f.Action = v1Action(irreversible)
	}
	at, set, err := expiresParam(p, time.Now())
	if err != nil {
		return err
	}
	if set {
		f.ExpiresAt = at
	}
	return nil
}

// sameV1Settings reports whether a and b agree on context, action and
// expiry (to the second, since expires_in is counted from now).
func sameV1Settings(a, b *models.Filter) bool {
	sameExpiry := (a.ExpiresAt == nil) == (b.ExpiresAt == nil)
	if sameExpiry && a.ExpiresAt != nil {
		d := a.ExpiresAt.Sub(*b.ExpiresAt)
		sameExpiry = d < 2*time.Second && d > -2*time.Second
	}
	ac, bc := slices.Clone(a.Context), slices.Clone(b.Context)
	slices.Sort(ac)
	slices.Sort(bc)
	return sameExpiry && slices.Equal(ac, bc) && a.Action == b.Action
}

// filterV1Delete answers DELETE /api/v1/filters/{id} with {}: the keyword
// goes, and its filter with it when nothing else is left in it.
func (h *Handler) filterV1Delete(w http.ResponseWriter, r *http.Request) error {
	if err := h.Store.DeleteFilterKeyword(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"], true); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}
