package serve

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation"
	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// ContentType is what every document here is served as.
const ContentType = "application/activity+json; charset=utf-8"

// Config is what the Handler needs.
type Config struct {
	Site  models.Site
	Store *store.Store
	// AuthorizedFetch requires a valid signature on every GET (public
	// objects included).
	AuthorizedFetch bool
	// KeyOwner finds a signature's key (deref.Fetcher.KeyOwner fetches
	// unknown ones); nil looks in the store only.
	KeyOwner federation.KeyOwnerFunc
	Logger   *slog.Logger
}

// Handler serves the objects; see the package comment.
type Handler struct{ cfg Config }

// New returns the Handler.
func New(cfg Config) *Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.KeyOwner == nil {
		st := cfg.Store
		cfg.KeyOwner = func(ctx context.Context, keyID string) (*models.Account, error) {
			return st.AccountByKeyURI(ctx, keyID)
		}
	}
	return &Handler{cfg: cfg}
}

// httpError is an answer other than 200: a status and a client-safe message.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

var errNotFound = &httpError{http.StatusNotFound, "Record not found"}

// ServeHTTP routes by path: /users/{name}/... and /actor/... (the
// instance actor's collections).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.fail(w, r, &httpError{http.StatusMethodNotAllowed, "Method not allowed"})
		return
	}
	w.Header().Add("Vary", "Accept")
	if h.cfg.AuthorizedFetch {
		w.Header().Add("Vary", "Signature")
	}
	doc, private, err := h.route(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body, err := astype.Marshal(doc)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ContentType)
	if private {
		w.Header().Set("Cache-Control", "private, no-store")
	}
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		w.Write(body)
	}
}

// route finds the account and the document the path names, and whether
// the answer depends on who asked beyond "may fetch public objects".
func (h *Handler) route(r *http.Request) (vocab.Type, bool, error) {
	name, rest, ok := splitPath(r.URL.Path)
	if !ok {
		return nil, false, errNotFound
	}
	viewer, err := h.viewer(r)
	if err != nil {
		return nil, false, err
	}
	acct, err := h.cfg.Store.AccountByUsername(r.Context(), name, "")
	if errors.Is(err, models.ErrNotFound) {
		return nil, false, errNotFound
	}
	if err != nil {
		return nil, false, err
	}
	req := &request{r: r, viewer: viewer, acct: acct}
	switch {
	case rest == "outbox":
		return h.outbox(req)
	case rest == "followers" || rest == "following":
		return h.follows(req, rest == "followers")
	case rest == "collections/featured":
		return h.featured(req)
	case rest == "moderators":
		return h.moderators(req)
	case strings.HasPrefix(rest, "statuses/"):
		return h.status(req, strings.TrimPrefix(rest, "statuses/"))
	}
	return nil, false, errNotFound
}

// request is one GET: the viewer's account id ("" for anonymous) and the
// local account whose object is asked for.
type request struct {
	r      *http.Request
	viewer string
	acct   *models.Account
}

// splitPath reads /users/{name}/{rest} and /actor/{rest}.
func splitPath(p string) (name, rest string, ok bool) {
	if rest, ok := strings.CutPrefix(p, "/actor/"); ok {
		return models.InstanceActorUsername, rest, rest != ""
	}
	p, ok = strings.CutPrefix(p, "/users/")
	if !ok {
		return "", "", false
	}
	name, rest, ok = strings.Cut(p, "/")
	if !ok || name == "" || strings.EqualFold(name, models.InstanceActorUsername) {
		return "", "", false
	}
	return name, rest, true
}

// viewer authenticates the request: the signer's account id, "" when
// unsigned (allowed only without AuthorizedFetch).
func (h *Handler) viewer(r *http.Request) (string, error) {
	signer, err := federation.VerifyFetch(r, h.cfg.KeyOwner)
	switch {
	case err != nil && federation.IsRefusal(err):
		h.cfg.Logger.Debug("serve: refused signature", "path", r.URL.Path, "err", err)
		return "", &httpError{http.StatusUnauthorized, err.Error()}
	case err != nil:
		return "", err
	case signer != nil:
		return signer.ID, nil
	case h.cfg.AuthorizedFetch:
		return "", &httpError{http.StatusUnauthorized, "Request not signed"}
	}
	return "", nil
}

// fail writes Mastodon's {"error": "..."}; unexpected errors are logged
// and answered 500.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	if !errors.As(err, &he) {
		h.cfg.Logger.ErrorContext(r.Context(), "serve: "+r.URL.Path, "err", err)
		he = &httpError{http.StatusInternalServerError, "Internal server error"}
	}
	body, _ := astype.MarshalMap(map[string]any{"error": he.msg})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(he.status)
	w.Write(body)
}
