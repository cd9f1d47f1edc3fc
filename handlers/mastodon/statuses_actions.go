package mastodon

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// statusActFunc does one action of accountID on st, a status accountID may
// see (possibly a reblog: the store acts on its original).
type statusActFunc func(ctx context.Context, accountID string, st *models.Status) error

// statusAction answers POST /api/v1/statuses/:id/<action>: 404 when the
// caller may not see the status, else act, then the status acted on (the
// original, for a reblog) with its counts and the caller's flags as they
// are now. Undoing what was never done is not an error, as in Mastodon.
func (h *Handler) statusAction(act statusActFunc) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		st, err := h.statusFromPath(r)
		if err != nil {
			return err
		}
		if err := act(ctx, auth.Account(ctx).ID, st); err != nil {
			return err
		}
		fresh, err := h.Store.StatusByID(ctx, st.Target().ID)
		if err != nil {
			return err
		}
		return h.writeStatusEntity(w, r, fresh)
	}
}

// undoneIsDone treats "there was nothing to undo" as success.
func undoneIsDone(err error) error {
	if errors.Is(err, models.ErrNotFound) {
		return nil
	}
	return err
}

func (h *Handler) actFavourite(ctx context.Context, accountID string, st *models.Status) error {
	_, err := h.Store.Favourite(ctx, accountID, st.ID, "")
	return err
}

func (h *Handler) actUnfavourite(ctx context.Context, accountID string, st *models.Status) error {
	_, err := h.Store.Unfavourite(ctx, accountID, st.ID)
	return undoneIsDone(err)
}

func (h *Handler) actUnreblog(ctx context.Context, accountID string, st *models.Status) error {
	_, err := h.Store.Unreblog(ctx, accountID, st.ID)
	return undoneIsDone(err)
}

func (h *Handler) actBookmark(ctx context.Context, accountID string, st *models.Status) error {
	_, err := h.Store.Bookmark(ctx, accountID, st.ID)
	return err
}

func (h *Handler) actUnbookmark(ctx context.Context, accountID string, st *models.Status) error {
	return h.Store.Unbookmark(ctx, accountID, st.ID)
}

func (h *Handler) actPin(ctx context.Context, accountID string, st *models.Status) error {
	_, err := h.Store.Pin(ctx, accountID, st.ID)
	return err
}

func (h *Handler) actUnpin(ctx context.Context, accountID string, st *models.Status) error {
	return h.Store.Unpin(ctx, accountID, st.ID)
}

func (h *Handler) actMuteConversation(ctx context.Context, accountID string, st *models.Status) error {
	return h.Store.MuteConversation(ctx, accountID, st.ID)
}

func (h *Handler) actUnmuteConversation(ctx context.Context, accountID string, st *models.Status) error {
	return h.Store.UnmuteConversation(ctx, accountID, st.ID)
}

// statusReblog answers POST /api/v1/statuses/:id/reblog (visibility:
// public, unlisted or private; default public) with the reblog, the
// original nested in `reblog`, as Mastodon does. Reblogging again returns
// the same reblog. A direct status, or someone else's private one, is 403.
func (h *Handler) statusReblog(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	acct := auth.Account(ctx)
	st, err := h.statusFromPath(r)
	if err != nil {
		return err
	}
	p, err := readParams(r)
	if err != nil {
		return err
	}
	vis, err := models.ParseVisibility(strings.TrimSpace(p.Get("visibility")))
	if err != nil {
		return err
	}
	orig := st.Target()
	if orig.Visibility == models.VisibilityDirect ||
		orig.Visibility == models.VisibilityPrivate && orig.AccountID != acct.ID {
		return respond.Forbidden("This action is not allowed")
	}
	reblog, err := h.Store.Reblog(ctx, acct.ID, orig.ID, store.ReblogOptions{Visibility: vis})
	if err != nil {
		return err
	}
	return h.writeStatusEntity(w, r, reblog)
}
