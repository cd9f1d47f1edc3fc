package auth

import (
	"errors"
	"net/http"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// Mastodon's messages for the three ways a request can fail authorization.
const (
	MsgInvalidToken = "The access token is invalid"
	MsgOutOfScope   = "This action is outside the authorized scopes"
	MsgNeedsUser    = "This method requires an authenticated user"
)

// policy is what a wrapped handler demands of the request.
type policy struct {
	scopes   []string // any one of them suffices; none means any valid token
	user     bool     // the token must act for an account
	optional bool     // a request without a token passes, anonymously
}

// Require admits requests with a valid token that allows at least one of
// scopes (any valid token when none are given); the token is then in the
// request context. Otherwise it answers 401 (no, unknown or revoked token)
// or 403 (scope missing).
func (a *Authenticator) Require(scopes ...string) func(http.Handler) http.Handler {
	return a.guard(policy{scopes: scopes})
}

// RequireUser is Require for endpoints that act as a person: an app-only
// (client_credentials) token gets 422, as in Mastodon.
func (a *Authenticator) RequireUser(scopes ...string) func(http.Handler) http.Handler {
	return a.guard(policy{scopes: scopes, user: true})
}

// Optional is for public endpoints that show more to a signed-in caller: a
// request without a token passes anonymously (auth.Token is nil), while a
// request with one is held to Require's rules, so a revoked token gets 401
// rather than a silently anonymous answer.
func (a *Authenticator) Optional(scopes ...string) func(http.Handler) http.Handler {
	return a.guard(policy{scopes: scopes, optional: true})
}

func (a *Authenticator) guard(p policy) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			secret := BearerToken(r)
			if secret == "" && p.optional {
				next.ServeHTTP(w, r)
				return
			}
			t, err := a.Authenticate(r.Context(), secret)
			if err == nil {
				err = p.check(t)
			}
			if err != nil {
				if errors.Is(err, models.ErrNotFound) {
					err = invalidToken(w)
				}
				respond.WriteError(w, r, err)
				return
			}
			next.ServeHTTP(w, r.WithContext(WithToken(r.Context(), t)))
		})
	}
}

// check applies the scope and user rules to a live token.
func (p policy) check(t *models.Token) error {
	if len(p.scopes) > 0 && !allowsAny(t.ScopeSet(), p.scopes) {
		return respond.Forbidden(MsgOutOfScope)
	}
	if p.user && (t.Account == nil || t.User == nil) {
		return respond.Unprocessable(MsgNeedsUser)
	}
	return nil
}

func allowsAny(granted models.Scopes, required []string) bool {
	for _, s := range required {
		if granted.Allows(s) {
			return true
		}
	}
	return false
}

// invalidToken sets the challenge RFC 6750 asks for and returns the 401.
func invalidToken(w http.ResponseWriter) error {
	w.Header().Set("WWW-Authenticate",
		`Bearer realm="Stoa", error="invalid_token", error_description="`+MsgInvalidToken+`"`)
	return respond.Unauthorized(MsgInvalidToken)
}
