package mastodon

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
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
	if err != nil {
		return hiddenOr(err)
	}
	return h.renderStatus(ctx, viewerID, st, filterContext)
}

// RenderListStatus renders statusID for viewerID as their list listID
// would show it.
func (h *Handler) RenderListStatus(ctx context.Context, viewerID, listID, statusID string) ([]byte, bool, error) {
	st, err := h.Store.ListStatus(ctx, viewerID, listID, statusID)
	if err != nil {
		return hiddenOr(err)
	}
	return h.renderStatus(ctx, viewerID, st, models.FilterHome)
}

func (h *Handler) renderStatus(ctx context.Context, viewerID string, st *models.Status, filterContext string) ([]byte, bool, error) {
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
	if err != nil {
		return hiddenOr(err)
	}
	out, err := h.presentNotifications(ctx, viewerID, []*models.Notification{n})
	if err != nil || len(out) == 0 {
		return nil, false, err
	}
	b, err := json.Marshal(out[0])
	return b, err == nil, err
}

// RenderConversation renders, for one of its participants, the
// conversation a direct status (statusID) belongs to, as
// GET /api/v1/conversations lists it.
func (h *Handler) RenderConversation(ctx context.Context, viewerID, statusID string) ([]byte, bool, error) {
	st, err := h.Store.StatusByID(ctx, statusID)
	if err != nil {
		return hiddenOr(err)
	}
	c, err := h.Store.ConversationByID(ctx, viewerID, st.ThreadID)
	if err != nil {
		return hiddenOr(err)
	}
	out, err := h.presentConversations(ctx, viewerID, []store.Conversation{*c})
	if err != nil {
		return nil, false, err
	}
	b, err := json.Marshal(out[0])
	return b, err == nil, err
}

// hiddenOr is a renderer's answer to err: not shown for models.ErrNotFound,
// the error otherwise.
func hiddenOr(err error) ([]byte, bool, error) {
	if errors.Is(err, models.ErrNotFound) {
		return nil, false, nil
	}
	return nil, false, err
}
