package oauth

import (
	"net/http"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// metadata is GET /.well-known/oauth-authorization-server (RFC 8414), with
// the fields Mastodon 4.3 publishes, every URL built from the site's --url.
func (h *Handler) metadata(w http.ResponseWriter, r *http.Request) error {
	s := h.Site
	w.Header().Set("Cache-Control", "public, max-age=3600")
	return respond.JSON(w, http.StatusOK, map[string]any{
		"issuer":                                s.URL("/"),
		"service_documentation":                 "https://docs.joinmastodon.org/",
		"authorization_endpoint":                s.URL("/oauth/authorize"),
		"token_endpoint":                        s.URL("/oauth/token"),
		"revocation_endpoint":                   s.URL("/oauth/revoke"),
		"app_registration_endpoint":             s.URL("/api/v1/apps"),
		"scopes_supported":                      models.KnownScopes(),
		"response_types_supported":              []string{"code"},
		"response_modes_supported":              []string{"query"},
		"grant_types_supported":                 []string{"authorization_code", "client_credentials", "password"},
		"code_challenge_methods_supported":      []string{models.PKCES256, models.PKCEPlain},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
	})
}
