package mastodon

import (
	"net/http"
	"time"

	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
)

// instancePeers answers GET /api/v1/instance/peers: the domains of the
// remote accounts this instance knows.
func (h *Handler) instancePeers(w http.ResponseWriter, r *http.Request) error {
	domains, err := h.Store.KnownDomains(r.Context())
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, domains)
}

// instanceActivity answers GET /api/v1/instance/activity. Stoa keeps no
// weekly statistics yet; an empty list is a valid answer.
func (h *Handler) instanceActivity(w http.ResponseWriter, r *http.Request) error {
	return respond.JSON(w, http.StatusOK, []any{})
}

// instanceRules answers GET /api/v1/instance/rules: none are configured.
func (h *Handler) instanceRules(w http.ResponseWriter, r *http.Request) error {
	return respond.JSON(w, http.StatusOK, []entity.Rule{})
}

// extendedDescription answers GET /api/v1/instance/extended_description.
// No about text is configured, so the content is empty and updated_at is
// the start of the Unix epoch.
func (h *Handler) extendedDescription(w http.ResponseWriter, r *http.Request) error {
	return respond.JSON(w, http.StatusOK, entity.ExtendedDescription{
		UpdatedAt: entity.NewTime(time.Unix(0, 0)),
		Content:   "",
	})
}

// translationLanguages answers GET /api/v1/instance/translation_languages:
// Stoa has no translation engine.
func (h *Handler) translationLanguages(w http.ResponseWriter, r *http.Request) error {
	return respond.JSON(w, http.StatusOK, map[string][]string{})
}

// customEmojis answers GET /api/v1/custom_emojis: none yet.
func (h *Handler) customEmojis(w http.ResponseWriter, r *http.Request) error {
	return respond.JSON(w, http.StatusOK, []entity.CustomEmoji{})
}
