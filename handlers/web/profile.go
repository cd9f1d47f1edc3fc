package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/activitypub"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// profilePage is what profile.html shows.
type profilePage struct {
	pageBase
	Name       string
	Handle     string // user@host, without the leading @
	ProfileURL string
	ActorURI   string
	AvatarURL  string
	Bot        bool
	Locked     bool
	// Note is Account.Note, which is sanitised HTML: it is sanitised when it
	// is written (profile update, incoming actor), so it may be emitted
	// without escaping here. Never put unsanitised text in this field.
	Note   template.HTML
	Fields []profileField
	// Community is set on a local community's page (communities.go).
	Community *communityInfo
}

// profileField is a profile metadata pair; values that are http(s) URLs
// become rel="me" links, so other sites can verify the link back.
type profileField struct {
	Name, Value string
	Link        bool
}

// profile serves GET /@{username}: the HTML profile of a local account, or a
// 302 to its actor document when the client asks for ActivityPub JSON.
func (h *Handler) profile(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Accept")
	wantsJSON := activitypub.WantsActivityJSON(r)
	a, err := h.localAccount(r, mux.Vars(r)["username"])
	switch {
	case errors.Is(err, models.ErrNotFound) && !wantsJSON:
		h.notFound(w, r, "There is no account by that name here.")
		return
	case err != nil:
		respond.WriteError(w, r, err)
		return
	case wantsJSON:
		http.Redirect(w, r, a.URI, http.StatusFound)
		return
	}
	p := h.profileData(a)
	if p.Community, err = h.communityData(r, a); err != nil {
		respond.WriteError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "profile", &p)
}

// localAccount finds a local person, bot or group by username, ignoring
// case. The instance actor has no profile page (its page is /about).
func (h *Handler) localAccount(r *http.Request, username string) (*models.Account, error) {
	if strings.EqualFold(username, models.InstanceActorUsername) {
		return nil, models.ErrNotFound
	}
	return h.Store.AccountByUsername(r.Context(), username, "")
}

func (h *Handler) profileData(a *models.Account) profilePage {
	p := profilePage{
		pageBase:   pageBase{Host: h.Site.Host()},
		Name:       a.DisplayName,
		Handle:     a.Handle(h.Site.Host()),
		ProfileURL: a.URL,
		ActorURI:   a.URI,
		AvatarURL:  a.AvatarURL,
		Bot:        a.IsBot(),
		Locked:     a.Locked,
		Note:       template.HTML(a.Note), // sanitised on write, see profilePage.Note
	}
	if p.Name == "" {
		p.Name = a.Username
	}
	for _, f := range a.Fields {
		p.Fields = append(p.Fields, profileField{Name: f.Name, Value: f.Value, Link: isWebURL(f.Value)})
	}
	return p
}

// isWebURL reports whether s is a bare absolute http(s) URL.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		!strings.ContainsAny(s, " \t\r\n<>\"")
}

// about serves GET /about: the instance's page, which is also where the
// instance actor's url points.
func (h *Handler) about(w http.ResponseWriter, r *http.Request) {
	users, err := h.Store.CountUsers(r.Context())
	if err != nil {
		respond.WriteError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "about", &struct {
		pageBase
		ActorURI string
		Users    int
		Version  string
	}{pageBase{Host: h.Site.Host()}, h.Site.ActorURI(models.InstanceActorUsername), users, h.Version})
}
