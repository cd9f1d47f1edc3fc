package oauth

import (
	"net/http"

	"github.com/stoa-social/stoa/models"
)

// The methods below share the sign-in session with the web pages: the
// router passes the Handler to handlers/web as its web.Sessions, so neither
// package imports the other.

// SignedIn returns the user the request's session is signed in as, with its
// Account, or nil for an anonymous or expired session.
func (h *Handler) SignedIn(r *http.Request) (*models.User, error) {
	s, err := h.readSession(r)
	if err != nil {
		return nil, err
	}
	return s.user(), nil
}

// CSRFToken returns the token the browser's forms must carry, starting an
// anonymous session (setting the cookie on w) when the browser has none.
func (h *Handler) CSRFToken(w http.ResponseWriter, r *http.Request) (string, error) {
	s, err := h.ensureSession(w, r)
	if err != nil {
		return "", err
	}
	return s.csrfToken(), nil
}

// ValidCSRF reports whether token was made for the request's session. It
// needs only the cookie, not the store: the token is derived from its secret.
func (h *Handler) ValidCSRF(r *http.Request, token string) bool {
	c, err := r.Cookie(sessionCookie)
	if err != nil || !wellFormedSecret(c.Value) {
		return false
	}
	return (&session{secret: c.Value}).validCSRF(token)
}
