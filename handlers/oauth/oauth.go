// Package oauth implements the OAuth 2 subset Mastodon apps use: app
// registration, the authorization-code flow with sign-in and consent pages
// (PKCE S256 and plain), the token endpoint (authorization_code,
// client_credentials and password grants), revocation and the RFC 8414
// metadata document. Sign-in and token requests are rate-limited per IP.
//
// The same browser session serves the web pages: /auth/sign_in and
// /auth/sign_out, and the Handler is the router's web.Sessions.
//
// Codes, tokens and session cookies are random 256-bit secrets of which the
// database keeps only the SHA-256.
package oauth

import (
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Handler serves /oauth/*, /auth/*, /api/v1/apps and the OAuth metadata
// document.
// Set the exported fields, then call Routes once.
type Handler struct {
	Site  models.Site
	Store *store.Store
	// Now is the clock (code expiry, sessions, rate-limit windows); nil
	// means time.Now. Tests move it instead of sleeping.
	Now func() time.Time
	// RateLimit bounds sign-in attempts and token requests per client IP,
	// each endpoint counted apart; the zero value means
	// DefaultRateLimitRequests per DefaultRateLimitWindow.
	RateLimit RateLimit

	auth      *auth.Authenticator
	pages     *pages
	signIns   *limiter
	tokens    *limiter
	dummyOnce sync.Once
	dummyHash string // a bcrypt hash to compare against for unknown logins
}

// Routes registers the OAuth endpoints on r and readies the handler.
func (h *Handler) Routes(r *mux.Router) {
	h.auth = auth.New(h.Store)
	h.auth.Now = h.now
	h.pages = mustLoadPages()
	limit := h.RateLimit.orDefault()
	h.signIns = newLimiter(limit, h.now)
	h.tokens = newLimiter(limit, h.now)

	r.Handle("/api/v1/apps", respond.Wrap(h.createApp)).Methods(http.MethodPost)
	r.Handle("/api/v1/apps/verify_credentials",
		h.auth.Require()(respond.Wrap(h.verifyApp))).Methods(http.MethodGet)

	r.Handle("/oauth/authorize", respond.Wrap(h.authorizePage)).Methods(http.MethodGet)
	r.Handle("/oauth/authorize", respond.Wrap(h.authorizeDecision)).Methods(http.MethodPost)
	r.Handle(signInPath, h.signIns.wrap(respond.Wrap(h.signIn))).Methods(http.MethodPost)
	h.webRoutes(r)
	r.Handle("/oauth/token", h.tokens.wrap(respond.Wrap(h.token))).Methods(http.MethodPost)
	r.Handle("/oauth/revoke", respond.Wrap(h.revoke)).Methods(http.MethodPost)
	r.Handle("/.well-known/oauth-authorization-server",
		respond.Wrap(h.metadata)).Methods(http.MethodGet, http.MethodHead)
}

// now is the handler's clock, always in UTC (the store compares instants).
func (h *Handler) now() time.Time {
	if h.Now != nil {
		return h.Now().UTC()
	}
	return time.Now().UTC()
}
