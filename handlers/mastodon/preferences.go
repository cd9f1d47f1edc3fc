package mastodon

import (
	"net/http"

	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
)

// preferences answers GET /api/v1/preferences. Stoa keeps no posting or
// reading preferences yet, so every account has Mastodon's defaults
// (public, not sensitive, no language, media by default, spoilers closed),
// matching the source of verify_credentials.
func (h *Handler) preferences(w http.ResponseWriter, r *http.Request) error {
	return respond.JSON(w, http.StatusOK, entity.Preferences{
		PostingVisibility: "public", ExpandMedia: "default",
	})
}

// announcements answers GET /api/v1/announcements: Stoa has no
// announcements yet.
func (h *Handler) announcements(w http.ResponseWriter, r *http.Request) error {
	return respond.JSON(w, http.StatusOK, []any{})
}

// announcementDismiss answers POST /api/v1/announcements/{id}/dismiss: as
// there are no announcements, every id is unknown (404).
func (h *Handler) announcementDismiss(w http.ResponseWriter, r *http.Request) error {
	return respond.NotFound()
}
