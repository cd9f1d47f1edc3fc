package mastodon

import (
	"context"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// maxStatusIDs bounds GET /api/v1/statuses?id[]=.
const maxStatusIDs = 40

// Thread limits for anonymous readers of a context, as Mastodon's.
const (
	anonContextAncestors   = 40
	anonContextDescendants = 60
)

// statusViewer is the id of the account the request acts as, "" when
// anonymous or for an app-only token.
func statusViewer(ctx context.Context) string {
	if a := auth.Account(ctx); a != nil {
		return a.ID
	}
	return ""
}

// maxStatusIDLen bounds what may be a status id (Stoa's are 26-character
// ULIDs).
const maxStatusIDLen = 64

// validStatusID reports whether id can name a status: a short string of
// printable ASCII. Anything else is answered 404 without a query, so that
// NUL bytes or invalid UTF-8 never reach the database.
func validStatusID(id string) bool {
	if id == "" || len(id) > maxStatusIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x21 || id[i] > 0x7e {
			return false
		}
	}
	return true
}

// pathStatusID is the {id} route variable, or 404 when it cannot be an id.
func pathStatusID(r *http.Request) (string, error) {
	id := mux.Vars(r)["id"]
	if !validStatusID(id) {
		return "", respond.NotFound()
	}
	return id, nil
}

// statusFromPath loads the status named by the {id} route variable if the
// caller may see it; otherwise 404, as Mastodon answers for both.
func (h *Handler) statusFromPath(r *http.Request) (*models.Status, error) {
	id, err := pathStatusID(r)
	if err != nil {
		return nil, err
	}
	return h.Store.VisibleStatus(r.Context(), statusViewer(r.Context()), id)
}

// writeStatusEntity renders st for the caller and writes it.
func (h *Handler) writeStatusEntity(w http.ResponseWriter, r *http.Request, st *models.Status) error {
	e, err := h.statusEntity(r.Context(), statusViewer(r.Context()), st)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, e)
}

// statusGet answers GET /api/v1/statuses/:id.
func (h *Handler) statusGet(w http.ResponseWriter, r *http.Request) error {
	st, err := h.statusFromPath(r)
	if err != nil {
		return err
	}
	return h.writeStatusEntity(w, r, st)
}

// statusIndex answers GET /api/v1/statuses?id[]=...: the statuses the
// caller may see, in the order asked, unknown, malformed and hidden ones
// left out.
// More than maxStatusIDs distinct ids is 422.
func (h *Handler) statusIndex(w http.ResponseWriter, r *http.Request) error {
	ctx, viewer := r.Context(), statusViewer(r.Context())
	p, err := readParams(r)
	if err != nil {
		return err
	}
	var ids []string
	seen := map[string]bool{}
	for _, id := range p.Strings("id") {
		if id = strings.TrimSpace(id); validStatusID(id) && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) > maxStatusIDs {
		return models.Invalidf("at most %d ids may be asked for at once", maxStatusIDs)
	}
	sts, err := h.Store.StatusesByIDs(ctx, ids)
	if err != nil {
		return err
	}
	visible := make([]*models.Status, 0, len(sts))
	for _, st := range sts {
		ok, err := h.Store.CanSee(ctx, viewer, st)
		if err != nil {
			return err
		}
		if ok {
			visible = append(visible, st)
		}
	}
	out, err := h.presentStatuses(ctx, viewer, visible)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, out)
}

// statusContext answers GET /api/v1/statuses/:id/context with the thread as
// the caller may see it, completed from other servers first for signed-in
// callers (resolveThread). Anonymous callers get at most the 40 nearest
// ancestors and the first 60 descendants, as on Mastodon.
func (h *Handler) statusContext(w http.ResponseWriter, r *http.Request) error {
	ctx, viewer := r.Context(), statusViewer(r.Context())
	id, err := pathStatusID(r)
	if err != nil {
		return err
	}
	h.resolveThread(ctx, viewer, id)
	sc, err := h.Store.Context(ctx, viewer, id)
	if err != nil {
		return err
	}
	up, down := sc.Ancestors, sc.Descendants
	if viewer == "" {
		if len(up) > anonContextAncestors {
			up = up[len(up)-anonContextAncestors:]
		}
		if len(down) > anonContextDescendants {
			down = down[:anonContextDescendants]
		}
	}
	var out entity.Context
	if out.Ancestors, err = h.presentStatuses(ctx, viewer, up); err != nil {
		return err
	}
	if out.Descendants, err = h.presentStatuses(ctx, viewer, down); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, out)
}
