package federation

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/federation/deref"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// onAnnouncedActivity handles an Announce whose object is an embedded
// activity: how Group actors (FEP-1b12: Lemmy, PieFed, Mbin) relay what
// their members do. The inner activity was written by a third party and
// is only vouched for by the group, so nothing embedded is trusted: the
// inner object is fetched by its id from its own host (deref checks that
// the host served its own id and that the author lives there).
//
//   - Create: the object is fetched and stored. A post (no inReplyTo)
//     becomes the announcer's reblog, so members' home timelines show
//     "<group> boosted <post>" as Mastodon shows Lemmy posts; a comment is
//     only stored, so that threads are whole without every comment of a
//     busy community landing in home timelines (Mastodon shows none).
//   - Update: a stored status is fetched again and edited to match.
//   - Delete: a stored remote status is deleted only when its host
//     confirms (404, 410 or a Tombstone).
//   - Like, Dislike, Undo and the rest (votes, moderation, pins, locks)
//     are dropped: Stoa keeps no votes from groups.
//
// Announces from actors nobody here follows are dropped, as boosts are.
func (f *Federator) onAnnouncedActivity(ctx context.Context, act *astype.Activity, actor *models.Account) error {
	in := act.Object.Activity
	if in.Object.ID == "" {
		return f.ignore(ctx, act, "announced "+in.Type+" without an object", nil)
	}
	followed, err := f.st.HasLocalFollowers(ctx, actor.ID)
	if err != nil {
		return err
	}
	if !followed {
		return f.ignore(ctx, act, "announcer not followed", nil)
	}
	switch in.Type {
	case "Create":
		return f.groupReblog(ctx, act, actor, in.Object.ID)
	case "Update":
		return f.refreshAnnounced(ctx, act, in.Object.ID)
	case "Delete":
		return f.deleteAnnounced(ctx, act, in.Object.ID)
	}
	return f.ignore(ctx, act, "announced "+in.Type+" is not acted on", nil)
}

// groupReblog stores the status with that id, fetched from its origin
// (with its parent, so a comment joins its post), and records the
// Announce as the announcer's reblog of it unless it is a reply.
func (f *Federator) groupReblog(ctx context.Context, act *astype.Activity, actor *models.Account, id string) error {
	st, err := f.resolveStatus(ctx, id, true)
	if err != nil {
		return f.ignore(ctx, act, "announced status could not be fetched", err)
	}
	if st.InReplyToURI != "" {
		return nil
	}
	vis := astype.Visibility(act.To, act.Cc, actor.URI, actor.FollowersURI)
	_, err = f.st.Reblog(ctx, actor.ID, st.ID, store.ReblogOptions{URI: act.ID, Visibility: vis, CreatedAt: act.Published})
	if expected(err) {
		return f.ignore(ctx, act, "refused by the store", err)
	}
	return err
}

// refreshAnnounced fetches a stored remote status again and applies the
// edit as its author's (updateNote). Unknown statuses are dropped: an
// Update is no reason to start storing a post.
func (f *Federator) refreshAnnounced(ctx context.Context, act *astype.Activity, id string) error {
	st, err := f.st.StatusByURI(ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return f.ignore(ctx, act, "unknown status", nil)
	}
	if err != nil {
		return err
	}
	if st.Local || st.IsReblog() {
		return f.ignore(ctx, act, "not a remote status", nil)
	}
	n, err := f.deref.Note(ctx, st.URI)
	if err != nil {
		return f.ignore(ctx, act, "status could not be fetched", err)
	}
	author, err := f.st.AccountByID(ctx, st.AccountID)
	if err != nil {
		return err
	}
	if n.ID != st.URI || n.AttributedTo != author.URI {
		return f.ignore(ctx, act, "fetched status does not match the stored one", nil)
	}
	return f.updateNote(ctx, act, n, author)
}

// deleteAnnounced deletes a stored remote status once its host confirms
// it is gone. A group may delete (moderators "remove") posts of other
// servers' users, but only the origin can say a post no longer exists;
// Stoa does not hide posts a remote moderator removed while the author's
// server still serves them.
func (f *Federator) deleteAnnounced(ctx context.Context, act *astype.Activity, id string) error {
	st, err := f.st.StatusByURI(ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return f.ignore(ctx, act, "unknown object", nil)
	}
	if err != nil {
		return err
	}
	if st.Local || st.IsReblog() {
		return f.ignore(ctx, act, "not a remote status", nil)
	}
	ref, err := f.deref.Object(ctx, st.URI)
	switch {
	case err != nil && deref.IsGone(err):
	case err == nil && ref.Type == "Tombstone":
	case err != nil:
		return f.ignore(ctx, act, "origin could not confirm the deletion", err)
	default:
		return f.ignore(ctx, act, "origin still serves the status", nil)
	}
	if _, err := f.st.DeleteStatus(ctx, st.ID); err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	return nil
}
