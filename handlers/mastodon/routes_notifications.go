package mastodon

import "github.com/gorilla/mux"

// routesNotifications registers this family's endpoints.
func (h *Handler) routesNotifications(r *mux.Router) {

}
