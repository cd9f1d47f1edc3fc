// Package oauth implements the OAuth 2 subset Mastodon apps use: app
// registration, the authorization-code flow with sign-in and consent pages,
// the token endpoint and revocation.
package oauth

import (
	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Handler serves /oauth/* and /api/v1/apps.
type Handler struct {
	Site  models.Site
	Store *store.Store
}

// Routes registers the OAuth endpoints.
func (h *Handler) Routes(r *mux.Router) {}
