package oauth

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// maxMemory bounds what a multipart form keeps in memory; the router caps
// bodies anyway.
const maxMemory = 1 << 20

// readParams collects a request's parameters from its query string and its
// body, which may be a form (urlencoded or multipart) or a JSON object.
// Body values come first. In JSON, arrays become repeated values and
// numbers and booleans their text; nested objects are ignored.
func readParams(r *http.Request) (url.Values, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/json" {
		var err error
		if ct == "multipart/form-data" {
			err = r.ParseMultipartForm(maxMemory)
		} else {
			err = r.ParseForm()
		}
		if err != nil {
			return nil, bodyError(err)
		}
		return r.Form, nil
	}
	var body map[string]any
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		return nil, bodyError(err)
	}
	v := url.Values{}
	for k, x := range body {
		if arr, ok := x.([]any); ok {
			for _, e := range arr {
				addScalar(v, k, e)
			}
			continue
		}
		addScalar(v, k, x)
	}
	for k, vs := range r.URL.Query() {
		v[k] = append(v[k], vs...)
	}
	return v, nil
}

func addScalar(v url.Values, k string, x any) {
	switch x := x.(type) {
	case string:
		v.Add(k, x)
	case json.Number, bool:
		v.Add(k, fmt.Sprint(x))
	}
}

func bodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &respond.Error{Status: http.StatusRequestEntityTooLarge, Msg: "Request body too large"}
	}
	return &respond.Error{Status: http.StatusBadRequest, Msg: "Malformed request body", Err: err}
}

// OAuth error codes (RFC 6749 section 5.2, RFC 7009).
const (
	errInvalidRequest       = "invalid_request"
	errInvalidClient        = "invalid_client"
	errInvalidGrant         = "invalid_grant"
	errUnauthorizedClient   = "unauthorized_client"
	errUnsupportedGrantType = "unsupported_grant_type"
	errInvalidScope         = "invalid_scope"
)

// oauthError renders as {"error": code, "error_description": desc}.
func oauthError(status int, code, desc string) *respond.Error {
	return &respond.Error{Status: status, Msg: code, Description: desc}
}

func invalidGrant(desc string) *respond.Error {
	return oauthError(http.StatusBadRequest, errInvalidGrant, desc)
}

// authenticateClient finds the application whose credentials the request
// carries: HTTP Basic (client_secret_basic) or client_id and client_secret
// parameters (client_secret_post). Failure is 401 invalid_client.
func (h *Handler) authenticateClient(w http.ResponseWriter, r *http.Request, p url.Values) (*models.Application, error) {
	id, secret, basic := r.BasicAuth()
	if basic {
		// RFC 6749 section 2.3.1: both parts are form-urlencoded first.
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
	} else {
		id, secret = p.Get("client_id"), p.Get("client_secret")
	}
	fail := func() error {
		if basic {
			w.Header().Set("WWW-Authenticate", `Basic realm="Stoa"`)
		}
		return oauthError(http.StatusUnauthorized, errInvalidClient,
			"Client authentication failed: unknown client, no client authentication included, or unsupported authentication method.")
	}
	if id == "" || secret == "" {
		return nil, fail()
	}
	app, err := h.Store.ApplicationByClientID(r.Context(), id)
	if errors.Is(err, models.ErrNotFound) {
		return nil, fail()
	}
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare([]byte(secret), []byte(app.ClientSecret)) != 1 {
		return nil, fail()
	}
	return app, nil
}

// requestedScopes parses a token request's scope against what the app
// registered: none asked means the app's default, more than registered is
// invalid_scope.
func requestedScopes(app *models.Application, scope string) (models.Scopes, error) {
	if strings.TrimSpace(scope) == "" {
		return app.DefaultScopes(), nil
	}
	s, err := models.ParseScopes(scope)
	if err != nil || !s.Subset(app.ScopeSet()) {
		return nil, oauthError(http.StatusBadRequest, errInvalidScope,
			"The requested scope is invalid, unknown, malformed, or exceeds what the application registered.")
	}
	return s, nil
}
