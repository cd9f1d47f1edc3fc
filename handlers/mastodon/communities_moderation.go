package mastodon

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// ownedCommunity is pathCommunity for its owner only (403 otherwise), and
// the local person named by {account_id} (404 when unknown, 422 when
// remote or a group: moderators use this API).
func (h *Handler) ownedCommunity(r *http.Request) (*models.Community, *models.Account, error) {
	c, err := h.pathCommunity(r)
	if err != nil {
		return nil, nil, err
	}
	if c.OwnerID != auth.Account(r.Context()).ID {
		return nil, nil, respond.Forbidden(msgNotOwner)
	}
	a, err := h.Store.AccountByID(r.Context(), mux.Vars(r)["account_id"])
	if err != nil {
		return nil, nil, err
	}
	if !a.IsLocal() || a.IsGroup() || hidden(a) {
		return nil, nil, respond.Unprocessable("Validation failed: moderators are local people")
	}
	return c, a, nil
}

// addCommunityModerator answers POST .../moderators/{account_id} (owner).
func (h *Handler) addCommunityModerator(w http.ResponseWriter, r *http.Request) error {
	c, a, err := h.ownedCommunity(r)
	if err != nil {
		return err
	}
	if err := h.Store.AddCommunityModerator(r.Context(), c.AccountID, a.ID); err != nil {
		return err
	}
	return h.writeCommunity(w, r, c)
}

// removeCommunityModerator answers DELETE .../moderators/{account_id}
// (owner); the owner stays a moderator (422).
func (h *Handler) removeCommunityModerator(w http.ResponseWriter, r *http.Request) error {
	c, a, err := h.ownedCommunity(r)
	if err != nil {
		return err
	}
	if err := h.Store.RemoveCommunityModerator(r.Context(), c.AccountID, a.ID); err != nil {
		return err
	}
	return h.writeCommunity(w, r, c)
}

// communityStatusAction runs a moderator's action on the post named by
// {status_id} and answers with the post as the moderator sees it. A post
// the community never received is 404 (the store's answer).
func (h *Handler) communityStatusAction(w http.ResponseWriter, r *http.Request, act func(c *models.Community, statusID string) error) error {
	c, err := h.moderatedCommunity(r)
	if err != nil {
		return err
	}
	id := mux.Vars(r)["status_id"]
	if err := act(c, id); err != nil {
		return err
	}
	st, err := h.Store.StatusByID(r.Context(), id)
	if err != nil {
		return err
	}
	out, err := h.statusEntity(r.Context(), auth.Account(r.Context()).ID, st)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, out)
}

// removeCommunityStatus answers POST .../statuses/{status_id}/remove: the
// community's Announce is undone and the post is never announced again.
func (h *Handler) removeCommunityStatus(w http.ResponseWriter, r *http.Request) error {
	return h.communityStatusAction(w, r, func(c *models.Community, id string) error {
		_, err := h.Store.RemoveCommunityPost(r.Context(), c.AccountID, id)
		return err
	})
}

// pinCommunityStatus answers POST .../statuses/{status_id}/pin: the post
// joins the community's featured posts.
func (h *Handler) pinCommunityStatus(w http.ResponseWriter, r *http.Request) error {
	return h.communityStatusAction(w, r, func(c *models.Community, id string) error {
		_, err := h.Store.PinCommunityPost(r.Context(), c.AccountID, id)
		return err
	})
}

// unpinCommunityStatus answers POST .../statuses/{status_id}/unpin.
func (h *Handler) unpinCommunityStatus(w http.ResponseWriter, r *http.Request) error {
	return h.communityStatusAction(w, r, func(c *models.Community, id string) error {
		return h.Store.UnpinCommunityPost(r.Context(), c.AccountID, id)
	})
}

// banFromCommunity answers POST .../bans/{account_id} (moderators): the
// community Blocks the account (federated); it answers with the account.
// Banning a moderator is 422.
func (h *Handler) banFromCommunity(w http.ResponseWriter, r *http.Request) error {
	c, err := h.moderatedCommunity(r)
	if err != nil {
		return err
	}
	id := mux.Vars(r)["account_id"]
	if _, err := h.Store.BanFromCommunity(r.Context(), c.AccountID, id); err != nil {
		return err
	}
	return h.writeAccountByID(w, r, id)
}

// unbanFromCommunity answers DELETE .../bans/{account_id}: Undo Block; an
// account not banned is 404.
func (h *Handler) unbanFromCommunity(w http.ResponseWriter, r *http.Request) error {
	c, err := h.moderatedCommunity(r)
	if err != nil {
		return err
	}
	id := mux.Vars(r)["account_id"]
	if _, err := h.Store.UnbanFromCommunity(r.Context(), c.AccountID, id); err != nil {
		return err
	}
	return h.writeAccountByID(w, r, id)
}

func (h *Handler) writeAccountByID(w http.ResponseWriter, r *http.Request, id string) error {
	a, err := h.Store.AccountByID(r.Context(), id)
	if err != nil {
		return err
	}
	return h.writeAccount(w, r, a)
}

// communityBans answers GET .../bans (moderators), paged by Link.
func (h *Handler) communityBans(w http.ResponseWriter, r *http.Request) error {
	c, err := h.moderatedCommunity(r)
	if err != nil {
		return err
	}
	page, err := pageParams(r)
	if err != nil {
		return err
	}
	accts, info, err := h.Store.CommunityBans(r.Context(), c.AccountID, page)
	if err != nil {
		return err
	}
	return h.writeAccountPage(w, r, accts, info)
}

// communityReports answers GET .../reports (moderators): the Flags
// received about the community or the posts it received, newest first.
func (h *Handler) communityReports(w http.ResponseWriter, r *http.Request) error {
	c, err := h.moderatedCommunity(r)
	if err != nil {
		return err
	}
	rs, err := h.Store.CommunityReports(r.Context(), c.AccountID)
	if err != nil {
		return err
	}
	out := make([]entity.CommunityReport, 0, len(rs))
	for _, rep := range rs {
		e, err := h.reportEntity(r, rep)
		if err != nil {
			return err
		}
		out = append(out, e)
	}
	return respond.JSON(w, http.StatusOK, out)
}

func (h *Handler) reportEntity(r *http.Request, rep *store.Report) (entity.CommunityReport, error) {
	return h.presentReport(r.Context(), rep) // notifications_report.go
}
