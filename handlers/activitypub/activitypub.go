// Package activitypub serves the ActivityPub documents of local actors
// (GET); inbox POSTs are served by the federation package. Documents are
// built from plain structs here: go-fed stays inside federation/...
//
// Actor documents are served unsigned to anyone, as Mastodon does. Other
// objects (statuses, activities, collections) come from the federation
// side through Objects, which checks signed GETs ("authorized fetch");
// this package only sends browsers asking for them to a web page.
package activitypub

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Handler serves actor documents.
type Handler struct {
	Site  models.Site
	Store *store.Store
	// Objects serves the other ActivityPub documents of local accounts
	// (objects.go lists them); nil leaves those paths unrouted.
	Objects http.Handler
}

// Routes registers the ActivityPub GET endpoints: /users/{username} for
// local accounts, /actor for the instance actor, and the object paths.
func (h *Handler) Routes(r *mux.Router) {
	r.Handle("/users/{username}", respond.Wrap(h.user)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/actor", respond.Wrap(h.instanceActor)).Methods(http.MethodGet, http.MethodHead)
	h.routeObjects(r)
}

// user serves a local account's actor document, or sends a browser to its
// profile page. Remote accounts and the instance actor (whose id is /actor)
// are not found here.
func (h *Handler) user(w http.ResponseWriter, r *http.Request) error {
	w.Header().Add("Vary", "Accept")
	name := mux.Vars(r)["username"]
	if strings.EqualFold(name, models.InstanceActorUsername) {
		return respond.NotFound()
	}
	a, err := h.Store.AccountByUsername(r.Context(), name, "")
	if err != nil {
		return err
	}
	return h.serveActor(w, r, a)
}

// instanceActor serves the instance's Application actor.
func (h *Handler) instanceActor(w http.ResponseWriter, r *http.Request) error {
	w.Header().Add("Vary", "Accept")
	a, err := h.Store.AccountByUsername(r.Context(), models.InstanceActorUsername, "")
	if errors.Is(err, models.ErrNotFound) {
		// instance.New creates it; its absence is a server fault.
		return &respond.Error{Status: http.StatusInternalServerError, Msg: "Internal server error", Err: err}
	}
	if err != nil {
		return err
	}
	return h.serveActor(w, r, a)
}

// serveActor writes a's document to ActivityPub clients and redirects
// everyone else to a's page (profile, or /about for the instance actor).
func (h *Handler) serveActor(w http.ResponseWriter, r *http.Request, a *models.Account) error {
	if !a.IsLocal() {
		return respond.NotFound()
	}
	if !WantsActivityJSON(r) {
		http.Redirect(w, r, a.URL, http.StatusFound)
		return nil
	}
	if a.IsGroup() {
		if c, err := h.Store.Community(r.Context(), a.ID); err == nil {
			return respond.JSONType(w, http.StatusOK, ContentType, NewCommunityActor(c))
		} else if !errors.Is(err, models.ErrNotFound) {
			return err
		}
	}
	return respond.JSONType(w, http.StatusOK, ContentType, NewActor(a))
}
