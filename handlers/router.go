// Package handlers builds Stoa's HTTP surface: one gorilla/mux router with
// the middleware every request passes through, and a subpackage per family
// of endpoints (Mastodon API, OAuth, ActivityPub, well-known, web pages).
package handlers

import (
	"log/slog"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/activitypub"
	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon"
	"github.com/stoa-social/stoa/handlers/oauth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/handlers/streaming"
	"github.com/stoa-social/stoa/handlers/web"
	"github.com/stoa-social/stoa/handlers/wellknown"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/stream"
)

// Config is what the router needs from the instance.
type Config struct {
	Site    models.Site
	Store   *store.Store
	Version string // Stoa's own version, e.g. 0.1.0
	Logger  *slog.Logger
	// Inbox serves POST /inbox and /users/{username}/inbox. It comes from the
	// federation side so that handlers never import go-fed.
	Inbox http.Handler
	// Objects serves GETs of local statuses, activities and collections
	// (signed fetch); it comes from the federation side too.
	Objects http.Handler
	// Events feeds the streaming API; nil serves no streaming endpoints.
	Events stream.Source
	// Resolver looks up remote accounts and statuses for searches with
	// resolve=true (the federation side); nil finds only stored ones.
	Resolver mastodon.Resolver
	// MediaDir holds uploaded media files (<data-dir>/media).
	MediaDir string
}

// New returns the instance's root handler.
func New(cfg Config) http.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	r := mux.NewRouter()
	r.NotFoundHandler = respond.Wrap(func(w http.ResponseWriter, r *http.Request) error {
		return &respond.Error{Status: http.StatusNotFound, Msg: "Not found"}
	})
	r.MethodNotAllowedHandler = respond.Wrap(func(w http.ResponseWriter, r *http.Request) error {
		return &respond.Error{Status: http.StatusMethodNotAllowed, Msg: "Method not allowed"}
	})

	r.Handle("/livez", respond.Wrap(func(w http.ResponseWriter, r *http.Request) error {
		return respond.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/readyz", respond.Wrap(func(w http.ResponseWriter, r *http.Request) error {
		if err := cfg.Store.Ping(r.Context()); err != nil {
			cfg.Logger.Warn("not ready", "err", err)
			return &respond.Error{Status: http.StatusServiceUnavailable, Msg: "Database unavailable"}
		}
		return respond.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})).Methods(http.MethodGet, http.MethodHead)

	// Each family registers its own routes; order matters only where paths
	// overlap (none do).
	(&wellknown.Handler{Site: cfg.Site, Store: cfg.Store, Version: cfg.Version}).Routes(r)
	signIn := &oauth.Handler{Site: cfg.Site, Store: cfg.Store}
	signIn.Routes(r)
	masto := &mastodon.Handler{Site: cfg.Site, Store: cfg.Store, Version: cfg.Version, Auth: auth.New(cfg.Store),
		Resolver: cfg.Resolver, MediaDir: cfg.MediaDir}
	masto.Routes(r)
	if cfg.Events != nil { // the streaming API renders with the Mastodon presenters
		(&streaming.Handler{Source: cfg.Events, Auth: masto.Auth, Render: masto, Lists: cfg.Store,
			Logger: cfg.Logger}).Routes(r)
	}
	// The web pages share the OAuth sign-in session (cookie, CSRF tokens).
	webPages := &web.Handler{Site: cfg.Site, Store: cfg.Store, Version: cfg.Version, Sessions: signIn}
	webPages.Routes(r)
	(&activitypub.Handler{Site: cfg.Site, Store: cfg.Store, Objects: cfg.Objects}).Routes(r)

	if cfg.Inbox != nil {
		r.Handle("/inbox", cfg.Inbox).Methods(http.MethodPost)
		r.Handle("/users/{username}/inbox", cfg.Inbox).Methods(http.MethodPost)
		r.Handle("/actor/inbox", cfg.Inbox).Methods(http.MethodPost)
	}
	// Middleware wraps the whole router (not r.Use) so that 404s, 405s and
	// CORS preflights are logged and carry a request id too.
	return logRequests(cfg.Logger)(WithCORS(limitBodies(r)))
}
