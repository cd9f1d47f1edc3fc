package publish

import (
	"context"
	"errors"

	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// buildRelay builds a community's relay of an edit or deletion of a post
// it announced (models.PublishRelayUpdate, PublishRelayDelete): an
// Announce of the author's Update or Delete, for the members (the Group's
// remote followers), whose servers may have the post only through the
// community. Its id is made from the publication's, so each relay is new.
// An edit of a post deleted or removed since is not relayed.
func (p *Publisher) buildRelay(ctx context.Context, pub *models.Publication, group *models.Account) (*outgoing, error) {
	var inner vocab.Type
	var err error
	if pub.Kind == models.PublishRelayDelete {
		inner, err = astype.RelayedDelete(pub.Data.URI, pub.Data.AuthorURI)
	} else {
		inner, err = p.relayedUpdate(ctx, pub, group)
		if inner == nil && err == nil {
			return nil, nil
		}
	}
	if err != nil {
		return nil, err
	}
	act, err := astype.RelayAnnounce(group.URI+"#relays/"+pub.ID, group.URI, group.FollowersURI, pub.CreatedAt, inner)
	if err != nil {
		return nil, err
	}
	inboxes, err := p.st.RemoteFollowerInboxes(ctx, group.ID)
	if err != nil {
		return nil, err
	}
	return p.outgoing(act, inboxes)
}

// relayedUpdate is the Update of the post as it is now, addressed to the
// group; nil when the post is gone or no longer the community's.
func (p *Publisher) relayedUpdate(ctx context.Context, pub *models.Publication, group *models.Account) (vocab.Type, error) {
	st, err := p.st.StatusByID(ctx, pub.ObjectID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil
	}
	if err == nil {
		err = p.st.LoadMedia(ctx, st) // the Note carries its attachments, as the author's Update does
	}
	if err != nil {
		return nil, err
	}
	cp, err := p.st.CommunityPost(ctx, group.ID, st.ID)
	if errors.Is(err, models.ErrNotFound) || (err == nil && cp.Removed) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	u, err := astype.UpdateNote(p.cfg.Site, st)
	if err != nil {
		return nil, err
	}
	if err := astype.AddressGroup(u, group.URI, ""); err != nil {
		return nil, err
	}
	return u, nil
}
