package oauth

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/stoa-social/stoa/models"
)

// authRequest is a checked authorization request (RFC 6749 section 4.1.1
// with RFC 7636's PKCE parameters).
type authRequest struct {
	app         *models.Application
	redirectURI string
	scopes      models.Scopes
	state       string
	challenge   string
	method      string
	forceLogin  bool
}

// authError is a refused authorization request. Until the client and its
// redirect URI are known good (redirect false) it is shown on a page;
// after that it goes back to the client as ?error=code&state=... .
type authError struct {
	redirect bool
	code     string // OAuth error code
	desc     string
}

func (e *authError) Error() string { return e.code + ": " + e.desc }

// parseAuthRequest checks the parameters of GET or POST /oauth/authorize.
// With an *authError that may be redirected, the request comes back too,
// holding the redirect URI and state to answer to.
func (h *Handler) parseAuthRequest(ctx context.Context, v url.Values) (*authRequest, error) {
	clientID := v.Get("client_id")
	if clientID == "" {
		return nil, &authError{code: errInvalidRequest, desc: "The client_id parameter is missing."}
	}
	app, err := h.Store.ApplicationByClientID(ctx, clientID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, &authError{code: errInvalidClient, desc: "No application has this client_id."}
	}
	if err != nil {
		return nil, err
	}
	req := &authRequest{app: app, redirectURI: v.Get("redirect_uri"), state: v.Get("state")}
	if uris := app.RedirectURIList(); req.redirectURI == "" && len(uris) == 1 {
		req.redirectURI = uris[0] // RFC 6749 section 3.1.2.3: the only one registered
	}
	if !app.AllowsRedirectURI(req.redirectURI) {
		return nil, &authError{code: errInvalidRequest,
			desc: "The redirect_uri is not one the application registered."}
	}
	req.forceLogin, _ = strconv.ParseBool(v.Get("force_login"))
	return req, req.checkRest(v)
}

// checkRest validates what may be reported to the redirect URI.
func (req *authRequest) checkRest(v url.Values) error {
	fail := func(code, desc string) error { return &authError{redirect: true, code: code, desc: desc} }
	if rt := v.Get("response_type"); rt != "code" {
		return fail("unsupported_response_type", "Only response_type=code is supported.")
	}
	if strings.TrimSpace(v.Get("scope")) == "" {
		req.scopes = req.app.DefaultScopes()
	} else {
		s, err := models.ParseScopes(v.Get("scope"))
		if err != nil || !s.Subset(req.app.ScopeSet()) {
			return fail(errInvalidScope, "The requested scope is invalid, unknown, or exceeds what the application registered.")
		}
		req.scopes = s
	}
	req.challenge, req.method = v.Get("code_challenge"), v.Get("code_challenge_method")
	switch {
	case req.challenge == "" && req.method != "":
		return fail(errInvalidRequest, "code_challenge_method was given without code_challenge.")
	case req.challenge == "":
	case !models.ValidPKCE(req.challenge):
		return fail(errInvalidRequest, "code_challenge must be 43 to 128 unreserved characters.")
	case req.method == "":
		req.method = models.PKCEPlain // RFC 7636 section 4.3
	case req.method != models.PKCES256 && req.method != models.PKCEPlain:
		return fail(errInvalidRequest, "code_challenge_method must be S256 or plain.")
	}
	return nil
}

// oob reports whether the code is shown on a page rather than redirected.
func (req *authRequest) oob() bool { return req.redirectURI == models.OOBRedirectURI }

// values is the request as parameters, without force_login: what the
// sign-in page returns to and the consent form posts.
func (req *authRequest) values() url.Values {
	v := url.Values{"response_type": {"code"}, "client_id": {req.app.ClientID},
		"redirect_uri": {req.redirectURI}, "scope": {req.scopes.String()}}
	for k, x := range map[string]string{"state": req.state,
		"code_challenge": req.challenge, "code_challenge_method": req.method} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v
}

// redirectWith appends params to the registered redirect URI, keeping its
// own query as registered.
func redirectWith(uri string, params url.Values) string {
	sep := "?"
	if strings.Contains(uri, "?") {
		sep = "&"
	}
	return uri + sep + params.Encode()
}
