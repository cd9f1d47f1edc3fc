package federation

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// onFollow makes the actor follow a local account with store.Follow, the
// Follow's id kept as the follow's URI: at once for an unlocked account, as
// a follow request for a locked one. The store writes the Accept's
// publication in the same transaction (an unlocked target, or a repeated
// Follow of a follow in effect); federation/publish sends it. Follows of
// remote accounts, of the instance actor, and across blocks are dropped.
func (f *Federator) onFollow(ctx context.Context, act *astype.Activity, actor *models.Account) error {
	target, err := f.localAccount(ctx, act.Object.ID)
	if err != nil || target.Username == models.InstanceActorUsername {
		if err != nil && !errors.Is(err, models.ErrNotFound) {
			return err
		}
		return f.ignore(ctx, act, "not a local account", err)
	}
	_, err = f.st.Follow(ctx, actor.ID, target.ID, store.FollowOptions{URI: act.ID})
	if expected(err) {
		return f.ignore(ctx, act, "refused by the store", err)
	}
	return err
}

// onAccept turns a local account's pending follow request of the actor
// into a follow (store.AuthorizeFollowRequest; accepting twice is a no-op).
func (f *Federator) onAccept(ctx context.Context, act *astype.Activity, actor *models.Account) error {
	requester, err := f.requesterOf(ctx, act, actor)
	if err != nil {
		return err
	}
	if requester == "" {
		return f.ignore(ctx, act, "no such follow request", nil)
	}
	if _, err := f.st.AuthorizeFollowRequest(ctx, actor.ID, requester); err != nil && !expected(err) {
		return err
	}
	return nil
}

// onReject drops a local account's pending follow request of the actor,
// or ends its follow when it was accepted before (the actor removed a
// follower).
func (f *Federator) onReject(ctx context.Context, act *astype.Activity, actor *models.Account) error {
	requester, err := f.requesterOf(ctx, act, actor)
	if err != nil {
		return err
	}
	if requester == "" {
		return f.ignore(ctx, act, "no such follow", nil)
	}
	_, err = f.st.RejectFollowRequest(ctx, actor.ID, requester)
	if errors.Is(err, models.ErrNotFound) {
		_, err = f.st.Unfollow(ctx, requester, actor.ID)
	}
	if err != nil && !expected(err) {
		return err
	}
	return nil
}

// requesterOf finds the local account whose Follow of actor an Accept or
// Reject answers: by the Follow's id (a pending request or a follow in
// effect), or by the embedded Follow's actor. "" when there is none. A
// follow of someone else is 403.
func (f *Federator) requesterOf(ctx context.Context, act *astype.Activity, actor *models.Account) (string, error) {
	id := act.Object.ID
	if r, err := f.st.FollowRequestByURI(ctx, id); err == nil {
		if r.TargetAccountID != actor.ID {
			return "", foreign("follow", id, actor)
		}
		return r.AccountID, nil
	} else if !errors.Is(err, models.ErrNotFound) {
		return "", err
	}
	if fl, err := f.st.FollowByURI(ctx, id); err == nil {
		if fl.TargetAccountID != actor.ID {
			return "", foreign("follow", id, actor)
		}
		return fl.AccountID, nil
	} else if !errors.Is(err, models.ErrNotFound) {
		return "", err
	}
	in := act.Object.Activity
	if in == nil || in.Type != "Follow" || in.Object.ID != actor.URI {
		return "", nil
	}
	local, err := f.localAccount(ctx, in.Actor)
	if errors.Is(err, models.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return local.ID, nil
}
