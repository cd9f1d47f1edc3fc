package federation

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// onUndo takes back one of the actor's Follow, Like, Announce or Block.
// The undone activity is found by its id (the URI stored with the follow,
// favourite, reblog or block), else from the embedded activity's object.
// Undoing what is not stored is a no-op; someone else's is 403.
func (f *Federator) onUndo(ctx context.Context, act *astype.Activity, actor *models.Account) error {
	done, err := f.undoByID(ctx, act.Object.ID, actor)
	if done || err != nil {
		return err
	}
	in := act.Object.Activity
	if in == nil {
		return f.ignore(ctx, act, "unknown activity", nil)
	}
	switch in.Type {
	case "Follow":
		if target, err := f.localAccount(ctx, in.Object.ID); err == nil {
			_, err = f.st.Unfollow(ctx, actor.ID, target.ID)
			return quiet(err)
		}
	case "Like":
		if st, err := f.st.StatusByURI(ctx, in.Object.ID); err == nil {
			_, err = f.st.Unfavourite(ctx, actor.ID, st.ID)
			return quiet(err)
		}
	case "Announce":
		if st, err := f.st.StatusByURI(ctx, in.Object.ID); err == nil {
			_, err = f.st.Unreblog(ctx, actor.ID, st.ID)
			return quiet(err)
		}
	case "Block":
		if target, err := f.localAccount(ctx, in.Object.ID); err == nil {
			_, err = f.st.Unblock(ctx, actor.ID, target.ID)
			return quiet(err)
		}
	}
	return f.ignore(ctx, act, "nothing to undo", nil)
}

// undoByID undoes the stored follow, follow request, favourite, reblog or
// block whose activity id is id, and reports whether it found one.
func (f *Federator) undoByID(ctx context.Context, id string, actor *models.Account) (bool, error) {
	if fl, err := f.st.FollowByURI(ctx, id); err == nil {
		return true, f.owned(fl.AccountID, id, actor, func() error {
			_, err := f.st.Unfollow(ctx, actor.ID, fl.TargetAccountID)
			return err
		})
	}
	if r, err := f.st.FollowRequestByURI(ctx, id); err == nil {
		return true, f.owned(r.AccountID, id, actor, func() error {
			_, err := f.st.Unfollow(ctx, actor.ID, r.TargetAccountID)
			return err
		})
	}
	if fv, err := f.st.FavouriteByURI(ctx, id); err == nil {
		return true, f.owned(fv.AccountID, id, actor, func() error {
			_, err := f.st.Unfavourite(ctx, actor.ID, fv.StatusID)
			return err
		})
	}
	if st, err := f.st.StatusByURI(ctx, id); err == nil && st.IsReblog() {
		return true, f.owned(st.AccountID, id, actor, func() error {
			_, err := f.st.DeleteStatus(ctx, st.ID)
			return err
		})
	}
	if b, err := f.st.BlockByURI(ctx, id); err == nil {
		return true, f.owned(b.AccountID, id, actor, func() error {
			_, err := f.st.Unblock(ctx, actor.ID, b.TargetAccountID)
			return err
		})
	}
	return false, nil
}

// owned runs undo when ownerID is the actor's, else refuses.
func (f *Federator) owned(ownerID, id string, actor *models.Account, undo func() error) error {
	if ownerID != actor.ID {
		return foreign("activity", id, actor)
	}
	return quiet(undo())
}

// quiet turns "already gone" into success.
func quiet(err error) error {
	if errors.Is(err, models.ErrNotFound) {
		return nil
	}
	return err
}
