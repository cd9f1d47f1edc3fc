package mastodon

import "github.com/gorilla/mux"

// routesClientSupport registers this family's endpoints.
func (h *Handler) routesClientSupport(r *mux.Router) {

}
