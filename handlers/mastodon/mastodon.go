// Package mastodon implements the Mastodon client API (/api/v1, /api/v2),
// one file per endpoint family; entity/ holds the JSON types. It never
// imports federation: writes go to the store, and federation picks them up.
package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Handler serves the Mastodon client API. It holds no mutable state.
type Handler struct {
	Site    models.Site
	Store   *store.Store
	Version string // Stoa's own version, e.g. 0.1.0
	Auth    *auth.Authenticator
	// Resolver finds remote accounts and statuses for searches with
	// resolve=true (resolve.go); nil finds only what is stored.
	Resolver Resolver
	// MediaDir holds uploaded files (<data-dir>/media).
	MediaDir string
}

// Routes registers the API endpoints on r (the root router). gorilla/mux
// matches in registration order, so each family registers its fixed paths
// (accounts/verify_credentials) before its {id} routes, and families whose
// paths overlap are called in that order.
func (h *Handler) Routes(r *mux.Router) {
	h.routesInstance(r)
	h.routesAccounts(r)
	h.routesStatuses(r)
	h.routesTimelines(r)
	h.routesNotifications(r)
	h.routesClientSupport(r)
	h.routesCommunities(r)
	h.routesDomainBlocks(r)
	h.routesMedia(r)
}

// guard wraps a handler with an auth requirement; nil means public.
type guard func(http.Handler) http.Handler

// handle registers fn for method and path behind g.
func (h *Handler) handle(r *mux.Router, method, path string, g guard, fn respond.HandlerFunc) {
	var hh http.Handler = respond.Wrap(fn)
	if g != nil {
		hh = g(hh)
	}
	methods := []string{method}
	if method == http.MethodGet {
		methods = append(methods, http.MethodHead)
	}
	r.Handle(path, hh).Methods(methods...)
}

// routesInstance registers the public instance endpoints (instance.go,
// instance_extra.go) and public account reads (accounts_public.go).
func (h *Handler) routesInstance(r *mux.Router) {
	get := func(path string, fn respond.HandlerFunc) { h.handle(r, http.MethodGet, path, nil, fn) }
	get("/api/v1/instance", h.instanceV1)
	get("/api/v2/instance", h.instanceV2)
	get("/api/v1/instance/peers", h.instancePeers)
	get("/api/v1/instance/activity", h.instanceActivity)
	get("/api/v1/instance/rules", h.instanceRules)
	get("/api/v1/instance/extended_description", h.extendedDescription)
	get("/api/v1/instance/translation_languages", h.translationLanguages)
	get("/api/v1/custom_emojis", h.customEmojis)
}
