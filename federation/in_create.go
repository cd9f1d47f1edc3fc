package federation

import (
	"context"
	"errors"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// onCreate stores a status (Note, Article, Page, Question) when it
// concerns this instance (see relevant); others are dropped, as Mastodon
// drops them. An object given by id is fetched from the actor's host. A
// status already stored is left as it is (a repeated Create).
func (f *Federator) onCreate(ctx context.Context, act *astype.Activity, actor *models.Account) error {
	note := act.Object.Note
	if note == nil {
		if act.Object.Embedded() {
			return f.ignore(ctx, act, "not a status: "+act.Object.Type, nil)
		}
		n, err := f.deref.Note(ctx, act.Object.ID)
		if err != nil {
			return f.ignore(ctx, act, "object could not be fetched", err)
		}
		note = n
	}
	if note.AttributedTo == "" {
		note.AttributedTo = actor.URI
	}
	if note.AttributedTo != actor.URI {
		return foreign("status", note.ID, actor)
	}
	if stored, err := f.st.StatusStored(ctx, note.ID); stored || err != nil {
		return err
	}
	ok, err := f.relevant(ctx, note, actor, ownerFrom(ctx))
	if err != nil || !ok {
		if err != nil {
			return err
		}
		return f.ignore(ctx, act, "unsolicited status", nil)
	}
	_, err = f.storeNote(ctx, note, actor, ownerFrom(ctx), true)
	return err
}

// relevant reports whether a remote status concerns this instance, as
// Mastodon decides: a local account follows its author, it replies to a
// stored status, it addresses or mentions a local account, or it was
// delivered to a local account's personal inbox.
func (f *Federator) relevant(ctx context.Context, n *astype.RemoteNote, author, deliveredTo *models.Account) (bool, error) {
	if deliveredTo != nil && deliveredTo.Username != models.InstanceActorUsername {
		return true, nil
	}
	if ok, err := f.st.HasLocalFollowers(ctx, author.ID); ok || err != nil {
		return ok, err
	}
	if n.InReplyTo != "" {
		if _, err := f.st.StatusByURI(ctx, n.InReplyTo); err == nil || !errors.Is(err, models.ErrNotFound) {
			return err == nil, err
		}
	}
	local, err := f.st.LocalAccountIDs(ctx, audienceOf(n))
	return len(local) > 0, err
}

// audienceOf is every actor a status names: to, cc and mention hrefs.
func audienceOf(n *astype.RemoteNote) []string {
	out := make([]string, 0, len(n.To)+len(n.Cc)+len(n.Mentions))
	out = append(append(out, n.To...), n.Cc...)
	for _, m := range n.Mentions {
		if m.Href != "" {
			out = append(out, m.Href)
		}
	}
	return out
}
