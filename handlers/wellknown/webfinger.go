package wellknown

import (
	"net/http"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// Link relations and media types of WebFinger and host-meta documents.
const (
	jrdType        = "application/jrd+json; charset=utf-8"
	relSelf        = "self"
	relProfilePage = "http://webfinger.net/rel/profile-page"
	relSubscribe   = "http://ostatus.org/schema/1.0/subscribe"
	relLRDD        = "lrdd"
	activityType   = "application/activity+json"
)

// jrd is a JSON Resource Descriptor (RFC 7033 section 4.4).
type jrd struct {
	Subject string    `json:"subject,omitempty"`
	Aliases []string  `json:"aliases,omitempty"`
	Links   []jrdLink `json:"links"`
}

// jrdLink is one link of a JRD; a link has either an href or a template.
type jrdLink struct {
	Rel      string `json:"rel"`
	Type     string `json:"type,omitempty"`
	Href     string `json:"href,omitempty"`
	Template string `json:"template,omitempty"`
}

// webfinger answers GET /.well-known/webfinger?resource=... with the JRD of
// a local account (the instance actor included). The rel parameter is
// ignored, as Mastodon does: every link is returned.
func (h *Handler) webfinger(w http.ResponseWriter, r *http.Request) error {
	username, err := parseResource(r.URL.Query().Get("resource"), h.Site)
	if err != nil {
		return err
	}
	a, err := h.Store.AccountByUsername(r.Context(), username, "")
	if err != nil {
		return err // models.ErrNotFound renders as 404
	}
	return respond.JSONType(w, http.StatusOK, jrdType, h.accountJRD(a))
}

// accountJRD describes a local account: its acct: subject with the
// canonical username, its actor id and profile page.
func (h *Handler) accountJRD(a *models.Account) jrd {
	return jrd{
		Subject: "acct:" + a.Handle(h.Site.Host()),
		Aliases: []string{a.URI, a.URL},
		Links: []jrdLink{
			{Rel: relSelf, Type: activityType, Href: a.URI},
			{Rel: relProfilePage, Type: "text/html", Href: a.URL},
			{Rel: relSubscribe, Template: h.Site.URL("/authorize_interaction?uri={uri}")},
		},
	}
}
