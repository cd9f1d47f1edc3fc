package web

import (
	"net/http"
	"net/url"

	"github.com/stoa-social/stoa/models"
)

// nav is the part of the site header that depends on the browser: a
// "Sign in" link, or the signed-in account with "New community" and a
// sign-out form.
type nav struct {
	SignIn   string          // sign-in link returning to this page; "" without Sessions
	Viewer   *models.Account // the signed-in account, or nil
	CSRF     string          // the sign-out form's token, when signed in
	ReturnTo string          // this page, where sign-out returns
}

// page is every page's data: they all embed pageBase, which render fills.
type page interface{ layout() *pageBase }

func (p *pageBase) layout() *pageBase { return p }

// fillNav reads the browser's session into the page's header. It starts
// no session: an anonymous visitor gets a plain link, and a signed-in one
// already has the session the sign-out token comes from.
func (h *Handler) fillNav(w http.ResponseWriter, r *http.Request, data any) error {
	p, ok := data.(page)
	if !ok || h.Sessions == nil {
		return nil
	}
	b := p.layout()
	here := r.URL.RequestURI()
	b.Nav.SignIn = "/auth/sign_in?" + url.Values{"return_to": {here}}.Encode()
	u, err := h.Sessions.SignedIn(r)
	if err != nil || u == nil || u.Account == nil {
		return err
	}
	b.Nav.Viewer, b.Nav.ReturnTo = u.Account, here
	b.Nav.CSRF, err = h.Sessions.CSRFToken(w, r)
	return err
}
