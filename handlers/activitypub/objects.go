package activitypub

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/models"
)

// objectPaths are the documents Objects serves: statuses, their
// activities and replies, and the accounts' collections.
var objectPaths = []string{
	"/users/{username}/statuses/{id}",
	"/users/{username}/statuses/{id}/activity",
	"/users/{username}/statuses/{id}/replies",
	"/users/{username}/outbox",
	"/users/{username}/followers",
	"/users/{username}/following",
	"/users/{username}/collections/featured",
	"/users/{username}/moderators",
	"/actor/outbox",
	"/actor/followers",
	"/actor/following",
	"/actor/collections/featured",
}

// routeObjects registers objectPaths when an Objects handler is set.
func (h *Handler) routeObjects(r *mux.Router) {
	if h.Objects == nil {
		return
	}
	for _, p := range objectPaths {
		r.Handle(p, http.HandlerFunc(h.object)).Methods(http.MethodGet, http.MethodHead)
	}
}

// object hands ActivityPub clients to Objects and sends browsers to the
// account's page: Stoa has no page per status yet, so a status link opens
// its author's profile.
func (h *Handler) object(w http.ResponseWriter, r *http.Request) {
	if WantsActivityJSON(r) {
		h.Objects.ServeHTTP(w, r)
		return
	}
	w.Header().Add("Vary", "Accept")
	page := h.Site.URL("/about")
	if name := mux.Vars(r)["username"]; name != "" && !strings.EqualFold(name, models.InstanceActorUsername) {
		page = h.Site.ProfileURL(name)
	}
	http.Redirect(w, r, page, http.StatusFound)
}
