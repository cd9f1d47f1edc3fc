// Package activitypub serves the ActivityPub documents of local actors and
// objects (GET); inbox POSTs are served by the federation package.
package activitypub

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Handler serves actor documents and collections.
type Handler struct {
	Site  models.Site
	Store *store.Store
	// HTML serves the same paths to browsers (content negotiation).
	HTML http.Handler
}

// Routes registers the ActivityPub GET endpoints.
func (h *Handler) Routes(r *mux.Router) {}
