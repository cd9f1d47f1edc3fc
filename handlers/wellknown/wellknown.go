// Package wellknown serves discovery, the endpoints other servers and apps
// ask before anything else: WebFinger (RFC 7033), host-meta (RFC 6415) and
// NodeInfo 2.0/2.1. Every answer is built from the instance's Site, so ids,
// handles and links agree with --url.
package wellknown

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Handler serves /.well-known/* and /nodeinfo/*. It holds no state of its
// own beyond its configuration, so one value may serve requests concurrently.
type Handler struct {
	Site    models.Site
	Store   *store.Store
	Version string // Stoa's version, reported by NodeInfo
	// OpenRegistrations is what NodeInfo reports; registrations are closed
	// by default, so it stays false until a setting opens them.
	OpenRegistrations bool
}

// Routes registers the discovery endpoints for GET and HEAD. Browser
// clients may read them: handlers.WithCORS allows any origin on
// /.well-known/* and /nodeinfo/*.
func (h *Handler) Routes(r *mux.Router) {
	get := func(path string, fn respond.HandlerFunc) {
		r.Handle(path, respond.Wrap(fn)).Methods(http.MethodGet, http.MethodHead)
	}
	get("/.well-known/webfinger", h.webfinger)
	get("/.well-known/host-meta", h.hostMeta)
	get("/.well-known/host-meta.json", h.hostMetaJSON)
	get("/.well-known/nodeinfo", h.nodeInfoLinks)
	get("/nodeinfo/2.0", h.nodeInfo20)
	get("/nodeinfo/2.1", h.nodeInfo21)
}
