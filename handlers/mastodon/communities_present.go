package mastodon

import (
	"context"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
)

// Messages of the communities API's refusals.
const (
	msgNotModerator = "This action is allowed only to the community's moderators"
	msgNotOwner     = "This action is allowed only to the community's owner"
)

// pathCommunity loads the local community named by the {id} path
// variable; anything else (a person, a remote group) is 404.
func (h *Handler) pathCommunity(r *http.Request) (*models.Community, error) {
	return h.Store.Community(r.Context(), mux.Vars(r)["id"])
}

// moderatedCommunity is pathCommunity for moderators only: a caller who
// does not moderate it is 403, before anything else is looked at.
func (h *Handler) moderatedCommunity(r *http.Request) (*models.Community, error) {
	c, err := h.pathCommunity(r)
	if err != nil {
		return nil, err
	}
	ok, err := h.Store.IsCommunityModerator(r.Context(), c.AccountID, auth.Account(r.Context()).ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, respond.Forbidden(msgNotModerator)
	}
	return c, nil
}

// communityEntity renders c (its Account loaded) with its moderators.
func (h *Handler) communityEntity(ctx context.Context, c *models.Community) (entity.Community, error) {
	mods, err := h.Store.CommunityModerators(ctx, c.AccountID)
	if err != nil {
		return entity.Community{}, err
	}
	accts, err := h.presentAccounts(ctx, append([]*models.Account{c.Account}, mods...))
	if err != nil {
		return entity.Community{}, err
	}
	out := entity.Community{ID: c.AccountID, Account: accts[0], Moderators: accts[1:], Closed: c.Closed,
		OpenPosting: c.OpenPosting, Rules: c.Rules, CreatedAt: entity.NewTime(c.CreatedAt),
		MemberCount: accts[0].FollowersCount}
	if out.Rules == nil {
		out.Rules = []string{}
	}
	for _, m := range out.Moderators {
		if m.ID == c.OwnerID {
			out.Owner = m
		}
	}
	return out, nil
}

// writeCommunity answers with the community's entity.
func (h *Handler) writeCommunity(w http.ResponseWriter, r *http.Request, c *models.Community) error {
	out, err := h.communityEntity(r.Context(), c)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, out)
}
