package oauth

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// tokenResponse is Mastodon's Token entity.
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	Scope       string `json:"scope"`
	CreatedAt   int64  `json:"created_at"`
}

// token is POST /oauth/token (form or JSON; client credentials in the body
// or HTTP Basic). Grants: authorization_code (with PKCE), client_credentials
// (a token without an account) and password. Errors are OAuth's:
// {"error": "invalid_grant", "error_description": "..."} with 400 or 401.
func (h *Handler) token(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r)
	if err != nil {
		return err
	}
	app, err := h.authenticateClient(w, r, p)
	if err != nil {
		return err
	}
	var t *models.Token
	var secret string
	switch gt := p.Get("grant_type"); gt {
	case "authorization_code":
		t, secret, err = h.codeGrant(r, app, p)
	case "client_credentials":
		t, secret, err = h.clientGrant(r, app, p)
	case "password":
		t, secret, err = h.passwordGrant(r, app, p)
	case "":
		err = oauthError(http.StatusBadRequest, errInvalidRequest, "The grant_type parameter is missing.")
	default:
		err = oauthError(http.StatusBadRequest, errUnsupportedGrantType,
			"grant_type must be authorization_code, client_credentials or password.")
	}
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	return respond.JSON(w, http.StatusOK, tokenResponse{
		AccessToken: secret, TokenType: "Bearer", Scope: t.Scopes, CreatedAt: t.CreatedAt.Unix(),
	})
}

// newToken builds (without storing) a token of app for accountID (nil for
// an app-only token) and returns it with its plaintext.
func (h *Handler) newToken(app *models.Application, accountID *string, scopes string) (*models.Token, string) {
	return models.NewToken(&app.ID, accountID, scopes, h.now())
}

// codeGrant exchanges an authorization code. The code must be live, unused,
// the app's, asked with the same redirect_uri, and answer its PKCE
// challenge. Replaying a used code also revokes the token it gave.
func (h *Handler) codeGrant(r *http.Request, app *models.Application, p url.Values) (*models.Token, string, error) {
	ctx := r.Context()
	if p.Get("code") == "" {
		return nil, "", oauthError(http.StatusBadRequest, errInvalidRequest, "The code parameter is missing.")
	}
	c, err := h.Store.AuthorizationCodeBySecret(ctx, p.Get("code"))
	if errors.Is(err, models.ErrNotFound) || (err == nil && c.ApplicationID != app.ID) {
		return nil, "", invalidGrant("The authorization code is unknown or was issued to another client.")
	}
	if err != nil {
		return nil, "", err
	}
	switch {
	case c.UsedAt != nil:
		if c.TokenID != nil {
			if err := h.Store.RevokeToken(ctx, *c.TokenID); err != nil {
				return nil, "", err
			}
		}
		return nil, "", invalidGrant("The authorization code was already used.")
	case c.Expired(h.now()):
		return nil, "", invalidGrant("The authorization code has expired.")
	case p.Get("redirect_uri") != c.RedirectURI:
		return nil, "", invalidGrant("The redirect_uri does not match the one of the authorization request.")
	case !c.VerifyPKCE(p.Get("code_verifier")):
		return nil, "", invalidGrant("The code_verifier does not match the code_challenge.")
	}
	t, secret := h.newToken(app, &c.AccountID, c.Scopes)
	err = h.Store.RedeemAuthorizationCode(ctx, c, t, h.now())
	if errors.Is(err, models.ErrConflict) {
		return nil, "", invalidGrant("The authorization code was already used.")
	}
	return t, secret, err
}

// clientGrant issues an app-only token: no account, so endpoints that act
// as a person refuse it.
func (h *Handler) clientGrant(r *http.Request, app *models.Application, p url.Values) (*models.Token, string, error) {
	scopes, err := requestedScopes(app, p.Get("scope"))
	if err != nil {
		return nil, "", err
	}
	t, secret := h.newToken(app, nil, scopes.String())
	return t, secret, h.Store.CreateToken(r.Context(), t)
}

// passwordGrant issues a token for username (or email) and password.
func (h *Handler) passwordGrant(r *http.Request, app *models.Application, p url.Values) (*models.Token, string, error) {
	scopes, err := requestedScopes(app, p.Get("scope"))
	if err != nil {
		return nil, "", err
	}
	if p.Get("username") == "" || p.Get("password") == "" {
		return nil, "", oauthError(http.StatusBadRequest, errInvalidRequest, "username and password are required.")
	}
	u, err := h.checkLogin(r, p.Get("username"), p.Get("password"))
	if err != nil {
		return nil, "", err
	}
	if u == nil {
		return nil, "", invalidGrant("Invalid username, email or password.")
	}
	t, secret := h.newToken(app, &u.AccountID, scopes.String())
	return t, secret, h.Store.CreateToken(r.Context(), t)
}
