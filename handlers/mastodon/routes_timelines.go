package mastodon

import "github.com/gorilla/mux"

// routesTimelines registers this family's endpoints.
func (h *Handler) routesTimelines(r *mux.Router) {

}
