package oauth

import (
	"errors"
	"net/http"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// revoke is POST /oauth/revoke (RFC 7009): token, with the client's
// credentials. An unknown or already revoked token is 200 {} as well; a
// token of another application is 403 unauthorized_client, as in Mastodon.
func (h *Handler) revoke(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	app, err := h.authenticateClient(w, r, p)
	if err != nil {
		return err
	}
	secret := p.Get("token")
	if secret == "" {
		return oauthError(http.StatusBadRequest, errInvalidRequest, "The token parameter is missing.")
	}
	t, err := h.Store.TokenBySecretAny(r.Context(), secret)
	if errors.Is(err, models.ErrNotFound) {
		return respond.JSON(w, http.StatusOK, struct{}{})
	}
	if err != nil {
		return err
	}
	if t.ApplicationID == nil || *t.ApplicationID != app.ID {
		return oauthError(http.StatusForbidden, errUnauthorizedClient, "You are not authorized to revoke this token.")
	}
	if err := h.Store.RevokeToken(r.Context(), t.ID); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}
