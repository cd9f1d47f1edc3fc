package mastodon

import "github.com/gorilla/mux"

// routesStatuses registers this family's endpoints.
func (h *Handler) routesStatuses(r *mux.Router) {

}
