// Package mastodon implements the Mastodon client API (/api/v1, /api/v2),
// one file per endpoint family; entity/ holds the JSON types. It never
// imports federation: writes go to the store, and federation picks them up.
package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Handler serves the Mastodon client API. It holds no mutable state.
type Handler struct {
	Site    models.Site
	Store   *store.Store
	Version string // Stoa's own version, e.g. 0.1.0
}

// Routes registers the API endpoints on r (the root router). Fixed paths
// come before the {id} routes they would otherwise match.
func (h *Handler) Routes(r *mux.Router) {
	get := func(path string, fn respond.HandlerFunc) {
		r.Handle(path, respond.Wrap(fn)).Methods(http.MethodGet, http.MethodHead)
	}
	// Instance (instance.go, instance_extra.go).
	get("/api/v1/instance", h.instanceV1)
	get("/api/v2/instance", h.instanceV2)
	get("/api/v1/instance/peers", h.instancePeers)
	get("/api/v1/instance/activity", h.instanceActivity)
	get("/api/v1/instance/rules", h.instanceRules)
	get("/api/v1/instance/extended_description", h.extendedDescription)
	get("/api/v1/instance/translation_languages", h.translationLanguages)
	get("/api/v1/custom_emojis", h.customEmojis)

	// Accounts, public reads (accounts_public.go).
	get("/api/v1/accounts/lookup", h.accountLookup)
	get("/api/v1/accounts/{id}", h.accountGet)
}
