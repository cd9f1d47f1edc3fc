package mastodon

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/models"
)

// The renderers below serve the streaming API (handlers/streaming): each
// returns an entity's JSON for one viewer, and ok false when that viewer's
// timeline (or notifications list) would not show it, so that a stream
// never shows what the REST API would not. They build entities with the
// same presenters as the REST endpoints.

// RenderStatus renders statusID for viewerID ("" for anonymous) as the
// home, public and hashtag timelines would: hidden when the viewer may not
// see it, mutes its author (or, for a reblog, the original's author) or
// has a filter that hides it in filterContext (models.FilterHome or
// models.FilterPublic); marked by the filters that only warn.
func (h *Handler) RenderStatus(ctx context.Context, viewerID, statusID, filterContext string) ([]byte, bool, error) {
	st, err := h.Store.TimelineStatus(ctx, viewerID, statusID)
	return h.renderStatus(ctx, viewerID, st, filterContext, err)
}

// RenderListStatus renders statusID for viewerID as their list listID
// would show it.
func (h *Handler) RenderListStatus(ctx context.Context, viewerID, listID, statusID string) ([]byte, bool, error) {
	st, err := h.Store.ListStatus(ctx, viewerID, listID, statusID)
	return h.renderStatus(ctx, viewerID, st, models.FilterHome, err)
}

func (h *Handler) renderStatus(ctx context.Context, viewerID string, st *models.Status, filterContext string, err error) ([]byte, bool, error) {
	if errors.Is(err, models.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	e, err := h.statusEntity(ctx, viewerID, st)
	if err != nil {
		return nil, false, err
	}
	kept := h.applyFilters(ctx, viewerID, filterContext, []entity.Status{e})
	if len(kept) == 0 {
		return nil, false, nil
	}
	b, err := json.Marshal(kept[0])
	return b, err == nil, err
}

// RenderNotification renders viewerID's notification notificationID as
// GET /api/v1/notifications would list it.
func (h *Handler) RenderNotification(ctx context.Context, viewerID, notificationID string) ([]byte, bool, error) {
	n, err := h.Store.StreamNotification(ctx, viewerID, notificationID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	out, err := h.presentNotifications(ctx, viewerID, []*models.Notification{n})
	if err != nil || len(out) == 0 {
		return nil, false, err
	}
	b, err := json.Marshal(out[0])
	return b, err == nil, err
}

// streamConversation is Mastodon's Conversation entity as the direct
// stream sends it. Its id is the thread's id (Stoa keeps no per-account
// conversation rows yet); unread is always true for a new status.
type streamConversation struct {
	ID         string           `json:"id"`
	Unread     bool             `json:"unread"`
	Accounts   []entity.Account `json:"accounts"`
	LastStatus *entity.Status   `json:"last_status"`
}

// RenderConversation renders the conversation a direct status (statusID)
// belongs to, for one of its participants: the other participants and the
// status as last_status.
func (h *Handler) RenderConversation(ctx context.Context, viewerID, statusID string) ([]byte, bool, error) {
	st, err := h.Store.TimelineStatus(ctx, viewerID, statusID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	var others []*models.Account
	seen := map[string]bool{viewerID: true}
	add := func(a *models.Account) {
		if a != nil && !seen[a.ID] && !hidden(a) {
			seen[a.ID] = true
			others = append(others, a)
		}
	}
	add(st.Account)
	for _, m := range st.Mentions {
		add(m.Account)
	}
	accounts, err := h.presentAccounts(ctx, others)
	if err != nil {
		return nil, false, err
	}
	last, err := h.statusEntity(ctx, viewerID, st)
	if err != nil {
		return nil, false, err
	}
	b, err := json.Marshal(streamConversation{ID: st.ThreadID, Unread: st.AccountID != viewerID,
		Accounts: accounts, LastStatus: &last})
	return b, err == nil, err
}
