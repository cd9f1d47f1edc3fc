package federation

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
)

// onUpdate applies an edit: of the actor's profile (the embedded actor
// document replaces the stored one, CheckOrigin having made sure it is the
// actor's own; given by id, the actor is fetched again), or of one of its
// statuses. Updates of unknown statuses and other objects are dropped.
func (f *Federator) onUpdate(ctx context.Context, act *astype.Activity, actor *models.Account) error {
	switch obj := act.Object; {
	case obj.Actor != nil:
		_, err := f.deref.StoreActor(ctx, obj.Actor)
		return err
	case obj.Note != nil:
		return f.updateNote(ctx, act, obj.Note, actor)
	case obj.ID == actor.URI && !obj.Embedded(): // a profile edit given by id
		if _, err := f.deref.FetchActor(ctx, actor.URI); err != nil {
			return f.ignore(ctx, act, "actor could not be fetched", err)
		}
		return nil
	}
	return f.ignore(ctx, act, "nothing to update", nil)
}

// updateNote edits a stored status with store.UpdateStatus, which keeps
// the history. The author must be the actor (403 otherwise). A repeat (an
// edit time not after the stored one, or nothing changed) is a no-op.
func (f *Federator) updateNote(ctx context.Context, act *astype.Activity, n *astype.RemoteNote, actor *models.Account) error {
	st, err := f.st.StatusByURI(ctx, n.ID)
	if errors.Is(err, models.ErrNotFound) {
		return f.ignore(ctx, act, "unknown status", nil)
	}
	if err != nil {
		return err
	}
	if st.AccountID != actor.ID || st.IsReblog() {
		return foreign("status", n.ID, actor)
	}
	if st.EditedAt != nil && !n.Updated.IsZero() && !n.Updated.After(*st.EditedAt) {
		return f.ignore(ctx, act, "not newer than the stored edit", nil)
	}
	content := noteContent(n)
	sensitive := n.Sensitive || n.Summary != ""
	if content == st.Content && n.Summary == st.SpoilerText && sensitive == st.Sensitive {
		return f.ignore(ctx, act, "nothing changed", nil)
	}
	mentions, err := f.mentionIDs(ctx, n, st.Visibility, nil)
	if err != nil {
		return err
	}
	_, err = f.st.UpdateStatus(ctx, st.ID, store.StatusUpdate{
		Content: content, SpoilerText: n.Summary, Sensitive: sensitive, Language: n.Language,
		Mentions: mentions, Tags: n.Hashtags, EditedAt: n.Updated, RemoteMedia: astype.RemoteMedia(n.Attachments),
	})
	return err
}
