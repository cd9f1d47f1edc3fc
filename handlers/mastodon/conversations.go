package mastodon

import (
	"context"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// Conversations are direct-message threads (store.Conversations); a
// conversation's id is its thread's id.

// conversations answers GET /api/v1/conversations, the most recently
// active first, with a Link header (last status ids, as Mastodon pages).
func (h *Handler) conversations(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	me := auth.Account(r.Context()).ID
	cs, info, err := h.Store.Conversations(r.Context(), me, page)
	if err != nil {
		return err
	}
	out, err := h.presentConversations(r.Context(), me, cs)
	if err != nil {
		return err
	}
	h.setLink(w, r, info)
	return respond.JSON(w, http.StatusOK, out)
}

// conversationRead answers POST /api/v1/conversations/{id}/read with the
// conversation, now read.
func (h *Handler) conversationRead(w http.ResponseWriter, r *http.Request) error {
	me := auth.Account(r.Context()).ID
	c, err := h.Store.MarkConversationRead(r.Context(), me, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	out, err := h.presentConversations(r.Context(), me, []store.Conversation{*c})
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, out[0])
}

// conversationDelete answers DELETE /api/v1/conversations/{id} with {}: the
// conversation leaves the list until a new message arrives in it.
func (h *Handler) conversationDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.Store.HideConversation(r.Context(), auth.Account(r.Context()).ID, mux.Vars(r)["id"]); err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, struct{}{})
}

// presentConversations renders conversations for viewerID: the other
// participants are the last status's author and mentioned accounts, the
// viewer left out.
func (h *Handler) presentConversations(ctx context.Context, viewerID string, cs []store.Conversation) ([]entity.Conversation, error) {
	sts := make([]*models.Status, len(cs))
	var all []*models.Account
	parts := make([][]*models.Account, len(cs))
	for i, c := range cs {
		sts[i] = c.LastStatus
		parts[i] = participants(viewerID, c.LastStatus)
		all = append(all, parts[i]...)
	}
	rendered, err := h.presentStatuses(ctx, viewerID, sts)
	if err != nil {
		return nil, err
	}
	accts, err := h.presentAccounts(ctx, all)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]entity.Account, len(accts))
	for _, a := range accts {
		byID[a.ID] = a
	}
	out := make([]entity.Conversation, 0, len(cs))
	for i, c := range cs {
		e := entity.Conversation{ID: c.ThreadID, Unread: c.Unread, Accounts: []entity.Account{}, LastStatus: &rendered[i]}
		for _, a := range parts[i] {
			e.Accounts = append(e.Accounts, byID[a.ID])
		}
		out = append(out, e)
	}
	return out, nil
}

// participants are st's author and mentioned accounts, without viewerID.
func participants(viewerID string, st *models.Status) []*models.Account {
	var out []*models.Account
	seen := map[string]bool{viewerID: true}
	add := func(a *models.Account) {
		if a != nil && !seen[a.ID] && !hidden(a) {
			seen[a.ID] = true
			out = append(out, a)
		}
	}
	add(st.Account)
	for _, m := range st.Mentions {
		add(m.Account)
	}
	return out
}
