package federation

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/stoa-social/stoa/federation/astype"
	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/models"
)

// forwardBudget bounds the fetches that verify a forwarded activity.
const forwardBudget = 10 * time.Second

// errUnverified: a forwarded activity that its origin does not confirm.
var errUnverified = errors.New("forwarded activity not confirmed by its origin")

// forwarded takes an authentic request whose signer is not the activity's
// actor: inbox forwarding, where a server passes on an activity it
// received (Mastodon forwards a reply to a local post to that post's
// followers, signed by its own actor). The body is not trusted: only a
// Create, Update or Delete of one object on the actor's host is accepted,
// and only as its origin confirms it (fromOrigin). It writes the answer
// and reports true when it took the request; false leaves the refusal
// (401) to the caller.
func (in *Inbox) forwarded(w http.ResponseWriter, r *http.Request, act *astype.Activity) bool {
	switch act.Type {
	case "Create", "Update", "Delete":
	default:
		return false
	}
	if len(act.Objects) != 1 || !astype.SameHost(act.Object.ID, act.Actor) ||
		astype.SameHost(act.Actor, in.fed.site.Base()) || astype.CheckOrigin(act) != nil {
		return false
	}
	owner, err := in.owner(r)
	if err != nil {
		return false
	}
	err = in.fed.fromOrigin(withOwner(r.Context(), owner), act)
	switch {
	case err == nil:
		w.WriteHeader(http.StatusAccepted)
	case errors.Is(err, errUnverified):
		in.log.Debug("inbox: forwarded activity refused", "id", act.ID, "type", act.Type, "err", err)
		return false
	case errors.Is(err, astype.ErrForeignObject):
		writeError(w, http.StatusForbidden, err.Error())
	case expected(err):
		w.WriteHeader(http.StatusAccepted)
	default:
		in.serverError(w, r, "forwarded "+act.Type+" "+act.ID, err)
	}
	return true
}

// fromOrigin processes a forwarded activity as its origin has it: a
// created or updated status fetched by id from its host (its content,
// audience and author are the origin's, never the forwarded body's; it
// must be the actor's), then its author fetched or refreshed; a deleted
// object confirmed gone (404, 410 or a Tombstone), for an actor already
// known (an unknown one has nothing here to delete). A repeated Create of
// a stored status is done at once. An origin that disagrees is
// errUnverified, and then nothing is stored, not even the actor.
func (f *Federator) fromOrigin(ctx context.Context, act *astype.Activity) error {
	id := act.Object.ID
	if act.Type == "Create" && f.known(ctx, id) {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, forwardBudget)
	defer cancel()
	trusted := &astype.Activity{ID: act.ID, Type: act.Type, Actor: act.Actor, Object: astype.ObjectRef{ID: id}}
	switch {
	case act.Type == "Delete":
		if err := f.confirmGone(ctx, id); err != nil {
			return err
		}
		actor, err := f.st.AccountByURI(ctx, act.Actor)
		if err != nil {
			return err // not found: nothing of theirs is stored (202)
		}
		trusted.Objects = []astype.ObjectRef{trusted.Object}
		return f.onDelete(ctx, trusted, actor)
	case act.Type == "Update" && id == act.Actor: // a profile: read it from its host
		if _, err := f.deref.FetchActor(ctx, act.Actor); err != nil {
			return fmt.Errorf("%w: %v", errUnverified, err)
		}
		return nil
	}
	n, err := f.deref.Note(ctx, id)
	if err != nil || n.ID != id || n.AttributedTo != act.Actor {
		return fmt.Errorf("%w: status %s: %v", errUnverified, id, err)
	}
	actor, err := f.deref.Actor(ctx, act.Actor)
	if err != nil {
		return fmt.Errorf("%w: actor: %v", errUnverified, err)
	}
	trusted.Object = astype.ObjectRef{ID: n.ID, Type: n.Type, Note: n}
	trusted.Objects, trusted.To, trusted.Cc = []astype.ObjectRef{trusted.Object}, n.To, n.Cc
	if act.Type == "Create" {
		return f.onCreate(ctx, trusted, actor)
	}
	return f.onUpdate(ctx, trusted, actor)
}

// confirmGone checks with the origin that a forwarded Delete's object is
// gone: 410 or a Tombstone always; 404 only for a status stored as public
// or unlisted (or not stored at all), since servers also answer 404 for a
// followers-only or direct status the fetcher may not see, and trusting
// that would let any signer remove such statuses here.
func (f *Federator) confirmGone(ctx context.Context, id string) error {
	ref, err := f.deref.Object(ctx, id)
	switch {
	case err == nil && ref.Type == "Tombstone", httpclient.StatusOf(err) == http.StatusGone:
		return nil
	case httpclient.StatusOf(err) == http.StatusNotFound:
		st, serr := f.st.StatusByURI(ctx, id)
		if errors.Is(serr, models.ErrNotFound) || serr == nil &&
			(st.Visibility == models.VisibilityPublic || st.Visibility == models.VisibilityUnlisted) {
			return nil
		}
		return fmt.Errorf("%w: %s answers 404 but is not public here", errUnverified, id)
	}
	return fmt.Errorf("%w: %s is still served (%v)", errUnverified, id, err)
}
