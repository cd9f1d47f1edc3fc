package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/stoa-social/stoa/content"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// Sessions is the browser sign-in the web pages share with the OAuth
// sign-in pages: who is signed in, and a per-browser CSRF token for forms.
type Sessions interface {
	// SignedIn returns the signed-in user, with its Account, or nil.
	SignedIn(r *http.Request) (*models.User, error)
	// CSRFToken returns the token this browser's forms carry (starting a
	// session, with a cookie, when there is none).
	CSRFToken(w http.ResponseWriter, r *http.Request) (string, error)
	// ValidCSRF reports whether a posted token belongs to this browser.
	ValidCSRF(r *http.Request, token string) bool
}

// Limits of the community form, as Mastodon bounds a profile.
const (
	maxCommunityDisplayName = 30
	maxCommunitySummary     = 500
)

// communityForm is what community_new.html shows: the form, refilled after
// a refusal.
type communityForm struct {
	pageBase
	SignedIn            *models.Account // nil: the page asks to sign in
	CSRF                string
	Name, DisplayName   string
	Summary, Rules      string // rules: one per line
	Closed, OpenPosting bool
	Error               string
	SignInAvailable     bool
}

// newCommunityPage serves GET /communities/new: the creation form for a
// signed-in local user.
func (h *Handler) newCommunityPage(w http.ResponseWriter, r *http.Request) {
	f, err := h.communityForm(w, r)
	if err != nil {
		respond.WriteError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "community_new", f)
}

// communityForm reads the session into an empty form.
func (h *Handler) communityForm(w http.ResponseWriter, r *http.Request) (*communityForm, error) {
	f := &communityForm{pageBase: h.base(), SignInAvailable: h.Sessions != nil}
	if h.Sessions == nil {
		return f, nil
	}
	u, err := h.Sessions.SignedIn(r)
	if err != nil {
		return nil, err
	}
	if u != nil && u.Account != nil {
		f.SignedIn = u.Account
	}
	f.CSRF, err = h.Sessions.CSRFToken(w, r)
	return f, err
}

// createCommunity serves POST /communities/new: the signed-in user creates
// a community they own, then lands on its page (303). A refusal shows the
// form again with the reason (422); a missing or foreign CSRF token is 403.
func (h *Handler) createCommunity(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "Bad request", http.StatusBadRequest)
		return
	}
	f, err := h.communityForm(w, r)
	if err != nil {
		respond.WriteError(w, r, err)
		return
	}
	if h.Sessions == nil || !h.Sessions.ValidCSRF(r, r.PostForm.Get("csrf_token")) {
		f.Error = "The form has expired or did not come from this site. Please fill it in again."
		h.render(w, r, http.StatusForbidden, "community_new", f)
		return
	}
	if f.SignedIn == nil {
		h.render(w, r, http.StatusUnauthorized, "community_new", f)
		return
	}
	pf := r.PostForm
	f.Name, f.DisplayName = strings.TrimSpace(pf.Get("name")), strings.TrimSpace(pf.Get("display_name"))
	f.Summary, f.Rules = strings.TrimSpace(pf.Get("summary")), pf.Get("rules")
	f.Closed, f.OpenPosting = pf.Get("closed") != "", pf.Get("open_posting") != ""
	acct, err := h.buildCommunity(r, f)
	if err == nil {
		http.Redirect(w, r, acct.URL, http.StatusSeeOther)
		return
	}
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve):
		f.Error = ve.Error()
	case errors.Is(err, models.ErrConflict):
		f.Error = "The name " + f.Name + " is already taken."
	default:
		respond.WriteError(w, r, err)
		return
	}
	h.render(w, r, http.StatusUnprocessableEntity, "community_new", f)
}

// buildCommunity validates the form and stores the community.
func (h *Handler) buildCommunity(r *http.Request, f *communityForm) (*models.Account, error) {
	if len([]rune(f.DisplayName)) > maxCommunityDisplayName {
		return nil, models.Invalidf("the display name is at most %d characters", maxCommunityDisplayName)
	}
	if content.Length(f.Summary) > maxCommunitySummary {
		return nil, models.Invalidf("the description is at most %d characters", maxCommunitySummary)
	}
	n := models.NewCommunity{Name: f.Name, DisplayName: f.DisplayName, Summary: f.Summary,
		OwnerID: f.SignedIn.ID, Closed: f.Closed, OpenPosting: f.OpenPosting,
		Rules: strings.Split(strings.ReplaceAll(f.Rules, "\r\n", "\n"), "\n")}
	if n.Summary != "" {
		res, err := content.Render(r.Context(), n.Summary, content.Plain, h.Site, nil)
		if err != nil {
			return nil, err
		}
		n.NoteHTML = res.HTML
	}
	acct, c, err := n.Build(h.Site, time.Now().UTC())
	if err != nil {
		return nil, err
	}
	return acct, h.Store.CreateCommunity(r.Context(), acct, c)
}
