package publish

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-fed/activity/streams/vocab"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/models"
)

// build makes the activity of a publication and finds its recipients. It
// returns nil (and no error) when there is nothing to send any more: a
// status deleted before its Create went out (its Delete follows).
func (p *Publisher) build(ctx context.Context, pub *models.Publication) (*outgoing, error) {
	switch pub.Kind {
	case models.PublishCreate, models.PublishUpdate, models.PublishAnnounce:
		return p.buildStatus(ctx, pub) // the status carries its author
	}
	actor, err := p.account(ctx, pub.AccountID)
	if err != nil {
		return nil, err
	}
	switch pub.Kind {
	case models.PublishDelete, models.PublishUndoAnnounce:
		return p.buildGone(ctx, pub, actor)
	case models.PublishRelayUpdate, models.PublishRelayDelete: // community_relay.go
		return p.buildRelay(ctx, pub, actor)
	case models.PublishUpdateActor:
		act, err := astype.UpdateActor(actor, pub.CreatedAt)
		if actor.IsGroup() { // a community's Update carries its rules and moderators
			if c, cerr := p.st.Community(ctx, actor.ID); cerr == nil {
				act, err = astype.UpdateCommunity(c, pub.CreatedAt)
			}
		}
		if err != nil {
			return nil, err
		}
		inboxes, err := p.st.RemoteFollowerInboxes(ctx, actor.ID)
		if err != nil {
			return nil, err
		}
		return p.outgoing(act, inboxes)
	}
	return p.buildSocial(ctx, pub, actor)
}

// buildStatus builds Create, Update (a Note) and Announce (a reblog) from
// the status as it is now. Recipients come first: a status that reaches
// no remote inbox needs no activity. A new kind of recipient here must
// also be one that store.DropSilentPublications looks for, or that drops
// the status before it gets here.
func (p *Publisher) buildStatus(ctx context.Context, pub *models.Publication) (*outgoing, error) {
	st, err := p.st.StatusByID(ctx, pub.ObjectID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	reach, err := p.st.StatusReach(ctx, st)
	if err != nil {
		return nil, err
	}
	var group *models.Account
	if pub.Kind != models.PublishAnnounce {
		if group, err = p.postedTo(ctx, st); err != nil {
			return nil, err
		}
		if group != nil {
			reach = append(reach, group.ID)
		}
	}
	inboxes, err := p.statusInboxes(ctx, st.AccountID, st.Visibility, reach)
	if err != nil || len(inboxes) == 0 {
		return nil, err
	}
	if err := p.st.LoadMedia(ctx, st); err != nil {
		return nil, err
	}
	var act vocab.Type
	switch {
	case pub.Kind == models.PublishAnnounce:
		act, err = astype.Announce(st)
	case pub.Kind == models.PublishUpdate:
		act, err = astype.UpdateNote(p.cfg.Site, st)
	default:
		act, err = astype.CreateNote(p.cfg.Site, st)
	}
	if err == nil && group != nil {
		err = addressGroup(act, st, group)
	}
	if err != nil {
		return nil, err
	}
	return p.outgoing(act, inboxes)
}

// buildGone builds the Delete of a deleted status, or the Undo of a
// deleted reblog's Announce, from what the publication captured.
func (p *Publisher) buildGone(ctx context.Context, pub *models.Publication, actor *models.Account) (*outgoing, error) {
	d := pub.Data
	st := &models.Status{ID: pub.ObjectID, URI: d.URI, AccountID: actor.ID, Account: actor,
		Visibility: d.Visibility, Local: true}
	var act vocab.Type
	if pub.Kind == models.PublishDelete {
		mentioned, err := p.st.AccountsByIDs(ctx, d.Mentions)
		if err != nil {
			return nil, err
		}
		for _, a := range mentioned {
			st.Mentions = append(st.Mentions, &models.Mention{StatusID: st.ID, AccountID: a.ID, Account: a})
		}
		if act, err = astype.DeleteNote(st); err != nil {
			return nil, err
		}
	} else {
		author, err := p.account(ctx, d.Author)
		if err != nil {
			return nil, err
		}
		st.ReblogOfID, st.Reblog = "-", &models.Status{URI: d.ObjectURI, AccountID: author.ID, Account: author}
		announce, err := astype.Announce(st)
		if err != nil {
			return nil, err
		}
		if act, err = astype.Undo(actor.URI, announce); err != nil {
			return nil, err
		}
	}
	inboxes, err := p.statusInboxes(ctx, actor.ID, d.Visibility, d.Reach)
	if err != nil {
		return nil, err
	}
	return p.outgoing(act, inboxes)
}

// buildSocial builds the activities addressed to one remote account:
// Like, Follow, Block (and their Undo), Accept and Reject.
func (p *Publisher) buildSocial(ctx context.Context, pub *models.Publication, actor *models.Account) (*outgoing, error) {
	d := pub.Data
	other, err := p.account(ctx, d.Target)
	if err != nil {
		return nil, err
	}
	var act astype.Undoable
	undo := false
	switch pub.Kind {
	case models.PublishLike, models.PublishUndoLike:
		act, err = astype.Like(orID(d.URI, astype.LikeID(actor.URI, pub.ObjectID)), actor.URI, d.ObjectURI, other.URI)
		undo = pub.Kind == models.PublishUndoLike
	case models.PublishFollow, models.PublishUndoFollow:
		act, err = astype.Follow(d.URI, actor.URI, other.URI)
		undo = pub.Kind == models.PublishUndoFollow
	case models.PublishBlock, models.PublishUndoBlock:
		act, err = astype.Block(orID(d.URI, astype.BlockID(actor.URI, pub.ObjectID)), actor.URI, other.URI)
		undo = pub.Kind == models.PublishUndoBlock
	case models.PublishAccept, models.PublishReject:
		return p.buildAnswer(pub, actor, other)
	default:
		return nil, fmt.Errorf("%w: unknown kind %q", errPermanent, pub.Kind)
	}
	if err != nil {
		return nil, err
	}
	var out vocab.Type = act
	if undo {
		if out, err = astype.Undo(actor.URI, act); err != nil {
			return nil, err
		}
	}
	return p.outgoing(out, []string{personalInbox(other)})
}

// buildAnswer builds the Accept or Reject of follower's Follow (d.URI) of
// actor. Its id is made from the publication's, so that a second Accept of
// a repeated Follow is not taken for a duplicate of the first.
func (p *Publisher) buildAnswer(pub *models.Publication, actor, follower *models.Account) (*outgoing, error) {
	follow, err := astype.Follow(pub.Data.URI, follower.URI, actor.URI)
	if err != nil {
		return nil, err
	}
	var act vocab.Type
	if pub.Kind == models.PublishAccept {
		act, err = astype.Accept(astype.AcceptID(actor.URI, pub.ID), actor.URI, follow)
	} else {
		act, err = astype.Reject(astype.RejectID(actor.URI, pub.ID), actor.URI, follow)
	}
	if err != nil {
		return nil, err
	}
	return p.outgoing(act, []string{personalInbox(follower)})
}

// outgoing serialises act for the queue.
func (p *Publisher) outgoing(act vocab.Type, inboxes []string) (*outgoing, error) {
	body, err := astype.Marshal(act)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errPermanent, err)
	}
	id := act.GetJSONLDId()
	if id == nil || id.Get() == nil {
		return nil, fmt.Errorf("%w: %s without an id", errPermanent, act.GetTypeName())
	}
	return &outgoing{id: id.Get().String(), body: body, inboxes: inboxes}, nil
}

// account loads an account; one that no longer exists makes the
// publication impossible.
func (p *Publisher) account(ctx context.Context, id string) (*models.Account, error) {
	a, err := p.st.AccountByID(ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return nil, fmt.Errorf("%w: account %q is gone", errPermanent, id)
	}
	return a, err
}

func orID(id, fallback string) string {
	if id != "" {
		return id
	}
	return fallback
}
