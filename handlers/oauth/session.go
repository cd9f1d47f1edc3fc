package oauth

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"time"

	"github.com/stoa-social/stoa/models"
)

const (
	// sessionCookie is site-wide: the OAuth pages and the web pages share
	// one sign-in. (Its name changed when its path left /oauth, so that an
	// old /oauth cookie, sent first by browsers, cannot shadow it.)
	sessionCookie = "stoa_session"
	// SessionLifetime is how long a browser stays signed in, for the web
	// pages and for authorizing further apps without typing the password.
	SessionLifetime = 7 * 24 * time.Hour
)

// session is the browser behind a request. Every visitor of the sign-in
// page gets a random secret in a cookie; a signed-in one also has a row in
// the store. The CSRF token of the forms is derived from the secret, so it
// is per session and needs no storage.
type session struct {
	secret string
	row    *models.Session // nil until signed in
}

// user is the signed-in user, with its account, or nil.
func (s *session) user() *models.User {
	if s == nil || s.row == nil {
		return nil
	}
	return s.row.User
}

// csrfToken is HMAC-SHA256(secret, purpose): a cross-site page can neither
// read the cookie nor compute the token.
func (s *session) csrfToken() string {
	m := hmac.New(sha256.New, []byte(s.secret))
	m.Write([]byte("stoa oauth form"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// validCSRF reports whether a form's token belongs to this session.
func (s *session) validCSRF(token string) bool {
	return s != nil && token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.csrfToken())) == 1
}

// readSession returns the request's session, or nil when it has no
// well-formed cookie. An unknown or expired cookie is an anonymous session.
func (h *Handler) readSession(r *http.Request) (*session, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || !wellFormedSecret(c.Value) {
		return nil, nil
	}
	s := &session{secret: c.Value}
	row, err := h.Store.SessionBySecret(r.Context(), c.Value, h.now())
	switch {
	case errors.Is(err, models.ErrNotFound):
		return s, nil
	case err != nil:
		return nil, err
	}
	s.row = row
	return s, nil
}

// ensureSession is readSession that starts an anonymous session (a cookie
// for the browser session) when there is none.
func (h *Handler) ensureSession(w http.ResponseWriter, r *http.Request) (*session, error) {
	s, err := h.readSession(r)
	if err != nil || s != nil {
		return s, err
	}
	s = &session{secret: models.NewSecret()}
	h.setCookie(w, s.secret, 0)
	return s, nil
}

// signInAs replaces the browser's session with a new signed-in one: a new
// secret, so a cookie planted before sign-in is worth nothing after it.
func (h *Handler) signInAs(w http.ResponseWriter, r *http.Request, old *session, u *models.User) error {
	now := h.now()
	s := &session{secret: models.NewSecret()}
	row := &models.Session{ID: models.NewID(), SecretHash: models.HashSecret(s.secret), UserID: u.ID,
		CreatedAt: now, ExpiresAt: now.Add(SessionLifetime)}
	if err := h.Store.CreateSession(r.Context(), row); err != nil {
		return err
	}
	if old != nil && old.row != nil {
		if err := h.Store.DeleteSession(r.Context(), old.row.ID); err != nil {
			return err
		}
	}
	h.setCookie(w, s.secret, SessionLifetime)
	return nil
}

// signOut ends the browser's signed-in session, if any, and drops its
// cookie; the next form starts a fresh anonymous session.
func (h *Handler) signOut(w http.ResponseWriter, r *http.Request, s *session) error {
	if s != nil && s.row != nil {
		if err := h.Store.DeleteSession(r.Context(), s.row.ID); err != nil {
			return err
		}
	}
	h.setCookie(w, "", -1)
	return nil
}

// setCookie sets the session cookie for the whole site: HttpOnly, SameSite=Lax
// (sent on top-level navigations only, not on cross-site POSTs), Secure on
// an https site. maxAge 0 makes a browser-session cookie, < 0 deletes it.
func (h *Handler) setCookie(w http.ResponseWriter, secret string, maxAge time.Duration) {
	age := int(maxAge.Seconds())
	if maxAge < 0 {
		age = -1
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: secret, Path: "/",
		MaxAge: age, HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: h.Site.Scheme() == "https",
	})
}

// wellFormedSecret accepts what models.NewSecret makes: 43 base64url chars.
func wellFormedSecret(s string) bool {
	if len(s) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}

// postedForm parses a form POST and checks its CSRF token against the
// session. A bad token renders the refusal page, again saying what to do
// next; then, as on any error, the session is nil and err is what the
// handler returns.
func (h *Handler) postedForm(w http.ResponseWriter, r *http.Request, again string) (*session, error) {
	if err := r.ParseForm(); err != nil {
		return nil, bodyError(err)
	}
	sess, err := h.readSession(r)
	if err != nil {
		return nil, err
	}
	if !sess.validCSRF(r.PostForm.Get("csrf_token")) {
		return nil, h.errorPage(w, r, http.StatusForbidden, "Request refused",
			"The form has expired or did not come from this site. "+again)
	}
	return sess, nil
}
