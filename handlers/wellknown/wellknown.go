// Package wellknown serves discovery: WebFinger, host-meta and NodeInfo.
package wellknown

import (
	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Handler serves /.well-known/* and /nodeinfo/*.
type Handler struct {
	Site    models.Site
	Store   *store.Store
	Version string
}

// Routes registers the discovery endpoints.
func (h *Handler) Routes(r *mux.Router) {}
