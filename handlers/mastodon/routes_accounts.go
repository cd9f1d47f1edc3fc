package mastodon

import "github.com/gorilla/mux"

// routesAccounts registers this family's endpoints.
func (h *Handler) routesAccounts(r *mux.Router) {
	h.handle(r, "GET", "/api/v1/accounts/lookup", nil, h.accountLookup)
	h.handle(r, "GET", "/api/v1/accounts/{id}", nil, h.accountGet)
}
