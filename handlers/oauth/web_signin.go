package oauth

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/respond"
)

// The standalone sign-in for the web pages: the same form, session and
// rate limit as the OAuth flow, returning to a page of this site.
const (
	webSignInPath  = "/auth/sign_in"
	webSignOutPath = "/auth/sign_out"
	// defaultReturn is where sign-in and sign-out go without a usable
	// return_to: the site has no page at "/".
	defaultReturn = "/about"
)

// webRoutes registers the standalone sign-in and sign-out. Sign-in
// attempts count against the same per-IP limit as the OAuth flow's, so
// the two forms together give a guesser no more tries than one.
func (h *Handler) webRoutes(r *mux.Router) {
	r.Handle(webSignInPath, respond.Wrap(h.webSignInPage)).Methods(http.MethodGet, http.MethodHead)
	r.Handle(webSignInPath, h.signIns.wrap(respond.Wrap(h.webSignIn))).Methods(http.MethodPost)
	r.Handle(webSignOutPath, respond.Wrap(h.webSignOut)).Methods(http.MethodPost)
}

// webSignInPage is GET /auth/sign_in?return_to=/local/path.
func (h *Handler) webSignInPage(w http.ResponseWriter, r *http.Request) error {
	sess, err := h.ensureSession(w, r)
	if err != nil {
		return err
	}
	return h.webSignInForm(w, r, http.StatusOK, sess, localPath(r.URL.Query().Get("return_to")), "", "")
}

func (h *Handler) webSignInForm(w http.ResponseWriter, r *http.Request, status int, sess *session,
	returnTo, login, msg string) error {
	return h.render(w, r, status, "sign_in", pageData{
		Title: "Sign in", Action: h.Site.URL(webSignInPath), CSRF: sess.csrfToken(),
		ReturnTo: returnTo, Login: login, Error: msg,
	})
}

// webSignIn is POST /auth/sign_in: login (username or email), password and
// return_to. Success starts a new session and returns, with 303, to
// return_to on this site; a wrong password shows the form again (422).
func (h *Handler) webSignIn(w http.ResponseWriter, r *http.Request) error {
	sess, err := h.postedForm(w, r, "Open the sign-in page again.")
	if sess == nil {
		return err
	}
	returnTo := localPath(r.PostForm.Get("return_to"))
	login := r.PostForm.Get("login")
	u, err := h.checkLogin(r, login, r.PostForm.Get("password"))
	if err != nil {
		return err
	}
	if u == nil {
		return h.webSignInForm(w, r, http.StatusUnprocessableEntity, sess, returnTo, login,
			"Invalid username, email or password.")
	}
	if err := h.signInAs(w, r, sess, u); err != nil {
		return err
	}
	http.Redirect(w, r, h.Site.URL(returnTo), http.StatusSeeOther)
	return nil
}

// webSignOut is POST /auth/sign_out with the session's CSRF token (so no
// other site can sign a person out); it returns, with 303, to return_to.
func (h *Handler) webSignOut(w http.ResponseWriter, r *http.Request) error {
	sess, err := h.postedForm(w, r, "Reload the page and sign out again.")
	if sess == nil {
		return err
	}
	if err := h.signOut(w, r, sess); err != nil {
		return err
	}
	http.Redirect(w, r, h.Site.URL(localPath(r.PostForm.Get("return_to"))), http.StatusSeeOther)
	return nil
}

// localPath returns p when it is a path on this site ("/communities/new",
// with a query if any), else defaultReturn. Callers still prefix the site's
// base URL, so even a path that slipped through stays on this host; the
// checks refuse what browsers read as another host ("//evil", "/\evil").
func localPath(p string) string {
	if len(p) > 2048 || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.Contains(p, `\`) {
		return defaultReturn
	}
	for _, c := range p {
		if c < 0x20 || c == 0x7f {
			return defaultReturn
		}
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return defaultReturn
	}
	return p
}
