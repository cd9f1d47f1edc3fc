package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"
)

// routesTimelines registers the timelines (timelines.go) and the read
// markers (markers.go), which Mastodon documents under timelines.
func (h *Handler) routesTimelines(r *mux.Router) {
	a := h.Auth
	h.handle(r, http.MethodGet, "/api/v1/timelines/home", a.RequireUser("read:statuses"), h.timelineHome)
	h.handle(r, http.MethodGet, "/api/v1/timelines/public", a.Optional("read:statuses"), h.timelinePublic)
	h.handle(r, http.MethodGet, "/api/v1/timelines/tag/{hashtag}", a.Optional("read:statuses"), h.timelineTag)
	h.handle(r, http.MethodGet, "/api/v1/markers", a.RequireUser("read:statuses"), h.markersGet)
	h.handle(r, http.MethodPost, "/api/v1/markers", a.RequireUser("write:statuses"), h.markersSave)
}
