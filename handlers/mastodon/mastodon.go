// Package mastodon implements the Mastodon client API (/api/v1, /api/v2),
// one file per endpoint family; entity/ holds the JSON types.
package mastodon

import (
	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Handler serves the Mastodon client API.
type Handler struct {
	Site    models.Site
	Store   *store.Store
	Version string
}

// Routes registers the API endpoints on r (the root router).
func (h *Handler) Routes(r *mux.Router) {}
