package oauth

import (
	"bytes"
	"html/template"
	"log/slog"
	"net/http"

	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/static"
)

// pages are the HTML templates of the sign-in flow, one set per page.
type pages struct{ byName map[string]*template.Template }

var pageNames = []string{"sign_in", "authorize", "code", "error"}

// mustLoadPages parses the embedded templates; they are part of the binary,
// so a failure is a programming error caught by any test.
func mustLoadPages() *pages {
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		t := template.Must(template.ParseFS(static.OAuthTemplates,
			"templates/oauth/layout.html", "templates/oauth/"+name+".html"))
		p.byName[name] = t
	}
	return p
}

// pageData is what every page may show.
type pageData struct {
	Title  string
	Host   string
	Action string // form target
	CSRF   string
	Error  string

	Next     string // OAuth sign-in: the authorization request to return to
	ReturnTo string // web sign-in: the local path to return to
	Login    string

	App       *models.Application
	Account   *models.Account
	Scopes    []scopeLine
	Hidden    []field // authorize: the request, carried to the POST
	SwitchURL string

	Code    string
	Minutes int
}

type field struct{ Name, Value string }

type scopeLine struct{ Name, Description string }

// scopeText explains the top-level scopes; granular ones speak for themselves.
var scopeText = map[string]string{
	"read":        "read all of your account's data",
	"write":       "change all of your account's data",
	"follow":      "follow, block and mute accounts",
	"push":        "receive your push notifications",
	"profile":     "read only your profile",
	"admin:read":  "read all data on the server (moderators)",
	"admin:write": "moderate the server",
}

// render writes page name with status and the headers that keep the page
// out of frames and caches.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, d pageData) error {
	d.Host = h.Site.Host()
	var buf bytes.Buffer
	if err := h.pages.byName[name].ExecuteTemplate(&buf, "layout", d); err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
	w.WriteHeader(status)
	if _, err := w.Write(buf.Bytes()); err != nil {
		slog.DebugContext(r.Context(), "write page", "err", err)
	}
	return nil
}

// errorPage shows a problem that must not be sent to the client's redirect
// URI (unknown client, unregistered redirect URI, bad CSRF token).
func (h *Handler) errorPage(w http.ResponseWriter, r *http.Request, status int, title, msg string) error {
	return h.render(w, r, status, "error", pageData{Title: title, Error: msg})
}
