// Package web serves the HTML pages people see in a browser, rendered from
// templates embedded in static/.
package web

import (
	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Handler serves the web pages.
type Handler struct {
	Site  models.Site
	Store *store.Store
}

// Routes registers the web pages.
func (h *Handler) Routes(r *mux.Router) {}
