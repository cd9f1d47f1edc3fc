package federation

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// onLike favourites a stored status (store.Favourite, with the Like's id;
// a repeat is a no-op). Likes of unknown statuses, or of statuses the actor
// may not see, are dropped. Misskey's emoji reactions arrive as Likes and
// count as favourites.
func (f *Federator) onLike(ctx context.Context, act *astype.Activity, actor *models.Account) error {
	st, err := f.st.StatusByURI(ctx, act.Object.ID)
	if err != nil {
		if expected(err) {
			return f.ignore(ctx, act, "unknown status", err)
		}
		return err
	}
	if _, err := f.st.Favourite(ctx, actor.ID, st.ID, act.ID); err != nil {
		if expected(err) {
			return f.ignore(ctx, act, "refused by the store", err)
		}
		return err
	}
	return nil
}

// onAnnounce reblogs a status (store.Reblog with the Announce's id,
// visibility from its audience). The status is the stored one, or, when
// the booster is followed here, fetched from its own host (the Announce's
// embedded copy is not trusted). Boosts that concern nobody here, and of
// statuses that may not be reblogged, are dropped. A Group's Announce of
// an activity (Lemmy's Announce{Create{Page}}) is onAnnouncedActivity's;
// another embedded object that is not a status is dropped unfetched.
func (f *Federator) onAnnounce(ctx context.Context, act *astype.Activity, actor *models.Account) error {
	switch obj := act.Object; {
	case obj.Activity != nil:
		return f.onAnnouncedActivity(ctx, act, actor)
	case obj.Embedded() && obj.Note == nil:
		return f.ignore(ctx, act, "announced "+obj.Type+" is not a status", nil)
	}
	st, err := f.st.StatusByURI(ctx, act.Object.ID)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	followed, ferr := f.st.HasLocalFollowers(ctx, actor.ID)
	if ferr != nil {
		return ferr
	}
	switch {
	case st == nil && !followed:
		return f.ignore(ctx, act, "unknown status, booster not followed", nil)
	case st == nil:
		if st, err = f.resolveStatus(ctx, act.Object.ID, false); err != nil {
			return f.ignore(ctx, act, "status could not be fetched", err)
		}
	case !st.Local && !followed:
		return f.ignore(ctx, act, "booster not followed", nil)
	}
	vis := astype.Visibility(act.To, act.Cc, actor.URI, actor.FollowersURI)
	_, err = f.st.Reblog(ctx, actor.ID, st.ID, store.ReblogOptions{URI: act.ID, Visibility: vis, CreatedAt: act.Published})
	if expected(err) {
		return f.ignore(ctx, act, "refused by the store", err)
	}
	return err
}

// onBlock records that the actor blocks a local account (store.Block ends
// follows both ways; the blocked side then sees nothing of the actor).
func (f *Federator) onBlock(ctx context.Context, act *astype.Activity, actor *models.Account) error {
	target, err := f.localAccount(ctx, act.Object.ID)
	if err != nil {
		if errors.Is(err, models.ErrNotFound) {
			return f.ignore(ctx, act, "not a local account", nil)
		}
		return err
	}
	_, err = f.st.Block(ctx, actor.ID, target.ID, act.ID)
	if expected(err) {
		return f.ignore(ctx, act, "refused by the store", err)
	}
	return err
}
