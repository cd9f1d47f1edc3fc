package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models/store"
)

// suggestedAccounts renders the caller's follow suggestions (limit default
// 40, max 80): discoverable accounts it does not follow, the most followed
// on this instance first (store.Suggestions).
func (h *Handler) suggestedAccounts(r *http.Request) ([]entity.Account, error) {
	limit, _, err := limitOffset(r, store.AccountsPageDefault, store.AccountsPageMax)
	if err != nil {
		return nil, err
	}
	accts, err := h.Store.Suggestions(r.Context(), auth.Account(r.Context()).ID, limit)
	if err != nil {
		return nil, err
	}
	return h.presentAccounts(r.Context(), accts)
}

// suggestionsV1 answers GET /api/v1/suggestions with accounts.
func (h *Handler) suggestionsV1(w http.ResponseWriter, r *http.Request) error {
	out, err := h.suggestedAccounts(r)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, out)
}

// suggestionsV2 answers GET /api/v2/suggestions with Suggestion entities
// (source global, sources most_followed).
func (h *Handler) suggestionsV2(w http.ResponseWriter, r *http.Request) error {
	accts, err := h.suggestedAccounts(r)
	if err != nil {
		return err
	}
	out := make([]entity.Suggestion, 0, len(accts))
	for _, a := range accts {
		out = append(out, entity.Suggestion{Source: "global", Sources: []string{"most_followed"}, Account: a})
	}
	return respond.JSON(w, http.StatusOK, out)
}

// suggestionDismiss answers DELETE /api/v1/suggestions/{account_id} with
// {}: that account is not suggested again. Unknown ids succeed too, as in
// Mastodon.
func (h *Handler) suggestionDismiss(w http.ResponseWriter, r *http.Request) error {
	err := h.Store.DismissSuggestion(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["account_id"])
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}
