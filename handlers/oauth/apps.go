package oauth

import (
	"net/http"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// application is Mastodon's Application entity; the client credentials are
// present only in the answer to registration (CredentialApplication).
type application struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Website      *string  `json:"website"`
	Scopes       []string `json:"scopes"`
	RedirectURI  string   `json:"redirect_uri"`
	RedirectURIs []string `json:"redirect_uris"`
	VapidKey     string   `json:"vapid_key"`

	ClientID              string `json:"client_id,omitempty"`
	ClientSecret          string `json:"client_secret,omitempty"`
	ClientSecretExpiresAt *int64 `json:"client_secret_expires_at,omitempty"`
}

func applicationJSON(a *models.Application) application {
	e := application{
		ID: a.ID, Name: a.Name, Scopes: a.ScopeSet(),
		RedirectURIs: a.RedirectURIList(), RedirectURI: a.RedirectURIs,
	}
	if a.Website != "" {
		e.Website = &a.Website
	}
	if e.Scopes == nil {
		e.Scopes = []string{}
	}
	return e
}

// createApp is POST /api/v1/apps: client_name, redirect_uris (a string of
// whitespace-separated URIs, or an array), scopes (default "read") and
// website, as a form, JSON or query parameters. Invalid input is 422.
func (h *Handler) createApp(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	app, err := models.NewApplication{
		Name:         p.Get("client_name"),
		Website:      p.Get("website"),
		RedirectURIs: append(p["redirect_uris"], p["redirect_uris[]"]...),
		Scopes:       p.Get("scopes"),
	}.Build(h.now())
	if err != nil {
		return err
	}
	if err := h.Store.CreateApplication(r.Context(), app); err != nil {
		return err
	}
	e := applicationJSON(app)
	never := int64(0)
	e.ClientID, e.ClientSecret, e.ClientSecretExpiresAt = app.ClientID, app.ClientSecret, &never
	return respond.JSON(w, http.StatusOK, e)
}

// verifyApp is GET /api/v1/apps/verify_credentials: the application of the
// request's token, whatever its scopes. A token made on the command line
// has no application: 404.
func (h *Handler) verifyApp(w http.ResponseWriter, r *http.Request) error {
	app := auth.Application(r.Context())
	if app == nil {
		return respond.NotFound()
	}
	return respond.JSON(w, http.StatusOK, applicationJSON(app))
}
