package mastodon

import (
	"context"
	"math"
	"net/http"
	"time"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// block answers POST /api/v1/accounts/{id}/block: follows and follow
// requests end both ways. Blocking again is fine; blocking oneself is 422.
func (h *Handler) block(w http.ResponseWriter, r *http.Request) error {
	target, err := h.pathAccount(r)
	if err != nil {
		return err
	}
	if _, err := h.Store.Block(r.Context(), auth.Account(r.Context()).ID, target.ID, ""); err != nil {
		return err
	}
	return h.writeRelationship(w, r, target.ID)
}

// unblock answers POST /api/v1/accounts/{id}/unblock; not blocking is fine.
func (h *Handler) unblock(w http.ResponseWriter, r *http.Request) error {
	return h.undoRelation(w, r, func(ctx context.Context, me, target string) error {
		_, err := h.Store.Unblock(ctx, me, target)
		return err
	})
}

// maxMuteSeconds bounds duration so the expiry stays a sane time.
const maxMuteSeconds = math.MaxInt32

// mute answers POST /api/v1/accounts/{id}/mute: notifications (default
// true) also hides the account's notifications; duration in seconds ends the
// mute (0, the default, mutes indefinitely). Muting again updates both.
func (h *Handler) mute(w http.ResponseWriter, r *http.Request) error {
	target, err := h.pathAccount(r)
	if err != nil {
		return err
	}
	p, err := readParams(r)
	if err != nil {
		return err
	}
	o := store.MuteOptions{Notifications: true}
	if v, set, err := p.Bool("notifications"); err != nil {
		return err
	} else if set {
		o.Notifications = v
	}
	secs, err := p.Int("duration", 0)
	if err != nil {
		return err
	}
	if secs < 0 || secs > maxMuteSeconds {
		return respond.Unprocessable("duration must be a number of seconds between 0 and 2147483647")
	}
	if secs > 0 {
		at := time.Now().UTC().Add(time.Duration(secs) * time.Second)
		o.ExpiresAt = &at
	}
	if _, err := h.Store.Mute(r.Context(), auth.Account(r.Context()).ID, target.ID, o); err != nil {
		return err
	}
	return h.writeRelationship(w, r, target.ID)
}

// unmute answers POST /api/v1/accounts/{id}/unmute; not muting is fine.
func (h *Handler) unmute(w http.ResponseWriter, r *http.Request) error {
	return h.undoRelation(w, r, func(ctx context.Context, me, target string) error {
		_, err := h.Store.Unmute(ctx, me, target)
		return err
	})
}

// blocks answers GET /api/v1/blocks: the accounts the caller blocks,
// newest block first, paged by the Link header.
func (h *Handler) blocks(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	accts, info, err := h.Store.Blocks(r.Context(), auth.Account(r.Context()).ID, page)
	if err != nil {
		return err
	}
	return h.writeAccountPage(w, r, accts, info)
}

// mutes answers GET /api/v1/mutes: the accounts the caller mutes now,
// newest mute first, each with mute_expires_at; paged by the Link header.
func (h *Handler) mutes(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	muted, info, err := h.Store.Mutes(r.Context(), auth.Account(r.Context()).ID, page)
	if err != nil {
		return err
	}
	accts := make([]*models.Account, 0, len(muted))
	for _, m := range muted {
		accts = append(accts, m.Account)
	}
	rendered, err := h.presentAccounts(r.Context(), accts)
	if err != nil {
		return err
	}
	out := make([]entity.MutedAccount, 0, len(rendered))
	for i, a := range rendered {
		out = append(out, entity.MutedAccount{Account: a, MuteExpiresAt: entity.TimePtr(muted[i].Mute.ExpiresAt)})
	}
	h.setLink(w, r, info)
	return respond.JSON(w, http.StatusOK, out)
}
