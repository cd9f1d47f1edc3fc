package oauth

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/stoa-social/stoa/models"
)

// authorizePage is GET /oauth/authorize. It checks the request, then shows
// the sign-in page (nobody signed in, or force_login) or the consent page.
func (h *Handler) authorizePage(w http.ResponseWriter, r *http.Request) error {
	req, err := h.parseAuthRequest(r.Context(), r.URL.Query())
	if err != nil {
		return h.authFailure(w, r, req, err)
	}
	sess, err := h.ensureSession(w, r)
	if err != nil {
		return err
	}
	if sess.user() == nil || req.forceLogin {
		return h.signInPage(w, r, http.StatusOK, sess, req.app, req.values().Encode(), "", "")
	}
	return h.consentPage(w, r, sess, req)
}

// consentPage shows who asks for what, with Authorize and Deny buttons.
func (h *Handler) consentPage(w http.ResponseWriter, r *http.Request, sess *session, req *authRequest) error {
	d := pageData{
		Title: "Authorize " + req.app.Name, Action: h.Site.URL("/oauth/authorize"),
		CSRF: sess.csrfToken(), App: req.app, Account: sess.user().Account,
	}
	for _, s := range req.scopes {
		d.Scopes = append(d.Scopes, scopeLine{Name: s, Description: scopeText[s]})
	}
	v := req.values()
	for _, k := range []string{"response_type", "client_id", "redirect_uri", "scope",
		"state", "code_challenge", "code_challenge_method"} {
		if x := v.Get(k); x != "" {
			d.Hidden = append(d.Hidden, field{Name: k, Value: x})
		}
	}
	v.Set("force_login", "true")
	d.SwitchURL = h.Site.URL("/oauth/authorize?" + v.Encode())
	return h.render(w, r, http.StatusOK, "authorize", d)
}

// authorizeDecision is POST /oauth/authorize from the consent page: with a
// valid CSRF token and a signed-in session, "authorize" issues a code and
// anything else denies.
func (h *Handler) authorizeDecision(w http.ResponseWriter, r *http.Request) error {
	sess, err := h.postedForm(w, r, "Go back to the app and start signing in again.")
	if sess == nil {
		return err
	}
	req, err := h.parseAuthRequest(r.Context(), r.PostForm)
	if err != nil {
		return h.authFailure(w, r, req, err)
	}
	if sess.user() == nil {
		return h.signInPage(w, r, http.StatusOK, sess, req.app, req.values().Encode(), "", "")
	}
	if r.PostForm.Get("decision") != "authorize" {
		return h.authFailure(w, r, req, &authError{redirect: true, code: "access_denied",
			desc: "The person declined to authorize the application."})
	}
	code, err := h.issueCode(r, req, sess.user().Account)
	if err != nil {
		return err
	}
	if req.oob() {
		return h.render(w, r, http.StatusOK, "code", pageData{Title: "Authorization code",
			App: req.app, Code: code, Minutes: int(models.CodeLifetime.Minutes())})
	}
	params := url.Values{"code": {code}}
	if req.state != "" {
		params.Set("state", req.state)
	}
	http.Redirect(w, r, redirectWith(req.redirectURI, params), http.StatusFound)
	return nil
}

// issueCode stores a new authorization code for the request and returns
// its plaintext, which only the client will ever see.
func (h *Handler) issueCode(r *http.Request, req *authRequest, acct *models.Account) (string, error) {
	code := models.NewSecret()
	now := h.now()
	c := &models.AuthorizationCode{
		ID: models.NewID(), CodeHash: models.HashSecret(code), ApplicationID: req.app.ID,
		AccountID: acct.ID, RedirectURI: req.redirectURI, Scopes: req.scopes.String(),
		CodeChallenge: req.challenge, CodeChallengeMethod: req.method,
		CreatedAt: now, ExpiresAt: now.Add(models.CodeLifetime),
	}
	return code, h.Store.CreateAuthorizationCode(r.Context(), c)
}

// authFailure answers a refused authorization request: a page when the
// redirect URI is unknown or out-of-band, else a redirect carrying the
// error and state (RFC 6749 section 4.1.2.1).
func (h *Handler) authFailure(w http.ResponseWriter, r *http.Request, req *authRequest, err error) error {
	var ae *authError
	if !errors.As(err, &ae) {
		return err
	}
	if !ae.redirect || req == nil || req.oob() {
		status := http.StatusBadRequest
		if ae.code == "access_denied" {
			status = http.StatusOK
		}
		return h.errorPage(w, r, status, "Authorization failed", ae.desc+" ("+ae.code+")")
	}
	params := url.Values{"error": {ae.code}, "error_description": {ae.desc}}
	if req.state != "" {
		params.Set("state", req.state)
	}
	http.Redirect(w, r, redirectWith(req.redirectURI, params), http.StatusFound)
	return nil
}
