package mastodon

import (
	"context"
	"errors"
	"net/http"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/mastodon/entity"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// msgNotAllowed is Mastodon's answer to following across a block.
const msgNotAllowed = "This action is not allowed"

// follow answers POST /api/v1/accounts/{id}/follow (reblogs, notify,
// languages[]): the follow takes effect at once, or becomes a follow
// request for a locked or remote account (then requested is true).
// Following again updates the options. Following oneself is 422; across a
// block, either way, 403.
func (h *Handler) follow(w http.ResponseWriter, r *http.Request) error {
	me := auth.Account(r.Context())
	target, err := h.pathAccount(r)
	if err != nil {
		return err
	}
	p, err := readParams(r)
	if err != nil {
		return err
	}
	var o store.FollowOptions
	if o.ShowReblogs, err = optionalBool(p, "reblogs"); err != nil {
		return err
	}
	if o.Notify, err = optionalBool(p, "notify"); err != nil {
		return err
	}
	if _, ok := p.Values["languages[]"]; ok || p.Has("languages") {
		o.Languages = append([]string{}, p.Strings("languages")...)
	}
	if target.ID != me.ID {
		if blocked, err := h.blockedEitherWay(r, me.ID, target.ID); err != nil || blocked {
			if err == nil {
				err = respond.Forbidden(msgNotAllowed)
			}
			return err
		}
	}
	if _, err := h.Store.Follow(r.Context(), me.ID, target.ID, o); err != nil {
		return err
	}
	return h.writeRelationship(w, r, target.ID)
}

// optionalBool reads a boolean parameter, nil when absent.
func optionalBool(p *params, name string) (*bool, error) {
	v, set, err := p.Bool(name)
	if err != nil || !set {
		return nil, err
	}
	return &v, nil
}

// blockedEitherWay reports whether a blocks b or b blocks a.
func (h *Handler) blockedEitherWay(r *http.Request, a, b string) (bool, error) {
	rel, err := h.relationship(r.Context(), a, b)
	return rel.Blocking || rel.BlockedBy, err
}

// unfollow answers POST /api/v1/accounts/{id}/unfollow: the follow, or the
// pending request, ends; not following already is fine.
func (h *Handler) unfollow(w http.ResponseWriter, r *http.Request) error {
	return h.undoRelation(w, r, func(ctx context.Context, me, target string) error {
		_, err := h.Store.Unfollow(ctx, me, target)
		return err
	})
}

// removeFromFollowers answers POST /api/v1/accounts/{id}/remove_from_followers:
// the account stops following the caller; not following already is fine.
func (h *Handler) removeFromFollowers(w http.ResponseWriter, r *http.Request) error {
	return h.undoRelation(w, r, func(ctx context.Context, me, target string) error {
		_, err := h.Store.RemoveFromFollowers(ctx, me, target)
		return err
	})
}

// relationships answers GET /api/v1/accounts/relationships?id[]=...: one
// Relationship per known account, in the order asked, repeats and unknown
// ids left out. with_suspended is accepted and ignored (no suspensions yet).
func (h *Handler) relationships(w http.ResponseWriter, r *http.Request) error {
	accts, err := h.knownAccounts(r)
	if err != nil {
		return err
	}
	rels, err := h.Store.Relationships(r.Context(), auth.Account(r.Context()).ID, accountIDs(accts))
	if err != nil {
		return err
	}
	out := make([]entity.Relationship, 0, len(rels))
	for _, rel := range rels {
		out = append(out, entity.NewRelationship(rel))
	}
	return respond.JSON(w, http.StatusOK, out)
}

// accountsByIDs answers GET /api/v1/accounts?id[]=...: the known accounts
// among the ids, in the order asked, repeats and unknown ids left out.
func (h *Handler) accountsByIDs(w http.ResponseWriter, r *http.Request) error {
	accts, err := h.knownAccounts(r)
	if err != nil {
		return err
	}
	out, err := h.presentAccounts(r.Context(), accts)
	if err != nil {
		return err
	}
	return respond.JSON(w, http.StatusOK, out)
}

// knownAccounts reads id[] and loads the accounts that exist and may be
// shown, once each, in the order given.
func (h *Handler) knownAccounts(r *http.Request) ([]*models.Account, error) {
	p, err := readParams(r)
	if err != nil {
		return nil, err
	}
	accts, err := h.Store.AccountsByIDs(r.Context(), p.Strings("id"))
	if err != nil {
		return nil, err
	}
	out := make([]*models.Account, 0, len(accts))
	seen := make(map[string]bool, len(accts))
	for _, a := range accts {
		if !hidden(a) && !seen[a.ID] {
			seen[a.ID] = true
			out = append(out, a)
		}
	}
	return out, nil
}

// accountIDs lists the ids of accts.
func accountIDs(accts []*models.Account) []string {
	ids := make([]string, len(accts))
	for i, a := range accts {
		ids[i] = a.ID
	}
	return ids
}

// undoRelation runs undo for the caller and the account in the path, where
// having nothing to undo is fine (Mastodon answers 200 either way), and
// answers the Relationship as it now stands.
func (h *Handler) undoRelation(w http.ResponseWriter, r *http.Request, undo func(ctx context.Context, me, target string) error) error {
	target, err := h.pathAccount(r)
	if err != nil {
		return err
	}
	err = undo(r.Context(), auth.Account(r.Context()).ID, target.ID)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	return h.writeRelationship(w, r, target.ID)
}
