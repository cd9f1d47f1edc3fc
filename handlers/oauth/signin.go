package oauth

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/stoa-social/stoa/models"
)

// signInPath receives the sign-in form; it is rate-limited per IP.
const signInPath = "/oauth/authorize/sign_in"

// signInPage shows the sign-in form. next is the authorization request (as
// a query string) to return to once signed in.
func (h *Handler) signInPage(w http.ResponseWriter, r *http.Request, status int, sess *session,
	app *models.Application, next, login, msg string) error {
	return h.render(w, r, status, "sign_in", pageData{
		Title: "Sign in", Action: h.Site.URL(signInPath), CSRF: sess.csrfToken(),
		App: app, Next: next, Login: login, Error: msg,
	})
}

// signIn is POST /oauth/authorize/sign_in: login (username or email) and
// password. Success starts a new session and returns, with 303, to the
// authorization request the form carried.
func (h *Handler) signIn(w http.ResponseWriter, r *http.Request) error {
	sess, err := h.postedForm(w, r, "Go back to the app and start signing in again.")
	if sess == nil {
		return err
	}
	next, _ := url.ParseQuery(r.PostForm.Get("next"))
	next.Del("force_login")
	login := r.PostForm.Get("login")
	u, err := h.checkLogin(r, login, r.PostForm.Get("password"))
	if err != nil {
		return err
	}
	if u == nil {
		app, _ := h.Store.ApplicationByClientID(r.Context(), next.Get("client_id"))
		return h.signInPage(w, r, http.StatusUnprocessableEntity, sess, app, next.Encode(), login,
			"Invalid username, email or password.")
	}
	if err := h.signInAs(w, r, sess, u); err != nil {
		return err
	}
	http.Redirect(w, r, h.Site.URL("/oauth/authorize?"+next.Encode()), http.StatusSeeOther)
	return nil
}

// checkLogin returns the user whose username or email is login and whose
// password matches, or nil. An unknown login costs a bcrypt comparison too,
// so timing does not tell which logins exist.
func (h *Handler) checkLogin(r *http.Request, login, password string) (*models.User, error) {
	if login == "" || password == "" || len(login) > 320 || len(password) > 1024 {
		return nil, nil
	}
	u, err := h.Store.UserByLogin(r.Context(), login)
	if errors.Is(err, models.ErrNotFound) {
		h.dummyOnce.Do(func() { h.dummyHash, _ = models.HashPassword(models.NewSecret()) })
		(&models.User{PasswordHash: h.dummyHash}).CheckPassword(password)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !u.CheckPassword(password) {
		return nil, nil
	}
	return u, nil
}
