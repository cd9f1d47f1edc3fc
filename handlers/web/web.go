// Package web serves the HTML pages people see in a browser, rendered from
// templates embedded in static/: profiles (/@username), the about page, the
// communities list and creation form (/communities) and the stylesheet
// under /static/.
package web

import (
	"bytes"
	"html/template"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/static"
)

// Handler serves the web pages. Routes parses the templates; call it once
// before serving.
type Handler struct {
	Site    models.Site
	Store   *store.Store
	Version string // Stoa's version, shown on the about page
	// Sessions tells who is signed in; nil disables the pages that need a
	// signed-in user (creating a community).
	Sessions Sessions

	pages map[string]*template.Template
}

// pageNames are the page templates; each is parsed together with layout.html.
var pageNames = []string{"profile", "about", "notfound", "communities", "community_new"}

// Routes parses the embedded templates and registers the web pages.
func (h *Handler) Routes(r *mux.Router) {
	h.pages = make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		// Embedded files: a parse error is a bug caught by every test.
		h.pages[name] = template.Must(template.ParseFS(static.Templates(), "layout.html", name+".html"))
	}
	r.Handle("/@{username}", http.HandlerFunc(h.profile)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/about", http.HandlerFunc(h.about)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/communities", http.HandlerFunc(h.communities)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/communities/new", http.HandlerFunc(h.newCommunityPage)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/communities/new", http.HandlerFunc(h.createCommunity)).Methods(http.MethodPost)
	r.PathPrefix("/static/").Handler(
		http.StripPrefix("/static/", cacheFor(http.FileServerFS(static.Public())))).
		Methods(http.MethodGet, http.MethodHead)
}

// pageBase is what the layout needs on every page. Pages are passed to
// render by pointer so that it can fill Nav (session.go).
type pageBase struct {
	Host string
	Nav  nav
}

// base is the pageBase of this instance.
func (h *Handler) base() pageBase { return pageBase{Host: h.Site.Host()} }

// formPages may post their forms (to this site only); other pages may not.
var formPages = map[string]bool{"community_new": true}

// render executes a page into a buffer first, so a template error becomes a
// clean 500 instead of half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	if err := h.fillNav(w, r, data); err != nil {
		respond.WriteError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := h.pages[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		slog.ErrorContext(r.Context(), "render page", "page", name, "err", err)
		http.Error(w, "Internal server error", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("X-Content-Type-Options", "nosniff")
	// Pages carry no scripts; the note is sanitised HTML, and this policy is
	// a second line of defence should sanitising ever miss something.
	p, _ := data.(page)
	signedIn := p != nil && p.layout().Nav.Viewer != nil
	formAction := "'none'"
	if formPages[name] || signedIn {
		formAction = "'self'" // the page's form, or the header's sign-out
	}
	if h.Sessions != nil {
		hd.Add("Vary", "Cookie") // the header shows who is signed in
	}
	if signedIn {
		hd.Set("Cache-Control", "private, no-store")
	}
	hd.Set("Content-Security-Policy",
		"default-src 'none'; style-src 'self'; img-src * data:; base-uri 'none'; form-action "+formAction+"; frame-ancestors 'none'")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// notFound renders the HTML 404 page.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request, msg string) {
	h.render(w, r, http.StatusNotFound, "notfound", &struct {
		pageBase
		Message string
	}{pageBase{Host: h.Site.Host()}, msg})
}

// cacheFor lets browsers keep static files for an hour; it refuses
// directory listings.
func cacheFor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}
